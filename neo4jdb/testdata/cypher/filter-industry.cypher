// $afterId = null
// $afterKey = null
// $asOf = "2025-01-01"
// $industry = "biotech"
// $limit = 21

CALL () {
  MATCH (i:Industry) WHERE $industry IN i.keys
  MATCH (s:Industry)-[rs:SUBSECTOR_OF*0..8]->(i)
  WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  RETURN collect(DISTINCT s) AS industrySet
}
CALL (industrySet) {
  UNWIND industrySet AS s
  MATCH (n:Park)-[r:FOCUSES_ON|TARGETS]->(s)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH DISTINCT n
  WHERE EXISTS { MATCH (n)-[r:FOCUSES_ON|TARGETS]->(s:Industry) WHERE s IN industrySet AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo) }
  RETURN count(n) AS total
}
CALL (industrySet) {
  UNWIND industrySet AS s
  MATCH (n:Park)-[r:FOCUSES_ON|TARGETS]->(s)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH DISTINCT n
  WHERE EXISTS { MATCH (n)-[r:FOCUSES_ON|TARGETS]->(s:Industry) WHERE s IN industrySet AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo) }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
