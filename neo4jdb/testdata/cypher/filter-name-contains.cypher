// $afterId = null
// $afterKey = null
// $asOf = "2025-01-01"
// $limit = 21
// $nameContains = "phoenix lake"

CALL () {
  MATCH (n:Park)
  WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Park)
  WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
