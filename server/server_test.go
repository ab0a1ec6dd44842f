package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

type named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func ids(ns []named) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	sort.Strings(out)
	return out
}

func equal(t *testing.T, what string, got, want []string) {
	t.Helper()
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s:\n got  %v\n want %v", what, got, want)
	}
}

func TestTheHeadlineQueryFindsExactlyTheFulingPark(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Parks struct {
			Nodes      []named `json:"nodes"`
			TotalCount int     `json:"totalCount"`
		} `json:"parks"`
	}
	query(t, srv.URL, `{ parks(where: {targets: {industry: "biotech", investorOrigin: "Taiwan"}}) { totalCount nodes { id name } } }`, nil, &data)
	equal(t, "parks targeting Taiwanese biotech", ids(data.Parks.Nodes), []string{"fuling-district-industrial-park"})
	if data.Parks.TotalCount != 1 || data.Parks.Nodes[0].Name != "Fuling District Industrial Park" {
		t.Errorf("got %+v", data.Parks)
	}
	// The park's target is inferred from its district's, which document 000 states.
	var how struct {
		Node struct {
			Targets []struct {
				Industry   named `json:"industry"`
				Derivation struct {
					Kind        string  `json:"kind"`
					Rule        *string `json:"rule"`
					Statement   *string `json:"statement"`
					DerivedFrom []struct {
						Type       string     `json:"type"`
						Source     string     `json:"source"`
						Target     string     `json:"target"`
						Evidence   []evidence `json:"evidence"`
						Derivation struct {
							Kind string `json:"kind"`
						} `json:"derivation"`
					} `json:"derivedFrom"`
				} `json:"derivation"`
			} `json:"targets"`
		} `json:"node"`
	}
	query(t, srv.URL, `{ node(id: "fuling-district-industrial-park") { ... on Park { targets { industry { id }
		derivation { kind rule statement derivedFrom { type source target evidence { quote document { id text } } derivation { kind } } } } } } }`, nil, &how)
	found := false
	for _, tg := range how.Node.Targets {
		if tg.Industry.ID != "biotechnology" {
			continue
		}
		found = true
		d := tg.Derivation
		if d.Kind != "INFERRED" || d.Rule == nil || *d.Rule != "district-targets-apply-to-its-zone-park" || d.Statement == nil || *d.Statement == "" {
			t.Errorf("derivation of the Fuling park's biotech target = %+v", d)
		}
		var premises []string
		for _, p := range d.DerivedFrom {
			premises = append(premises, p.Type+" "+p.Source+" "+p.Target)
			if p.Derivation.Kind != "STATED" || len(p.Evidence) == 0 {
				t.Errorf("premise %s %s->%s: %s with %d evidence items, want stated with evidence", p.Type, p.Source, p.Target, p.Derivation.Kind, len(p.Evidence))
			}
			for _, e := range p.Evidence {
				if !strings.Contains(e.Document.Text, e.Quote) {
					t.Errorf("premise quote %q not in %s", e.Quote, e.Document.ID)
				}
			}
		}
		sort.Strings(premises)
		equal(t, "premises", premises, []string{"TARGETS fuling-district biotechnology",
			"LOCATED_IN fuling-district-industrial-park fuling-district",
			"PART_OF fuling-district-industrial-park cross-straits-industrial-cooperation-zone-chongqing"})
		if !strings.Contains(d.DerivedFrom[0].Evidence[len(d.DerivedFrom[0].Evidence)-1].Quote, "Its focus is on attracting Taiwanese biotechnology") {
			t.Errorf("the district's target cites %+v", d.DerivedFrom[0].Evidence)
		}
	}
	if !found {
		t.Errorf("the Fuling park has no biotech target: %+v", how.Node.Targets)
	}
	// A park that targets Taiwanese electronics must not match Taiwanese biotech, though
	// the zone it belongs to focuses on biotechnology.
	query(t, srv.URL, `{ parks(where: {targets: {industry: "electronic information", investorOrigin: "Taiwanese"}}) { totalCount nodes { id name } } }`, nil, &data)
	equal(t, "parks targeting Taiwanese electronics", ids(data.Parks.Nodes), []string{"chongqing-high-tech-zone-industrial-park"})
}

func TestTheCrossStraitsZoneHasThreeParksAndTheirSubParks(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Node struct {
			Name  string `json:"name"`
			Parks []struct {
				named
				Zone     named   `json:"zone"`
				SubParks []named `json:"subParks"`
			} `json:"parks"`
		} `json:"node"`
	}
	query(t, srv.URL, `query($id: ID!) { node(id: $id) { ... on Zone { name parks { id name zone { id } subParks { id name } } } } }`,
		map[string]any{"id": "cross-straits-industrial-cooperation-zone-chongqing"}, &data)
	got := map[string][]string{}
	for _, p := range data.Node.Parks {
		got[p.ID] = ids(p.SubParks)
		if p.Zone.ID != "cross-straits-industrial-cooperation-zone-chongqing" {
			t.Errorf("%s.zone = %q", p.ID, p.Zone.ID)
		}
	}
	want := map[string][]string{
		"chongqing-high-tech-zone-industrial-park": {"jinfeng-electronic-information-industrial-park", "xiyong-micro-electronics-park"},
		"fuling-district-industrial-park":          {"fuling-high-tech-industrial-development-zone"},
		"yongchuan-district-industrial-park":       {"phoenix-lake-industrial-park"},
	}
	if len(got) != len(want) {
		t.Errorf("parks = %v, want the three of document 000", got)
	}
	for park, subs := range want {
		equal(t, park+" sub-parks", got[park], subs)
	}
}

func TestCompaniesHostedInTheHighTechZone(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Node struct {
			Companies []named `json:"companies"`
		} `json:"node"`
		Companies struct {
			Nodes []named `json:"nodes"`
		} `json:"companies"`
	}
	query(t, srv.URL, `{
		node(id: "chongqing-high-tech-zone") { ... on Zone { companies { id name } } }
		companies(where: {hostedIn: "chongqing-high-tech-zone"}, first: 100) { nodes { id name } }
	}`, nil, &data)
	// Document 004 names these companies as settled in the High-tech Zone.
	want := []string{"asus", "gree-air-conditioning", "maansen-science-and-technology", "sano-pharmaceutical",
		"taihao-pharmaceutical", "zhenjia-home", "zhongxincheng-uptown"}
	equal(t, "Zone.companies", ids(data.Node.Companies), want)
	equal(t, "companies(hostedIn)", ids(data.Companies.Nodes), want)
}

func TestDistrictsThatJoinedTheFoodAndAgriculturalMatchmaking(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Districts struct {
			Nodes []named `json:"nodes"`
		} `json:"districts"`
		Node struct {
			Participants []named `json:"participants"`
		} `json:"node"`
	}
	query(t, srv.URL, `{
		districts(where: {participatedIn: "food-agricultural-matchmaking-chongqing"}) { nodes { id name } }
		node(id: "food-agricultural-matchmaking-chongqing") { ... on Event { participants { id name } } }
	}`, nil, &data)
	want := []string{"hechuan-district", "liangping-district", "qijiang-district", "wanzhou-district", "wulong-district"}
	equal(t, "districts(participatedIn)", ids(data.Districts.Nodes), want)
	equal(t, "Event.participants", ids(data.Node.Participants), want)
}

type evidence struct {
	Quote    string `json:"quote"`
	Document struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	} `json:"document"`
}

func TestEveryRelationAndFactReturnedHasEvidenceThatOccursInItsDocument(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	lists := []string{"zones", "parks", "districts", "regions", "industries", "companies", "organizations", "events", "projects", "policies", "people", "places"}
	relations, facts := 0, 0
	for _, list := range lists {
		after := ""
		for {
			var data map[string]struct {
				Nodes []struct {
					ID        string `json:"id"`
					Evidence  []evidence
					Relations []struct {
						Type     string     `json:"type"`
						Node     named      `json:"node"`
						Evidence []evidence `json:"evidence"`
					} `json:"relations"`
					Facts []struct {
						Property string     `json:"property"`
						Evidence []evidence `json:"evidence"`
					} `json:"facts"`
				} `json:"nodes"`
				PageInfo struct {
					HasNextPage bool   `json:"hasNextPage"`
					EndCursor   string `json:"endCursor"`
				} `json:"pageInfo"`
			}
			q := `query($after: String) { ` + list + `(first: 50, after: $after) {
				nodes { id evidence { quote document { id text } }
					relations(first: 500) { type node { id } evidence { quote document { id text } } }
					facts { property evidence { quote document { id text } } } }
				pageInfo { hasNextPage endCursor } } }`
			vars := map[string]any{"after": nil}
			if after != "" {
				vars["after"] = after
			}
			query(t, srv.URL, q, vars, &data)
			page := data[list]
			for _, n := range page.Nodes {
				check := func(what string, ev []evidence) {
					if len(ev) == 0 {
						t.Errorf("%s has no evidence", what)
					}
					for _, e := range ev {
						if !strings.Contains(e.Document.Text, e.Quote) {
							t.Errorf("%s: quote %q not in %s", what, e.Quote, e.Document.ID)
						}
					}
				}
				check(n.ID, n.Evidence)
				for _, r := range n.Relations {
					relations++
					check(n.ID+" "+r.Type+" "+r.Node.ID, r.Evidence)
				}
				for _, f := range n.Facts {
					facts++
					check(n.ID+"."+f.Property, f.Evidence)
				}
			}
			if !page.PageInfo.HasNextPage {
				break
			}
			after = page.PageInfo.EndCursor
		}
	}
	if relations == 0 || facts == 0 {
		t.Fatalf("checked %d relation ends and %d facts; want some of each", relations, facts)
	}
	t.Logf("checked %d relation ends and %d facts", relations, facts)
}

func TestHealthReadinessAndCORS(t *testing.T) {
	srv := newTestServer(t, serverOptions{env: map[string]string{"CORS_ORIGINS": "https://dashboard.example"}})
	for _, path := range []string{"/healthz", "/readyz"} {
		if got := status(t, srv.URL+path); got != http.StatusOK {
			t.Errorf("%s = %d", path, got)
		}
	}
	// Only configured origins get CORS headers, on a preflight and on the request itself.
	for origin, allowed := range map[string]bool{"https://dashboard.example": true, "https://evil.example": false, "http://localhost:3000": false} {
		preflight, _ := http.NewRequest(http.MethodOptions, srv.URL+"/graphql", nil)
		preflight.Header.Set("Access-Control-Request-Method", "POST")
		preflight.Header.Set("Access-Control-Request-Headers", "content-type")
		post, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{"query": "{ zones { totalCount } }"}`))
		post.Header.Set("Content-Type", "application/json")
		for _, req := range []*http.Request{preflight, post} {
			req.Header.Set("Origin", origin)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			got := res.Header.Get("Access-Control-Allow-Origin")
			if allowed && got != origin || !allowed && got != "" {
				t.Errorf("%s from %s: Access-Control-Allow-Origin %q", req.Method, origin, got)
			}
			if req.Method == http.MethodPost && res.StatusCode != http.StatusOK {
				t.Errorf("POST from %s: status %d", origin, res.StatusCode)
			}
		}
	}
}

func TestReadyzIsUnavailableWhileNeo4jIsDown(t *testing.T) {
	store, err := neo4jdb.Open(neo4jdb.Config{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	srv := newTestServer(t, serverOptions{store: store})
	if got := status(t, srv.URL+"/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d, want 503", got)
	}
	r := graphQL(t, srv.URL, gqlRequest{query: `{ parks { nodes { id } } }`})
	if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "UNAVAILABLE" {
		t.Errorf("query while Neo4j is down: %+v, want UNAVAILABLE", r.Errors)
	}
}

func TestRunServesUntilCancelledAndShutsDown(t *testing.T) {
	srv := startServer(t, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"})
	switch err := srv.stop(); {
	case errors.Is(err, errStillRunning):
		t.Fatal("run did not return after cancel")
	case err != nil:
		t.Fatalf("run returned %v after cancel", err)
	}
}

func TestBadConfigurationNamesTheVariable(t *testing.T) {
	for k, v := range map[string]string{"REQUEST_TIMEOUT": "soon", "MAX_DEPTH": "-1", "INTROSPECTION": "maybe"} {
		_, err := loadConfig(func(key string) string {
			if key == k {
				return v
			}
			return ""
		})
		if err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: err %v, want one naming %s", k, v, err, k)
		}
	}
}

func TestANestedParksQueryCostsABoundedNumberOfRoundTripsWhateverThePageSize(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	const q = `query($n: Int) { parks(first: $n) { nodes { name
		zone { name parks { name } }
		subParks { name zone { name } }
		targets { industry { name } investorOrigin { name } evidence { quote document { title } } }
		relations { type node { name } evidence { document { id } } }
		facts { property evidence { document { id } } }
		mentionedIn { id } } } }`
	// The query has 9 batched fields besides the list itself (zone, zone.parks, subParks,
	// targets, relations, facts, mentionedIn and two groups of referenced nodes), so one
	// list query plus at most 12 more, whatever the number of parks.
	const bound = 13
	for _, n := range []int{1, 5, 100} {
		var data struct {
			Parks struct {
				Nodes []named `json:"nodes"`
			} `json:"parks"`
		}
		before := srv.store.Queries()
		query(t, srv.URL, q, map[string]any{"n": n}, &data)
		cost := srv.store.Queries() - before
		t.Logf("%d parks: %d round trips", len(data.Parks.Nodes), cost)
		if cost > bound {
			t.Errorf("%d parks cost %d round trips, want at most %d", len(data.Parks.Nodes), cost, bound)
		}
		if n == 100 && len(data.Parks.Nodes) < 10 {
			t.Fatalf("only %d parks in the seeds; the test needs more to mean anything", len(data.Parks.Nodes))
		}
	}
}

func TestAPageOfParksWithTheirTargetsAndInvestorOriginsIsOneRead(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	// What the seeds say: the investor origin of each park's TARGETS edge, by park and
	// industry, and the names of the regions.
	ds := mustSeeds(t)
	names := map[string]string{}
	for _, e := range ds.Entities {
		names[e.ID] = e.Name
	}
	origins := map[string][]string{} // park id + " " + industry id -> origin names
	for _, r := range ds.Relations {
		if o, ok := r.Props[model.PropInvestorOrigin].(string); ok && r.Type == "TARGETS" {
			origins[r.From+" "+r.To] = append(origins[r.From+" "+r.To], names[o])
		}
	}
	// The first selection asks the industries and regions only what a slim read gives,
	// the second more (a read of whole nodes); both answer as the seeds say.
	var answers []string
	for _, fields := range []string{`industry { id } investorOrigin { id name }`,
		`industry { id description } investorOrigin { id name description }`} {
		var data struct {
			Parks struct {
				Nodes []struct {
					ID      string `json:"id"`
					Targets []struct {
						Industry       named  `json:"industry"`
						InvestorOrigin *named `json:"investorOrigin"`
					} `json:"targets"`
				} `json:"nodes"`
			} `json:"parks"`
		}
		before := srv.store.Queries()
		query(t, srv.URL, `{ parks(first: 100) { nodes { id targets { `+fields+` } } } }`, nil, &data)
		if n := srv.store.Queries() - before; n != 1 {
			t.Errorf("%s: the page cost %d round trips, want 1", fields, n)
		}
		withOrigin := 0
		for _, p := range data.Parks.Nodes {
			for _, tg := range p.Targets {
				want := origins[p.ID+" "+tg.Industry.ID]
				switch {
				case tg.InvestorOrigin == nil && len(want) > 0:
					t.Errorf("%s targets %s from %v, answered none", p.ID, tg.Industry.ID, want)
				case tg.InvestorOrigin != nil && !slices.Contains(want, tg.InvestorOrigin.Name):
					t.Errorf("%s targets %s from %q, the seeds say %v", p.ID, tg.Industry.ID, tg.InvestorOrigin.Name, want)
				case tg.InvestorOrigin != nil:
					withOrigin++
				}
			}
		}
		if withOrigin == 0 {
			t.Errorf("%s: no park target has an investor origin; the test needs one to mean anything", fields)
		}
		b, _ := json.Marshal(data)
		answers = append(answers, string(b))
	}
	if answers[0] != answers[1] {
		t.Errorf("the slim and the whole read differ:\n%s\n%s", answers[0], answers[1])
	}
}

func TestANodeAndTheHopFieldsAskedOfItAndOfTheirEntitiesComeInOneRead(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	// The parks directly part of each entity, by id, from the curated seeds.
	ds := mustSeeds(t)
	parks := map[string]bool{}
	for _, e := range ds.Entities {
		parks[e.ID] = e.Type == model.EntityTypePark
	}
	parts := map[string][]string{}
	for _, r := range ds.Relations {
		if r.Type == "PART_OF" && parks[r.From] && r.Period.HoldsAt(model.Today()) {
			parts[r.To] = append(parts[r.To], r.From)
		}
	}
	type park struct {
		ID       string  `json:"id"`
		SubParks []named `json:"subParks"`
	}
	ids := func(ns []named) []string {
		out := []string{}
		for _, n := range ns {
			out = append(out, n.ID)
		}
		return out
	}
	const zone = "cross-straits-industrial-cooperation-zone-chongqing"
	cases := []struct {
		name, query string
		aliased     bool // the parks are also asked as a
	}{
		{"a zone's parks and their sub-parks", `{ node(id: "` + zone + `") { ... on Zone { name parks { id subParks { id } } } } }`, false},
		{"under fragments of two types and two aliases", `{ node(id: "` + zone + `") {
			... on Park { subParks { id } }
			... on Zone { a: parks { id } parks { id subParks { id } } } } }`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var data struct {
				Node struct {
					A     []park `json:"a"`
					Parks []park `json:"parks"`
				} `json:"node"`
			}
			before := srv.store.Queries()
			query(t, srv.URL, c.query, nil, &data)
			if n := srv.store.Queries() - before; n != 1 {
				t.Errorf("cost %d round trips, want 1", n)
			}
			if len(data.Node.Parks) < 2 {
				t.Fatalf("%d parks in the zone; the seeds have more", len(data.Node.Parks))
			}
			var got []string
			subs := 0
			for _, p := range data.Node.Parks {
				got = append(got, p.ID)
				if want := parts[p.ID]; !sameSet(ids(p.SubParks), want) {
					t.Errorf("%s sub-parks %v, the seeds say %v", p.ID, ids(p.SubParks), want)
				}
				subs += len(p.SubParks)
			}
			if !sameSet(got, parts[zone]) {
				t.Errorf("zone parks %v, the seeds say %v", got, parts[zone])
			}
			if subs == 0 {
				t.Error("no park of the zone has a sub-park; the test needs one to mean anything")
			}
			var aliased []string
			for _, p := range data.Node.A {
				aliased = append(aliased, p.ID)
			}
			if c.aliased && !sameSet(aliased, parts[zone]) {
				t.Errorf("zone parks asked as a: %v, the seeds say %v", aliased, parts[zone])
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

func TestDisagreeingSourcesKeepBothValuesEachWithItsEvidence(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	var data struct {
		Node struct {
			AreaKm2 []float64 `json:"areaKm2"`
			Facts   []struct {
				Property string     `json:"property"`
				Value    string     `json:"value"`
				Evidence []evidence `json:"evidence"`
			} `json:"facts"`
		} `json:"node"`
	}
	query(t, srv.URL, `{ node(id: "chongqing-high-tech-zone") { ... on Zone { areaKm2 facts { property value evidence { quote document { id text } } } } } }`, nil, &data)
	got := map[float64]bool{}
	for _, v := range data.Node.AreaKm2 {
		got[v] = true
	}
	if !got[73] || !got[70] {
		t.Errorf("areaKm2 = %v, want both 73 (one passage of document 004) and 70 (another)", data.Node.AreaKm2)
	}
	quotes := map[string]string{}
	for _, f := range data.Node.Facts {
		if f.Property == "areaKm2" && len(f.Evidence) > 0 {
			quotes[f.Value] = f.Evidence[0].Quote
		}
	}
	if !strings.Contains(quotes["73"], "73 square kilometers") || !strings.Contains(quotes["70"], "70 square kilometers") {
		t.Errorf("areaKm2 facts = %v, want each value with its own quote", quotes)
	}
}

func TestOnShutdownTheServerDrainsWithReadyzUnavailableThenStops(t *testing.T) {
	neo4jtest.LoadSeeds(t, neo4jtest.Open(t))
	db := neo4jtest.Config(t)
	srv := startServer(t, map[string]string{"NEO4J_URI": db.URI, "NEO4J_USERNAME": db.Username, "NEO4J_PASSWORD": db.Password,
		"SHUTDOWN_DELAY": "1500ms"})
	if code := status(t, srv.URL+"/readyz"); code != 200 {
		t.Fatalf("/readyz before shutdown = %d", code)
	}
	stopped := make(chan error, 1)
	begun := time.Now()
	go func() { stopped <- srv.stop() }()
	time.Sleep(300 * time.Millisecond)
	if code := status(t, srv.URL+"/readyz"); code != 503 {
		t.Errorf("/readyz while draining = %d, want 503", code)
	}
	r := graphQL(t, srv.URL, gqlRequest{query: `{ node(id: "fuling-district-industrial-park") { id } }`})
	if r.status != 200 || len(r.Errors) > 0 {
		t.Errorf("a request while draining: %d %s; want it served", r.status, r.raw)
	}
	if err := <-stopped; err != nil {
		t.Fatalf("run returned %v", err)
	}
	if took := time.Since(begun); took < 1500*time.Millisecond {
		t.Errorf("stopped after %v, before the 1.5 s delay", took)
	}
	if _, err := http.Get(srv.URL + "/healthz"); err == nil {
		t.Error("the server still accepts connections after it stopped")
	}
}
