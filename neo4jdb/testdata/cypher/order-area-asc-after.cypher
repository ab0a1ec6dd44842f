// $afterId = "fuling-district-industrial-park"
// $afterKey = 73
// $limit = 21
// $orderBy = "areaKm2"

CALL () {
  MATCH (n:Park)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Park)
  WITH n, CASE WHEN n[$orderBy] IS :: LIST<ANY> THEN n[$orderBy][0] ELSE n[$orderBy] END AS k
  WHERE $afterId IS NULL
    OR ($afterKey IS NULL AND k IS NULL AND n.id > $afterId)
    OR ($afterKey IS NOT NULL AND (k IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)))
  WITH n, k ORDER BY k IS NULL, k ASC, n.id LIMIT $limit
  WITH * ORDER BY k IS NULL, k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
