// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]
// $types = ["APPLIES_TO","COOPERATES_WITH","FOCUSES_ON","HOSTS","IMPLEMENTED_IN","ISSUED","LEADS","LOCATED_IN","MANAGES","ORGANIZED","PARTICIPATED_IN","PART_OF","SIGNED_PROJECTS","SUBSECTOR_OF","TARGETS","TARGETS_INVESTORS_FROM"]

MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE type(r) IN $types AND b IN nodes
RETURN nodes, collect(r) AS rels
