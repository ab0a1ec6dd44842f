// $asOf = "2025-01-01"
// $derivations = ["stated"]
// $id = "fuling-district-industrial-park"
// $limit = 100
// $types = ["ADJACENT_TO","ANNOUNCED_AT","APPLIES_TO","APPROVED","CONNECTS","COOPERATES_WITH","DEVELOPS","FOCUSES_ON","GUIDED","HOSTS","IMPLEMENTED_IN","ISSUED","LEADS","LOCATED_IN","MANAGES","ORGANIZED","PARTICIPATED_IN","PART_OF","REPORTED","SERVES","SIGNED_PROJECTS","SUBSECTOR_OF","TARGETS","TARGETS_INVESTORS_FROM"]

MATCH (start:Entity {id: $id})
OPTIONAL MATCH p = (start)-[rs*1..2]-(m:Entity)
WHERE m <> start AND all(r IN rs WHERE type(r) IN $types AND coalesce(r.derivation, 'stated') IN $derivations) AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
WITH start, m, min(length(p)) AS d
ORDER BY d, m.name, m.id LIMIT $limit
WITH start, collect(m) AS ms
WITH [start] + ms AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE type(r) IN $types AND coalesce(r.derivation, 'stated') IN $derivations AND b IN nodes AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
RETURN nodes, collect(r) AS rels
