:param asOf => '2025-01-01';
:param id => 'fuling-district-industrial-park';
:param limit => 100;
:param types => ['APPLIES_TO', 'COOPERATES_WITH', 'FOCUSES_ON', 'HOSTS', 'IMPLEMENTED_IN', 'ISSUED', 'LEADS', 'LOCATED_IN', 'MANAGES', 'ORGANIZED', 'PARTICIPATED_IN', 'PART_OF', 'SIGNED_PROJECTS', 'SUBSECTOR_OF', 'TARGETS', 'TARGETS_INVESTORS_FROM'];
MATCH p = (start:Entity {id: $id})-[rs*1..2]-(m:Entity)
WHERE all(r IN rs WHERE type(r) IN $types) AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
RETURN p LIMIT $limit;
