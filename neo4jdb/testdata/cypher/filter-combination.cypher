// $afterId = null
// $afterKey = null
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
  MATCH (s:Industry)-[:SUBSECTOR_OF*0..8]->(i)
  RETURN collect(DISTINCT s) AS industrySet
}
CALL () {
  MATCH (i:Industry) WHERE $targetIndustry IN i.keys
  MATCH (s:Industry)-[:SUBSECTOR_OF*0..8]->(i)
  RETURN collect(DISTINCT s) AS targetSet
}
CALL () {
  MATCH (o:Region) WHERE $targetOrigin IN o.keys
  RETURN collect(o.id) AS originIds
}
CALL (industrySet, targetSet, originIds) {
  UNWIND industrySet AS s
  MATCH (n:Park)-[:FOCUSES_ON|TARGETS]->(s)
  WITH DISTINCT n
  WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))
    AND EXISTS { MATCH (n)-[:FOCUSES_ON|TARGETS]->(s:Industry) WHERE s IN industrySet }
    AND EXISTS {
      MATCH (n)-[t:TARGETS]->(s:Industry)
      WHERE ($targetIndustry IS NULL OR s IN targetSet)
        AND ($targetOrigin IS NULL OR t.investorOrigin IN originIds)
    }
    AND EXISTS { MATCH (n)-[:PART_OF*1..8]->(:Zone {id: $zone}) }
    AND any(v IN CASE WHEN n[$range0prop] IS :: LIST<ANY> THEN n[$range0prop] ELSE [n[$range0prop]] END
      WHERE ($range0min IS NULL OR v >= $range0min) AND ($range0max IS NULL OR v <= $range0max))
    AND any(v IN CASE WHEN n[$range1prop] IS :: LIST<ANY> THEN n[$range1prop] ELSE [n[$range1prop]] END
      WHERE ($range1min IS NULL OR v >= $range1min) AND ($range1max IS NULL OR v <= $range1max OR v STARTS WITH $range1max))
  RETURN count(n) AS total
}
CALL (industrySet, targetSet, originIds) {
  UNWIND industrySet AS s
  MATCH (n:Park)-[:FOCUSES_ON|TARGETS]->(s)
  WITH DISTINCT n
  WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))
    AND EXISTS { MATCH (n)-[:FOCUSES_ON|TARGETS]->(s:Industry) WHERE s IN industrySet }
    AND EXISTS {
      MATCH (n)-[t:TARGETS]->(s:Industry)
      WHERE ($targetIndustry IS NULL OR s IN targetSet)
        AND ($targetOrigin IS NULL OR t.investorOrigin IN originIds)
    }
    AND EXISTS { MATCH (n)-[:PART_OF*1..8]->(:Zone {id: $zone}) }
    AND any(v IN CASE WHEN n[$range0prop] IS :: LIST<ANY> THEN n[$range0prop] ELSE [n[$range0prop]] END
      WHERE ($range0min IS NULL OR v >= $range0min) AND ($range0max IS NULL OR v <= $range0max))
    AND any(v IN CASE WHEN n[$range1prop] IS :: LIST<ANY> THEN n[$range1prop] ELSE [n[$range1prop]] END
      WHERE ($range1min IS NULL OR v >= $range1min) AND ($range1max IS NULL OR v <= $range1max OR v STARTS WITH $range1max))
    AND n.name IS NOT NULL
  WITH n, n.name AS k
  WHERE $afterId IS NULL OR k > $afterKey OR (k = $afterKey AND n.id > $afterId)
  WITH n, k ORDER BY k ASC, n.id LIMIT $limit
  WITH * ORDER BY k ASC, n.id
  RETURN collect([n, k]) AS rows
}
RETURN total, rows
