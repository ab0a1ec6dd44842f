// $afterId = null
// $afterKey = null
// $limit = 21
// $targetIndustry = null
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
  MATCH (n:Park)-[:TARGETS_INVESTORS_FROM]->(o:Region)
  WHERE o.id IN originIds
  WITH DISTINCT n
  WHERE EXISTS {
    MATCH (n)-[t:TARGETS]->(s:Industry)
    WHERE ($targetIndustry IS NULL OR s IN targetSet)
      AND ($targetOrigin IS NULL OR t.investorOrigin IN originIds)
  }
  RETURN count(n) AS total
}
CALL (targetSet, originIds) {
  MATCH (n:Park)-[:TARGETS_INVESTORS_FROM]->(o:Region)
  WHERE o.id IN originIds
  WITH DISTINCT n
  WHERE EXISTS {
    MATCH (n)-[t:TARGETS]->(s:Industry)
    WHERE ($targetIndustry IS NULL OR s IN targetSet)
      AND ($targetOrigin IS NULL OR t.investorOrigin IN originIds)
  }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
