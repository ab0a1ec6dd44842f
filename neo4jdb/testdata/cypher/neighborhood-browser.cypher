:param id => 'fuling-district-industrial-park';
:param limit => 100;
:param types => ['ADJACENT_TO', 'ANNOUNCED_AT', 'APPLIES_TO', 'APPROVED', 'CONNECTS', 'COOPERATES_WITH', 'DEVELOPS', 'FOCUSES_ON', 'GUIDED', 'HOSTS', 'IMPLEMENTED_IN', 'ISSUED', 'LEADS', 'LOCATED_IN', 'MANAGES', 'ORGANIZED', 'PARTICIPATED_IN', 'PART_OF', 'REPORTED', 'SERVES', 'SIGNED_PROJECTS', 'SUBSECTOR_OF', 'TARGETS', 'TARGETS_INVESTORS_FROM'];
MATCH p = (start:Entity {id: $id})-[rs*1..2]-(m:Entity)
WHERE all(r IN rs WHERE type(r) IN $types)
RETURN p LIMIT $limit;
