// $afterId = null
// $afterKey = null
// $limit = 21
// $region = "chongqing"

CALL () {
  MATCH (n:Park)
  WHERE EXISTS { MATCH (n)-[:PART_OF|LOCATED_IN*1..8]->(r:Region) WHERE $region IN r.keys }
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Park)
  WHERE EXISTS { MATCH (n)-[:PART_OF|LOCATED_IN*1..8]->(r:Region) WHERE $region IN r.keys }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
