// $afterId = null
// $afterKey = null
// $district = "fuling-district"
// $limit = 21

CALL () {
  MATCH (n:Park)
  WHERE EXISTS { MATCH (n)-[:PART_OF|LOCATED_IN*1..8]->(:District {id: $district}) }
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Park)
  WHERE EXISTS { MATCH (n)-[:PART_OF|LOCATED_IN*1..8]->(:District {id: $district}) }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
