MATCH (n:Entity) WHERE n.id IN ['fuling-district-industrial-park', 'phoenix-lake-industrial-park']
WITH collect(n) AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE type(r) IN ['ADJACENT_TO', 'ANNOUNCED_AT', 'APPLIES_TO', 'APPROVED', 'CONNECTS', 'COOPERATES_WITH', 'DEVELOPS', 'FOCUSES_ON', 'GUIDED', 'HOSTS', 'IMPLEMENTED_IN', 'ISSUED', 'LEADS', 'LOCATED_IN', 'MANAGES', 'ORGANIZED', 'PARTICIPATED_IN', 'PART_OF', 'REPORTED', 'SERVES', 'SIGNED_PROJECTS', 'SUBSECTOR_OF', 'TARGETS', 'TARGETS_INVESTORS_FROM'] AND b IN nodes AND (r.validFrom IS NULL OR r.validFrom <= '2025-01-01' OR r.validFrom STARTS WITH '2025-01-01') AND (r.validTo IS NULL OR '2025-01-01' <= r.validTo OR '2025-01-01' STARTS WITH r.validTo)
RETURN nodes, collect(r) AS rels;
