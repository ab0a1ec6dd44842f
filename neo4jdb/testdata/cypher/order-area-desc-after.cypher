// $afterId = "fuling-district-industrial-park"
// $afterKey = 73
// $asOf = "2025-01-01"
// $limit = 21
// $orderBy = "areaKm2"

CALL () {
  MATCH (n:Park)
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Park)
  WITH n, head(CASE WHEN n[$orderBy] IS :: LIST<ANY> THEN n[$orderBy] WHEN n[$orderBy] IS NULL THEN [] ELSE [n[$orderBy]] END
    + CASE WHEN $orderBy IN coalesce(n.periodic, []) THEN COLLECT {
      MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.property = $orderBy AND (f.validFrom IS NULL OR f.validFrom <= $asOf OR f.validFrom STARTS WITH $asOf) AND (f.validTo IS NULL OR $asOf <= f.validTo OR $asOf STARTS WITH f.validTo)
      RETURN f.typedValue
    } ELSE [] END) AS k
  WHERE $afterId IS NULL
    OR ($afterKey IS NULL AND k IS NULL AND n.id > $afterId)
    OR ($afterKey IS NOT NULL AND (k IS NULL OR k < $afterKey OR (k = $afterKey AND n.id > $afterId)))
  WITH n, k ORDER BY k IS NULL, k DESC, n.id LIMIT $limit
  WITH * ORDER BY k IS NULL, k DESC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
