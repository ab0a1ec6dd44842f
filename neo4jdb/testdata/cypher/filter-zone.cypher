// $afterId = null
// $afterKey = null
// $limit = 21
// $zone = "cross-straits-industrial-cooperation-zone-chongqing"

CALL () {
  MATCH (n:Park)-[:PART_OF*1..8]->(:Zone {id: $zone})
  WITH DISTINCT n
  WHERE EXISTS { MATCH (n)-[:PART_OF*1..8]->(:Zone {id: $zone}) }
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Park)-[:PART_OF*1..8]->(:Zone {id: $zone})
  WITH DISTINCT n
  WHERE EXISTS { MATCH (n)-[:PART_OF*1..8]->(:Zone {id: $zone}) }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
