// $asOf = "2025-01-01"
// $first = 50
// $nameContains = "zone"
// $targetIndustry = null
// $targetOrigin = "taiwan"

CALL () {
  MATCH (i:Industry) WHERE $targetIndustry IN i.keys
  MATCH (s:Industry)-[rs:SUBSECTOR_OF*0..8]->(i)
  WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  RETURN collect(DISTINCT s) AS targetSet
}
CALL () {
  MATCH (o:Region) WHERE $targetOrigin IN o.keys
  RETURN collect(o.id) AS originIds
}
CALL (targetSet, originIds) {
  MATCH (n:Zone)-[r:TARGETS_INVESTORS_FROM]->(o:Region)
  WHERE o.id IN originIds AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH DISTINCT n
  WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))
    AND EXISTS {
      MATCH (n)-[r:TARGETS]->(s:Industry)
      WHERE ($targetIndustry IS NULL OR s IN targetSet)
        AND ($targetOrigin IS NULL OR r.investorOrigin IN originIds)
        AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    }
  RETURN n
}
MATCH (n)-[rs:PART_OF|LOCATED_IN*1..8]->(g:District)
WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
WITH g, count(DISTINCT n) AS n
RETURN g, n ORDER BY n DESC, g.name, g.id LIMIT $first
