package graph

import "github.com/parkgraph/parkgraph/model"

// The functions below map each list's where input to the store's EntityFilter. A nil
// where selects every entity of the type.

func zoneFilter(w *ZoneWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypeZone}
	if w != nil {
		f.NameContains, f.Industry, f.Targets = deref(w.NameContains), deref(w.Industry), w.Targets
		f.Zone, f.District, f.Region, f.Company = deref(w.Zone), deref(w.District), deref(w.Region), deref(w.Company)
		f.Ranges = ranges(dates(model.PropApprovedOn, w.ApprovedOn), dates(model.PropEstablishedOn, w.EstablishedOn), numbers(model.PropAreaKm2, w.AreaKm2))
	}
	return f
}

func parkFilter(w *ParkWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypePark}
	if w != nil {
		f.NameContains, f.Industry, f.Targets = deref(w.NameContains), deref(w.Industry), w.Targets
		f.Zone, f.District, f.Company = deref(w.Zone), deref(w.District), deref(w.Company)
		f.Ranges = ranges(numbers(model.PropAreaKm2, w.AreaKm2))
	}
	return f
}

func districtFilter(w *DistrictWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypeDistrict}
	if w != nil {
		f.NameContains, f.Industry, f.Targets = deref(w.NameContains), deref(w.Industry), w.Targets
		f.Region, f.ParticipatedIn = deref(w.Region), deref(w.ParticipatedIn)
		f.Ranges = ranges(numbers(model.PropAreaKm2, w.AreaKm2))
	}
	return f
}

func regionFilter(w *RegionWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypeRegion}
	if w != nil {
		f.NameContains, f.Region = deref(w.NameContains), deref(w.Within)
	}
	return f
}

func industryFilter(w *IndustryWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypeIndustry}
	if w != nil {
		f.NameContains, f.SubsectorOf = deref(w.NameContains), deref(w.SubsectorOf)
	}
	return f
}

func companyFilter(w *CompanyWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypeCompany}
	if w != nil {
		f.NameContains, f.Industry, f.HostedIn = deref(w.NameContains), deref(w.Industry), deref(w.HostedIn)
		f.District, f.Region = deref(w.District), deref(w.Region)
	}
	return f
}

func organizationFilter(w *OrganizationWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypeOrganization}
	if w != nil {
		f.NameContains, f.HostedIn = deref(w.NameContains), deref(w.HostedIn)
		f.District, f.Region = deref(w.District), deref(w.Region)
	}
	return f
}

func eventFilter(w *EventWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypeEvent}
	if w != nil {
		f.NameContains, f.Participant = deref(w.NameContains), deref(w.Participant)
		f.Ranges = ranges(dates(model.PropHeldOn, w.HeldOn), numbers(model.PropProjectCount, w.ProjectCount), numbers(model.PropAmountCny, w.AmountCny))
		f.District, f.Region = deref(w.District), deref(w.Region)
	}
	return f
}

func projectFilter(w *ProjectWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypeProject}
	if w != nil {
		f.NameContains, f.HostedIn = deref(w.NameContains), deref(w.HostedIn)
		f.District, f.Region = deref(w.District), deref(w.Region)
	}
	return f
}

func policyFilter(w *PolicyWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypePolicy}
	if w != nil {
		f.NameContains, f.IssuedBy, f.Industry = deref(w.NameContains), deref(w.IssuedBy), deref(w.Industry)
	}
	return f
}

func personFilter(w *PersonWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypePerson}
	if w != nil {
		f.NameContains = deref(w.NameContains)
	}
	return f
}

func placeFilter(w *PlaceWhere) model.EntityFilter {
	f := model.EntityFilter{Type: model.EntityTypePlace}
	if w != nil {
		f.NameContains, f.District, f.Region = deref(w.NameContains), deref(w.District), deref(w.Region)
	}
	return f
}

// dates turns a DateRange on property into a Range, or nil when r is nil.
func dates(property string, r *DateRange) *model.Range {
	if r == nil {
		return nil
	}
	rg := &model.Range{Property: property, Date: true}
	if r.From != nil {
		rg.Min = *r.From
	}
	if r.To != nil {
		rg.Max = *r.To
	}
	return rg
}

// numbers turns a FloatRange on property into a Range, or nil when r is nil.
func numbers(property string, r *FloatRange) *model.Range {
	if r == nil {
		return nil
	}
	rg := &model.Range{Property: property}
	if r.Min != nil {
		rg.Min = *r.Min
	}
	if r.Max != nil {
		rg.Max = *r.Max
	}
	return rg
}

func ranges(rs ...*model.Range) []model.Range {
	var out []model.Range
	for _, r := range rs {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out
}

// breakdownFilter maps the where of a breakdown or crossTab to the store's filter of the
// entities of type of at asOf. A field of where applies to of when the where input of
// of's list (ParkWhere for PARK) has it, investorOrigin when that input has targets;
// another field, or investorOrigin given with targets, is INVALID. A nil where selects
// every entity of the type.
func breakdownFilter(of model.EntityType, w *BreakdownWhere, asOf string) (model.EntityFilter, error) {
	f := model.EntityFilter{Type: of, AsOf: asOf}
	if w == nil {
		return f, nil
	}
	listWhere := of.Label() + "Where"
	input := parsedSchema.Types[listWhere]
	for _, field := range []struct {
		name, listField string
		given           bool
	}{
		{"nameContains", "nameContains", deref(w.NameContains) != ""},
		{"industry", "industry", deref(w.Industry) != ""},
		{"investorOrigin", "targets", deref(w.InvestorOrigin) != ""},
		{"targets", "targets", w.Targets != nil},
		{"zone", "zone", deref(w.Zone) != ""},
		{"district", "district", deref(w.District) != ""},
		{"region", "region", deref(w.Region) != ""},
	} {
		if field.given && (input == nil || input.Fields.ForName(field.listField) == nil) {
			return f, model.Errorf(model.CodeInvalid, "where.%s does not apply to %s: %s has no %s", field.name, of, listWhere, field.listField)
		}
	}
	f.NameContains, f.Industry, f.Targets = deref(w.NameContains), deref(w.Industry), w.Targets
	if deref(w.InvestorOrigin) != "" {
		if w.Targets != nil {
			return f, model.Errorf(model.CodeInvalid, "where: give investorOrigin or targets, not both (targets: {industry, investorOrigin} holds both on one TARGETS edge)")
		}
		f.Targets = &model.TargetFilter{InvestorOrigin: w.InvestorOrigin}
	}
	f.Zone, f.District, f.Region = deref(w.Zone), deref(w.District), deref(w.Region)
	return f, nil
}
