package seeds

import (
	"slices"

	"github.com/parkgraph/parkgraph/model"
)

// The loader's rules: every relationship the loader adds to the curated ones comes from
// one of them, and records its name, its statement and the relationships it came from
// (model.Derivation). README.md lists them; a test checks the list against Rules.

// Rule is one way the loader derives relationships: an inference from stated
// relationships, or a computation from a property or from the documents' text.
type Rule struct {
	model.Rule
	Kind model.DerivationKind
}

// The rules.
var (
	// DistrictTargetsOfZonePark is the only inference rule. Document 000 lists the parks
	// of the cooperation zone and then, area by area, "its focus is on attracting
	// Taiwanese ...": the focus is stated for the district (or the High-tech Zone) that
	// hosts each park, and applies to the park in the cooperation zone. It holds only for
	// a park that is directly part of a zone, for the area it is directly located in, for
	// targets that name the investors' region, and when one document states both the
	// park's membership of the zone and the area's targets, so that the two statements
	// are read together as that document does.
	DistrictTargetsOfZonePark = Rule{model.Rule{
		Name: "district-targets-apply-to-its-zone-park",
		Statement: "A park that is part of a zone and located in a district (or another zone) that targets an industry from a region's investors targets that industry from the same investors, " +
			"when one document states both the park's part in the zone and the district's targets.",
	}, model.DerivationInferred}

	// InvestorOrigins puts the region of every TARGETS investorOrigin one hop away.
	InvestorOrigins = Rule{model.Rule{
		Name:      "targets-investors-from-origin",
		Statement: "An entity with TARGETS relationships that name an investorOrigin gets one TARGETS_INVESTORS_FROM relationship to each such region, with their evidence.",
	}, model.DerivationComputed}

	// MentionsByName computes the MENTIONS relationships (see Mentions).
	MentionsByName = Rule{model.Rule{
		Name:      "mentions-by-name",
		Statement: "A document mentions an entity when its text names it by name or alias as whole words (longer names first) or when it is cited as the entity's evidence.",
	}, model.DerivationComputed}
)

// Rules lists every rule, inference rules first, in the order derive applies them.
var Rules = []Rule{DistrictTargetsOfZonePark, InvestorOrigins, MentionsByName}

// derive adds to ds, whose relations are all stated, the relations the rules derive:
// the inferred ones (from stated relations only, so inferences never chain), then the
// computed TARGETS_INVESTORS_FROM (from stated and inferred TARGETS alike). An inferred
// relation that is also stated is left out: the stated one stands.
func derive(ds *model.Dataset) {
	types := make(map[string]model.EntityType, len(ds.Entities))
	for _, e := range ds.Entities {
		types[e.ID] = e.Type
	}
	stated := make(map[string]bool, len(ds.Relations))
	for _, r := range ds.Relations {
		stated[r.ID] = true
	}
	for _, r := range districtTargetsOfZoneParks(ds.Relations, types) {
		if !stated[r.ID] {
			ds.Relations = append(ds.Relations, r)
		}
	}
	ds.Relations = append(ds.Relations, investorOrigins(ds.Relations)...)
}

// districtTargetsOfZoneParks applies DistrictTargetsOfZonePark to the stated relations:
// for P PART_OF zone Z, P LOCATED_IN D (a district or a zone other than Z), and
// D TARGETS I {investorOrigin: O}, where one document is cited both for P PART_OF Z and
// for D TARGETS I, it derives P TARGETS I {investorOrigin: O}, from those three
// relations and with their evidence, for the period in which all three hold (none
// when there is no such period). The result is in the order of the stated relations.
func districtTargetsOfZoneParks(stated []*model.RelationRecord, types map[string]model.EntityType) []*model.RelationRecord {
	from := map[string]map[string][]*model.RelationRecord{} // type -> from -> relations
	for _, r := range stated {
		if from[r.Type] == nil {
			from[r.Type] = map[string][]*model.RelationRecord{}
		}
		from[r.Type][r.From] = append(from[r.Type][r.From], r)
	}
	byID := map[string]*model.RelationRecord{}
	var out []*model.RelationRecord
	for _, partOf := range stated {
		if partOf.Type != "PART_OF" || types[partOf.From] != model.EntityTypePark || types[partOf.To] != model.EntityTypeZone {
			continue
		}
		for _, located := range from["LOCATED_IN"][partOf.From] {
			area := located.To
			if area == partOf.To || (types[area] != model.EntityTypeDistrict && types[area] != model.EntityTypeZone) {
				continue
			}
			for _, targets := range from["TARGETS"][area] {
				origin, _ := targets.Props[model.PropInvestorOrigin].(string)
				if origin == "" || !shareDocument(partOf.Evidence, targets.Evidence) {
					continue
				}
				period, ok := partOf.Period.Within(located.Period)
				if ok {
					period, ok = period.Within(targets.Period)
				}
				if !ok {
					continue
				}
				rec := &model.RelationRecord{Type: "TARGETS", From: partOf.From, To: targets.To,
					Props: map[string]any{model.PropInvestorOrigin: origin}, Period: period}
				rec.ID = RelationID(rec)
				d, seen := byID[rec.ID]
				if !seen {
					d = rec
					d.Derivation = model.DerivedBy(DistrictTargetsOfZonePark.Kind, DistrictTargetsOfZonePark.Rule, nil)
					byID[rec.ID] = d
					out = append(out, d)
				}
				for _, premise := range []*model.RelationRecord{targets, located, partOf} {
					if !slices.Contains(d.Derivation.DerivedFrom, premise.ID) {
						d.Derivation.DerivedFrom = append(d.Derivation.DerivedFrom, premise.ID)
					}
					d.Evidence = addEvidence(d.Evidence, premise.Evidence)
				}
			}
		}
	}
	return out
}

// shareDocument reports whether a and b cite one document.
func shareDocument(a, b []*model.Evidence) bool {
	for _, x := range a {
		for _, y := range b {
			if x.DocumentID == y.DocumentID {
				return true
			}
		}
	}
	return false
}

// investorOrigins applies InvestorOrigins: one TARGETS_INVESTORS_FROM relation from each
// entity to each region its TARGETS relations name as investorOrigin, derived from
// those TARGETS relations and with their evidence, so that the region is one hop away
// in traversals. Its period spans theirs: it holds whenever one of them may (the
// TARGETS relations themselves say exactly when).
func investorOrigins(rels []*model.RelationRecord) []*model.RelationRecord {
	byPair := map[[2]string]*model.RelationRecord{}
	var out []*model.RelationRecord
	for _, rec := range rels {
		origin, _ := rec.Props[model.PropInvestorOrigin].(string)
		if rec.Type != "TARGETS" || origin == "" {
			continue
		}
		k := [2]string{rec.From, origin}
		d, ok := byPair[k]
		if !ok {
			d = &model.RelationRecord{Type: model.DerivedInvestorOrigin, From: rec.From, To: origin, Props: map[string]any{},
				Derivation: model.DerivedBy(InvestorOrigins.Kind, InvestorOrigins.Rule, nil), Period: rec.Period}
			byPair[k] = d
			out = append(out, d)
		}
		d.Period = d.Period.Spanning(rec.Period)
		d.Derivation.DerivedFrom = append(d.Derivation.DerivedFrom, rec.ID)
		d.Evidence = addEvidence(d.Evidence, rec.Evidence)
	}
	for _, d := range out {
		d.ID = RelationID(d)
	}
	return out
}

// addEvidence appends to list the items of more it does not hold yet.
func addEvidence(list, more []*model.Evidence) []*model.Evidence {
	for _, ev := range more {
		if !containsEvidence(list, ev) {
			list = append(list, ev)
		}
	}
	return list
}
