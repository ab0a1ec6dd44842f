MATCH (n:Entity) WHERE n.id IN ['fuling-district-industrial-park', 'phoenix-lake-industrial-park']
WITH collect(n) AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE type(r) IN ['APPLIES_TO', 'COOPERATES_WITH', 'FOCUSES_ON', 'HOSTS', 'IMPLEMENTED_IN', 'ISSUED', 'LEADS', 'LOCATED_IN', 'MANAGES', 'ORGANIZED', 'PARTICIPATED_IN', 'PART_OF', 'SIGNED_PROJECTS', 'SUBSECTOR_OF', 'TARGETS', 'TARGETS_INVESTORS_FROM'] AND b IN nodes
RETURN nodes, collect(r) AS rels;
