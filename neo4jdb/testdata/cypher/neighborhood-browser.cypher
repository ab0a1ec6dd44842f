MATCH (start:Entity {id: 'fuling-district-industrial-park'})
OPTIONAL MATCH p = (start)-[rs*1..2]-(m:Entity)
WHERE m <> start AND all(r IN rs WHERE type(r) IN ['ADJACENT_TO', 'ANNOUNCED_AT', 'APPLIES_TO', 'APPROVED', 'CONNECTS', 'COOPERATES_WITH', 'DEVELOPS', 'FOCUSES_ON', 'GUIDED', 'HOSTS', 'IMPLEMENTED_IN', 'ISSUED', 'LEADS', 'LOCATED_IN', 'MANAGES', 'ORGANIZED', 'PARTICIPATED_IN', 'PART_OF', 'REPORTED', 'SERVES', 'SIGNED_PROJECTS', 'SUBSECTOR_OF', 'TARGETS', 'TARGETS_INVESTORS_FROM'] AND coalesce(r.derivation, 'stated') IN ['stated']) AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= '2025-01-01' OR step.validFrom STARTS WITH '2025-01-01') AND (step.validTo IS NULL OR '2025-01-01' <= step.validTo OR '2025-01-01' STARTS WITH step.validTo))
WITH start, m, min(length(p)) AS d
ORDER BY d, m.name, m.id LIMIT 100
WITH start, collect(m) AS ms
WITH [start] + ms AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE type(r) IN ['ADJACENT_TO', 'ANNOUNCED_AT', 'APPLIES_TO', 'APPROVED', 'CONNECTS', 'COOPERATES_WITH', 'DEVELOPS', 'FOCUSES_ON', 'GUIDED', 'HOSTS', 'IMPLEMENTED_IN', 'ISSUED', 'LEADS', 'LOCATED_IN', 'MANAGES', 'ORGANIZED', 'PARTICIPATED_IN', 'PART_OF', 'REPORTED', 'SERVES', 'SIGNED_PROJECTS', 'SUBSECTOR_OF', 'TARGETS', 'TARGETS_INVESTORS_FROM'] AND coalesce(r.derivation, 'stated') IN ['stated'] AND b IN nodes AND (r.validFrom IS NULL OR r.validFrom <= '2025-01-01' OR r.validFrom STARTS WITH '2025-01-01') AND (r.validTo IS NULL OR '2025-01-01' <= r.validTo OR '2025-01-01' STARTS WITH r.validTo)
RETURN nodes, collect(r) AS rels;
