package main

// operation is one request a dashboard or data team sends, as our GraphQL, as the
// hand-written Cypher a careful engineer would run for the same answer (the floor), and
// under the same name in bench/peer/operations.json for the @neo4j/graphql peer.
type operation struct {
	Name   string
	Query  string         // GraphQL for our server
	Cypher string         // the floor
	Params map[string]any // parameters of Cypher
	Expect string         // a substring of every correct answer, ours and the peer's
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
		Expect: `"parks":`,
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
		Expect: `"totalCount":`,
	},
	{
		Name:  "zone",
		Query: `{ node(id: "zone-00000") { ... on Zone { name parks { name subParks { name } } } } }`,
		Cypher: `MATCH (z:Zone {id: $id})
OPTIONAL MATCH (p:Park)-[:PART_OF]->(z)
OPTIONAL MATCH (s:Park)-[:PART_OF]->(p)
RETURN z.name, p.name, collect(s.name) AS subParks`,
		Params: map[string]any{"id": "zone-00000"},
		Expect: `"name":"Zone 00000"`,
	},
	{
		Name:  "industryParks",
		Query: `{ node(id: "industry-00") { ... on Industry { name parks { id name } } } }`,
		Cypher: `MATCH (i:Industry {id: $id})<-[:SUBSECTOR_OF*0..8]-(:Industry)<-[:FOCUSES_ON|TARGETS]-(p:Park)
WITH DISTINCT p
RETURN p.id, p.name ORDER BY p.name, p.id LIMIT 500`,
		Params: map[string]any{"id": "industry-00"},
		Expect: `"name":"Biotechnology"`,
	},
	{
		Name:  "search",
		Query: `{ search(query: "biotech", first: 10) { entity { id name } score } }`,
		Cypher: `CALL {
  CALL db.index.fulltext.queryNodes('entity_text', $lucene, {limit: 100}) YIELD node, score RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_english', $stemmed, {limit: 100}) YIELD node, score RETURN node, score
}
WITH node, sum(score) AS score
RETURN node.id, node.name, score ORDER BY $q IN node.keys DESC, score DESC LIMIT 10`,
		Params: map[string]any{"lucene": "biotech OR biotech*", "stemmed": "biotech", "q": "biotech"},
		Expect: `"id":"industry-00"`,
	},
	// The traversals ask for inferred and computed relationships too (the API follows
	// stated ones by default): the floor Cypher and the peer follow every type.
	{
		Name:  "neighborhood",
		Query: `{ neighborhood(id: "zone-00000", depth: 2, includeInferred: true, includeComputed: true) { nodes { id name } edges { id type source target } } }`,
		Cypher: `MATCH (start:Entity {id: $id})
OPTIONAL MATCH p = (start)-[rs*1..2]-(m:Entity)
WHERE m <> start AND all(r IN rs WHERE NOT type(r) IN ['MENTIONS', 'HAS_FACT'])
WITH start, m, min(length(p)) AS d ORDER BY d, m.name, m.id LIMIT 100
WITH start, collect(m) AS ms
WITH [start] + ms AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity) WHERE b IN nodes
RETURN [n IN nodes | n.id] AS ids, collect([r.id, type(r)]) AS rels`,
		Params: map[string]any{"id": "zone-00000"},
		Expect: `"id":"zone-00000"`,
	},
	{
		Name:  "shortestPath",
		Query: `{ shortestPath(from: "region-00", to: "park-0000001", includeInferred: true, includeComputed: true) { length nodes { id } steps { relation { type } } } }`,
		Cypher: `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE NOT type(r) IN ['MENTIONS', 'HAS_FACT'])
RETURN [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)]`,
		Params: map[string]any{"from": "region-00", "to": "park-0000001"},
		Expect: `"id":"park-0000001"`,
	},
	{
		Name:  "breakdown",
		Query: `{ breakdown(of: PARK, by: INDUSTRY) { entity { id name } count } }`,
		Cypher: `MATCH (n:Park)-[:FOCUSES_ON|TARGETS]->(g:Industry)
WITH g, count(DISTINCT n) AS n
RETURN g.id, g.name, n ORDER BY n DESC, g.name LIMIT 50`,
		Expect: `"id":"industry-`,
	},
	{
		Name: "crossTab",
		Query: `{ crossTab(of: PARK, rows: INDUSTRY, columns: INVESTOR_ORIGIN) {
			rows { entity { id name } count } columns { entity { id name } count } cells total } }`,
		// One pass that keeps a count per key and per pair of keys: the total (i and o
		// null), each industry (o null), each origin (i null) and each pair. A list of
		// every park's keys runs out of Neo4j's transaction memory at 1M relationships.
		Cypher: `MATCH (n:Park)
CALL (n) { MATCH (n)-[:FOCUSES_ON|TARGETS]->(i:Industry) RETURN collect(DISTINCT i) AS industries }
CALL (n) { MATCH (n)-[:TARGETS_INVESTORS_FROM]->(o:Region) RETURN collect(DISTINCT o) AS origins }
WITH industries, origins WHERE size(industries) > 0 AND size(origins) > 0
UNWIND [null] + industries AS i
UNWIND [null] + origins AS o
WITH i, o, count(*) AS n
WITH collect([i, o, n]) AS counts
CALL (counts) { UNWIND counts AS x WITH x WHERE x[0] IS NOT NULL AND x[1] IS NULL
           WITH x[0] AS g, x[2] AS n ORDER BY n DESC, g.name, g.id LIMIT 20 RETURN collect([g.id, g.name, n]) AS rows }
CALL (counts) { UNWIND counts AS x WITH x WHERE x[0] IS NULL AND x[1] IS NOT NULL
           WITH x[1] AS g, x[2] AS n ORDER BY n DESC, g.name, g.id LIMIT 20 RETURN collect([g.id, g.name, n]) AS columns }
WITH counts, rows, columns, [r IN rows | r[0]] AS rowIds, [c IN columns | c[0]] AS columnIds
RETURN head([x IN counts WHERE x[0] IS NULL AND x[1] IS NULL | x[2]]) AS total, rows, columns,
  [x IN counts WHERE x[0].id IN rowIds AND x[1].id IN columnIds | [x[0].id, x[1].id, x[2]]] AS cells`,
		Expect: `"cells":[[`,
	},
	{
		Name: "match",
		Query: `{ match(industry: "biotech", investorOrigin: "Taiwanese") { place { id name } score
			parts { rule points paths { nodes { id } edges { id type evidence { quote } derivation { kind rule } } } } } }`,
		Cypher: `MATCH (i:Industry) WHERE $industry IN i.keys
MATCH (o:Region) WHERE $origin IN o.keys
CALL (i, o) {
  MATCH path = (p:Park|Zone|District)-[t:TARGETS]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i)
  RETURN p, CASE WHEN t.investorOrigin = o.id THEN 'TARGETS_INDUSTRY_FROM_ORIGIN' ELSE 'TARGETS_INDUSTRY' END AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:FOCUSES_ON]->(i) RETURN p, 'FOCUSES_ON_INDUSTRY' AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:COOPERATES_WITH]-(o) RETURN p, 'COOPERATES_WITH_ORIGIN' AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:FOCUSES_ON]->(:Industry)-[:SUBSECTOR_OF*1..8]->(i) RETURN p, 'FOCUSES_ON_RELATED_INDUSTRY' AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:FOCUSES_ON]->(:Industry)<-[:SUBSECTOR_OF*1..8]-(i) RETURN p, 'FOCUSES_ON_RELATED_INDUSTRY' AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:HOSTS]->(:Entity)-[:FOCUSES_ON]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i)
  RETURN p, 'HOSTS_COMPANY_IN_INDUSTRY' AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:PARTICIPATED_IN]->(:Event)-[:FOCUSES_ON|TARGETS|SIGNED_PROJECTS]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i)
  RETURN p, 'PARTICIPATED_IN_MATCHMAKING' AS rule, path
}
WITH p, rule, path, CASE WHEN all(r IN relationships(path) WHERE coalesce(r.derivation, 'stated') = 'stated') THEN 1.0 ELSE 0.5 END AS factor
WITH p, rule, collect(path)[..10] AS paths, max(factor) * $weights[rule] AS points
WITH p, sum(points) AS score,
  collect([rule, points, [x IN paths | [[n IN nodes(x) | n.id], [r IN relationships(x) | [r.id, type(r), r.evidenceQuotes, r.derivation, r.rule]]]]]) AS parts
RETURN p.id, p.name, score, parts ORDER BY score DESC, p.name, p.id LIMIT 10`,
		Params: map[string]any{"industry": "biotech", "origin": "taiwanese", "weights": map[string]any{
			"TARGETS_INDUSTRY_FROM_ORIGIN": 5, "TARGETS_INDUSTRY": 3, "FOCUSES_ON_INDUSTRY": 2, "COOPERATES_WITH_ORIGIN": 2,
			"FOCUSES_ON_RELATED_INDUSTRY": 1, "HOSTS_COMPANY_IN_INDUSTRY": 1, "PARTICIPATED_IN_MATCHMAKING": 1}},
		Expect: `"score":`,
	},
}
