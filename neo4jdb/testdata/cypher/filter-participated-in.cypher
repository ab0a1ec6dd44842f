// $afterId = null
// $afterKey = null
// $limit = 21
// $participatedIn = "smart-china-expo-2023"

CALL () {
  MATCH (n:Organization)
  WHERE EXISTS { MATCH (n)-[:PARTICIPATED_IN|ORGANIZED]->(:Event)-[:PART_OF*0..8]->(:Event {id: $participatedIn}) }
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Organization)
  WHERE EXISTS { MATCH (n)-[:PARTICIPATED_IN|ORGANIZED]->(:Event)-[:PART_OF*0..8]->(:Event {id: $participatedIn}) }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
