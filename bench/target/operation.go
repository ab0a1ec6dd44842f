package target

import (
	"bytes"
	"context"
)

// Operation is one request of a workload and a piece of its correct answer.
type Operation struct {
	Name   string
	Query  string
	Expect string // a substring every correct response body contains
}

// Check posts the operation's query and returns the answer; a response without errors
// whose body lacks Expect gets the code CodeWrong, so a wrong answer counts as an error.
func (c *Client) Check(ctx context.Context, op Operation) Answer {
	a := c.Query(ctx, op.Query)
	if a.Code() == "" && !bytes.Contains(a.Data, []byte(op.Expect)) {
		a.Codes = append(a.Codes, CodeWrong)
	}
	return a
}

// SeedMix is what a dashboard asks of the seed graph (the questions of README.md and
// the server tests), each with a piece of its known answer. Every operation is of
// ordinary size: well under the server's depth, cost, alias and root-field limits.
var SeedMix = []Operation{
	{
		Name:   "headline",
		Query:  `{ parks(where: {targets: {industry: "biotech", investorOrigin: "Taiwan"}}) { nodes { id name } } }`,
		Expect: `"id":"fuling-district-industrial-park"`,
	},
	{
		Name: "parksPage",
		Query: `{ parks(first: 20) { totalCount nodes { id name zone { id name } districts { id name }
			targets { industry { id name } investorOrigin { id name } } companies { id name } }
			pageInfo { hasNextPage endCursor } } }`,
		Expect: `"totalCount":`,
	},
	{
		Name: "park",
		Query: `{ node(id: "fuling-district-industrial-park") { ... on Park { name zone { name } subParks { name }
			targets { industry { name } investorOrigin { name } evidence { quote document { title } } } } } }`,
		Expect: `"name":"Fuling District Industrial Park"`,
	},
	{
		Name:   "zoneParks",
		Query:  `{ zones(where: {nameContains: "cross-straits"}) { nodes { id name parks { id name subParks { id name } } } } }`,
		Expect: `"id":"phoenix-lake-industrial-park"`,
	},
	{
		Name:   "hostedCompanies",
		Query:  `{ companies(where: {hostedIn: "chongqing-high-tech-zone"}) { totalCount nodes { id name } } }`,
		Expect: `"id":"asus"`,
	},
	{
		Name: "matchmaking",
		Query: `{ districts(where: {participatedIn: "food-agricultural-matchmaking-chongqing"}) { nodes { id name } }
			node(id: "china-industrial-transfer-matchmaking-chongqing") { ... on Event { name signedProjects { target { name } count } } } }`,
		Expect: `"id":"wanzhou-district"`,
	},
	{
		Name:   "search",
		Query:  `{ search(query: "biotech", first: 5) { entity { id type name } score exact } }`,
		Expect: `"id":"biotechnology"`,
	},
	{
		Name:   "searchDocuments",
		Query:  `{ searchDocuments(query: "matchmaking") { document { id title } snippet } }`,
		Expect: `"snippet":`,
	},
	// The traversals ask for inferred and computed relationships too, as the peer's
	// answer (bench/peer) and the figures measured before stated-only became the default.
	{
		Name: "neighborhood",
		Query: `{ neighborhood(id: "cross-straits-industrial-cooperation-zone-chongqing", depth: 2, limit: 50, includeInferred: true, includeComputed: true) {
			nodes { id name type } edges { type source target } } }`,
		Expect: `"id":"fuling-district-industrial-park"`,
	},
	{
		Name: "shortestPath",
		Query: `{ shortestPath(from: "taiwan", to: "fuling-district-industrial-park", includeInferred: true, includeComputed: true) { length nodes { name }
			steps { relation { type source target } evidence { quote document { title } } } } }`,
		Expect: `"type":"TARGETS_INVESTORS_FROM"`,
	},
	{
		Name: "entityRelations",
		Query: `{ node(id: "chongqing-high-tech-zone") { ... on Entity { name
			relations(types: [HOSTS, FOCUSES_ON], direction: OUT) { type node { name } evidence { quote document { id } } }
			facts { property value evidence { quote } } mentionedIn { title } } } }`,
		Expect: `"type":"HOSTS"`,
	},
	{
		Name: "dashboard",
		Query: `{ stats { nodes relationships documents facts evidence labels { key count } }
			parksByIndustry: breakdown(of: PARK, by: INDUSTRY) { entity { name } count }
			zonesByDistrict: breakdown(of: ZONE, by: DISTRICT) { entity { name } count } }`,
		Expect: `"parksByIndustry":[{`,
	},
	{
		Name: "crossTab",
		Query: `{ crossTab(of: PARK, rows: INDUSTRY, columns: INVESTOR_ORIGIN) {
			rows { entity { id name } count } columns { entity { id name } count } cells total } }`,
		Expect: `"id":"taiwan"`,
	},
	{
		Name: "match",
		Query: `{ match(industry: "biotech", investorOrigin: "Taiwanese", of: [PARK]) { place { id name } score
			parts { rule points paths { nodes { id } edges { type evidence { quote } derivation { kind rule } } } } } }`,
		Expect: `"id":"fuling-district-industrial-park"`,
	},
}
