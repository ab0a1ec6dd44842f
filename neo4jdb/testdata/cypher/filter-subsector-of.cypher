// $afterId = null
// $afterKey = null
// $limit = 21
// $subsectorOf = "electronics"

CALL () {
  MATCH (n:Industry)
  WHERE EXISTS { MATCH (n)-[:SUBSECTOR_OF*1..8]->(i:Industry) WHERE $subsectorOf IN i.keys }
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Industry)
  WHERE EXISTS { MATCH (n)-[:SUBSECTOR_OF*1..8]->(i:Industry) WHERE $subsectorOf IN i.keys }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
