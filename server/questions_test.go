package main

import (
	"context"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/seeds"
)

func TestEntityFiltersTakeNamesAndAliases(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	ids := func(nodes []struct{ ID string }) string {
		out := make([]string, len(nodes))
		for i, n := range nodes {
			out[i] = n.ID
		}
		return strings.Join(out, ",")
	}
	type list struct{ Nodes []struct{ ID string } }
	var byID, byName, byAlias struct{ Parks list }
	const q = `query($z: String) { parks(where: {zone: $z}, first: 100) { nodes { id } } }`
	query(t, srv.URL, q, map[string]any{"z": "chongqing-high-tech-zone"}, &byID)
	query(t, srv.URL, q, map[string]any{"z": "chongqing high-tech industrial development zone"}, &byName)
	query(t, srv.URL, q, map[string]any{"z": "HIGH-TECH ZONE"}, &byAlias)
	if len(byID.Parks.Nodes) == 0 {
		t.Fatal("no parks in the High-tech Zone by id")
	}
	if ids(byName.Parks.Nodes) != ids(byID.Parks.Nodes) || ids(byAlias.Parks.Nodes) != ids(byID.Parks.Nodes) {
		t.Errorf("by id %s, by name %s, by alias %s", ids(byID.Parks.Nodes), ids(byName.Parks.Nodes), ids(byAlias.Parks.Nodes))
	}

	var hosted struct{ Companies list }
	query(t, srv.URL, `{ companies(where: {hostedIn: "Chongqing Hi-tech Zone"}) { nodes { id } } }`, nil, &hosted)
	if !strings.Contains(ids(hosted.Companies.Nodes), "asus") {
		t.Errorf("companies hosted in the High-tech Zone by alias: %s", ids(hosted.Companies.Nodes))
	}

	var unknown struct{ Parks list }
	query(t, srv.URL, `{ parks(where: {zone: "No Such Zone"}) { nodes { id } } }`, nil, &unknown)
	if len(unknown.Parks.Nodes) != 0 {
		t.Errorf("an unknown zone matched %s", ids(unknown.Parks.Nodes))
	}
}

func TestAnAmbiguousNameIsInvalidWithItsCandidates(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	store := srv.store
	ds := mustSeeds(t)
	defer func() { // leave the seeds for the next test
		ds := mustSeeds(t)
		if _, err := store.Load(context.Background(), ds, seeds.Mentions(ds)); err != nil {
			t.Error(err)
		}
	}()
	ds.Entities = append(ds.Entities, &model.EntityRecord{EntityBase: model.EntityBase{
		ID: "another-high-tech-zone", Type: model.EntityTypeZone, Name: "Another High-tech Zone",
		Aliases: []string{"High-tech Zone"}, Evidence: ds.Entities[0].Evidence}})
	if _, err := store.Load(context.Background(), ds, seeds.Mentions(ds)); err != nil {
		t.Fatal(err)
	}
	r := graphQL(t, srv.URL, gqlRequest{query: `{ parks(where: {zone: "high-tech zone"}) { nodes { id } } }`})
	if r.code() != "INVALID" {
		t.Fatalf("an ambiguous zone: want INVALID, got %s", r.raw)
	}
	for _, want := range []string{"chongqing-high-tech-zone (Chongqing High-tech Industrial Development Zone)", "another-high-tech-zone (Another High-tech Zone)"} {
		if !strings.Contains(r.Errors[0].Message, want) {
			t.Errorf("message %q lacks %q", r.Errors[0].Message, want)
		}
	}
	// The id still picks one.
	var data struct {
		Parks struct{ Nodes []struct{ ID string } }
	}
	query(t, srv.URL, `{ parks(where: {zone: "chongqing-high-tech-zone"}) { nodes { id } } }`, nil, &data)
	if len(data.Parks.Nodes) == 0 {
		t.Error("by id: no parks")
	}
}

func TestTypedFieldsAndFactsOfOneProperty(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Event struct {
			ProjectCount []int
			AmountCny    []float64
			Facts        []struct{ Property, Value string }
		}
		Zone struct {
			AreaKm2 []float64
			Facts   []struct{ Property, Value string }
		}
		Parks struct{ Nodes []struct{ AreaKm2 []float64 } }
	}
	query(t, srv.URL, `{
		event: node(id: "china-industrial-transfer-matchmaking-chongqing") { ... on Event { projectCount amountCny facts(property: "projectCount") { property value } } }
		zone: node(id: "chongqing-high-tech-zone") { ... on Zone { areaKm2 facts(property: "areaKm2") { property value } } }
		parks(where: {areaKm2: {min: 10}}, orderBy: {field: AREA_KM2, direction: DESC}, first: 100) { nodes { areaKm2 } }
	}`, nil, &data)
	if len(data.Event.ProjectCount) != 1 || data.Event.ProjectCount[0] != 120 || len(data.Event.AmountCny) != 1 || data.Event.AmountCny[0] != 201220000000 {
		t.Errorf("event: projectCount %v, amountCny %v", data.Event.ProjectCount, data.Event.AmountCny)
	}
	if len(data.Event.Facts) != 1 || data.Event.Facts[0].Value != "120" {
		t.Errorf("event facts of projectCount: %v", data.Event.Facts)
	}
	for _, f := range data.Zone.Facts {
		if f.Property != "areaKm2" {
			t.Errorf("zone facts of areaKm2 hold %v", f)
		}
	}
	if len(data.Zone.Facts) == 0 || len(data.Zone.AreaKm2) == 0 {
		t.Errorf("zone: areaKm2 %v, facts %v", data.Zone.AreaKm2, data.Zone.Facts)
	}
	if len(data.Parks.Nodes) == 0 {
		t.Fatal("no park of 10 km2 or more")
	}
	for i, p := range data.Parks.Nodes {
		if len(p.AreaKm2) == 0 || (i > 0 && p.AreaKm2[0] > data.Parks.Nodes[i-1].AreaKm2[0]) {
			t.Errorf("park %d: areaKm2 %v out of order or missing", i, p.AreaKm2)
		}
	}
}
