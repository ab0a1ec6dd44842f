// $afterId = null
// $afterKey = null
// $limit = 21
// $targetIndustry = "biotech"
// $targetOrigin = "taiwanese"

CALL () {
  MATCH (i:Industry) WHERE $targetIndustry IN i.keys
  MATCH (s:Industry)-[:SUBSECTOR_OF*0..8]->(i)
  RETURN collect(DISTINCT s) AS targetSet
}
CALL () {
  MATCH (o:Region) WHERE $targetOrigin IN o.keys
  RETURN collect(o.id) AS originIds
}
CALL (targetSet, originIds) {
  UNWIND targetSet AS s
  MATCH (n:Park)-[t:TARGETS]->(s)
  WHERE $targetOrigin IS NULL OR t.investorOrigin IN originIds
  WITH DISTINCT n
  RETURN count(n) AS total
}
CALL (targetSet, originIds) {
  UNWIND targetSet AS s
  MATCH (n:Park)-[t:TARGETS]->(s)
  WHERE $targetOrigin IS NULL OR t.investorOrigin IN originIds
  WITH DISTINCT n
  WHERE n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
