package main

import (
	"context"
	"slices"
	"testing"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/seeds"
)

// TestNamedAreasArePlacesWithTheirContainment checks the Place type on the real seeds:
// the areas document 004 names (peninsulas, roads, a wetland park, a sports centre) are
// places, listed and filtered like their peers, and the zones they relate to see them.
func TestNamedAreasArePlacesWithTheirContainment(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Peninsulas struct {
			Nodes []named `json:"nodes"`
		} `json:"peninsulas"`
		InChongqing struct {
			Nodes      []named `json:"nodes"`
			TotalCount int     `json:"totalCount"`
		} `json:"inChongqing"`
		Zone struct {
			Places []named `json:"places"`
		} `json:"zone"`
		Peninsula struct {
			Type        string  `json:"type"`
			ZonesWithin []named `json:"zonesWithin"`
		} `json:"peninsula"`
		Road struct {
			Zones   []named `json:"zones"`
			Regions []named `json:"regions"`
		} `json:"road"`
		Airports []struct {
			Entity struct {
				ID   string `json:"id"`
				Type string `json:"type"`
			} `json:"entity"`
		} `json:"airports"`
	}
	query(t, srv.URL, `{
		peninsulas: places(where: {nameContains: "peninsula"}) { nodes { id name } }
		inChongqing: places(where: {region: "Chongqing"}, first: 100) { totalCount nodes { id name } }
		zone: node(id: "chongqing-high-tech-zone") { ... on Zone { places { id name } } }
		peninsula: node(id: "liangjiang-peninsula") { ... on Place { type zonesWithin { id name } } }
		road: node(id: "heng-er-road") { ... on Place { zones { id name } regions { id name } } }
		airports: search(query: "airport", types: [PLACE]) { entity { id type } }
	}`, nil, &data)
	equal(t, "places named peninsula", ids(data.Peninsulas.Nodes), []string{"chongqing-peninsula", "liangjiang-peninsula"})
	// Document 004 puts the wetland park, the sports centre and the two roads in the
	// High-tech Zone, which is in Chongqing; the documents call the urban, central urban
	// and metropolitan areas, the new town in the west, the two mountains and the "Yuxin
	// Europe" corridor Chongqing's.
	equal(t, "places in Chongqing", ids(data.InChongqing.Nodes),
		[]string{"caiyunhu-national-wetland-park", "chongqing-central-urban-area", "chongqing-metropolitan-area",
			"chongqing-olympic-sports-center", "chongqing-urban-area", "heng-er-road", "high-tech-avenue", "jinyun-mountain",
			"west-chongqing-new-town", "yuxin-europe-international-railway-corridor", "zhongliangshan"})
	if data.InChongqing.TotalCount != len(data.InChongqing.Nodes) {
		t.Errorf("totalCount %d for %d places", data.InChongqing.TotalCount, len(data.InChongqing.Nodes))
	}
	equal(t, "Zone.places of the High-tech Zone", ids(data.Zone.Places), []string{"liangjiang-peninsula"})
	if data.Peninsula.Type != "PLACE" {
		t.Errorf("liangjiang-peninsula has type %q, want PLACE", data.Peninsula.Type)
	}
	equal(t, "Place.zonesWithin of Liangjiang Peninsula", ids(data.Peninsula.ZonesWithin), []string{"chongqing-high-tech-zone"})
	equal(t, "Place.zones of Heng-Er Road", ids(data.Road.Zones), []string{"chongqing-high-tech-zone"})
	if got := ids(data.Road.Regions); !slices.Contains(got, "chongqing") {
		t.Errorf("Place.regions of Heng-Er Road = %v, want Chongqing among them", got)
	}
	if len(data.Airports) == 0 || data.Airports[0].Entity.ID != "jiangbei-international-airport" || data.Airports[0].Entity.Type != "PLACE" {
		t.Errorf("search for airport places = %+v, want jiangbei-international-airport first", data.Airports)
	}

	// The district filter: a place located in a district is found by it, and a place
	// elsewhere is not.
	ds := mustSeeds(t)
	defer func() { // leave the seeds for the next test
		if _, err := srv.store.Load(context.Background(), ds, seeds.Mentions(ds)); err != nil {
			t.Error(err)
		}
	}()
	with := *ds
	ev := ds.Entities[0].Evidence
	for _, id := range []string{"test-place-in-jiulongpo", "test-place-elsewhere"} {
		with.Entities = append(with.Entities, &model.EntityRecord{EntityBase: model.EntityBase{
			ID: id, Type: model.EntityTypePlace, Name: id, Aliases: []string{}, Evidence: ev}})
	}
	for _, r := range [][2]string{{"test-place-in-jiulongpo", "jiulongpo-district"}, {"test-place-elsewhere", "chongqing-high-tech-zone"}} {
		rec := &model.RelationRecord{Type: "LOCATED_IN", From: r[0], To: r[1], Props: map[string]any{}, Evidence: ev}
		rec.ID = seeds.RelationID(rec)
		with.Relations = append(with.Relations, rec)
	}
	if _, err := srv.store.Load(context.Background(), &with, nil); err != nil {
		t.Fatal(err)
	}
	var byDistrict struct {
		Places struct {
			Nodes []named `json:"nodes"`
		} `json:"places"`
		District struct {
			Places []named `json:"places"`
		} `json:"district"`
	}
	query(t, srv.URL, `{
		places(where: {district: "jiulongpo-district"}) { nodes { id name } }
		district: node(id: "jiulongpo-district") { ... on District { places { id name } } }
	}`, nil, &byDistrict)
	equal(t, "places(district)", ids(byDistrict.Places.Nodes), []string{"test-place-in-jiulongpo"})
	equal(t, "District.places", ids(byDistrict.District.Places), []string{"test-place-in-jiulongpo"})
}

// TestAnInitiativeIsAProgrammeWithItsFlagshipProjectAsAPart checks the retyped
// programme and platform system of document 003: the China-Singapore initiative is a
// Project, part of the "1+2+7+9" open platform system (a Policy), and its iconic project
// is part of it rather than implemented in it.
func TestAnInitiativeIsAProgrammeWithItsFlagshipProjectAsAPart(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Initiative struct {
			Type   string  `json:"type"`
			Parts  []named `json:"parts"`
			PartOf []named `json:"partOf"`
		} `json:"initiative"`
		System struct {
			Type  string  `json:"type"`
			Parts []named `json:"parts"`
		} `json:"system"`
		Channel struct {
			ImplementedIn []named `json:"implementedIn"`
		} `json:"channel"`
	}
	query(t, srv.URL, `{
		initiative: node(id: "china-singapore-chongqing-demonstration-initiative") { ... on Project { type parts { id name } partOf { id name } } }
		system: node(id: "chongqing-open-platform-system") { ... on Policy { type parts { id name } } }
		channel: node(id: "china-singapore-international-data-channel") { ... on Project { implementedIn { id name } } }
	}`, nil, &data)
	if data.Initiative.Type != "PROJECT" || data.System.Type != "POLICY" {
		t.Errorf("the initiative is a %s and the platform system a %s, want PROJECT and POLICY", data.Initiative.Type, data.System.Type)
	}
	equal(t, "parts of the initiative", ids(data.Initiative.Parts), []string{"china-singapore-international-data-channel"})
	equal(t, "what the initiative is part of", ids(data.Initiative.PartOf), []string{"chongqing-open-platform-system"})
	equal(t, "parts of the platform system", ids(data.System.Parts),
		[]string{"china-chongqing-pilot-free-trade-zone", "china-singapore-chongqing-demonstration-initiative", "liangjiang-new-area"})
	equal(t, "where the data channel is implemented", ids(data.Channel.ImplementedIn),
		[]string{"liangjiang-new-area-digital-economic-industrial-park", "xiantao-data-valley"})
}
