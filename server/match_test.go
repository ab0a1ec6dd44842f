package main

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
	"github.com/parkgraph/parkgraph/seeds"
	"github.com/parkgraph/parkgraph/seeds/synth"
)

// matchFields is what the match tests ask of every result: everything that says why.
const matchFields = `place { id name type } score
	parts { rule weight points derivation
		paths { nodes { id type }
			edges { id type source target evidence { quote } derivation { kind rule } } } }`

// matched is one result of match as the tests decode it.
type matched struct {
	Place struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		Type string `json:"type"`
	} `json:"place"`
	Score float64 `json:"score"`
	Parts []struct {
		Rule       string  `json:"rule"`
		Weight     float64 `json:"weight"`
		Points     float64 `json:"points"`
		Derivation string  `json:"derivation"`
		Paths      []struct {
			Nodes []struct {
				ID   string `json:"id"`
				Type string `json:"type"`
			} `json:"nodes"`
			Edges []struct {
				ID       string `json:"id"`
				Type     string `json:"type"`
				Source   string `json:"source"`
				Target   string `json:"target"`
				Evidence []struct {
					Quote string `json:"quote"`
				} `json:"evidence"`
				Derivation struct {
					Kind string  `json:"kind"`
					Rule *string `json:"rule"`
				} `json:"derivation"`
			} `json:"edges"`
		} `json:"paths"`
	} `json:"parts"`
}

// match asks match with args (GraphQL argument text) and returns the results, checking
// that the call cost the store exactly one round trip.
func match(t *testing.T, srv *testServer, args string) []matched {
	t.Helper()
	var data struct {
		Match []matched `json:"match"`
	}
	before := srv.store.Queries()
	query(t, srv.URL, `{ match(`+args+`) { `+matchFields+` } }`, nil, &data)
	if n := srv.store.Queries() - before; n != 1 {
		t.Errorf("match(%s) cost %d round trips, want 1", args, n)
	}
	return data.Match
}

func placeIDs(rs []matched) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Place.ID
	}
	return out
}

// checkMatchResults checks what holds of every answer: the places are of the types asked,
// ordered by score, then name, then id; each score is the sum of its parts; each part earns
// its rule's weight when its best path is stated and half of it when inferred; every path
// runs from the place to one of ends over edges that join its nodes in order, none
// computed, each with a non-empty quote.
func checkMatchResults(t *testing.T, rs []matched, types []string, ends ...string) {
	t.Helper()
	weights := map[string]float64{}
	for _, r := range model.MatchRules {
		weights[string(r.Rule)] = r.Weight
	}
	for i, r := range rs {
		if !slices.Contains(types, r.Place.Type) {
			t.Errorf("%s is a %s, not one of %v", r.Place.ID, r.Place.Type, types)
		}
		if i > 0 {
			p := rs[i-1]
			if p.Score < r.Score || p.Score == r.Score && (p.Place.Name > r.Place.Name || p.Place.Name == r.Place.Name && p.Place.ID > r.Place.ID) {
				t.Errorf("%s (%v) comes before %s (%v): want score desc, then name, then id", p.Place.ID, p.Score, r.Place.ID, r.Score)
			}
		}
		sum := 0.0
		for _, part := range r.Parts {
			sum += part.Points
			want := weights[part.Rule]
			if part.Derivation == "INFERRED" {
				want *= model.MatchInferredFactor
			}
			if part.Weight != weights[part.Rule] || part.Points != want {
				t.Errorf("%s %s (%s): weight %v points %v, want %v and %v", r.Place.ID, part.Rule, part.Derivation, part.Weight, part.Points, weights[part.Rule], want)
			}
			if len(part.Paths) == 0 || len(part.Paths) > model.MatchPathsPerPart {
				t.Errorf("%s %s: %d paths", r.Place.ID, part.Rule, len(part.Paths))
			}
			for _, path := range part.Paths {
				n := len(path.Nodes)
				if n < 2 || len(path.Edges) != n-1 || path.Nodes[0].ID != r.Place.ID || !slices.Contains(ends, path.Nodes[n-1].ID) {
					t.Errorf("%s %s: the path %+v does not run from the place to one of %v", r.Place.ID, part.Rule, path.Nodes, ends)
					continue
				}
				stated := true
				for j, e := range path.Edges {
					a, b := path.Nodes[j].ID, path.Nodes[j+1].ID
					if !(e.Source == a && e.Target == b || e.Source == b && e.Target == a) {
						t.Errorf("%s %s: edge %s (%s to %s) does not join %s and %s", r.Place.ID, part.Rule, e.ID, e.Source, e.Target, a, b)
					}
					if e.Derivation.Kind == "COMPUTED" || e.Type == model.DerivedInvestorOrigin {
						t.Errorf("%s %s: the computed edge %s is on a path", r.Place.ID, part.Rule, e.ID)
					}
					stated = stated && e.Derivation.Kind == "STATED"
					if len(e.Evidence) == 0 {
						t.Errorf("%s %s: edge %s has no evidence", r.Place.ID, part.Rule, e.ID)
					}
					for _, ev := range e.Evidence {
						if strings.TrimSpace(ev.Quote) == "" {
							t.Errorf("%s %s: edge %s has an empty quote", r.Place.ID, part.Rule, e.ID)
						}
					}
				}
				if stated && part.Derivation != "STATED" {
					t.Errorf("%s %s: a stated path, but the part is %s", r.Place.ID, part.Rule, part.Derivation)
				}
			}
		}
		if math.Abs(sum-r.Score) > 1e-9 {
			t.Errorf("%s: score %v, parts sum to %v", r.Place.ID, r.Score, sum)
		}
	}
}

// quotes returns every quote of the edges of rs's part rule.
func quotes(r matched, rule string) string {
	var b strings.Builder
	for _, part := range r.Parts {
		if part.Rule == rule {
			for _, p := range part.Paths {
				for _, e := range p.Edges {
					for _, ev := range e.Evidence {
						b.WriteString(ev.Quote + "\n")
					}
				}
			}
		}
	}
	return b.String()
}

func TestMatchRanksTheSeedsPlacesForAnInvestor(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	places := []string{"PARK", "ZONE", "DISTRICT"}

	t.Run("Taiwanese biotech among parks puts the Fuling park first, by its inferred target", func(t *testing.T) {
		rs := match(t, srv, `industry: "biotech", investorOrigin: "Taiwanese", of: [PARK]`)
		checkMatchResults(t, rs, []string{"PARK"}, "biotechnology", "taiwan")
		if len(rs) == 0 || rs[0].Place.ID != "fuling-district-industrial-park" {
			t.Fatalf("parks = %v, want the Fuling park first", placeIDs(rs))
		}
		top := rs[0]
		if len(top.Parts) != 1 || top.Parts[0].Rule != "TARGETS_INDUSTRY_FROM_ORIGIN" || top.Parts[0].Derivation != "INFERRED" {
			t.Fatalf("the Fuling park's parts = %+v, want one inferred TARGETS_INDUSTRY_FROM_ORIGIN", top.Parts)
		}
		e := top.Parts[0].Paths[0].Edges[0]
		if e.Type != "TARGETS" || e.Derivation.Rule == nil || *e.Derivation.Rule != "district-targets-apply-to-its-zone-park" {
			t.Errorf("the Fuling park's target = %+v, want TARGETS inferred by district-targets-apply-to-its-zone-park", e)
		}
		if q := quotes(top, "TARGETS_INDUSTRY_FROM_ORIGIN"); !strings.Contains(q, "Its focus is on attracting Taiwanese biotechnology") {
			t.Errorf("the Fuling park's quotes:\n%s\nwant document 000's sentence on the Fuling District's focus", q)
		}
	})

	t.Run("Taiwanese biotech among all places puts the cooperation zone first, then the Fuling district and park", func(t *testing.T) {
		rs := match(t, srv, `industry: "biotech", investorOrigin: "Taiwanese"`)
		checkMatchResults(t, rs, places, "biotechnology", "taiwan")
		want := []string{"cross-straits-industrial-cooperation-zone-chongqing", "fuling-district", "fuling-district-industrial-park"}
		if got := placeIDs(rs); !slices.Equal(got, want) {
			t.Fatalf("places = %v, want %v", got, want)
		}
		var rules []string
		for _, p := range rs[0].Parts {
			rules = append(rules, p.Rule)
		}
		if !slices.Equal(rules, []string{"TARGETS_INDUSTRY_FROM_ORIGIN", "FOCUSES_ON_INDUSTRY", "COOPERATES_WITH_ORIGIN"}) {
			t.Errorf("the zone's parts = %v", rules)
		}
	})

	t.Run("Taiwanese electronics among parks puts the High-tech Zone's park first", func(t *testing.T) {
		rs := match(t, srv, `industry: "electronics", investorOrigin: "Taiwan", of: [PARK]`)
		checkMatchResults(t, rs, []string{"PARK"}, "electronic-information", "taiwan")
		want := []string{"chongqing-high-tech-zone-industrial-park", "jinfeng-electronic-information-industrial-park",
			"sichuan-chongqing-industrial-cooperation-demonstration-park"}
		if got := placeIDs(rs); !slices.Equal(got, want) {
			t.Fatalf("parks = %v, want %v", got, want)
		}
		if q := quotes(rs[0], "TARGETS_INDUSTRY_FROM_ORIGIN"); !strings.Contains(q, "Taiwanese electronics and information industries") {
			t.Errorf("the High-tech Zone park's quotes:\n%s\nwant document 000's sentence on the zone's focus", q)
		}
	})

	t.Run("Taiwanese electronics among all places counts the High-tech Zone's company and two focuses once", func(t *testing.T) {
		rs := match(t, srv, `industry: "electronic information", investorOrigin: "taiwan", first: 3`)
		checkMatchResults(t, rs, places, "electronic-information", "taiwan")
		if got := placeIDs(rs); !slices.Equal(got, []string{"cross-straits-industrial-cooperation-zone-chongqing", "chongqing-high-tech-zone", "chongqing-high-tech-zone-industrial-park"}) {
			t.Fatalf("places = %v", got)
		}
		if q := quotes(rs[1], "HOSTS_COMPANY_IN_INDUSTRY"); q == "" {
			t.Errorf("the High-tech Zone has no HOSTS_COMPANY_IN_INDUSTRY part: %+v", rs[1].Parts)
		}
	})

	t.Run("a parent industry is a related focus, a subsector's target counts as the industry's", func(t *testing.T) {
		rs := match(t, srv, `industry: "manufacturing", of: [PARK], first: 50`)
		checkMatchResults(t, rs, []string{"PARK"}, "manufacturing")
		byID := map[string]matched{}
		for _, r := range rs {
			byID[r.Place.ID] = r
		}
		if r := byID["chongqing-high-tech-zone-industrial-park"]; len(r.Parts) == 0 || r.Parts[0].Rule != "TARGETS_INDUSTRY" {
			t.Errorf("the High-tech Zone's park targets electronic information, a subsector of manufacturing: %+v", r.Parts)
		}
		if r := byID["jinfeng-electronic-information-industrial-park"]; len(r.Parts) == 0 || r.Parts[0].Rule != "FOCUSES_ON_RELATED_INDUSTRY" {
			t.Errorf("the Jinfeng park focuses on electronic information, a subsector of manufacturing: %+v", r.Parts)
		}
	})

	t.Run("an unknown industry or origin matches nothing", func(t *testing.T) {
		if rs := match(t, srv, `industry: "no such industry"`); len(rs) != 0 {
			t.Errorf("got %v", placeIDs(rs))
		}
		if rs := match(t, srv, `industry: "biotech", investorOrigin: "Atlantis"`); len(rs) != 0 {
			t.Errorf("got %v", placeIDs(rs))
		}
	})

	t.Run("first bounds the places", func(t *testing.T) {
		if rs := match(t, srv, `industry: "biotech", investorOrigin: "Taiwanese", first: 1`); len(rs) != 1 {
			t.Errorf("got %v", placeIDs(rs))
		}
	})

	t.Run("another type than a place is INVALID", func(t *testing.T) {
		r := graphQL(t, srv.URL, gqlRequest{query: `{ match(industry: "biotech", of: [COMPANY]) { score } }`})
		if r.code() != "INVALID" {
			t.Errorf("code %q, want INVALID: %s", r.code(), r.raw)
		}
	})
}

func TestMatchAnswersForItsDateAndRefusesAnAmbiguousName(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	t.Cleanup(func() { neo4jtest.LoadSeeds(t, srv.store) }) // the seeds again, for the tests that follow
	ds := mustSeeds(t)
	// The seeds with two changes: the cooperation zone's COOPERATES_WITH Taiwan holds from
	// 2023 only, and "bio" is an alias of both biotechnology and biomedicine.
	found := false
	for _, r := range ds.Relations {
		if r.Type == "COOPERATES_WITH" && r.From == "cross-straits-industrial-cooperation-zone-chongqing" && r.To == "taiwan" {
			r.Period = model.Period{ValidFrom: "2023"}
			found = true
		}
	}
	for _, e := range ds.Entities {
		if e.ID == "biotechnology" || e.ID == "biomedicine" {
			e.Aliases = append(e.Aliases, "bio")
		}
	}
	if !found {
		t.Fatal("the seeds have no COOPERATES_WITH from the cooperation zone to Taiwan")
	}
	if _, err := srv.store.Load(context.Background(), ds, seeds.Mentions(ds)); err != nil {
		t.Fatal(err)
	}

	rules := func(rs []matched) []string {
		var out []string
		for _, r := range rs {
			if r.Place.ID == "cross-straits-industrial-cooperation-zone-chongqing" {
				for _, p := range r.Parts {
					out = append(out, p.Rule)
				}
			}
		}
		return out
	}
	now := match(t, srv, `industry: "biotech", investorOrigin: "Taiwanese", of: [ZONE]`)
	then := match(t, srv, `industry: "biotech", investorOrigin: "Taiwanese", of: [ZONE], asOf: "2020"`)
	checkMatchResults(t, now, []string{"ZONE"}, "biotechnology", "taiwan")
	checkMatchResults(t, then, []string{"ZONE"}, "biotechnology", "taiwan")
	if !slices.Contains(rules(now), "COOPERATES_WITH_ORIGIN") || slices.Contains(rules(then), "COOPERATES_WITH_ORIGIN") {
		t.Errorf("the zone's parts now %v, in 2020 %v: want COOPERATES_WITH_ORIGIN now only", rules(now), rules(then))
	}
	if len(now) == 0 || len(then) == 0 || then[0].Score != now[0].Score-2 {
		t.Errorf("scores now %+v, in 2020 %+v: want 2 points less in 2020", now, then)
	}

	r := graphQL(t, srv.URL, gqlRequest{query: `{ match(industry: "Bio") { score } }`})
	if r.code() != "INVALID" || len(r.Errors) != 1 ||
		!strings.Contains(r.Errors[0].Message, "biomedicine (biomedicine)") || !strings.Contains(r.Errors[0].Message, "biotechnology (biotechnology)") {
		t.Errorf("an ambiguous industry: %s, want INVALID naming both industries", r.raw)
	}
	// An id is never ambiguous.
	if rs := match(t, srv, `industry: "biotechnology", investorOrigin: "taiwan"`); len(rs) == 0 {
		t.Error("no match for the industry's id")
	}
}

func TestMatchOnSyntheticDataIsStableAndOneRead(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	t.Cleanup(func() { neo4jtest.LoadSeeds(t, srv.store) }) // the seeds again, for the tests that follow
	dir := filepath.Join(t.TempDir(), "synth")
	if _, err := synth.Write(dir, 5000, 1); err != nil {
		t.Fatal(err)
	}
	ds, err := seeds.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.store.Load(context.Background(), ds, seeds.Mentions(ds)); err != nil {
		t.Fatal(err)
	}
	const args = `industry: "biotech", investorOrigin: "Taiwanese", first: 50`
	var raw [2]json.RawMessage
	var took [2]time.Duration
	for i := range raw {
		var data struct {
			Match json.RawMessage `json:"match"`
		}
		before := srv.store.Queries()
		start := time.Now()
		query(t, srv.URL, `{ match(`+args+`) { `+matchFields+` } }`, nil, &data)
		took[i] = time.Since(start)
		if n := srv.store.Queries() - before; n != 1 {
			t.Errorf("call %d cost %d round trips, want 1", i+1, n)
		}
		raw[i] = data.Match
	}
	if string(raw[0]) != string(raw[1]) {
		t.Fatalf("two calls, two answers:\n%s\n%s", raw[0], raw[1])
	}
	var rs []matched
	if err := json.Unmarshal(raw[0], &rs); err != nil {
		t.Fatal(err)
	}
	// Industry 00 is biotech, region 00 Taiwan; paths from subsectors end at industry 00.
	ends := []string{"industry-00", "region-00"}
	checkMatchResults(t, rs, []string{"PARK", "ZONE", "DISTRICT"}, ends...)
	ties := 0
	for i := 1; i < len(rs); i++ {
		if rs[i].Score == rs[i-1].Score {
			ties++
		}
	}
	if len(rs) != 50 || ties == 0 {
		t.Errorf("%d results with %d ties; want 50 with ties, to check their order", len(rs), ties)
	}
	t.Logf("%d entities: match took %v and %v over HTTP (one read each); scores %v to %v",
		len(ds.Entities), took[0].Round(time.Millisecond), took[1].Round(time.Millisecond), rs[0].Score, rs[len(rs)-1].Score)
}
