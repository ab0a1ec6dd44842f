package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/seeds"
)

// pathStep is a step of shortestPath as the path tests ask for it.
type pathStep struct {
	Relation struct {
		Type       string `json:"type"`
		Source     string `json:"source"`
		Target     string `json:"target"`
		Derivation struct {
			Kind string  `json:"kind"`
			Rule *string `json:"rule"`
		} `json:"derivation"`
	} `json:"relation"`
	Evidence []evidence `json:"evidence"`
}

// pathNode is an entity along a path, with the spellings a quote may name it by.
type pathNode struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// namedIn reports whether quote names n by its name or one of its aliases, in any case.
func (n pathNode) namedIn(quote string) bool {
	q := strings.ToLower(quote)
	for _, s := range append([]string{n.Name}, n.Aliases...) {
		if s != "" && strings.Contains(q, strings.ToLower(s)) {
			return true
		}
	}
	return false
}

// How is Taiwan connected to the Fuling park? By default shortestPath follows stated
// relationships only: every step is STATED, and each of its quotes is from a document
// that names both ends of its hop. With includeComputed the shortest path is the one computed
// TARGETS_INVESTORS_FROM hop, whose derivation names its rule and none of whose quotes
// names both the park and Taiwan: the answer the default no longer gives.
func TestThePathFromTaiwanToTheFulingParkIsStatedHopByHop(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	type path struct {
		Length int        `json:"length"`
		Nodes  []pathNode `json:"nodes"`
		Steps  []pathStep `json:"steps"`
		Cypher string     `json:"cypher"`
	}
	var data struct {
		Stated   *path `json:"stated"`
		Computed *path `json:"computed"`
	}
	const fields = `length nodes { id name aliases }
		steps { relation { type source target derivation { kind rule } } evidence { quote document { id text } } } cypher`
	query(t, srv.URL, `{ stated: shortestPath(from: "taiwan", to: "fuling-district-industrial-park") { `+fields+` }
		computed: shortestPath(from: "taiwan", to: "fuling-district-industrial-park", includeComputed: true) { `+fields+` } }`, nil, &data)
	if data.Stated == nil || data.Computed == nil {
		t.Fatalf("no path: stated %v, computed %v", data.Stated, data.Computed)
	}
	for name, p := range map[string]*path{"stated": data.Stated, "computed": data.Computed} {
		if p.Length != len(p.Steps) || len(p.Nodes) != p.Length+1 || p.Length == 0 {
			t.Fatalf("%s: inconsistent path: %+v", name, p)
		}
		if p.Nodes[0].ID != "taiwan" || p.Nodes[len(p.Nodes)-1].ID != "fuling-district-industrial-park" {
			t.Errorf("%s: path runs %s .. %s", name, p.Nodes[0].ID, p.Nodes[len(p.Nodes)-1].ID)
		}
		for i, s := range p.Steps {
			ends := map[string]bool{s.Relation.Source: true, s.Relation.Target: true}
			if !ends[p.Nodes[i].ID] || !ends[p.Nodes[i+1].ID] {
				t.Errorf("%s: step %d (%s %s->%s) does not join %s and %s", name, i, s.Relation.Type, s.Relation.Source, s.Relation.Target, p.Nodes[i].ID, p.Nodes[i+1].ID)
			}
			if len(s.Evidence) == 0 {
				t.Errorf("%s: step %d has no evidence", name, i)
			}
			for _, e := range s.Evidence {
				if !strings.Contains(e.Document.Text, e.Quote) {
					t.Errorf("%s: step %d quote %q not in %s", name, i, e.Quote, e.Document.ID)
				}
			}
		}
		for _, want := range []string{"{id: 'taiwan'}", "{id: 'fuling-district-industrial-park'}", "shortestPath(", "IN ['stated'"} {
			if !strings.Contains(p.Cypher, want) {
				t.Errorf("%s: cypher lacks %q:\n%s", name, want, p.Cypher)
			}
		}
	}

	// The default: stated hop by hop, each quote from a document that names both ends.
	// (The seeds' quotes for these hops name the zone as "the zone" or "the cooperation
	// zone", as the document does after naming it in full, so a quote alone need not
	// hold its name or an alias.)
	for i, s := range data.Stated.Steps {
		a, b := data.Stated.Nodes[i], data.Stated.Nodes[i+1]
		if s.Relation.Derivation.Kind != "STATED" || s.Relation.Type == model.DerivedInvestorOrigin {
			t.Errorf("stated: step %d is %s %s", i, s.Relation.Derivation.Kind, s.Relation.Type)
		}
		for _, e := range s.Evidence {
			if !a.namedIn(e.Document.Text) || !b.namedIn(e.Document.Text) {
				t.Errorf("stated: step %d (%s) quotes %s, which does not name both %s and %s", i, s.Relation.Type, e.Document.ID, a.Name, b.Name)
			}
		}
	}
	if strings.Contains(data.Stated.Cypher, "'computed'") || strings.Contains(data.Stated.Cypher, "'inferred'") {
		t.Errorf("stated: the Browser statement follows derived relationships:\n%s", data.Stated.Cypher)
	}

	// With includeComputed: the one computed hop, shorter, from the park's targets.
	c := data.Computed
	if c.Length >= data.Stated.Length {
		t.Errorf("with includeComputed the path has %d hops, the stated one %d: the switch changes nothing", c.Length, data.Stated.Length)
	}
	sawComputed := false
	for i, s := range c.Steps {
		if s.Relation.Derivation.Kind != "COMPUTED" {
			continue
		}
		sawComputed = true
		if s.Relation.Type != model.DerivedInvestorOrigin || s.Relation.Derivation.Rule == nil || *s.Relation.Derivation.Rule != seeds.InvestorOrigins.Name {
			t.Errorf("computed: step %d is %s by %v", i, s.Relation.Type, s.Relation.Derivation.Rule)
		}
		for _, e := range s.Evidence {
			if c.Nodes[i].namedIn(e.Quote) && c.Nodes[i+1].namedIn(e.Quote) {
				t.Errorf("computed: step %d quote %q names both ends: the test no longer shows the difference", i, e.Quote)
			}
		}
	}
	if !sawComputed {
		t.Errorf("with includeComputed no step is computed: %+v", c.Steps)
	}
	if !strings.Contains(c.Cypher, "'computed'") {
		t.Errorf("computed: the Browser statement does not follow computed relationships:\n%s", c.Cypher)
	}
}

func TestTheNeighbourhoodOfTheCrossStraitsZoneAtDepthTwo(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Neighborhood struct {
			Nodes []named `json:"nodes"`
			Edges []struct {
				ID       string     `json:"id"`
				Type     string     `json:"type"`
				Source   string     `json:"source"`
				Target   string     `json:"target"`
				Evidence []evidence `json:"evidence"`
			} `json:"edges"`
			Cypher string `json:"cypher"`
		} `json:"neighborhood"`
	}
	const zone = "cross-straits-industrial-cooperation-zone-chongqing"
	query(t, srv.URL, `query($id: ID!) { neighborhood(id: $id, depth: 2) {
		nodes { id name } edges { id type source target evidence { quote document { id text } } } cypher } }`, map[string]any{"id": zone}, &data)
	g := data.Neighborhood
	nodes := map[string]bool{}
	for _, n := range g.Nodes {
		if nodes[n.ID] {
			t.Errorf("node %s listed twice", n.ID)
		}
		nodes[n.ID] = true
	}
	// Depth 1: the three parks; depth 2: their sub-parks.
	for _, id := range []string{zone, "chongqing-high-tech-zone-industrial-park", "fuling-district-industrial-park", "yongchuan-district-industrial-park",
		"xiyong-micro-electronics-park", "jinfeng-electronic-information-industrial-park", "fuling-high-tech-industrial-development-zone", "phoenix-lake-industrial-park"} {
		if !nodes[id] {
			t.Errorf("neighbourhood lacks %s", id)
		}
	}
	edges := map[string]bool{}
	for _, e := range g.Edges {
		if edges[e.ID] {
			t.Errorf("edge %s listed twice", e.ID)
		}
		edges[e.ID] = true
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("edge %s joins nodes outside the subgraph", e.ID)
		}
		if len(e.Evidence) == 0 {
			t.Errorf("edge %s has no evidence", e.ID)
		}
		for _, ev := range e.Evidence {
			if !strings.Contains(ev.Document.Text, ev.Quote) {
				t.Errorf("edge %s: quote %q not in %s", e.ID, ev.Quote, ev.Document.ID)
			}
		}
	}
	if !edges["part_of:fuling-high-tech-industrial-development-zone:fuling-district-industrial-park"] {
		t.Errorf("the depth-2 PART_OF edge of the Fuling sub-park is missing")
	}
	if !strings.Contains(g.Cypher, "{id: '"+zone+"'}") || !strings.Contains(g.Cypher, "[rs*1..2]") {
		t.Errorf("cypher:\n%s", g.Cypher)
	}
}

func TestSubgraphReturnsEveryRelationshipAmongTheGivenEntities(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Subgraph struct {
			Nodes []named `json:"nodes"`
			Edges []struct {
				Type   string `json:"type"`
				Source string `json:"source"`
				Target string `json:"target"`
			} `json:"edges"`
		} `json:"subgraph"`
	}
	// The park's targets are inferred and its link to Taiwan computed: none is stated.
	query(t, srv.URL, `{ subgraph(ids: ["fuling-district-industrial-park", "biotechnology", "taiwan", "no-such-id"]) { nodes { id } edges { type source target } } }`, nil, &data)
	equal(t, "subgraph nodes", ids(data.Subgraph.Nodes), []string{"biotechnology", "fuling-district-industrial-park", "taiwan"})
	if len(data.Subgraph.Edges) != 0 {
		t.Errorf("by default the subgraph has the edges %+v, want none: no stated relationship joins them", data.Subgraph.Edges)
	}
	query(t, srv.URL, `{ subgraph(ids: ["fuling-district-industrial-park", "biotechnology", "taiwan", "no-such-id"], includeInferred: true, includeComputed: true) {
		nodes { id } edges { type source target } } }`, nil, &data)
	equal(t, "subgraph nodes", ids(data.Subgraph.Nodes), []string{"biotechnology", "fuling-district-industrial-park", "taiwan"})
	got := []string{}
	for _, e := range data.Subgraph.Edges {
		got = append(got, e.Source+" "+e.Type+" "+e.Target)
	}
	equal(t, "subgraph edges", sortedCopy(got), []string{
		"fuling-district-industrial-park TARGETS biotechnology",
		"fuling-district-industrial-park TARGETS_INVESTORS_FROM taiwan",
	})
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func TestSearchRanksExactAliasHitsFirstAndTreatsHostileInputAsText(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	type hit struct {
		Entity struct {
			ID   string `json:"id"`
			Type string `json:"type"`
		} `json:"entity"`
		Score float64 `json:"score"`
		Exact bool    `json:"exact"`
	}
	cases := []struct {
		query     string
		wantFirst string // "" when any result (or none) is fine
		wantAmong string
	}{
		{"biotech", "biotechnology", ""},
		{"Taiwanese", "taiwan", ""},
		{"High-tech Zone", "chongqing-high-tech-zone", ""},
		{"fuling", "", "fuling-district-industrial-park"},
		{`foo" OR 1=1 //(`, "", ""},
		{`*`, "", ""},
		{`name:(biotech) AND type:"x"~2 \`, "", "biotechnology"},
		{`)))`, "", ""},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			var data struct {
				Search []hit `json:"search"`
			}
			query(t, srv.URL, `query($q: String!) { search(query: $q, first: 20) { entity { id type } score exact } }`, map[string]any{"q": c.query}, &data)
			if c.wantFirst != "" && (len(data.Search) == 0 || data.Search[0].Entity.ID != c.wantFirst) {
				t.Fatalf("first hit for %q: %+v, want %s", c.query, data.Search, c.wantFirst)
			}
			if c.wantFirst != "" && c.query != "High-tech Zone" && !data.Search[0].Exact {
				t.Errorf("first hit for %q is not marked exact", c.query)
			}
			if c.wantAmong != "" {
				found := false
				for _, h := range data.Search {
					found = found || h.Entity.ID == c.wantAmong
				}
				if !found {
					t.Errorf("%q does not find %s: %+v", c.query, c.wantAmong, data.Search)
				}
			}
		})
	}
	var typed struct {
		Search []hit `json:"search"`
	}
	query(t, srv.URL, `{ search(query: "chongqing", types: [PARK]) { entity { id type } } }`, nil, &typed)
	if len(typed.Search) == 0 {
		t.Fatal("no park matches chongqing")
	}
	for _, h := range typed.Search {
		if h.Entity.Type != "PARK" {
			t.Errorf("types: [PARK] returned %s %s", h.Entity.Type, h.Entity.ID)
		}
	}
	var docs struct {
		SearchDocuments []struct {
			Document struct {
				ID string `json:"id"`
			} `json:"document"`
			Snippet string `json:"snippet"`
		} `json:"searchDocuments"`
	}
	query(t, srv.URL, `{ searchDocuments(query: "matchmaking pillar") { document { id } snippet } }`, nil, &docs)
	if len(docs.SearchDocuments) == 0 || docs.SearchDocuments[0].Document.ID != "doc-002" {
		t.Fatalf("searchDocuments(matchmaking) = %+v, want doc-002 first", docs.SearchDocuments)
	}
	if s := strings.ToLower(docs.SearchDocuments[0].Snippet); !strings.Contains(s, "matchmaking") && !strings.Contains(s, "pillar") {
		t.Errorf("snippet %q shows neither word", docs.SearchDocuments[0].Snippet)
	}
}

func TestPagingThroughAllParksNeitherRepeatsNorSkips(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	ds, err := seeds.Load(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, e := range ds.Entities {
		if e.Type == model.EntityTypePark {
			want++
		}
	}
	for _, dir := range []string{"ASC", "DESC"} {
		seen := map[string]bool{}
		var names []string
		after := ""
		for page := 0; page < 50; page++ {
			var data struct {
				Parks struct {
					Nodes      []named `json:"nodes"`
					TotalCount int     `json:"totalCount"`
					PageInfo   struct {
						HasNextPage bool   `json:"hasNextPage"`
						EndCursor   string `json:"endCursor"`
					} `json:"pageInfo"`
				} `json:"parks"`
			}
			vars := map[string]any{"after": nil, "dir": dir}
			if after != "" {
				vars["after"] = after
			}
			query(t, srv.URL, `query($after: String, $dir: OrderDirection!) { parks(first: 4, after: $after, orderBy: {field: NAME, direction: $dir}) {
				nodes { id name } totalCount pageInfo { hasNextPage endCursor } } }`, vars, &data)
			if data.Parks.TotalCount != want {
				t.Fatalf("totalCount = %d, want %d", data.Parks.TotalCount, want)
			}
			for _, n := range data.Parks.Nodes {
				if seen[n.ID] {
					t.Fatalf("%s: page %d repeats %s", dir, page, n.ID)
				}
				seen[n.ID] = true
				names = append(names, n.Name)
			}
			if !data.Parks.PageInfo.HasNextPage {
				break
			}
			after = data.Parks.PageInfo.EndCursor
		}
		if len(seen) != want {
			t.Errorf("%s walk saw %d parks, want %d", dir, len(seen), want)
		}
		for i := 1; i < len(names); i++ {
			if dir == "ASC" && names[i] < names[i-1] || dir == "DESC" && names[i] > names[i-1] {
				t.Errorf("%s order broken at %q, %q", dir, names[i-1], names[i])
			}
		}
	}
}

func TestFiltersOnDatesAndNumbersAndOrderingByThem(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Established struct {
			Nodes []named `json:"nodes"`
		} `json:"established"`
		Events struct {
			Nodes []named `json:"nodes"`
		} `json:"events"`
		Over71 struct {
			Nodes []named `json:"nodes"`
		} `json:"over71"`
		Under71 struct {
			Nodes []named `json:"nodes"`
		} `json:"under71"`
		ByArea struct {
			Nodes []named `json:"nodes"`
		} `json:"byArea"`
	}
	query(t, srv.URL, `{
		established: zones(where: {establishedOn: {from: "2023", to: "2023"}}) { nodes { id } }
		events(where: {heldOn: {from: "2023-11", to: "2023-11"}, amountCny: {min: 1e11}}) { nodes { id } }
		over71: zones(where: {areaKm2: {min: 71}}) { nodes { id } }
		under71: zones(where: {areaKm2: {max: 71}}) { nodes { id } }
		byArea: districts(orderBy: {field: AREA_KM2, direction: DESC}, first: 2) { nodes { id } }
	}`, nil, &data)
	equal(t, "zones established in 2023", ids(data.Established.Nodes), []string{"cross-straits-industrial-cooperation-zone-chongqing"})
	equal(t, "events of November 2023 over 100 billion yuan", ids(data.Events.Nodes), []string{"china-industrial-transfer-matchmaking-chongqing"})
	// Document 004 gives the High-tech Zone 73 km2 in one passage and 70 km2 in another:
	// a range matches when any of the values is in it.
	equal(t, "zones over 71 km2", ids(data.Over71.Nodes), []string{"chongqing-high-tech-zone"})
	equal(t, "zones under 71 km2", ids(data.Under71.Nodes), []string{"chongqing-high-tech-zone"})
	// The western development zones (53 or 50 km2) are larger than the eastern (20 km2).
	got := []string{}
	for _, n := range data.ByArea.Nodes {
		got = append(got, n.ID)
	}
	if strings.Join(got, ",") != "chongqing-high-tech-zone-western-development-zone,chongqing-high-tech-zone-eastern-upgrading-zone" {
		t.Errorf("districts by area, largest first: %v", got)
	}
}

func TestStatsAndBreakdownsCountTheGraph(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	store := srv.store
	counts, err := store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var data struct {
		Stats struct {
			Nodes     int `json:"nodes"`
			Documents int `json:"documents"`
			Facts     int `json:"facts"`
			Evidence  int `json:"evidence"`
			Labels    []struct {
				Key   string `json:"key"`
				Count int    `json:"count"`
			} `json:"labels"`
			Dataset *struct {
				Digest        string `json:"digest"`
				LoadedAt      string `json:"loadedAt"`
				LoaderVersion string `json:"loaderVersion"`
			} `json:"dataset"`
		} `json:"stats"`
		Documents struct {
			Nodes []struct {
				ID  string  `json:"id"`
				URL *string `json:"url"`
			} `json:"nodes"`
		} `json:"documents"`
		ByOrigin []struct {
			Entity named `json:"entity"`
			Count  int   `json:"count"`
		} `json:"byOrigin"`
		ByIndustry []struct {
			Entity named `json:"entity"`
			Count  int   `json:"count"`
		} `json:"byIndustry"`
	}
	query(t, srv.URL, `{
		stats { nodes documents facts evidence labels { key count } dataset { digest loadedAt loaderVersion } }
		documents { nodes { id url } }
		byOrigin: breakdown(of: PARK, by: INVESTOR_ORIGIN) { entity { id } count }
		byIndustry: breakdown(of: PARK, by: INDUSTRY, first: 100) { entity { id } count }
	}`, nil, &data)
	stamps, err := store.Stamps(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if d := data.Stats.Dataset; d == nil || stamps[d.Digest] == 0 || d.LoaderVersion != neo4jdb.LoaderVersion() || d.LoadedAt == "" {
		t.Errorf("stats.dataset = %+v, want the digest of the loaded seeds (stamps %v), loader %s and a time", d, stamps, neo4jdb.LoaderVersion())
	}
	// None of the five documents gives its address.
	for _, d := range data.Documents.Nodes {
		if d.URL != nil {
			t.Errorf("%s has url %q, which its text does not give", d.ID, *d.URL)
		}
	}
	if data.Stats.Documents != 5 || data.Stats.Facts != counts.Labels["Fact"] {
		t.Errorf("stats = %+v, want 5 documents and %d facts", data.Stats, counts.Labels["Fact"])
	}
	for _, l := range data.Stats.Labels {
		if l.Count != counts.Labels[l.Key] {
			t.Errorf("label %s: %d, want %d", l.Key, l.Count, counts.Labels[l.Key])
		}
	}
	if data.Stats.Evidence < counts.Relationships["PART_OF"] {
		t.Errorf("evidence items %d fewer than PART_OF edges", data.Stats.Evidence)
	}
	// Document 000: the three parks of the Cross-Straits zone each seek Taiwanese investment.
	if len(data.ByOrigin) != 1 || data.ByOrigin[0].Entity.ID != "taiwan" || data.ByOrigin[0].Count != 3 {
		t.Errorf("parks by investor origin = %+v, want taiwan: 3", data.ByOrigin)
	}
	byIndustry := map[string]int{}
	for _, b := range data.ByIndustry {
		byIndustry[b.Entity.ID] = b.Count
	}
	if byIndustry["biotechnology"] < 1 {
		t.Errorf("no park counted under biotechnology: %v", byIndustry)
	}
}

func TestEveryReadmeExampleRunsAsPrinted(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```graphql\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 8 {
		t.Fatalf("README has %d GraphQL examples, want at least 8", len(blocks))
	}
	for i, b := range blocks {
		t.Run(fmt.Sprintf("example %d", i+1), func(t *testing.T) {
			var data map[string]any
			query(t, srv.URL, b[1], nil, &data)
			for field, v := range data {
				if v == nil {
					t.Errorf("%s is null", field)
				}
				if m, ok := v.(map[string]any); ok && len(m) == 0 {
					t.Errorf("%s is empty", field)
				}
				if l, ok := v.([]any); ok && len(l) == 0 {
					t.Errorf("%s is an empty list", field)
				}
			}
		})
	}
}

// syntheticParks is a dataset of n parks spread over five zones, each with a sub-park and
// a TARGETS edge naming an investor origin, all citing one document.
func syntheticParks(n int) *model.Dataset {
	doc := &model.Document{ID: "doc-synthetic", File: "synthetic.txt", Title: "Synthetic", Text: "A synthetic park is part of a synthetic zone."}
	ev := []*model.Evidence{{DocumentID: doc.ID, Quote: "A synthetic park is part of a synthetic zone."}}
	ds := &model.Dataset{Documents: []*model.Document{doc}}
	entity := func(t model.EntityType, id, name string) {
		ds.Entities = append(ds.Entities, &model.EntityRecord{EntityBase: model.EntityBase{ID: id, Type: t, Name: name, Aliases: []string{}, Evidence: ev}})
	}
	relation := func(typ, from, to string, props map[string]any) {
		r := &model.RelationRecord{Type: typ, From: from, To: to, Props: props, Evidence: ev}
		r.ID = seeds.RelationID(r)
		ds.Relations = append(ds.Relations, r)
	}
	entity(model.EntityTypeRegion, "origin", "Origin")
	entity(model.EntityTypeIndustry, "industry", "Industry")
	for z := 0; z < 5; z++ {
		entity(model.EntityTypeZone, fmt.Sprintf("zone-%d", z), fmt.Sprintf("Zone %d", z))
	}
	for i := 0; i < n; i++ {
		park, sub := fmt.Sprintf("park-%03d", i), fmt.Sprintf("sub-park-%03d", i)
		entity(model.EntityTypePark, park, "Park "+park)
		entity(model.EntityTypePark, sub, "Sub-park "+sub)
		relation("PART_OF", park, fmt.Sprintf("zone-%d", i%5), map[string]any{})
		relation("PART_OF", sub, park, map[string]any{})
		relation("TARGETS", park, "industry", map[string]any{"investorOrigin": "origin"})
	}
	return ds
}

func TestANestedQueryCostsTheSameRoundTripsOverOneTenOrAHundredParks(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	store := srv.store
	defer func() { // leave the seeds for the next test
		ds := mustSeeds(t)
		if _, err := store.Load(context.Background(), ds, seeds.Mentions(ds)); err != nil {
			t.Error(err)
		}
	}()
	const q = `query($n: Int) { parks(first: $n, where: {nameContains: "Park park-"}) { totalCount nodes { name
		zone { name parks { name } }
		subParks { name zone { name } }
		targets { industry { name } investorOrigin { name } evidence { quote document { title } } }
		relations { type node { name } }
		facts { property }
		mentionedIn { id } } } }`
	cost := map[int]int64{}
	for _, n := range []int{1, 10, 100} {
		ds := syntheticParks(n)
		if _, err := store.Load(context.Background(), ds, seeds.Mentions(ds)); err != nil {
			t.Fatal(err)
		}
		var data struct {
			Parks struct {
				TotalCount int `json:"totalCount"`
				Nodes      []struct {
					Zone     *named  `json:"zone"`
					SubParks []named `json:"subParks"`
				} `json:"nodes"`
			} `json:"parks"`
		}
		before := store.Queries()
		query(t, srv.URL, q, map[string]any{"n": n}, &data)
		cost[n] = store.Queries() - before
		if data.Parks.TotalCount != n || len(data.Parks.Nodes) != n {
			t.Fatalf("%d parks: got %d of %d", n, len(data.Parks.Nodes), data.Parks.TotalCount)
		}
		for _, p := range data.Parks.Nodes {
			if p.Zone == nil || len(p.SubParks) != 1 {
				t.Fatalf("%d parks: a park lacks its zone or sub-park: %+v", n, p)
			}
		}
		t.Logf("%3d parks: %d round trips", n, cost[n])
	}
	if cost[1] != cost[10] || cost[10] != cost[100] {
		t.Errorf("round trips by number of parks = %v, want the same for 1, 10 and 100", cost)
	}
}

func mustSeeds(t *testing.T) *model.Dataset {
	ds, err := seeds.Load(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestIndustryParksIncludeParksOfItsSubsectors(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Node struct {
			Subsectors []named `json:"subsectors"`
			Parks      []named `json:"parks"`
		} `json:"node"`
	}
	query(t, srv.URL, `{ node(id: "manufacturing") { ... on Industry { subsectors { id } parks { id } } } }`, nil, &data)
	subs := map[string]bool{}
	for _, s := range data.Node.Subsectors {
		subs[s.ID] = true
	}
	if !subs["electronic-information"] {
		t.Fatalf("manufacturing subsectors = %v; document 002 puts electronic information under manufacturing", data.Node.Subsectors)
	}
	// The High-tech Zone Industrial Park targets electronic information (document 000).
	found := false
	for _, p := range data.Node.Parks {
		found = found || p.ID == "chongqing-high-tech-zone-industrial-park"
	}
	if !found {
		t.Errorf("manufacturing parks = %v, want the park that targets its subsector electronic information", data.Node.Parks)
	}
}

func TestAPageReadsOnlyWhatItsSelectionAsksAndAnswersAsTheFullRead(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	// The first selection asks only ids and names of the parks, zones and companies (a
	// slim read); the second also their evidence, description and kind (a full read).
	for _, fields := range []string{
		`id name zone { id name } companies { id name } subParks { id name }`,
		`id name description evidence { quote } zone { id kind evidence { quote } } companies { id evidence { quote } }`,
	} {
		var page struct {
			Parks struct {
				Nodes []json.RawMessage `json:"nodes"`
			} `json:"parks"`
		}
		query(t, srv.URL, `{ parks(first: 100) { nodes { `+fields+` } } }`, nil, &page)
		if len(page.Parks.Nodes) < 10 {
			t.Fatalf("only %d parks", len(page.Parks.Nodes))
		}
		quotes := 0
		for _, raw := range page.Parks.Nodes {
			var p struct {
				ID string `json:"id"`
			}
			json.Unmarshal(raw, &p)
			var one struct {
				Node json.RawMessage `json:"node"`
			}
			query(t, srv.URL, `query($id: ID!) { node(id: $id) { ... on Park { `+fields+` } } }`, map[string]any{"id": p.ID}, &one)
			if string(one.Node) != string(raw) {
				t.Errorf("park %s:\n in the page %s\n alone       %s", p.ID, raw, one.Node)
			}
			quotes += strings.Count(string(raw), `"quote":"`)
		}
		if strings.Contains(fields, "evidence") && quotes == 0 {
			t.Errorf("%s: no quote in the page", fields)
		}
	}
}

func TestFieldsAskedOnEveryParkOfAPageComeWithThePage(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	store := srv.store
	const fields = `id zone { id } districts { id } subParks { id } companies { id } targets { industry { id } }`
	var page struct {
		Parks struct {
			Nodes []json.RawMessage `json:"nodes"`
		} `json:"parks"`
	}
	before := store.Queries()
	query(t, srv.URL, `{ parks(first: 100) { nodes { `+fields+` } } }`, nil, &page)
	// One query for the page and its five fields; nothing else is asked.
	if n := store.Queries() - before; n != 1 {
		t.Errorf("the page cost %d round trips, want 1", n)
	}
	if len(page.Parks.Nodes) < 10 {
		t.Fatalf("only %d parks", len(page.Parks.Nodes))
	}
	// Each park asked alone (node() reads the same fields with the park) gives the same answer.
	for _, raw := range page.Parks.Nodes {
		var p struct {
			ID string `json:"id"`
		}
		json.Unmarshal(raw, &p)
		var one struct {
			Node json.RawMessage `json:"node"`
		}
		query(t, srv.URL, `query($id: ID!) { node(id: $id) { ... on Park { `+fields+` } } }`, map[string]any{"id": p.ID}, &one)
		if string(one.Node) != string(raw) {
			t.Errorf("park %s:\n in the page %s\n alone       %s", p.ID, raw, one.Node)
		}
	}
}

func TestSearchReadsTheQueryAsPeopleWriteIt(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	ds, err := seeds.Load(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	for _, d := range ds.Documents {
		text[d.ID] = d.Title + "\n" + d.Text
	}
	docs := func(q string) []string {
		t.Helper()
		var data struct {
			SearchDocuments []struct {
				Document struct {
					ID string `json:"id"`
				} `json:"document"`
			} `json:"searchDocuments"`
		}
		query(t, srv.URL, `query($q: String!) { searchDocuments(query: $q, first: 100) { document { id } } }`, map[string]any{"q": q}, &data)
		var ids []string
		for _, h := range data.SearchDocuments {
			ids = append(ids, h.Document.ID)
		}
		return ids
	}
	type hit struct {
		Entity struct {
			ID string `json:"id"`
		} `json:"entity"`
		Exact bool `json:"exact"`
	}
	entities := func(q string) []hit {
		t.Helper()
		var data struct {
			Search []hit `json:"search"`
		}
		query(t, srv.URL, `query($q: String!) { search(query: $q, first: 100) { entity { id } exact } }`, map[string]any{"q": q}, &data)
		return data.Search
	}
	has := func(hits []hit, id string) bool {
		return slices.ContainsFunc(hits, func(h hit) bool { return h.Entity.ID == id })
	}

	t.Run("a plural finds a document that says the singular only", func(t *testing.T) {
		if !regexp.MustCompile(`(?i)\bpark\b`).MatchString(text["doc-003"]) || regexp.MustCompile(`(?i)\bparks`).MatchString(text["doc-003"]) {
			t.Fatal("doc-003 no longer says park and never parks: pick another document")
		}
		if ids := docs("parks"); !slices.Contains(ids, "doc-003") {
			t.Errorf("parks finds %v, not doc-003", ids)
		}
	})
	t.Run("a plural finds an entity whose description says the singular", func(t *testing.T) {
		if hits := entities("parks"); !has(hits, "phoenix-lake-industrial-park") {
			t.Errorf("parks does not find phoenix-lake-industrial-park (\"An industrial park of ...\"): %v", hits)
		}
	})
	t.Run("a name still matches as a prefix", func(t *testing.T) {
		if hits := entities("Chongqi"); !has(hits, "chongqing") {
			t.Errorf("Chongqi does not find chongqing: %v", hits)
		}
	})
	for _, q := range []string{"microelectronics", "micro-electronics", "micro electronics"} {
		t.Run(q+" finds the compound however it is written", func(t *testing.T) {
			for _, id := range []string{"doc-000", "doc-003", "doc-004"} { // Micro-electronics, Microelectronics, Microelectronics
				if !regexp.MustCompile(`(?i)\bmicro-?electronics\b`).MatchString(text[id]) {
					t.Fatalf("%s no longer writes the compound", id)
				}
				if ids := docs(q); !slices.Contains(ids, id) {
					t.Errorf("%q finds %v, not %s", q, ids, id)
				}
			}
			if hits := entities(q); !has(hits, "xiyong-micro-electronics-park") || !has(hits, "china-united-microelectronics-center") {
				t.Errorf("%q misses the park or the centre: %v", q, hits)
			}
		})
	}
	t.Run("a phrase finds fewer documents than its words", func(t *testing.T) {
		phrase, words := docs(`"high-tech zone"`), docs("high tech zone")
		for _, id := range phrase {
			if !regexp.MustCompile(`(?i)\bhigh[-\s]tech\s+zones?\b`).MatchString(text[id]) {
				t.Errorf("the phrase finds %s, which lacks it", id)
			}
		}
		if len(phrase) == 0 || len(phrase) >= len(words) {
			t.Errorf("the phrase finds %v, the words %v", phrase, words)
		}
		if unbalanced := docs(`"high tech zone`); !slices.Equal(unbalanced, words) {
			t.Errorf("an unbalanced quote finds %v, want the words' %v", unbalanced, words)
		}
	})
	t.Run("an exact alias in quotes comes first", func(t *testing.T) {
		if hits := entities(`"High-tech Zone"`); len(hits) == 0 || hits[0].Entity.ID != "chongqing-high-tech-zone" || !hits[0].Exact {
			t.Errorf(`"High-tech Zone" first hits %v, want chongqing-high-tech-zone marked exact`, hits[:min(3, len(hits))])
		}
	})
}

// countBucket is a Bucket as the breakdown and crossTab tests ask for it.
type countBucket struct {
	Entity named  `json:"entity"`
	Count  int    `json:"count"`
	Level  *int   `json:"level"`
	Parent *named `json:"parent"`
}

func TestBreakdownsRollUpFilterAndCrossTabulateTheSeeds(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Flat     []countBucket            `json:"flat"`
		Tree     []countBucket            `json:"tree"`
		Biotech  struct{ TotalCount int } `json:"biotech"`
		Filtered []countBucket            `json:"filtered"`
		Square   struct {
			Rows    []countBucket `json:"rows"`
			Columns []countBucket `json:"columns"`
			Cells   [][]int       `json:"cells"`
			Total   int           `json:"total"`
		} `json:"square"`
		ByOrigin struct {
			Rows    []countBucket `json:"rows"`
			Columns []countBucket `json:"columns"`
			Cells   [][]int       `json:"cells"`
			Total   int           `json:"total"`
		} `json:"byOrigin"`
	}
	query(t, srv.URL, `{
		flat: breakdown(of: PARK, by: INDUSTRY, first: 500) { entity { id } count level parent { id } }
		tree: breakdown(of: PARK, by: INDUSTRY, rollUp: true, first: 500) { entity { id } count level parent { id } }
		biotech: parks(where: {industry: "biotechnology"}) { totalCount }
		filtered: breakdown(of: PARK, by: INDUSTRY, where: {industry: "Biotechnology"}, first: 500) { entity { id } count }
		square: crossTab(of: PARK, rows: INDUSTRY, columns: INDUSTRY, firstRows: 50, firstColumns: 50) {
			rows { entity { id } count } columns { entity { id } count } cells total
		}
		byOrigin: crossTab(of: PARK, rows: INDUSTRY, columns: INVESTOR_ORIGIN) {
			rows { entity { id } count } columns { entity { id } count } cells total
		}
	}`, nil, &data)
	flat := map[string]int{}
	for _, b := range data.Flat {
		flat[b.Entity.ID] = b.Count
		if b.Level != nil || b.Parent != nil {
			t.Errorf("%s: level and parent without rollUp", b.Entity.ID)
		}
	}
	// A parent counts the parks at it or below: the list's industry filter, which takes
	// subsectors in, counts the same parks.
	tree := map[string]countBucket{}
	for _, b := range data.Tree {
		tree[b.Entity.ID] = b
	}
	if got := tree["biotechnology"].Count; got == 0 || got != data.Biotech.TotalCount {
		t.Errorf("rolled up, biotechnology counts %d parks; parks(where: {industry}) finds %d", got, data.Biotech.TotalCount)
	}
	for id, n := range flat {
		if tree[id].Count < n {
			t.Errorf("%s: %d parks rolled up, %d directly", id, tree[id].Count, n)
		}
	}
	if len(tree) <= len(flat) {
		t.Errorf("rolled up, %d industries; directly %d: no parent added", len(tree), len(flat))
	}
	// The parks that relate to biotechnology or below, by industry: none elsewhere
	// outnumbers them, and biotechnology counts them all.
	for _, b := range data.Filtered {
		if b.Count > flat[b.Entity.ID] || b.Count > data.Biotech.TotalCount {
			t.Errorf("filtered %s: %d, unfiltered %d, all of them %d", b.Entity.ID, b.Count, flat[b.Entity.ID], data.Biotech.TotalCount)
		}
	}
	if len(data.Filtered) == 0 {
		t.Error("no bucket for the parks of biotechnology")
	}
	// Industries by industries: the diagonal is the breakdown, the table is symmetric, and
	// every total is the breakdown's count.
	sq := data.Square
	if len(sq.Rows) != len(flat) || len(sq.Columns) != len(flat) {
		t.Errorf("%d rows, %d columns, %d industries", len(sq.Rows), len(sq.Columns), len(flat))
	}
	for i, r := range sq.Rows {
		if r.Count != flat[r.Entity.ID] || sq.Columns[i].Entity.ID != r.Entity.ID || sq.Cells[i][i] != r.Count {
			t.Errorf("row %s: total %d, cell %d, column %s; breakdown %d", r.Entity.ID, r.Count, sq.Cells[i][i], sq.Columns[i].Entity.ID, flat[r.Entity.ID])
		}
		for j := range sq.Columns {
			if sq.Cells[i][j] != sq.Cells[j][i] {
				t.Errorf("cells %d,%d and %d,%d differ: %d, %d", i, j, j, i, sq.Cells[i][j], sq.Cells[j][i])
			}
		}
	}
	// Industries by investor origin: no cell above its totals, no total above the grand total.
	o := data.ByOrigin
	if o.Total == 0 || len(o.Rows) == 0 || len(o.Columns) == 0 || len(o.Cells) != len(o.Rows) {
		t.Fatalf("parks by industry and investor origin: %+v", o)
	}
	for i, r := range o.Rows {
		if r.Count > o.Total {
			t.Errorf("row %s: %d, above the total %d", r.Entity.ID, r.Count, o.Total)
		}
		for j, c := range o.Columns {
			if n := o.Cells[i][j]; n > r.Count || n > c.Count {
				t.Errorf("cell %s x %s: %d, above its totals %d and %d", r.Entity.ID, c.Entity.ID, n, r.Count, c.Count)
			}
		}
	}

	for name, q := range map[string]string{
		"rollUp by another key than INDUSTRY": `{ breakdown(of: PARK, by: ZONE, rollUp: true) { count } }`,
		"more cells than the cap":             `{ crossTab(of: PARK, rows: INDUSTRY, columns: ZONE, firstRows: 100, firstColumns: 26) { total } }`,
		"a where field parks do not take":     `{ crossTab(of: PARK, rows: INDUSTRY, columns: ZONE, where: {region: "Chongqing"}) { total } }`,
	} {
		if r := graphQL(t, srv.URL, gqlRequest{query: q}); r.code() != "INVALID" {
			t.Errorf("%s: want INVALID, got %s", name, r.raw)
		}
	}
}

// Each traversal follows only stated relationships by default, and each switch adds
// exactly its kind: counted by derivation on the seeds, over the Fuling park, whose
// targets are inferred and whose link to Taiwan is computed.
func TestEachTraversalFollowsStatedRelationshipsAndEachSwitchAddsItsKind(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	const fuling = "fuling-district-industrial-park"
	type edge struct {
		ID         string `json:"id"`
		Type       string `json:"type"`
		Derivation struct {
			Kind string `json:"kind"`
		} `json:"derivation"`
	}
	// traversals return the edges of each traversal for the given switches.
	traversals := func(switches string) map[string][]edge {
		var data struct {
			Node struct {
				Relations []edge `json:"relations"`
			} `json:"node"`
			Neighborhood struct {
				Edges []edge `json:"edges"`
			} `json:"neighborhood"`
			Subgraph struct {
				Edges []edge `json:"edges"`
			} `json:"subgraph"`
			ToTaiwan *struct {
				Steps []struct {
					Relation edge `json:"relation"`
				} `json:"steps"`
			} `json:"toTaiwan"`
			ToBiotech *struct {
				Steps []struct {
					Relation edge `json:"relation"`
				} `json:"steps"`
			} `json:"toBiotech"`
		}
		args := ""
		if switches != "" {
			args = ", " + switches
		}
		list := "(first: 500" + args + ")"
		query(t, srv.URL, `{
			node(id: "`+fuling+`") { ... on Entity { relations`+list+` { id type derivation { kind } } } }
			neighborhood(id: "`+fuling+`"`+args+`) { edges { id type derivation { kind } } }
			subgraph(ids: ["`+fuling+`", "fuling-district", "biotechnology", "taiwan"]`+args+`) { edges { id type derivation { kind } } }
			toTaiwan: shortestPath(from: "`+fuling+`", to: "taiwan"`+args+`) { steps { relation { id type derivation { kind } } } }
			toBiotech: shortestPath(from: "`+fuling+`", to: "biotechnology"`+args+`) { steps { relation { id type derivation { kind } } } }
		}`, nil, &data)
		out := map[string][]edge{"relations": data.Node.Relations, "neighborhood": data.Neighborhood.Edges, "subgraph": data.Subgraph.Edges}
		for name, p := range map[string]*struct {
			Steps []struct {
				Relation edge `json:"relation"`
			} `json:"steps"`
		}{"shortestPath to Taiwan": data.ToTaiwan, "shortestPath to biotechnology": data.ToBiotech} {
			if p == nil {
				t.Fatalf("%s (%s): no path", name, switches)
			}
			for _, s := range p.Steps {
				out[name] = append(out[name], s.Relation)
			}
		}
		return out
	}
	count := func(edges []edge) map[string]int {
		n := map[string]int{}
		for _, e := range edges {
			n[e.Derivation.Kind]++
		}
		return n
	}
	stated := func(edges []edge) map[string]bool {
		ids := map[string]bool{}
		for _, e := range edges {
			if e.Derivation.Kind == "STATED" {
				ids[e.ID] = true
			}
		}
		return ids
	}
	base := traversals("")
	inferred := traversals("includeInferred: true")
	computed := traversals("includeComputed: true")
	both := traversals("includeInferred: true, includeComputed: true")
	for name, edges := range base {
		n := count(edges)
		t.Logf("%s: default %v, includeInferred %v, includeComputed %v, both %v", name, n, count(inferred[name]), count(computed[name]), count(both[name]))
		if n["STATED"] == 0 || n["INFERRED"] != 0 || n["COMPUTED"] != 0 {
			t.Errorf("%s by default: %v, want stated edges only", name, n)
		}
		if strings.HasPrefix(name, "shortestPath") {
			continue // a path takes what is shortest, not every edge of a kind
		}
		ni, nc, nb := count(inferred[name]), count(computed[name]), count(both[name])
		if ni["INFERRED"] == 0 || ni["COMPUTED"] != 0 {
			t.Errorf("%s with includeInferred: %v, want inferred edges and no computed ones", name, ni)
		}
		if nc["COMPUTED"] == 0 || nc["INFERRED"] != 0 {
			t.Errorf("%s with includeComputed: %v, want computed edges and no inferred ones", name, nc)
		}
		if nb["INFERRED"] != ni["INFERRED"] || nb["COMPUTED"] != nc["COMPUTED"] {
			t.Errorf("%s with both: %v, want the inferred of one switch (%d) and the computed of the other (%d)", name, nb, ni["INFERRED"], nc["COMPUTED"])
		}
		// The stated edges stay; only a neighbourhood may reach more entities, and with
		// them more stated edges.
		for id := range stated(edges) {
			for _, with := range [][]edge{inferred[name], computed[name], both[name]} {
				if !stated(with)[id] {
					t.Errorf("%s: the stated edge %s is lost when a switch is on", name, id)
				}
			}
		}
		if name != "neighborhood" {
			for label, with := range map[string][]edge{"includeInferred": inferred[name], "includeComputed": computed[name], "both": both[name]} {
				if count(with)["STATED"] != n["STATED"] {
					t.Errorf("%s with %s: %d stated edges, by default %d", name, label, count(with)["STATED"], n["STATED"])
				}
			}
		}
	}
	// A derived hop shortens each path only when its switch is on.
	if p := inferred["shortestPath to biotechnology"]; len(p) != 1 || p[0].Derivation.Kind != "INFERRED" {
		t.Errorf("with includeInferred the park reaches biotechnology by %+v, want its one inferred TARGETS", p)
	}
	if p := computed["shortestPath to Taiwan"]; len(p) != 1 || p[0].Type != model.DerivedInvestorOrigin {
		t.Errorf("with includeComputed the park reaches Taiwan by %+v, want the one computed hop", p)
	}
	if count(computed["shortestPath to biotechnology"])["INFERRED"] != 0 || count(inferred["shortestPath to Taiwan"])["COMPUTED"] != 0 {
		t.Error("a path took a derived hop of the kind its switch leaves out")
	}
}
