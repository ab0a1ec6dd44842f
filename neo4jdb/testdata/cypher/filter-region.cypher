// $afterId = null
// $afterKey = null
// $asOf = "2025-01-01"
// $limit = 21
// $region = "chongqing"

CALL () {
  MATCH (n:Park)
  WHERE EXISTS { MATCH (n)-[rs:PART_OF|LOCATED_IN*1..8]->(g:Region) WHERE $region IN g.keys AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo)) }
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Park)
  WHERE EXISTS { MATCH (n)-[rs:PART_OF|LOCATED_IN*1..8]->(g:Region) WHERE $region IN g.keys AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo)) }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
