// $afterId = null
// $afterKey = null
// $asOf = "2025-01-01"
// $limit = 21
// $participant = "chongqing-municipal-government"

CALL () {
  MATCH (n:Event)
  WHERE EXISTS { MATCH (:Entity {id: $participant})-[r:PARTICIPATED_IN|ORGANIZED]->(n) WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo) }
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Event)
  WHERE EXISTS { MATCH (:Entity {id: $participant})-[r:PARTICIPATED_IN|ORGANIZED]->(n) WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo) }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
