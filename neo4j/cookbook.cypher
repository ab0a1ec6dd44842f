// parkgraph cookbook: read-only Cypher for exploring the knowledge graph in Neo4j Browser.
//
// Copy one query (from its `// N.` line down to the semicolon) into the Browser editor and
// run it. Queries that return nodes, relationships or paths are drawn as a graph; switch to
// the Table view for the other columns. Every value is a literal: edit the ids and names
// in place to ask about something else (grep seeds/graph/*.yaml for ids).
//
// The model in brief (see neo4j/README.md): every entity is (:Entity:<Type>) with id, name,
// aliases and keys (lowercased id, name and aliases, for matching); evidence lives in the
// parallel lists evidenceDocs / evidenceQuotes on entities, facts and relationships;
// (:Entity)-[:HAS_FACT]->(:Fact {property, value}); (:Document)-[:MENTIONS {count}]->(:Entity).
// neo4jdb/cookbook_test.go runs every query here against the real seeds and
// requires at least one row from each.

// 1. The graph at a glance
// How many entities of each type, with a few example names?
MATCH (e:Entity)
WITH e.type AS type, e ORDER BY e.name
RETURN type, count(*) AS entities, collect(e.name)[0..5] AS examples
ORDER BY entities DESC, type;

// 2. Find an entity by name or alias
// Which entities have a name, alias or id containing a word (here "fuling")?
MATCH (e:Entity)
WHERE any(k IN e.keys WHERE k CONTAINS 'fuling')
RETURN e.type AS type, e.id AS id, e.name AS name, e.aliases AS aliases, e.description AS description
ORDER BY type, name;

// 3. Parks targeting Taiwanese biotech (the headline question)
// Which parks target investors from Taiwan in biotechnology or one of its subsectors, and in which zone?
MATCH (sector:Industry) WHERE 'biotech' IN sector.keys
MATCH (origin:Region) WHERE toLower('Taiwanese') IN origin.keys
MATCH (industry:Industry)-[:SUBSECTOR_OF*0..]->(sector)
MATCH (park:Park)-[t:TARGETS]->(industry)
WHERE t.investorOrigin = origin.id
OPTIONAL MATCH (park)-[:PART_OF*1..]->(zone:Zone)
RETURN park.name AS park, industry.name AS industry, origin.name AS investorsFrom,
       collect(DISTINCT zone.name) AS zones, t.derivation AS derivation, t.rule AS rule,
       t.evidenceDocs AS docs, t.evidenceQuotes AS quotes
ORDER BY park;

// 4. All evidence for one relationship
// Which documents and verbatim quotes support "Fuling District Industrial Park TARGETS biotechnology"?
// (It is inferred: its evidence is that of the relationships it came from, see query 20.)
MATCH (a:Entity {id: 'fuling-district-industrial-park'})-[r:TARGETS]->(b:Entity {id: 'biotechnology'})
UNWIND range(0, size(r.evidenceQuotes) - 1) AS i
MATCH (d:Document {id: r.evidenceDocs[i]})
RETURN a.name AS from, type(r) AS relationship, b.name AS to, r.investorOrigin AS investorOrigin,
       r.derivation AS derivation, d.id AS doc, d.title AS title, r.evidenceQuotes[i] AS quote
ORDER BY doc, i;

// 5. A park with its zone and sub-parks
// What contains the Chongqing High-tech Zone Industrial Park, and which sub-parks does it include? (drawn as a graph)
MATCH (park:Park {id: 'chongqing-high-tech-zone-industrial-park'})
OPTIONAL MATCH up = (park)-[:PART_OF|LOCATED_IN*1..3]->(container)
WHERE container:Zone OR container:Park OR container:District
OPTIONAL MATCH down = (sub:Park)-[:PART_OF*1..]->(park)
RETURN park, up, down;

// 6. Neighbourhood of the Cross-Straits zone
// What do the Cross-Straits Industrial Cooperation Zone (Chongqing) and its parks connect to, by stated relationships? (drawn as a graph)
// (As the API's neighborhood does by default; leave out the WHERE to see the loader's
// inferred TARGETS and computed TARGETS_INVESTORS_FROM too.)
MATCH (zone:Zone {id: 'cross-straits-industrial-cooperation-zone-chongqing'})
MATCH (member:Entity)-[:PART_OF*0..2]->(zone)
MATCH p = (member)-[r]-(other:Entity)
WHERE r.derivation = 'stated'
RETURN p;

// 7. Shortest paths between two entities
// How is Taiwan connected to Fuling District Industrial Park through stated relationships?
// (Every hop is stated by a quote of its evidence, as the API's shortestPath finds by
// default. MENTIONS is computed and HAS_FACT records no derivation, so documents and facts
// are left out; so are the inferred TARGETS and the computed TARGETS_INVESTORS_FROM,
// which would make the answer a single hop whose quotes do not name Taiwan.)
MATCH (a:Entity {id: 'taiwan'})
MATCH (b:Entity {id: 'fuling-district-industrial-park'})
MATCH p = allShortestPaths((a)-[*..8]-(b))
WHERE all(r IN relationships(p) WHERE r.derivation = 'stated')
RETURN p, [n IN nodes(p) | n.name] AS via, [r IN relationships(p) | type(r)] AS relationships,
       [r IN relationships(p) | r.evidenceQuotes] AS quotes;

// 8. Industries by number of parks
// Which industries do most parks (and zones) focus on or target?
MATCH (place:Entity)-[:FOCUSES_ON|TARGETS]->(i:Industry)
WHERE place:Park OR place:Zone
WITH i, collect(DISTINCT CASE WHEN place:Park THEN place.name END) AS parks,
     collect(DISTINCT CASE WHEN place:Zone THEN place.name END) AS zones
RETURN i.name AS industry, size(parks) AS parkCount, parks, size(zones) AS zoneCount, zones
ORDER BY parkCount DESC, zoneCount DESC, industry;

// 9. The industry taxonomy tree
// Which industries are subsectors of which, from each top-level sector down to its leaves?
MATCH path = (leaf:Industry)-[:SUBSECTOR_OF*1..]->(top:Industry)
WHERE NOT (top)-[:SUBSECTOR_OF]->() AND NOT ()-[:SUBSECTOR_OF]->(leaf)
RETURN top.name AS sector, reverse([n IN nodes(path) | n.name]) AS branch, path
ORDER BY sector, branch;

// 10. Companies hosted in the Chongqing High-tech Zone
// Which companies does the Chongqing High-tech Zone (or a park or area inside it) host, and on what evidence?
MATCH (zone:Zone {id: 'chongqing-high-tech-zone'})
MATCH (host:Entity)-[:PART_OF|LOCATED_IN*0..3]->(zone)
MATCH (host)-[h:HOSTS]->(c:Company)
RETURN c.name AS company, host.name AS hostedBy, h.facility AS facility, c.description AS description,
       h.evidenceDocs AS docs, h.evidenceQuotes AS quotes
ORDER BY company;

// 11. Districts in the food and agricultural matchmaking
// Which districts took part in the food and agricultural product processing matchmaking, and in what role?
MATCH (ev:Event {id: 'food-agricultural-matchmaking-chongqing'})<-[p:PARTICIPATED_IN]-(d:District)
OPTIONAL MATCH (ev)-[:PART_OF]->(parent:Event)
RETURN d.name AS district, p.role AS role, ev.name AS event, parent.name AS partOf, p.evidenceQuotes AS quotes
ORDER BY district;

// 12. Projects signed per sector at the matchmaking event
// How many projects were signed in each sector at the China Industrial Transfer matchmaking in Chongqing, against the event's total?
// (The subsectors the event's projects are said to involve, with no count, are left out.)
MATCH (ev:Event {id: 'china-industrial-transfer-matchmaking-chongqing'})-[s:SIGNED_PROJECTS]->(sector:Entity)
WHERE s.count IS NOT NULL
WITH ev, sector, s ORDER BY s.count DESC
WITH ev, collect({sector: sector.name, projects: s.count, quote: s.evidenceQuotes[0]}) AS rows, sum(s.count) AS signedTotal
UNWIND rows AS row
RETURN row.sector AS sector, row.projects AS projects, signedTotal, ev.projectCount AS eventProjectCount,
       ev.heldOn AS heldOn, row.quote AS quote;

// 13. Contradictions between sources
// Which properties have facts with different values, and what does each source say about each value?
// likelyConflict is true when every value is a number or a date (e.g. areaKm2 73 vs 70); text
// values such as positioning or designation are usually a list rather than a disagreement.
MATCH (e:Entity)-[:HAS_FACT]->(f:Fact)
WITH e, f.property AS property, collect(f) AS facts, collect(DISTINCT f.value) AS values
WHERE size(values) > 1
WITH e, property, facts,
     all(v IN values WHERE toFloat(v) IS NOT NULL OR v =~ '\\d{4}(-\\d{2}){0,2}') AS likelyConflict
UNWIND facts AS f
UNWIND range(0, size(f.evidenceQuotes) - 1) AS i
RETURN e.name AS entity, property, likelyConflict, f.value AS value,
       f.evidenceDocs[i] AS doc, f.evidenceQuotes[i] AS quote
ORDER BY likelyConflict DESC, entity, property, value, doc;

// 14. Every fact about one entity, with its quotes
// What does the graph state about the Cross-Straits Industrial Cooperation Zone (Chongqing), and where does each value come from?
MATCH (e:Entity {id: 'cross-straits-industrial-cooperation-zone-chongqing'})-[:HAS_FACT]->(f:Fact)
UNWIND range(0, size(f.evidenceQuotes) - 1) AS i
RETURN f.property AS property, f.value AS value, f.evidenceDocs[i] AS doc, f.evidenceQuotes[i] AS quote
ORDER BY property, value, doc;

// 15. Timeline of dated facts
// What happened when? (every fact whose value is a date such as 2023-03-09, 2022-11 or 1991-03)
MATCH (e:Entity)-[:HAS_FACT]->(f:Fact)
WHERE f.value =~ '\\d{4}-\\d{2}(-\\d{2})?'
RETURN f.value AS date, e.name AS entity, e.type AS type, f.property AS property, f.evidenceQuotes[0] AS quote
ORDER BY date, entity;

// 16. What each document mentions
// How many entities does each document mention, and which ones most often?
MATCH (d:Document)-[m:MENTIONS]->(e:Entity)
WITH d, e, m ORDER BY m.count DESC, e.name
RETURN d.id AS doc, d.title AS title, count(e) AS entities,
       collect(e.name + ' (' + toString(m.count) + ')')[0..8] AS mostMentioned
ORDER BY doc;

// 17. What each document is evidence for
// How many entities, facts and stated (curated) relationships cite each document as evidence?
MATCH (d:Document)
RETURN d.id AS doc, d.title AS title, d.publisher AS publisher, d.publishedOn AS publishedOn, d.url AS url,
       COUNT { MATCH (e:Entity) WHERE d.id IN e.evidenceDocs } AS entities,
       COUNT { MATCH (f:Fact) WHERE d.id IN f.evidenceDocs } AS facts,
       COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE d.id IN r.evidenceDocs AND r.derivation = 'stated' } AS relationships
ORDER BY doc;

// 18. Entities without any relationship
// Which entities are not linked to any other entity (only to their documents and facts)?
MATCH (e:Entity)
WHERE NOT (e)--(:Entity)
RETURN e.type AS type, e.id AS id, e.name AS name,
       COUNT { (e)-[:HAS_FACT]->() } AS facts, e.evidenceDocs AS docs, e.description AS description
ORDER BY type, name;

// 19. Mentioned but never cited
// Which entities does a document mention by name without being cited as evidence for them? (leads for curation)
MATCH (d:Document)-[m:MENTIONS]->(e:Entity)
WHERE NOT d.id IN e.evidenceDocs
RETURN d.id AS doc, e.type AS type, e.name AS entity, m.count AS mentions, e.evidenceDocs AS citedFrom
ORDER BY doc, mentions DESC, entity;

// 20. How each derived relationship was reached
// Which relationships did the loader infer or compute, by which rule, and from which relationships?
// (derivation is 'stated' for curated relationships, 'inferred' or 'computed' for the loader's.)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.derivation IN ['inferred', 'computed']
UNWIND r.derivedFrom AS premiseId
MATCH (x:Entity)-[p]->(y:Entity) WHERE p.id = premiseId
RETURN r.derivation AS derivation, r.rule AS rule, a.name AS from, type(r) AS relationship, b.name AS to,
       collect(type(p) + ' ' + x.name + ' -> ' + y.name + ' (' + p.derivation + ')') AS derivedFrom,
       r.ruleStatement AS statement
ORDER BY derivation DESC, rule, from, to;

// 21. Which load wrote the graph
// Which dataset digest is loaded, when was it written and by which version of the loader? (cite these with an answer)
MATCH (d:Dataset)
RETURN d.digest AS digest, d.loadedAt AS loadedAt, d.loaderVersion AS loaderVersion,
       COUNT { MATCH (n:Entity) WHERE n.dataset = d.digest } AS entities,
       COUNT { MATCH ()-[r]->() WHERE r.dataset = d.digest } AS relationships;

// 22. What held only for a period
// Which relationships and facts hold only for a period a document gives, and which of them held in 2009?
// (A bound includes every date it is a prefix of: '2010-06' includes 30 June 2010. Edit '2009' to ask about another date.)
CALL () {
  MATCH (a:Entity)-[x]->(b:Entity)
  WHERE x.validFrom IS NOT NULL OR x.validTo IS NOT NULL
  RETURN 'relationship' AS kind, a.name + ' ' + type(x) + ' ' + b.name AS statement, x AS item
  UNION ALL
  MATCH (e:Entity)-[:HAS_FACT]->(x:Fact)
  WHERE x.validFrom IS NOT NULL OR x.validTo IS NOT NULL
  RETURN 'fact' AS kind, e.name + ' ' + x.property + ' = ' + x.value AS statement, x AS item
}
RETURN kind, statement, item.validFrom AS validFrom, item.validTo AS validTo,
       (item.validFrom IS NULL OR item.validFrom <= '2009' OR item.validFrom STARTS WITH '2009')
         AND (item.validTo IS NULL OR '2009' <= item.validTo OR '2009' STARTS WITH item.validTo) AS heldIn2009,
       item.evidenceQuotes AS quotes
ORDER BY kind DESC, validFrom, statement;

// 23. Search documents as people write
// Which documents say "manufacturer" in any form, or "high-tech zone" as a phrase?
// (document_english indexes titles and texts by English stem. Edit the Lucene query in place: words are OR'ed, a phrase goes in double quotes.)
CALL db.index.fulltext.queryNodes('document_english', 'manufacturers OR "high-tech zone"', {limit: 10}) YIELD node, score
RETURN node.id AS document, node.title AS title, score
ORDER BY score DESC, document;

// 24. Parks by industry and investor origin, with totals
// How many parks focus on or target each industry, per origin of the investors they seek, with the total of each industry, of each origin and of all?
// (The API's crossTab(of: PARK, rows: INDUSTRY, columns: INVESTOR_ORIGIN) answers the same. Totals count distinct parks with
// an industry and an origin, so a total is not the sum of its cells. TARGETS_INVESTORS_FROM is computed by the loader from
// TARGETS.investorOrigin; see query 20.)
MATCH (park:Park)-[:FOCUSES_ON|TARGETS]->(industry:Industry)
MATCH (park)-[:TARGETS_INVESTORS_FROM]->(origin:Region)
WITH industry, origin, count(DISTINCT park) AS parks
RETURN industry.name AS industry, origin.name AS investorsFrom, parks,
       COUNT { MATCH (p:Park) WHERE EXISTS { (p)-[:FOCUSES_ON|TARGETS]->(industry) } AND EXISTS { (p)-[:TARGETS_INVESTORS_FROM]->(:Region) } } AS industryTotal,
       COUNT { MATCH (p:Park) WHERE EXISTS { (p)-[:TARGETS_INVESTORS_FROM]->(origin) } AND EXISTS { (p)-[:FOCUSES_ON|TARGETS]->(:Industry) } } AS originTotal,
       COUNT { MATCH (p:Park) WHERE EXISTS { (p)-[:FOCUSES_ON|TARGETS]->(:Industry) } AND EXISTS { (p)-[:TARGETS_INVESTORS_FROM]->(:Region) } } AS allParks
ORDER BY industryTotal DESC, parks DESC, industry, investorsFrom;

// 25. Matchmaking: which places fit an investor, and why
// Which parks, zones and districts fit a Taiwanese investor in biotech, by the rules of the API's match
// (README "Matchmaking": weight per rule, half for a path with an inferred edge, each rule once per place)?
// Edit 'biotech' and 'taiwanese' to ask about another industry and origin. (Periods are not checked here: the API
// follows only the relationships that hold at the date it is asked for; see query 22.)
MATCH (i:Industry) WHERE 'biotech' IN i.keys
MATCH (o:Region) WHERE 'taiwanese' IN o.keys
CALL (i, o) {
  MATCH path = (p:Park|Zone|District)-[t:TARGETS]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i)
  RETURN p, CASE WHEN t.investorOrigin = o.id THEN 'TARGETS_INDUSTRY_FROM_ORIGIN' ELSE 'TARGETS_INDUSTRY' END AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:FOCUSES_ON]->(i)
  RETURN p, 'FOCUSES_ON_INDUSTRY' AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:COOPERATES_WITH]-(o)
  RETURN p, 'COOPERATES_WITH_ORIGIN' AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:FOCUSES_ON]->(:Industry)-[:SUBSECTOR_OF*1..8]->(i)
  RETURN p, 'FOCUSES_ON_RELATED_INDUSTRY' AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:FOCUSES_ON]->(:Industry)<-[:SUBSECTOR_OF*1..8]-(i)
  RETURN p, 'FOCUSES_ON_RELATED_INDUSTRY' AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:HOSTS]->(:Entity)-[:FOCUSES_ON]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i)
  RETURN p, 'HOSTS_COMPANY_IN_INDUSTRY' AS rule, path
  UNION
  MATCH path = (p:Park|Zone|District)-[:PARTICIPATED_IN]->(:Event)-[:FOCUSES_ON|TARGETS|SIGNED_PROJECTS]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i)
  RETURN p, 'PARTICIPATED_IN_MATCHMAKING' AS rule, path
}
WITH p, rule, path, all(r IN relationships(path) WHERE coalesce(r.derivation, 'stated') = 'stated') AS stated
WITH p, rule, collect(path) AS paths, max(CASE WHEN stated THEN 1.0 ELSE 0.5 END) AS factor
WITH p, rule, paths,
     {TARGETS_INDUSTRY_FROM_ORIGIN: 5, TARGETS_INDUSTRY: 3, FOCUSES_ON_INDUSTRY: 2, COOPERATES_WITH_ORIGIN: 2,
      FOCUSES_ON_RELATED_INDUSTRY: 1, HOSTS_COMPANY_IN_INDUSTRY: 1, PARTICIPATED_IN_MATCHMAKING: 1}[rule] * factor AS points
ORDER BY points DESC, rule
WITH p, sum(points) AS score,
     collect({rule: rule, points: points,
              quotes: reduce(q = [], path IN paths | q + reduce(s = [], r IN relationships(path) | s + r.evidenceQuotes))}) AS parts
RETURN p.type AS type, p.name AS place, score, parts
ORDER BY score DESC, place, p.id
LIMIT 10;
