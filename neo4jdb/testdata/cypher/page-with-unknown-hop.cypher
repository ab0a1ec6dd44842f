// $afterId = null
// $afterKey = null
// $asOf = "2025-01-01"
// $hopFirst1 = 500
// $limit = 21

CALL () {
  MATCH (n:Park)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Park)
  WHERE n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH n, k, [] AS h0
  CALL (n) {
    WITH n AS a
    MATCH (a)<-[rs:SUBSECTOR_OF*0..8]-(x:Entity)
    WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
    WITH DISTINCT x
    MATCH (x)<-[r:FOCUSES_ON|TARGETS]-(b:Entity:Park)
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    WITH DISTINCT b ORDER BY b.name, b.id LIMIT $hopFirst1
    RETURN collect(b) AS list
  }
  WITH n, k, h0, list AS h1
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k, h0, h1]) AS rows
}
RETURN total, rows
