// $afterId = null
// $afterKey = null
// $asOf = "2025-01-01"
// $hopFirst0 = 500
// $hopFirst1 = 500
// $hopFirst2 = 500
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
  CALL (n) {
    WITH n AS a
    MATCH p = (a)-[rs:PART_OF*1..8]->(b:Entity:Zone)
    WHERE b <> a AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
    WITH b, min(length(p)) AS d ORDER BY d, b.name, b.id LIMIT $hopFirst0
    RETURN collect(b {.id, .type, .name}) AS list
  }
  WITH n, k, list AS h0
  CALL (n) {
    WITH n AS a
    MATCH (a)-[r:HOSTS]->(b:Entity:Company)
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id LIMIT $hopFirst1
    RETURN collect({r: r, b: b {.id, .type, .name}, out: out}) AS list
  }
  WITH n, k, h0, list AS h1
  CALL (n) {
    WITH n AS a
    MATCH (a)<-[rs:SUBSECTOR_OF*0..8]-(x:Entity)
    WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
    WITH DISTINCT x
    MATCH (x)<-[r:FOCUSES_ON|TARGETS]-(b:Entity:Park)
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    WITH DISTINCT b ORDER BY b.name, b.id LIMIT $hopFirst2
    RETURN collect(b {.id, .type, .name}) AS list
  }
  WITH n, k, h0, h1, list AS h2
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n {.id, .type, .name}, k, h0, h1, h2]) AS rows
}
RETURN total, rows
