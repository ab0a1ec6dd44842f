// $asOf = "2025-01-01"
// $derivations = ["stated","inferred","computed"]
// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]
// $types = ["ADJACENT_TO","ANNOUNCED_AT","APPLIES_TO","APPROVED","CONNECTS","COOPERATES_WITH","DEVELOPS","FOCUSES_ON","GUIDED","HOSTS","IMPLEMENTED_IN","ISSUED","LEADS","LOCATED_IN","MANAGES","ORGANIZED","PARTICIPATED_IN","PART_OF","REPORTED","SERVES","SIGNED_PROJECTS","SUBSECTOR_OF","TARGETS","TARGETS_INVESTORS_FROM"]

MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE type(r) IN $types AND b IN nodes AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
RETURN nodes, collect(r) AS rels
