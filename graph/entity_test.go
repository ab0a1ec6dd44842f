package graph

import (
	"slices"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
)

// relationTypesOfSchema are the schema types that gqlgen maps to model.Relation: a hop's
// far end with the relationship's properties and evidence.
var relationTypesOfSchema = map[string]bool{"Target": true, "IndustryFocus": true, "SignedProjects": true, "Position": true}

// TestEveryHopFieldIsInTheSchema checks hopFields against the schema both ways: each
// entry names a field of its type that takes no arguments and returns what its hop
// reaches, and every such field of every entity type is an entry. A field renamed in a
// .graphqls file fails here instead of silently losing its lookahead.
func TestEveryHopFieldIsInTheSchema(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	listed := map[model.EntityType]map[string]bool{}
	for _, f := range hopFields {
		if listed[f.Type] == nil {
			listed[f.Type] = map[string]bool{}
		}
		if listed[f.Type][f.Name] {
			t.Errorf("%s.%s is listed twice", f.Type.Label(), f.Name)
		}
		listed[f.Type][f.Name] = true
		def := schema.Types[f.Type.Label()]
		if def == nil {
			t.Errorf("hop field %s.%s: the schema has no type %s", f.Type.Label(), f.Name, f.Type.Label())
			continue
		}
		field := def.Fields.ForName(f.Name)
		if field == nil {
			t.Errorf("hop field %s.%s: the schema type has no such field", f.Type.Label(), f.Name)
			continue
		}
		if len(field.Arguments) > 0 {
			t.Errorf("hop field %s.%s takes arguments; the lookahead answers only fields without", f.Type.Label(), f.Name)
		}
		named := field.Type.Name()
		switch want := f.Hop.Label.Label(); {
		case relationTypesOfSchema[named]:
		case named == "Entity" && want == "":
		case named != want:
			t.Errorf("hop field %s.%s returns %s but its hop reaches %q", f.Type.Label(), f.Name, named, want)
		}
	}
	for _, et := range model.AllEntityTypes {
		def := schema.Types[et.Label()]
		if def == nil {
			t.Errorf("the schema has no type %s", et.Label())
			continue
		}
		for _, field := range def.Fields {
			named := field.Type.Name()
			_, entity := model.EntityTypeOfLabel(named)
			if len(field.Arguments) == 0 && (entity || named == "Entity" || relationTypesOfSchema[named]) && !listed[et][field.Name] {
				t.Errorf("%s.%s returns %s but is not in hopFields", et.Label(), field.Name, named)
			}
		}
	}
}

// TestTheRelationTypeEnumIsEveryTraversalType checks the schema's RelationType enum
// against model.RelationTypes both ways, and that each value says what it means and
// whether it is curated or computed: a type added on one side only fails here.
func TestTheRelationTypeEnumIsEveryTraversalType(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	def := schema.Types["RelationType"]
	if def == nil || len(def.EnumValues) == 0 {
		t.Fatal("the schema has no enum RelationType")
	}
	inSchema := map[string]bool{}
	for _, v := range def.EnumValues {
		inSchema[v.Name] = true
		if _, ok := model.RelationTypes[v.Name]; !ok {
			t.Errorf("RelationType.%s is no type of model.RelationTypes", v.Name)
		}
		kind := "Curated."
		if v.Name == model.DerivedInvestorOrigin {
			kind = "Computed"
		}
		if !strings.HasPrefix(strings.TrimSpace(v.Description), kind) {
			t.Errorf("RelationType.%s: its description %q does not start with %q", v.Name, v.Description, kind)
		}
	}
	for name := range model.RelationTypes {
		if !inSchema[name] {
			t.Errorf("model.RelationTypes has %s, the enum RelationType does not", name)
		}
	}
}

// Each traversal asks the store for stated relationships only unless includeInferred or
// includeComputed says otherwise, and naming the computed type asks for computed ones.
func TestTraversalsFollowStatedRelationshipsUnlessAsked(t *testing.T) {
	stated := []model.DerivationKind{model.DerivationStated}
	all := []model.DerivationKind{model.DerivationStated, model.DerivationInferred, model.DerivationComputed}
	computed := []model.DerivationKind{model.DerivationStated, model.DerivationComputed}
	cases := []struct {
		name, method, query string
		want                []model.DerivationKind
	}{
		{"relations by default", "Neighbors", `{ node(id: "park-000") { ... on Park { relations { type } } } }`, stated},
		{"relations with both switches", "Neighbors", `{ node(id: "park-000") { ... on Park { relations(includeInferred: true, includeComputed: true) { type } } } }`, all},
		{"neighborhood by default", "Neighborhood", `{ neighborhood(id: "zone-a") { nodes { id } } }`, stated},
		{"neighborhood with both switches", "Neighborhood", `{ neighborhood(id: "zone-a", includeInferred: true, includeComputed: true) { nodes { id } } }`, all},
		{"neighborhood naming the computed type", "Neighborhood", `{ neighborhood(id: "zone-a", types: [TARGETS_INVESTORS_FROM]) { nodes { id } } }`, computed},
		{"shortestPath by default", "ShortestPath", `{ shortestPath(from: "park-000", to: "zone-a") { length } }`, stated},
		{"shortestPath with includeComputed", "ShortestPath", `{ shortestPath(from: "park-000", to: "zone-a", includeComputed: true) { length } }`, computed},
		{"subgraph by default", "Subgraph", `{ subgraph(ids: ["zone-a"]) { nodes { id } } }`, stated},
		{"subgraph with includeInferred", "Subgraph", `{ subgraph(ids: ["zone-a"], includeInferred: true) { nodes { id } } }`,
			[]model.DerivationKind{model.DerivationStated, model.DerivationInferred}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := parksStore(1)
			if resp := post(t, s, c.query); len(resp.Errors) > 0 {
				t.Fatalf("errors: %v", resp.Errors)
			}
			if got := s.kinds[c.method]; !slices.Equal(got, c.want) {
				t.Errorf("%s was asked for %v, want %v", c.method, got, c.want)
			}
		})
	}
}

// A relationship type that is no value of the enum, given as a variable, fails
// validation with a code, before any store call.
func TestAnUnknownRelationTypeInAVariableFailsValidation(t *testing.T) {
	s := parksStore(1)
	_, resp := postWith(t, s, Limits{}, `query($types: [RelationType!]) { neighborhood(id: "zone-a", types: $types) { nodes { id } } }`,
		map[string]any{"types": []string{"PART_OF", "MENTIONS"}})
	if len(resp.Errors) == 0 {
		t.Fatalf("no error; data %v", resp.Data)
	}
	if code := resp.Errors[0].Extensions["code"]; code != "GRAPHQL_VALIDATION_FAILED" {
		t.Errorf("code %v (%q), want GRAPHQL_VALIDATION_FAILED", code, resp.Errors[0].Message)
	}
	if n := s.total(); n != 0 {
		t.Errorf("%d store calls, want none", n)
	}
}
