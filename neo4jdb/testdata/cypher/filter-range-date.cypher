// $afterId = null
// $afterKey = null
// $asOf = "2025-01-01"
// $limit = 21
// $range0max = "2023-06"
// $range0min = "2020"
// $range0prop = "issuedOn"

CALL () {
  MATCH (n:Policy)
  WHERE any(v IN CASE WHEN n[$range0prop] IS :: LIST<ANY> THEN n[$range0prop] WHEN n[$range0prop] IS NULL THEN [] ELSE [n[$range0prop]] END
    + CASE WHEN $range0prop IN coalesce(n.periodic, []) THEN COLLECT {
      MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.property = $range0prop AND (f.validFrom IS NULL OR f.validFrom <= $asOf OR f.validFrom STARTS WITH $asOf) AND (f.validTo IS NULL OR $asOf <= f.validTo OR $asOf STARTS WITH f.validTo)
      RETURN f.typedValue
    } ELSE [] END
    WHERE ($range0min IS NULL OR v >= $range0min) AND ($range0max IS NULL OR v <= $range0max OR v STARTS WITH $range0max))
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Policy)
  WHERE any(v IN CASE WHEN n[$range0prop] IS :: LIST<ANY> THEN n[$range0prop] WHEN n[$range0prop] IS NULL THEN [] ELSE [n[$range0prop]] END
    + CASE WHEN $range0prop IN coalesce(n.periodic, []) THEN COLLECT {
      MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.property = $range0prop AND (f.validFrom IS NULL OR f.validFrom <= $asOf OR f.validFrom STARTS WITH $asOf) AND (f.validTo IS NULL OR $asOf <= f.validTo OR $asOf STARTS WITH f.validTo)
      RETURN f.typedValue
    } ELSE [] END
    WHERE ($range0min IS NULL OR v >= $range0min) AND ($range0max IS NULL OR v <= $range0max OR v STARTS WITH $range0max))
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
