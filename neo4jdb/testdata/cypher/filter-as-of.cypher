// $afterId = null
// $afterKey = null
// $asOf = "2009"
// $limit = 21
// $range0max = 71
// $range0min = null
// $range0prop = "areaKm2"
// $zone = "chongqing-high-tech-zone"

CALL () {
  MATCH (n:Zone)-[rs:PART_OF*1..8]->(:Zone {id: $zone})
  WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  WITH DISTINCT n
  WHERE EXISTS { MATCH (n)-[rs:PART_OF*1..8]->(:Zone {id: $zone}) WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo)) }
    AND any(v IN CASE WHEN n[$range0prop] IS :: LIST<ANY> THEN n[$range0prop] WHEN n[$range0prop] IS NULL THEN [] ELSE [n[$range0prop]] END
      + CASE WHEN $range0prop IN coalesce(n.periodic, []) THEN COLLECT {
        MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.property = $range0prop AND (f.validFrom IS NULL OR f.validFrom <= $asOf OR f.validFrom STARTS WITH $asOf) AND (f.validTo IS NULL OR $asOf <= f.validTo OR $asOf STARTS WITH f.validTo)
        RETURN f.typedValue
      } ELSE [] END
      WHERE ($range0min IS NULL OR v >= $range0min) AND ($range0max IS NULL OR v <= $range0max))
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Zone)-[rs:PART_OF*1..8]->(:Zone {id: $zone})
  WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  WITH DISTINCT n
  WHERE EXISTS { MATCH (n)-[rs:PART_OF*1..8]->(:Zone {id: $zone}) WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo)) }
    AND any(v IN CASE WHEN n[$range0prop] IS :: LIST<ANY> THEN n[$range0prop] WHEN n[$range0prop] IS NULL THEN [] ELSE [n[$range0prop]] END
      + CASE WHEN $range0prop IN coalesce(n.periodic, []) THEN COLLECT {
        MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.property = $range0prop AND (f.validFrom IS NULL OR f.validFrom <= $asOf OR f.validFrom STARTS WITH $asOf) AND (f.validTo IS NULL OR $asOf <= f.validTo OR $asOf STARTS WITH f.validTo)
        RETURN f.typedValue
      } ELSE [] END
      WHERE ($range0min IS NULL OR v >= $range0min) AND ($range0max IS NULL OR v <= $range0max))
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
