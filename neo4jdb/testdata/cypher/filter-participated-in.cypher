// $afterId = null
// $afterKey = null
// $asOf = "2025-01-01"
// $limit = 21
// $participatedIn = "smart-china-expo-2023"

CALL () {
  MATCH (n:Organization)
  WHERE EXISTS { MATCH (n)-[r:PARTICIPATED_IN|ORGANIZED]->(:Event)-[rs:PART_OF*0..8]->(:Event {id: $participatedIn}) WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo) AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo)) }
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Organization)
  WHERE EXISTS { MATCH (n)-[r:PARTICIPATED_IN|ORGANIZED]->(:Event)-[rs:PART_OF*0..8]->(:Event {id: $participatedIn}) WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo) AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo)) }
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
