package graph

import (
	"fmt"
	"testing"

	"github.com/parkgraph/parkgraph/model"
)

// factsStore is parksStore(n) with two areas and a status for every park.
func factsStore(n int) *fakeStore {
	s := parksStore(n)
	s.facts = map[string][]*model.Fact{}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("park-%03d", i)
		s.facts[id] = []*model.Fact{
			{ID: id + "-a", Property: "areaKm2", Value: "73", Typed: 73.0, Evidence: []*model.Evidence{{DocumentID: "doc-1", Quote: "73 km2"}}},
			{ID: id + "-b", Property: "areaKm2", Value: "70", Typed: 70.0, Evidence: []*model.Evidence{{DocumentID: "doc-1", Quote: "70 km2"}}},
			{ID: id + "-s", Property: "status", Value: "open", Typed: "open", Evidence: []*model.Evidence{{DocumentID: "doc-1", Quote: "open"}}},
		}
	}
	return s
}

func TestFactsTakeAPropertyAtNoExtraStoreCall(t *testing.T) {
	s := factsStore(3)
	resp := post(t, s, `{ parks { nodes { id all: facts { property } area: facts(property: "areaKm2") { value } none: facts(property: "nope") { value } } } }`)
	if len(resp.Errors) > 0 {
		t.Fatal(resp.Errors)
	}
	for _, n := range resp.Data["parks"].(map[string]any)["nodes"].([]any) {
		p := n.(map[string]any)
		if !hasPrefix(p["id"], "park-") {
			continue
		}
		if all, area, none := len(p["all"].([]any)), len(p["area"].([]any)), len(p["none"].([]any)); all != 3 || area != 2 || none != 0 {
			t.Errorf("%v: %d facts, %d of areaKm2, %d of nope; want 3, 2, 0", p["id"], all, area, none)
		}
	}
	if c := s.calls["Facts"]; c != 1 {
		t.Errorf("Facts called %d times, want 1", c)
	}
	if resp := post(t, s, `{ parks { nodes { facts(property: " ") { value } } } }`); len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != "INVALID" {
		t.Errorf("an empty property: want INVALID, got %v", resp.Errors)
	}
}

func hasPrefix(v any, p string) bool {
	s, _ := v.(string)
	return len(s) >= len(p) && s[:len(p)] == p
}

func TestContradictionsAndConflictsWith(t *testing.T) {
	s := factsStore(2)
	resp := post(t, s, `{
		contradictions(type: PARK, property: "areaKm2") { entity { id } property facts { value conflictsWith { value } evidence { quote } } }
		parks { nodes { id facts(property: "status") { conflictsWith { value } } } }
	}`)
	if len(resp.Errors) > 0 {
		t.Fatal(resp.Errors)
	}
	list := resp.Data["contradictions"].([]any)
	if len(list) != 2 {
		t.Fatalf("want a contradiction per park, got %v", list)
	}
	for _, x := range list {
		c := x.(map[string]any)
		facts := c["facts"].([]any)
		if c["property"] != "areaKm2" || len(facts) != 2 {
			t.Fatalf("contradiction %v", c)
		}
		f := facts[0].(map[string]any)
		other := f["conflictsWith"].([]any)
		if len(other) != 1 || other[0].(map[string]any)["value"] == f["value"] {
			t.Errorf("%v conflicts with %v", f["value"], other)
		}
	}
	for _, x := range resp.Data["parks"].(map[string]any)["nodes"].([]any) {
		for _, f := range x.(map[string]any)["facts"].([]any) {
			if c := f.(map[string]any)["conflictsWith"].([]any); len(c) != 0 {
				t.Errorf("a status of one value conflicts with %v", c)
			}
		}
	}
	for _, q := range []string{`{ contradictions(first: 501) { property } }`, `{ contradictions(property: "") { property } }`} {
		if resp := post(t, s, q); len(resp.Errors) == 0 || resp.Errors[0].Extensions["code"] != "INVALID" {
			t.Errorf("%s: want INVALID, got %v", q, resp.Errors)
		}
	}
}
