package graph

import (
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
