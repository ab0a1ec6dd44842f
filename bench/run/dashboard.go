package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"

	"github.com/parkgraph/parkgraph/seeds/synth"
)

// dashboardOperation is one panel of a dashboard: a query with variables for our server
// and the same question for the peer, how to draw its variables from a synthetic
// dataset, and a piece every correct answer of both servers contains.
type dashboardOperation struct {
	Name   string
	Query  string                                              // GraphQL for our server
	Peer   string                                              // GraphQL for the peer
	Vars   func(rng *rand.Rand, sh synth.Shape) map[string]any // draws variables
	Expect func(vars map[string]any) string                    // a substring of every correct answer
}

const (
	// dashboardRepeat is the share of dashboard requests that repeat one of the fixed
	// (operation, variables) pairs; the others draw new variables.
	dashboardRepeat = 0.8
	// dashboardSeed seeds the draws, so that every run sends the same sequence.
	dashboardSeed = 1
)

// pick returns format filled with a random number below n. The ids drawn with it are
// those seeds/synth writes for a shape (region-00..19, industry-00..59, zone-NNNNN,
// park-NNNNNNN); search terms are the industries' aliases (ind01..ind59).
func pick(rng *rand.Rand, format string, n int) string { return fmt.Sprintf(format, rng.IntN(n)) }

func expectID(key string) func(map[string]any) string {
	return func(v map[string]any) string { return fmt.Sprintf(`"id":"%s"`, v[key]) }
}

func expectText(s string) func(map[string]any) string {
	return func(map[string]any) string { return s }
}

// dashboard is the dashboard workload: ten operations of the bench, with variables.
var dashboard = []dashboardOperation{
	{
		Name:  "headline",
		Query: `query Headline($industry: String!, $origin: String!) { parks(where: {targets: {industry: $industry, investorOrigin: $origin}}) { nodes { id name } } }`,
		Peer:  `query Headline($industry: String!, $origin: String!) { parks(where: { targetsConnection: { some: { node: { matchKeys: { includes: $industry } }, edge: { originKeys: { includes: $origin } } } } }) { id name } }`,
		Vars: func(rng *rand.Rand, sh synth.Shape) map[string]any {
			return map[string]any{"industry": pick(rng, "industry-%02d", sh.Industries), "origin": pick(rng, "region-%02d", sh.Regions)}
		},
		Expect: expectText(`"parks":`),
	},
	{
		Name:  "zone",
		Query: `query Zone($id: ID!) { node(id: $id) { ... on Zone { id name parks { name subParks { name } } } } }`,
		Peer:  `query Zone($id: ID!) { zones(where: { id: { eq: $id } }) { id name parks { name subParks { name } } } }`,
		Vars: func(rng *rand.Rand, sh synth.Shape) map[string]any {
			return map[string]any{"id": pick(rng, "zone-%05d", sh.Zones)}
		},
		Expect: expectID("id"),
	},
	{
		Name:  "park",
		Query: `query Park($id: ID!) { node(id: $id) { ... on Park { id name zone { id name } districts { id name } companies { id name } } } }`,
		Peer:  `query Park($id: ID!) { parks(where: { id: { eq: $id } }) { id name zone { id name } districts { id name } companies { id name } } }`,
		Vars: func(rng *rand.Rand, sh synth.Shape) map[string]any {
			return map[string]any{"id": pick(rng, "park-%07d", sh.Parks)}
		},
		Expect: expectID("id"),
	},
	{
		Name:  "industryParks",
		Query: `query IndustryParks($id: ID!) { node(id: $id) { ... on Industry { id name parks { id name } } } }`,
		Peer:  `query IndustryParks($id: ID!) { industries(where: { id: { eq: $id } }) { id name parks { id name } } }`,
		Vars: func(rng *rand.Rand, sh synth.Shape) map[string]any {
			return map[string]any{"id": pick(rng, "industry-%02d", sh.Industries)}
		},
		Expect: expectID("id"),
	},
	{
		Name:  "search",
		Query: `query Search($q: String!) { search(query: $q, first: 10) { entity { id name } score } }`,
		Peer:  `query Search($q: String!) { search(query: $q, first: 10) { entity { id name } score } }`,
		Vars: func(rng *rand.Rand, sh synth.Shape) map[string]any {
			return map[string]any{"q": fmt.Sprintf("ind%02d", 1+rng.IntN(sh.Industries-1))}
		},
		// The alias indNN belongs to industry-NN, the exact match ranked first (industry-00
		// is Biotechnology, alias biotech: it has no indNN alias and is not drawn).
		Expect: func(v map[string]any) string { return fmt.Sprintf(`"id":"industry-%s"`, v["q"].(string)[3:]) },
	},
	{
		Name:  "neighborhood",
		Query: `query Neighborhood($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id name } edges { id type source target } } }`,
		Peer:  `query Neighborhood($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id name } edges { id type source target } } }`,
		Vars: func(rng *rand.Rand, sh synth.Shape) map[string]any {
			return map[string]any{"id": pick(rng, "zone-%05d", sh.Zones)}
		},
		Expect: expectID("id"),
	},
	{
		Name:  "parkNeighborhood",
		Query: `query ParkNeighborhood($id: ID!) { neighborhood(id: $id, depth: 1) { nodes { id name } edges { id type source target } } }`,
		Peer:  `query ParkNeighborhood($id: ID!) { neighborhood(id: $id, depth: 1) { nodes { id name } edges { id type source target } } }`,
		Vars: func(rng *rand.Rand, sh synth.Shape) map[string]any {
			return map[string]any{"id": pick(rng, "park-%07d", sh.Parks)}
		},
		Expect: expectID("id"),
	},
	{
		Name:  "shortestPath",
		Query: `query ShortestPath($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length nodes { id } steps { relation { type } } } }`,
		Peer:  `query ShortestPath($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length nodes { id } edges { type } } }`,
		Vars: func(rng *rand.Rand, sh synth.Shape) map[string]any {
			return map[string]any{"from": pick(rng, "region-%02d", sh.Regions), "to": pick(rng, "park-%07d", sh.Parks)}
		},
		Expect: expectText(`"shortestPath":`),
	},
	{
		Name:  "parksPage",
		Query: `query ParksPage($first: Int!) { parks(first: $first) { totalCount nodes { id name zone { id name } } } }`,
		Peer:  `query ParksPage($first: Int!) { parksConnection(first: $first, sort: [{ name: ASC }, { id: ASC }]) { totalCount edges { node { id name zone { id name } } } } }`,
		Vars: func(rng *rand.Rand, sh synth.Shape) map[string]any {
			return map[string]any{"first": 1 + rng.IntN(100)}
		},
		Expect: expectText(`"totalCount":`),
	},
	{
		Name:  "breakdown",
		Query: `query Breakdown($first: Int!) { breakdown(of: PARK, by: INDUSTRY, first: $first) { entity { id name } count } }`,
		Peer:  `query Breakdown($first: Int!) { industries(where: { parkCount: { gt: 0 } }, sort: [{ parkCount: DESC }, { name: ASC }, { id: ASC }], limit: $first) { id name parkCount } }`,
		Vars: func(rng *rand.Rand, sh synth.Shape) map[string]any {
			return map[string]any{"first": 1 + rng.IntN(sh.Industries)}
		},
		Expect: expectText(`"id":"industry-`),
	},
}

// dashboardRequest is one request of the dashboard workload: the JSON bodies for our
// server and for the peer, and the piece of its answer to check.
type dashboardRequest struct {
	ours, peer []byte
	expect     string
}

// dashboardMix draws dashboard requests: with probability dashboardRepeat one of the
// fixed pairs (one per operation, drawn first), otherwise a uniformly chosen operation
// with newly drawn variables. The sequence depends only on the shape. Safe for
// concurrent use.
type dashboardMix struct {
	mu    sync.Mutex
	rng   *rand.Rand
	shape synth.Shape
	fixed []dashboardRequest
}

func newDashboardMix(shape synth.Shape) *dashboardMix {
	m := &dashboardMix{rng: rand.New(rand.NewPCG(dashboardSeed, 0)), shape: shape}
	for _, op := range dashboard {
		m.fixed = append(m.fixed, dashboardRequestOf(op, op.Vars(m.rng, shape)))
	}
	return m
}

func dashboardRequestOf(op dashboardOperation, vars map[string]any) dashboardRequest {
	ours, _ := json.Marshal(map[string]any{"query": op.Query, "variables": vars})
	peer, _ := json.Marshal(map[string]any{"query": op.Peer, "variables": vars})
	return dashboardRequest{ours: ours, peer: peer, expect: op.Expect(vars)}
}

// body returns the request's JSON body for the peer when peer is set, else for ours.
func (r dashboardRequest) body(peer bool) []byte {
	if peer {
		return r.peer
	}
	return r.ours
}

// next returns the next request of the sequence.
func (m *dashboardMix) next() dashboardRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rng.Float64() < dashboardRepeat {
		return m.fixed[m.rng.IntN(len(m.fixed))]
	}
	op := dashboard[m.rng.IntN(len(dashboard))]
	return dashboardRequestOf(op, op.Vars(m.rng, m.shape))
}
