:param ids => ['fuling-district-industrial-park', 'phoenix-lake-industrial-park'];
:param types => ['ADJACENT_TO', 'ANNOUNCED_AT', 'APPLIES_TO', 'APPROVED', 'CONNECTS', 'COOPERATES_WITH', 'DEVELOPS', 'FOCUSES_ON', 'GUIDED', 'HOSTS', 'IMPLEMENTED_IN', 'ISSUED', 'LEADS', 'LOCATED_IN', 'MANAGES', 'ORGANIZED', 'PARTICIPATED_IN', 'PART_OF', 'REPORTED', 'SERVES', 'SIGNED_PROJECTS', 'SUBSECTOR_OF', 'TARGETS', 'TARGETS_INVESTORS_FROM'];
MATCH (n:Entity) WHERE n.id IN $ids
OPTIONAL MATCH p = (n)-[r]->(m:Entity)
WHERE m.id IN $ids AND type(r) IN $types
RETURN n, p;
