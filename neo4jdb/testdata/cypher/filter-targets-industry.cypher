// $afterId = null
// $afterKey = null
// $asOf = "2025-01-01"
// $limit = 21
// $targetIndustry = "biotech"
// $targetOrigin = null

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
  UNWIND targetSet AS s
  MATCH (n:Park)-[r:TARGETS]->(s)
  WHERE ($targetOrigin IS NULL OR r.investorOrigin IN originIds) AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH DISTINCT n
  RETURN count(n) AS total
}
CALL (targetSet, originIds) {
  UNWIND targetSet AS s
  MATCH (n:Park)-[r:TARGETS]->(s)
  WHERE ($targetOrigin IS NULL OR r.investorOrigin IN originIds) AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH DISTINCT n
  WHERE n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
