// $afterId = null
// $afterKey = null
// $industry = "biotech"
// $limit = 21

CALL () {
  MATCH (i:Industry) WHERE $industry IN i.keys
  MATCH (s:Industry)-[:SUBSECTOR_OF*0..8]->(i)
  RETURN collect(DISTINCT s) AS industrySet
}
WITH industrySet, null AS total
CALL (industrySet) {
  UNWIND industrySet AS s
  MATCH (n:Park)-[:FOCUSES_ON|TARGETS]->(s)
  WITH DISTINCT n
  WHERE EXISTS { MATCH (n)-[:FOCUSES_ON|TARGETS]->(s:Industry) WHERE s IN industrySet }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
