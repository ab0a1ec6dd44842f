package main

// operation is one request a dashboard or data team sends, as our GraphQL, as the
// hand-written Cypher a careful engineer would run for the same answer (the floor), and
// under the same name in bench/peer/operations.json for the @neo4j/graphql peer.
type operation struct {
	Name   string
	Query  string         // GraphQL for our server
	Cypher string         // the floor
	Params map[string]any // parameters of Cypher
}

// The ids below exist in every synthetic dataset (seeds/synth): industry-00 is
// "Biotechnology" (alias "biotech"), region-00 is "Taiwan" (alias "Taiwanese").
var workload = []operation{
	{
		Name:  "headline",
		Query: `{ parks(where: {targets: {industry: "biotech", investorOrigin: "Taiwan"}}) { nodes { id name } } }`,
		Cypher: `CALL () { MATCH (i:Industry) WHERE $industry IN i.keys
           MATCH (s:Industry)-[:SUBSECTOR_OF*0..8]->(i) RETURN collect(DISTINCT s) AS industries }
CALL () { MATCH (o:Region) WHERE $origin IN o.keys RETURN collect(o.id) AS origins }
UNWIND industries AS s
MATCH (p:Park)-[t:TARGETS]->(s) WHERE t.investorOrigin IN origins
WITH DISTINCT p
RETURN p.id, p.name ORDER BY p.name, p.id LIMIT 20`,
		Params: map[string]any{"industry": "biotech", "origin": "taiwan"},
	},
	{
		Name: "parksPage",
		Query: `{ parks(first: 20) { totalCount nodes { id name zone { id name } districts { id name }
			targets { industry { id name } investorOrigin { id name } } companies { id name } } } }`,
		Cypher: `CALL () { MATCH (p:Park) RETURN count(p) AS total }
MATCH (p:Park) WHERE p.name IS NOT NULL
WITH total, p ORDER BY p.name, p.id LIMIT 20
CALL (p) { OPTIONAL MATCH path = (p)-[:PART_OF*1..8]->(z:Zone) RETURN z ORDER BY length(path) LIMIT 1 }
CALL (p) { OPTIONAL MATCH (p)-[:PART_OF|LOCATED_IN*1..8]->(d:District) RETURN collect(DISTINCT [d.id, d.name]) AS districts }
CALL (p) { OPTIONAL MATCH (p)-[t:TARGETS]->(i:Industry) OPTIONAL MATCH (o:Region {id: t.investorOrigin})
           RETURN collect([i.id, i.name, o.id, o.name]) AS targets }
CALL (p) { OPTIONAL MATCH (p)-[:HOSTS]->(c:Company) RETURN collect([c.id, c.name]) AS companies }
RETURN total, p.id, p.name, z.id, z.name, districts, targets, companies`,
	},
	{
		Name:  "zone",
		Query: `{ node(id: "zone-00000") { ... on Zone { name parks { name subParks { name } } } } }`,
		Cypher: `MATCH (z:Zone {id: $id})
OPTIONAL MATCH (p:Park)-[:PART_OF]->(z)
OPTIONAL MATCH (s:Park)-[:PART_OF]->(p)
RETURN z.name, p.name, collect(s.name) AS subParks`,
		Params: map[string]any{"id": "zone-00000"},
	},
	{
		Name:  "industryParks",
		Query: `{ node(id: "industry-00") { ... on Industry { name parks { id name } } } }`,
		Cypher: `MATCH (i:Industry {id: $id})<-[:SUBSECTOR_OF*0..8]-(:Industry)<-[:FOCUSES_ON|TARGETS]-(p:Park)
WITH DISTINCT p
RETURN p.id, p.name ORDER BY p.name, p.id LIMIT 500`,
		Params: map[string]any{"id": "industry-00"},
	},
	{
		Name:  "search",
		Query: `{ search(query: "biotech", first: 10) { entity { id name } score } }`,
		Cypher: `CALL db.index.fulltext.queryNodes('entity_text', $lucene, {limit: 100}) YIELD node, score
RETURN node.id, node.name, score ORDER BY $q IN node.keys DESC, score DESC LIMIT 10`,
		Params: map[string]any{"lucene": "biotech OR biotech*", "q": "biotech"},
	},
	// The traversals ask for inferred and computed relationships too (the API follows
	// stated ones by default): the floor Cypher and the peer follow every type.
	{
		Name:  "neighborhood",
		Query: `{ neighborhood(id: "zone-00000", depth: 2, includeInferred: true, includeComputed: true) { nodes { id name } edges { id type source target } } }`,
		Cypher: `MATCH (start:Entity {id: $id})
OPTIONAL MATCH p = (start)-[rs*1..2]-(m:Entity)
WHERE m <> start AND all(r IN rs WHERE NOT type(r) IN ['MENTIONS', 'HAS_FACT'])
WITH start, m, min(length(p)) AS d ORDER BY d, m.name, m.id
WITH start, collect(m)[..100] AS ms
WITH [start] + ms AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity) WHERE b IN nodes
RETURN [n IN nodes | n.id] AS ids, collect([r.id, type(r)]) AS rels`,
		Params: map[string]any{"id": "zone-00000"},
	},
	{
		Name:  "shortestPath",
		Query: `{ shortestPath(from: "region-00", to: "park-0000001", includeInferred: true, includeComputed: true) { length nodes { id } steps { relation { type } } } }`,
		Cypher: `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE NOT type(r) IN ['MENTIONS', 'HAS_FACT'])
RETURN [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)]`,
		Params: map[string]any{"from": "region-00", "to": "park-0000001"},
	},
	{
		Name:  "breakdown",
		Query: `{ breakdown(of: PARK, by: INDUSTRY) { entity { id name } count } }`,
		Cypher: `MATCH (n:Park)-[:FOCUSES_ON|TARGETS]->(g:Industry)
WITH g, count(DISTINCT n) AS n
RETURN g.id, g.name, n ORDER BY n DESC, g.name LIMIT 50`,
	},
}
