// $afterId = "fuling-district-industrial-park"
// $afterKey = "Fuling"
// $asOf = "2025-01-01"
// $limit = 21

CALL () {
  MATCH (n:Park)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Park)
  WHERE n.name >= $afterKey
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
