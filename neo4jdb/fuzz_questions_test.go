package neo4jdb

import (
	"testing"

	"github.com/parkgraph/parkgraph/model"
)

// FuzzResolveQuery checks that the names a filter gives reach the resolve query only as
// parameters: its Cypher is the constant template, or none when no single-entity filter is
// set, and each name is a parameter value, normalised.
func FuzzResolveQuery(f *testing.F) {
	f.Add(uint32(1<<5|1<<9), "High-tech Zone", `x"}) DETACH DELETE n //`)
	f.Fuzz(func(t *testing.T, shape uint32, a, b string) {
		filter := filterOf(shape, a, b)
		cypher, params := resolveQuery(filter)
		set := 0
		for _, n := range namedFilters(&filter) {
			if *n.field != "" {
				set++
			}
		}
		if set == 0 {
			if cypher != "" {
				t.Fatalf("no single-entity filter, yet a read:\n%s", cypher)
			}
			return
		}
		if cypher != resolveTemplate {
			t.Fatalf("the Cypher is not the template:\n%s", cypher)
		}
		names, _ := params["names"].([]any)
		if len(names) != set {
			t.Fatalf("%d filters set, %d names", set, len(names))
		}
		for _, x := range names {
			key := x.(map[string]any)["key"]
			if key != matchKey(a) && key != matchKey(b) {
				t.Errorf("key %q is neither value (normalised)", key)
			}
		}
	})
}

// FuzzContradictionsQuery checks that the property reaches the contradictions query only
// as a parameter.
func FuzzContradictionsQuery(f *testing.F) {
	f.Add("areaKm2", uint8(0))
	f.Fuzz(func(t *testing.T, property string, typ uint8) {
		types := model.AllEntityTypes
		var of *model.EntityType
		label := "Entity"
		if int(typ) < len(types) {
			of, label = &types[typ], types[typ].Label()
		}
		cypher, params, err := contradictionsQuery(of, property)
		if err != nil {
			t.Fatal(err)
		}
		if cypher != fill(contradictionsTemplate, "label", label) {
			t.Fatalf("the Cypher is not the template:\n%s", cypher)
		}
		if want := any(property); property == "" && params["property"] != nil || property != "" && params["property"] != want {
			t.Errorf("$property = %v for %q", params["property"], property)
		}
	})
}
