package main

import (
	"context"
	"strconv"
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
	// A breakdown's where resolves names as the lists do.
	if r := graphQL(t, srv.URL, gqlRequest{query: `{ breakdown(of: PARK, by: INDUSTRY, where: {zone: "high-tech zone"}) { count } }`}); r.code() != "INVALID" ||
		!strings.Contains(r.Errors[0].Message, "another-high-tech-zone (Another High-tech Zone)") {
		t.Errorf("an ambiguous zone in a breakdown: want INVALID with the candidates, got %s", r.raw)
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

func TestContradictionsOnTheSeeds(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	type fact struct {
		Value         string
		ValidFrom     *string
		ValidTo       *string
		Evidence      []struct{ Quote string }
		ConflictsWith []struct{ Value string }
	}
	var data struct {
		Contradictions []struct {
			Entity   struct{ ID string }
			Property string
			Facts    []fact
		}
		All []struct {
			Entity   struct{ ID string }
			Property string
		}
		Node struct{ Facts []fact }
	}
	query(t, srv.URL, `{
		contradictions(type: ZONE, property: "areaKm2") { entity { id } property facts { value validFrom validTo evidence { quote } conflictsWith { value } } }
		all: contradictions(first: 500) { entity { id } property }
		node(id: "chongqing-high-tech-zone") { ... on Zone { facts(property: "areaKm2") { value validFrom validTo evidence { quote } conflictsWith { value } } } }
	}`, nil, &data)
	var zone []fact
	for _, c := range data.Contradictions {
		if c.Property != "areaKm2" {
			t.Errorf("asked for areaKm2, got %s", c.Property)
		}
		if c.Entity.ID == "chongqing-high-tech-zone" {
			zone = c.Facts
		}
	}
	// 73 (from 2010-10) against the undated 70; the 70 of 2007-12 to 2010-06 is of a past period.
	if len(zone) != 2 || zone[0].Value != "70" || zone[0].ValidFrom != nil || zone[1].Value != "73" {
		t.Fatalf("the High-tech Zone's areas in conflict: %+v", zone)
	}
	for _, f := range zone {
		if len(f.Evidence) == 0 || len(f.ConflictsWith) != 1 || f.ConflictsWith[0].Value == f.Value {
			t.Errorf("fact %+v", f)
		}
	}
	seen := map[string]bool{}
	for _, c := range data.All {
		seen[c.Entity.ID+" "+c.Property] = true
		if c.Property == "designation" || c.Property == "positioning" {
			t.Errorf("a multi-valued property listed: %v", c)
		}
	}
	for _, want := range []string{"chongqing-high-tech-zone areaKm2", "chongqing-high-tech-zone-western-development-zone areaKm2"} {
		if !seen[want] {
			t.Errorf("contradictions lack %s: %v", want, data.All)
		}
	}
	// Now only 73 and the undated 70 hold; each conflicts with the other.
	if len(data.Node.Facts) != 2 {
		t.Fatalf("the High-tech Zone's current areas: %+v", data.Node.Facts)
	}
	for _, f := range data.Node.Facts {
		if len(f.ConflictsWith) != 1 {
			t.Errorf("current area %s conflicts with %v", f.Value, f.ConflictsWith)
		}
	}
	var then struct{ Node struct{ Facts []fact } }
	query(t, srv.URL, `{ node(id: "chongqing-high-tech-zone", asOf: "2009") { ... on Zone { facts(property: "areaKm2") { value conflictsWith { value } } } } }`, nil, &then)
	for _, f := range then.Node.Facts {
		if len(f.ConflictsWith) != 0 {
			t.Errorf("in 2009 the area %s conflicts with %v", f.Value, f.ConflictsWith)
		}
	}

	r := graphQL(t, srv.URL, gqlRequest{query: `{ contradictions(first: 501) { property } }`})
	if r.code() != "INVALID" {
		t.Errorf("first 501: %s", r.raw)
	}
}

func TestTheReadmeStatesTheContradictionsBound(t *testing.T) {
	rows := tableRows(readmeSection(t, "Limits and cost"))
	row, b := rows["`contradictions(first:)`"], model.ContradictionsPage
	if len(row) < 2 || row[0] != strconv.Itoa(b.Default) || row[1] != strconv.Itoa(b.Min)+" to "+strconv.Itoa(b.Max) {
		t.Errorf("the README's contradictions row %v, the code %+v", row, b)
	}
}

func TestNamesAreResolvedInOneReadWhateverTheirNumber(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	for _, c := range []struct {
		where string
		want  int64
	}{
		{`{nameContains: "park"}`, 1},
		{`{zone: "High-tech Zone"}`, 2},
		{`{zone: "High-tech Zone", district: "Jiulongpo", company: "ASUS"}`, 2},
	} {
		before := srv.store.Queries()
		var data map[string]any
		query(t, srv.URL, `{ parks(where: `+c.where+`) { totalCount nodes { id } } }`, nil, &data)
		if n := srv.store.Queries() - before; n != c.want {
			t.Errorf("parks(where: %s) cost %d round trips, want %d", c.where, n, c.want)
		}
	}
}
