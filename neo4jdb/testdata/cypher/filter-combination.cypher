// $afterId = null
// $afterKey = null
// $asOf = "2025-01-01"
// $industry = "biotech"
// $limit = 21
// $nameContains = "park"
// $range0max = 100
// $range0min = 1
// $range0prop = "areaKm2"
// $range1max = "2010"
// $range1min = null
// $range1prop = "established"
// $targetIndustry = null
// $targetOrigin = "taiwanese"
// $zone = "cross-straits-industrial-cooperation-zone-chongqing"

CALL () {
  MATCH (i:Industry) WHERE $industry IN i.keys
  MATCH (s:Industry)-[rs:SUBSECTOR_OF*0..8]->(i)
  WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  RETURN collect(DISTINCT s) AS industrySet
}
CALL () {
  MATCH (i:Industry) WHERE $targetIndustry IN i.keys
  MATCH (s:Industry)-[rs:SUBSECTOR_OF*0..8]->(i)
  WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  RETURN collect(DISTINCT s) AS targetSet
}
CALL () {
  MATCH (o:Region) WHERE $targetOrigin IN o.keys
  RETURN collect(o.id) AS originIds
}
CALL (industrySet, targetSet, originIds) {
  UNWIND industrySet AS s
  MATCH (n:Park)-[r:FOCUSES_ON|TARGETS]->(s)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH DISTINCT n
  WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))
    AND EXISTS { MATCH (n)-[r:FOCUSES_ON|TARGETS]->(s:Industry) WHERE s IN industrySet AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo) }
    AND EXISTS {
      MATCH (n)-[r:TARGETS]->(s:Industry)
      WHERE ($targetIndustry IS NULL OR s IN targetSet)
        AND ($targetOrigin IS NULL OR r.investorOrigin IN originIds)
        AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    }
    AND EXISTS { MATCH (n)-[rs:PART_OF*1..8]->(:Zone {id: $zone}) WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo)) }
    AND any(v IN CASE WHEN n[$range0prop] IS :: LIST<ANY> THEN n[$range0prop] WHEN n[$range0prop] IS NULL THEN [] ELSE [n[$range0prop]] END
      + CASE WHEN $range0prop IN coalesce(n.periodic, []) THEN COLLECT {
        MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.property = $range0prop AND (f.validFrom IS NULL OR f.validFrom <= $asOf OR f.validFrom STARTS WITH $asOf) AND (f.validTo IS NULL OR $asOf <= f.validTo OR $asOf STARTS WITH f.validTo)
        RETURN f.typedValue
      } ELSE [] END
      WHERE ($range0min IS NULL OR v >= $range0min) AND ($range0max IS NULL OR v <= $range0max))
    AND any(v IN CASE WHEN n[$range1prop] IS :: LIST<ANY> THEN n[$range1prop] WHEN n[$range1prop] IS NULL THEN [] ELSE [n[$range1prop]] END
      + CASE WHEN $range1prop IN coalesce(n.periodic, []) THEN COLLECT {
        MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.property = $range1prop AND (f.validFrom IS NULL OR f.validFrom <= $asOf OR f.validFrom STARTS WITH $asOf) AND (f.validTo IS NULL OR $asOf <= f.validTo OR $asOf STARTS WITH f.validTo)
        RETURN f.typedValue
      } ELSE [] END
      WHERE ($range1min IS NULL OR v >= $range1min) AND ($range1max IS NULL OR v <= $range1max OR v STARTS WITH $range1max))
  RETURN count(n) AS total
}
CALL (industrySet, targetSet, originIds) {
  UNWIND industrySet AS s
  MATCH (n:Park)-[r:FOCUSES_ON|TARGETS]->(s)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH DISTINCT n
  WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))
    AND EXISTS { MATCH (n)-[r:FOCUSES_ON|TARGETS]->(s:Industry) WHERE s IN industrySet AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo) }
    AND EXISTS {
      MATCH (n)-[r:TARGETS]->(s:Industry)
      WHERE ($targetIndustry IS NULL OR s IN targetSet)
        AND ($targetOrigin IS NULL OR r.investorOrigin IN originIds)
        AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    }
    AND EXISTS { MATCH (n)-[rs:PART_OF*1..8]->(:Zone {id: $zone}) WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo)) }
    AND any(v IN CASE WHEN n[$range0prop] IS :: LIST<ANY> THEN n[$range0prop] WHEN n[$range0prop] IS NULL THEN [] ELSE [n[$range0prop]] END
      + CASE WHEN $range0prop IN coalesce(n.periodic, []) THEN COLLECT {
        MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.property = $range0prop AND (f.validFrom IS NULL OR f.validFrom <= $asOf OR f.validFrom STARTS WITH $asOf) AND (f.validTo IS NULL OR $asOf <= f.validTo OR $asOf STARTS WITH f.validTo)
        RETURN f.typedValue
      } ELSE [] END
      WHERE ($range0min IS NULL OR v >= $range0min) AND ($range0max IS NULL OR v <= $range0max))
    AND any(v IN CASE WHEN n[$range1prop] IS :: LIST<ANY> THEN n[$range1prop] WHEN n[$range1prop] IS NULL THEN [] ELSE [n[$range1prop]] END
      + CASE WHEN $range1prop IN coalesce(n.periodic, []) THEN COLLECT {
        MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.property = $range1prop AND (f.validFrom IS NULL OR f.validFrom <= $asOf OR f.validFrom STARTS WITH $asOf) AND (f.validTo IS NULL OR $asOf <= f.validTo OR $asOf STARTS WITH f.validTo)
        RETURN f.typedValue
      } ELSE [] END
      WHERE ($range1min IS NULL OR v >= $range1min) AND ($range1max IS NULL OR v <= $range1max OR v STARTS WITH $range1max))
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
