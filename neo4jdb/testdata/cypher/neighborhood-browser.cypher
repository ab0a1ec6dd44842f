MATCH (start:Entity {id: 'fuling-district-industrial-park'})
OPTIONAL MATCH p = (start)-[rs*1..2]-(m:Entity)
WHERE m <> start AND all(r IN rs WHERE type(r) IN ['APPLIES_TO', 'COOPERATES_WITH', 'FOCUSES_ON', 'HOSTS', 'IMPLEMENTED_IN', 'ISSUED', 'LEADS', 'LOCATED_IN', 'MANAGES', 'ORGANIZED', 'PARTICIPATED_IN', 'PART_OF', 'SIGNED_PROJECTS', 'SUBSECTOR_OF', 'TARGETS', 'TARGETS_INVESTORS_FROM'])
WITH start, m, min(length(p)) AS d
ORDER BY d, m.name, m.id
WITH start, collect(m)[..100] AS ms
WITH [start] + ms AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE type(r) IN ['APPLIES_TO', 'COOPERATES_WITH', 'FOCUSES_ON', 'HOSTS', 'IMPLEMENTED_IN', 'ISSUED', 'LEADS', 'LOCATED_IN', 'MANAGES', 'ORGANIZED', 'PARTICIPATED_IN', 'PART_OF', 'SIGNED_PROJECTS', 'SUBSECTOR_OF', 'TARGETS', 'TARGETS_INVESTORS_FROM'] AND b IN nodes
RETURN nodes, collect(r) AS rels;
