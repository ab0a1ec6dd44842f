package seeds

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
)

// ruleWorld builds the premises of DistrictTargetsOfZonePark: park P in zone Z and in
// district D, D targeting biotech from Taiwan. Each relation cites the document given.
type ruleWorld struct {
	types map[string]model.EntityType
	rels  []*model.RelationRecord
}

func newRuleWorld() *ruleWorld {
	return &ruleWorld{types: map[string]model.EntityType{
		"p": model.EntityTypePark, "sub": model.EntityTypePark, "z": model.EntityTypeZone, "z2": model.EntityTypeZone,
		"d": model.EntityTypeDistrict, "r": model.EntityTypeRegion, "biotech": model.EntityTypeIndustry, "taiwan": model.EntityTypeRegion,
	}}
}

func (w *ruleWorld) rel(typ, from, to, doc string, props map[string]any) *ruleWorld {
	if props == nil {
		props = map[string]any{}
	}
	r := &model.RelationRecord{Type: typ, From: from, To: to, Props: props, Derivation: model.Stated(),
		Evidence: []*model.Evidence{{DocumentID: doc, Quote: fmt.Sprintf("%s %s %s", from, typ, to)}}}
	r.ID = RelationID(r)
	w.rels = append(w.rels, r)
	return w
}

var fromTaiwan = map[string]any{model.PropInvestorOrigin: "taiwan"}

func TestADistrictsTargetsApplyToItsParkInAZoneOnly(t *testing.T) {
	base := func() *ruleWorld {
		return newRuleWorld().rel("PART_OF", "p", "z", "doc-a", nil).rel("LOCATED_IN", "p", "d", "doc-a", nil)
	}
	cases := []struct {
		name string
		w    *ruleWorld
		want []string // "from -> to" of the inferred TARGETS
	}{
		{"a park of a zone in a district that targets Taiwanese biotech", base().rel("TARGETS", "d", "biotech", "doc-a", fromTaiwan), []string{"p -> biotech"}},
		{"the same for a park in another zone (as the High-tech Zone Industrial Park is)",
			newRuleWorld().rel("PART_OF", "p", "z", "doc-a", nil).rel("LOCATED_IN", "p", "z2", "doc-a", nil).rel("TARGETS", "z2", "biotech", "doc-a", fromTaiwan), []string{"p -> biotech"}},
		{"not when the district's targets come from another document", base().rel("TARGETS", "d", "biotech", "doc-b", fromTaiwan), nil},
		{"not when the district's targets name no investors", base().rel("TARGETS", "d", "biotech", "doc-a", nil), nil},
		{"not for a sub-park, part of a park rather than a zone",
			newRuleWorld().rel("PART_OF", "sub", "p", "doc-a", nil).rel("LOCATED_IN", "sub", "d", "doc-a", nil).rel("TARGETS", "d", "biotech", "doc-a", fromTaiwan), nil},
		{"not from the zone the park is part of",
			newRuleWorld().rel("PART_OF", "p", "z", "doc-a", nil).rel("LOCATED_IN", "p", "z", "doc-a", nil).rel("TARGETS", "z", "biotech", "doc-a", fromTaiwan), nil},
		{"not from a region the park is located in",
			newRuleWorld().rel("PART_OF", "p", "z", "doc-a", nil).rel("LOCATED_IN", "p", "r", "doc-a", nil).rel("TARGETS", "r", "biotech", "doc-a", fromTaiwan), nil},
		{"not for a park located in the district but part of no zone",
			newRuleWorld().rel("LOCATED_IN", "p", "d", "doc-a", nil).rel("TARGETS", "d", "biotech", "doc-a", fromTaiwan), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, r := range districtTargetsOfZoneParks(c.w.rels, c.w.types) {
				got = append(got, r.From+" -> "+r.To)
				if r.Type != "TARGETS" || r.Props[model.PropInvestorOrigin] != "taiwan" || r.Derivation.Kind != model.DerivationInferred ||
					*r.Derivation.Rule != DistrictTargetsOfZonePark.Name || len(r.Derivation.DerivedFrom) != 3 || len(r.Evidence) != 3 {
					t.Errorf("inferred %+v with derivation %+v", r, r.Derivation)
				}
			}
			if strings.Join(got, ", ") != strings.Join(c.want, ", ") {
				t.Errorf("inferred %v, want %v", got, c.want)
			}
		})
	}
}

func TestAStatedRelationStandsOverTheSameInferredOne(t *testing.T) {
	w := newRuleWorld().rel("PART_OF", "p", "z", "doc-a", nil).rel("LOCATED_IN", "p", "d", "doc-a", nil).
		rel("TARGETS", "d", "biotech", "doc-a", fromTaiwan).rel("TARGETS", "p", "biotech", "doc-a", fromTaiwan)
	ds := &model.Dataset{Relations: w.rels}
	for id, t := range w.types {
		ds.Entities = append(ds.Entities, &model.EntityRecord{EntityBase: model.EntityBase{ID: id, Type: t}})
	}
	derive(ds)
	kinds := map[string]model.DerivationKind{}
	for _, r := range ds.Relations {
		if _, dup := kinds[r.ID]; dup {
			t.Errorf("%s is in the dataset twice", r.ID)
		}
		kinds[r.ID] = r.Derivation.Kind
	}
	if k := kinds[w.rels[3].ID]; k != model.DerivationStated {
		t.Errorf("the park's TARGETS is %s, want the stated one", k)
	}
}

// TestTheRulesInferExactlyTheReviewedRelations lists every relation the inference rules
// derive from the real seeds. Each was checked against its documents; a new one must be
// reviewed and added here.
func TestTheRulesInferExactlyTheReviewedRelations(t *testing.T) {
	ds, err := Load(FS)
	if err != nil {
		t.Fatal(err)
	}
	reviewed := []string{
		// doc-000: "The Chongqing High-tech Zone ... It primarily focuses on attracting Taiwanese
		// electronics and information industries."; its park of the cooperation zone lies in it.
		"chongqing-high-tech-zone-industrial-park TARGETS electronic-information from taiwan (chongqing-high-tech-zone)",
		// doc-000: "The Fuling District ... Its focus is on attracting Taiwanese biotechnology and
		// agriculture, and food industries."
		"fuling-district-industrial-park TARGETS biotechnology from taiwan (fuling-district)",
		"fuling-district-industrial-park TARGETS agriculture-and-food from taiwan (fuling-district)",
		// doc-000: "The Yongchuan District ... Its focus is on attracting the Taiwanese intelligent
		// manufacturing industry."
		"yongchuan-district-industrial-park TARGETS intelligent-manufacturing from taiwan (yongchuan-district)",
	}
	byID := map[string]*model.RelationRecord{}
	for _, r := range ds.Relations {
		byID[r.ID] = r
	}
	var got []string
	for _, r := range ds.Relations {
		if r.Derivation == nil {
			t.Fatalf("%s has no derivation", r.ID)
		}
		if r.Derivation.Kind == model.DerivationStated {
			continue
		}
		for _, id := range r.Derivation.DerivedFrom {
			premise, ok := byID[id]
			switch {
			case !ok:
				t.Errorf("%s is derived from %s, which is not in the dataset", r.ID, id)
			case r.Derivation.Kind == model.DerivationInferred && premise.Derivation.Kind != model.DerivationStated:
				t.Errorf("%s is inferred from %s, which is %s: inferences come from stated relations only", r.ID, id, premise.Derivation.Kind)
			}
		}
		if len(r.Evidence) == 0 {
			t.Errorf("%s has no evidence", r.ID)
		}
		if r.Derivation.Kind != model.DerivationInferred {
			continue
		}
		if !model.RelationTypes[r.Type].Allows(typeOf(ds, r.From), typeOf(ds, r.To)) {
			t.Errorf("%s: the rule derived a relation its type does not allow", r.ID)
		}
		area := byID[r.Derivation.DerivedFrom[0]].From
		got = append(got, fmt.Sprintf("%s %s %s from %v (%s)", r.From, r.Type, r.To, r.Props[model.PropInvestorOrigin], area))
	}
	slices.Sort(got)
	slices.Sort(reviewed)
	if strings.Join(got, "\n") != strings.Join(reviewed, "\n") {
		t.Errorf("the rules infer:\n%s\nreviewed:\n%s", strings.Join(got, "\n"), strings.Join(reviewed, "\n"))
	}
}

func typeOf(ds *model.Dataset, id string) model.EntityType {
	for _, e := range ds.Entities {
		if e.ID == id {
			return e.Type
		}
	}
	return ""
}

// TestTheReadmeListsEveryRule checks the rules table of seeds/README.md against Rules:
// each rule's name, kind and statement, word for word.
func TestTheReadmeListsEveryRule(t *testing.T) {
	rows := readmeTable(t, "Derived relationships")
	documented := map[string][]string{}
	for _, row := range rows {
		documented[strings.Trim(row[0], "`")] = row
	}
	for _, r := range Rules {
		row, ok := documented[r.Name]
		if !ok {
			t.Errorf("rule %s is not in the README's table", r.Name)
			continue
		}
		if len(row) != 4 || row[1] != r.Kind.Stored() || row[3] != r.Statement {
			t.Errorf("rule %s: the README says %q, the code %s, %q", r.Name, row, r.Kind.Stored(), r.Statement)
		}
		delete(documented, r.Name)
	}
	for name := range documented {
		t.Errorf("the README lists %q, which is no rule", name)
	}
}

func TestAnInferredRelationHoldsWhileAllItsPremisesHold(t *testing.T) {
	w := newRuleWorld().rel("PART_OF", "p", "z", "doc-a", nil).rel("LOCATED_IN", "p", "d", "doc-a", nil).
		rel("TARGETS", "d", "biotech", "doc-a", fromTaiwan)
	w.rels[0].Period = model.Period{ValidFrom: "2007-12", ValidTo: "2010-06"}
	w.rels[2].Period = model.Period{ValidFrom: "2009"}
	got := districtTargetsOfZoneParks(w.rels, w.types)
	if len(got) != 1 || got[0].Period != (model.Period{ValidFrom: "2009", ValidTo: "2010-06"}) {
		t.Fatalf("inferred %+v, want one TARGETS from 2009 to 2010-06", got)
	}
	w.rels[2].Period = model.Period{ValidFrom: "2011"}
	if got := districtTargetsOfZoneParks(w.rels, w.types); len(got) != 0 {
		t.Errorf("inferred %+v from premises that never hold together", got[0])
	}
}
