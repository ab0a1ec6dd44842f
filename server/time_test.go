package main

import (
	"slices"
	"strings"
	"testing"
)

// TestTheGraphAnswersForThePresentAndForADateAskedFor checks the periods document 004
// gives: from the end of 2007 until June 2010 the "three zones in one" management system
// held, the North New Area High-tech Park belonged to the High-tech Zone, and the zone
// covered 70 square kilometres; since October 2010 it covers 73.
func TestTheGraphAnswersForThePresentAndForADateAskedFor(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	type fact struct {
		Property  string  `json:"property"`
		Value     string  `json:"value"`
		ValidFrom *string `json:"validFrom"`
		ValidTo   *string `json:"validTo"`
		Evidence  []evidence
	}
	type relation struct {
		Type      string  `json:"type"`
		Node      named   `json:"node"`
		ValidFrom *string `json:"validFrom"`
		ValidTo   *string `json:"validTo"`
	}
	type answer struct {
		Zone struct {
			AreaKm2   []float64  `json:"areaKm2"`
			Parks     []named    `json:"parks"`
			Facts     []fact     `json:"facts"`
			Relations []relation `json:"relations"`
		} `json:"zone"`
		Parks struct {
			Nodes []named `json:"nodes"`
		} `json:"parks"`
		Small struct {
			Nodes []named `json:"nodes"`
		} `json:"small"`
		System struct {
			Relations []relation `json:"relations"`
		} `json:"system"`
		Neighborhood struct {
			Nodes []named `json:"nodes"`
		} `json:"neighborhood"`
		ByZone []struct {
			Entity named `json:"entity"`
			Count  int   `json:"count"`
		} `json:"byZone"`
	}
	const q = `query($asOf: String) {
		zone: node(id: "chongqing-high-tech-zone", asOf: $asOf) { ... on Zone { areaKm2 parks { id name }
			facts { property value validFrom validTo evidence { quote document { id text } } }
			relations(types: [IMPLEMENTED_IN, PART_OF], direction: IN) { type node { id } validFrom validTo } } }
		parks(where: {zone: "chongqing-high-tech-zone"}, asOf: $asOf) { nodes { id name } }
		small: zones(where: {areaKm2: {max: 71}}, asOf: $asOf) { nodes { id name } }
		system: node(id: "three-zones-in-one-management-system", asOf: $asOf) { ... on Policy {
			relations(types: [IMPLEMENTED_IN]) { type node { id } validFrom validTo } } }
		neighborhood(id: "north-new-area-high-tech-park", asOf: $asOf) { nodes { id } }
		byZone: breakdown(of: PARK, by: ZONE, asOf: $asOf) { entity { id } count }
	}`
	areas := func(a answer) []float64 { s := slices.Clone(a.Zone.AreaKm2); slices.Sort(s); return s }
	count := func(a answer, zone string) int {
		for _, b := range a.ByZone {
			if b.Entity.ID == zone {
				return b.Count
			}
		}
		return 0
	}
	const park, zone = "north-new-area-high-tech-park", "chongqing-high-tech-zone"

	var now, then, after answer
	query(t, srv.URL, q, map[string]any{"asOf": nil}, &now)
	query(t, srv.URL, q, map[string]any{"asOf": "2009"}, &then)
	query(t, srv.URL, q, map[string]any{"asOf": "2010-07"}, &after)

	// The present: 73 since October 2010 and 70 as the newly planned zone; not the 70 of
	// 2007 to 2010, whose fact is left out.
	if got := areas(now); !slices.Equal(got, []float64{70, 73}) {
		t.Errorf("areaKm2 now = %v, want [70 73]", got)
	}
	for _, f := range now.Zone.Facts {
		if f.ValidTo != nil {
			t.Errorf("a fact of an ended period is shown for the present: %+v", f)
		}
	}
	// 2009: the 70 of the period, and the newly planned 70 (which gives no period); not 73.
	if got := areas(then); !slices.Equal(got, []float64{70}) {
		t.Errorf("areaKm2 in 2009 = %v, want [70]", got)
	}
	sawPeriod := false
	for _, f := range then.Zone.Facts {
		if f.Property == "areaKm2" && f.ValidFrom != nil {
			if *f.ValidFrom != "2007-12" || f.ValidTo == nil || *f.ValidTo != "2010-06" || f.Value != "70" {
				t.Errorf("areaKm2 fact of 2009 = %+v, want 70 from 2007-12 to 2010-06", f)
			}
			for _, e := range f.Evidence {
				if !strings.Contains(e.Document.Text, e.Quote) {
					t.Errorf("quote %q not in %s", e.Quote, e.Document.ID)
				}
			}
			sawPeriod = strings.Contains(f.Evidence[0].Quote, "During this period")
		}
		if f.Property == "areaKm2" && f.Value == "73" {
			t.Errorf("the 73 of October 2010 is shown for 2009: %+v", f)
		}
	}
	if !sawPeriod {
		t.Errorf("no areaKm2 fact cites \"During this period\" for 2009: %+v", then.Zone.Facts)
	}

	// The North New Area High-tech Park belonged to the High-tech Zone in that period only.
	for name, a := range map[string]answer{"now": now, "2010-07": after} {
		if slices.Contains(ids(a.Zone.Parks), park) || slices.Contains(ids(a.Parks.Nodes), park) || slices.Contains(ids(a.Neighborhood.Nodes), zone) {
			t.Errorf("%s: %s is still in the High-tech Zone (Zone.parks %v, parks(zone) %v, neighbourhood %v)",
				name, park, ids(a.Zone.Parks), ids(a.Parks.Nodes), ids(a.Neighborhood.Nodes))
		}
	}
	if !slices.Contains(ids(then.Zone.Parks), park) || !slices.Contains(ids(then.Parks.Nodes), park) || !slices.Contains(ids(then.Neighborhood.Nodes), zone) {
		t.Errorf("2009: %s is not in the High-tech Zone (Zone.parks %v, parks(zone) %v, neighbourhood %v)",
			park, ids(then.Zone.Parks), ids(then.Parks.Nodes), ids(then.Neighborhood.Nodes))
	}
	if count(then, zone) != count(now, zone)+1 {
		t.Errorf("parks counted under the High-tech Zone: %d in 2009, %d now; want one more in 2009", count(then, zone), count(now, zone))
	}

	// The zones of at most 71 km2: the High-tech Zone then (70) and now (its newly planned 70).
	if !slices.Contains(ids(then.Small.Nodes), zone) || !slices.Contains(ids(now.Small.Nodes), zone) {
		t.Errorf("zones of at most 71 km2: %v in 2009, %v now", ids(then.Small.Nodes), ids(now.Small.Nodes))
	}

	// The "three zones in one" system held from the end of 2007 until June 2010.
	if len(now.System.Relations) != 0 {
		t.Errorf("the three zones in one system holds now: %+v", now.System.Relations)
	}
	var implemented []string
	for _, r := range then.System.Relations {
		implemented = append(implemented, r.Node.ID)
		if r.ValidFrom == nil || *r.ValidFrom != "2007-12" || r.ValidTo == nil || *r.ValidTo != "2010-06" {
			t.Errorf("%s %s: period %v to %v, want 2007-12 to 2010-06", r.Type, r.Node.ID, r.ValidFrom, r.ValidTo)
		}
	}
	slices.Sort(implemented)
	equal(t, "zones of the three zones in one system in 2009", implemented, []string{"chongqing-high-tech-zone", "jingkai-district", "north-new-area"})
}

func TestAnAsOfThatIsNotADateIsInvalid(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	for _, q := range []string{
		`{ zones(asOf: "2009-13") { nodes { id } } }`,
		`{ node(id: "chongqing-high-tech-zone", asOf: "last year") { id } }`,
		`{ neighborhood(id: "chongqing-high-tech-zone", asOf: "2009/06") { nodes { id } } }`,
		`{ shortestPath(from: "taiwan", to: "fuling-district", asOf: "2023-02-30") { length } }`,
		`{ subgraph(ids: ["taiwan"], asOf: "") { nodes { id } } }`,
		`{ breakdown(of: PARK, by: ZONE, asOf: "1 January 2009") { count } }`,
		`{ search(query: "zone", asOf: "20090101") { exact } }`,
	} {
		reply := graphQL(t, srv.URL, gqlRequest{query: q})
		if reply.code() != "INVALID" {
			t.Errorf("%s: code %q, want INVALID (%s)", q, reply.code(), reply.raw)
		}
	}
}
