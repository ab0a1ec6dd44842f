package graph

import (
	"slices"
	"testing"

	"github.com/parkgraph/parkgraph/model"
)

func TestMatchChecksItsArgumentsBeforeTheStore(t *testing.T) {
	for _, c := range []struct{ name, args string }{
		{"a type that is no place", `industry: "biotech", of: [COMPANY]`},
		{"a place type beside one that is not", `industry: "biotech", of: [PARK, INDUSTRY]`},
		{"no type at all", `industry: "biotech", of: []`},
		{"first over its bound", `industry: "biotech", first: 51`},
		{"a negative first", `industry: "biotech", first: -1`},
		{"a blank industry", `industry: "  "`},
		{"a blank origin", `industry: "biotech", investorOrigin: ""`},
		{"an asOf that is no date", `industry: "biotech", asOf: "soon"`},
	} {
		t.Run(c.name+" is INVALID", func(t *testing.T) {
			s := newFakeStore()
			resp := post(t, s, `{ match(`+c.args+`) { score } }`)
			if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "INVALID" {
				t.Fatalf("errors = %+v, want one INVALID", resp.Errors)
			}
			if s.total() != 0 {
				t.Errorf("the store was called %v", s.calls)
			}
		})
	}
}

func TestMatchAsksTheStoreOnceWithTheDefaults(t *testing.T) {
	s := newFakeStore()
	resp := post(t, s, `{ match(industry: "biotech", investorOrigin: "Taiwanese") { score parts { rule } } }`)
	if len(resp.Errors) != 0 {
		t.Fatal(resp.Errors)
	}
	if s.calls["Match"] != 1 || s.total() != 1 {
		t.Fatalf("store calls = %v, want one Match", s.calls)
	}
	q := s.matched[0]
	want := model.MatchQuery{Industry: "biotech", InvestorOrigin: "Taiwanese", Of: model.MatchPlaceTypes, First: model.MatchPage.Default}
	if q.Industry != want.Industry || q.InvestorOrigin != want.InvestorOrigin || !slices.Equal(q.Of, want.Of) || q.First != want.First || q.AsOf != "" {
		t.Errorf("the store was asked %+v, want %+v", q, want)
	}

	s = newFakeStore()
	post(t, s, `{ match(industry: "biotech", of: [PARK, PARK], first: 3, asOf: "2009") { score } }`)
	if q := s.matched[0]; !slices.Equal(q.Of, []model.EntityType{model.EntityTypePark}) || q.First != 3 || q.AsOf != "2009" || q.InvestorOrigin != "" {
		t.Errorf("the store was asked %+v, want parks once, first 3, asOf 2009 and no origin", q)
	}
}
