package graph

import (
	"testing"

	"github.com/parkgraph/parkgraph/model"
)

func TestBreakdownsAndCrossTabsRefuseWhatTheyCannotAnswerBeforeAnyDatabaseWork(t *testing.T) {
	for name, q := range map[string]string{
		"a where field the type's list does not take": `{ breakdown(of: PARK, by: INDUSTRY, where: {region: "Chongqing"}) { count } }`,
		"investorOrigin for a type without targets":   `{ breakdown(of: COMPANY, by: DISTRICT, where: {investorOrigin: "Taiwan"}) { count } }`,
		"investorOrigin beside targets":               `{ breakdown(of: ZONE, by: DISTRICT, where: {investorOrigin: "Taiwan", targets: {industry: "biotech"}}) { count } }`,
		"firstRows above its bound":                   `{ crossTab(of: PARK, rows: INDUSTRY, columns: ZONE, firstRows: 501, firstColumns: 1) { total } }`,
		"more cells than the cap":                     `{ crossTab(of: PARK, rows: INDUSTRY, columns: ZONE, firstRows: 51, firstColumns: 50) { total } }`,
		"a crossTab where field that does not apply":  `{ crossTab(of: INDUSTRY, rows: INDUSTRY, columns: ZONE, where: {zone: "zone-a"}) { total } }`,
		"a crossTab at a date that is none":           `{ crossTab(of: PARK, rows: INDUSTRY, columns: ZONE, asOf: "May 2009") { total } }`,
	} {
		t.Run(name, func(t *testing.T) {
			s := parksStore(1)
			resp := post(t, s, q)
			if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != string(model.CodeInvalid) || s.total() != 0 {
				t.Fatalf("want one INVALID error and no store call, got %+v and %d calls", resp.Errors, s.total())
			}
		})
	}
}

func TestABreakdownWhereReachesTheStoreAsTheListsFilter(t *testing.T) {
	s := parksStore(1)
	if resp := post(t, s, `{ breakdown(of: ZONE, by: DISTRICT, where: {investorOrigin: "Taiwan", zone: "Zone A", nameContains: "zone"}, asOf: "2009") { count } }`); len(resp.Errors) > 0 {
		t.Fatal(resp.Errors)
	}
	f := s.filter
	if f.Type != model.EntityTypeZone || f.AsOf != "2009" || f.Zone != "Zone A" || f.NameContains != "zone" ||
		f.Targets == nil || f.Targets.Industry != nil || f.Targets.InvestorOrigin == nil || *f.Targets.InvestorOrigin != "Taiwan" {
		t.Errorf("the store got %+v", f)
	}
	if resp := post(t, s, `{ crossTab(of: PARK, rows: INDUSTRY, columns: INDUSTRY, firstRows: 50, firstColumns: 50, where: {district: "Fuling"}) { total cells } }`); len(resp.Errors) > 0 {
		t.Fatalf("50 x 50 cells, rows and columns the same key: %v", resp.Errors)
	}
	if s.filter.Type != model.EntityTypePark || s.filter.District != "Fuling" {
		t.Errorf("the store got %+v", s.filter)
	}
}
