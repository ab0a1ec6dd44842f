// $asOf = "2025-01-01"
// $first = 5
// $industry = "electronics"
// $inferred = 0.5
// $origin = null
// $paths = 10
// $rules = {"COOPERATES_WITH_ORIGIN":3,"FOCUSES_ON_INDUSTRY":2,"FOCUSES_ON_RELATED_INDUSTRY":4,"HOSTS_COMPANY_IN_INDUSTRY":5,"PARTICIPATED_IN_MATCHMAKING":6,"TARGETS_INDUSTRY":1,"TARGETS_INDUSTRY_FROM_ORIGIN":0}
// $weights = {"COOPERATES_WITH_ORIGIN":2,"FOCUSES_ON_INDUSTRY":2,"FOCUSES_ON_RELATED_INDUSTRY":1,"HOSTS_COMPANY_IN_INDUSTRY":1,"PARTICIPATED_IN_MATCHMAKING":1,"TARGETS_INDUSTRY":3,"TARGETS_INDUSTRY_FROM_ORIGIN":5}

CALL () {
  OPTIONAL MATCH (i:Industry) WHERE $industry IN i.keys
  WITH i ORDER BY i.id
  RETURN collect(i) AS industries
}
CALL () {
  OPTIONAL MATCH (o:Region) WHERE $origin IN o.keys
  WITH o ORDER BY o.id
  RETURN collect(o) AS origins
}
WITH industries, origins, [x IN industries WHERE x.id = $industry] AS exactIndustry, [x IN origins WHERE x.id = $origin] AS exactOrigin
WITH CASE WHEN size(exactIndustry) = 1 THEN exactIndustry ELSE industries END AS industries,
  CASE WHEN size(exactOrigin) = 1 THEN exactOrigin ELSE origins END AS origins
CALL (industries, origins) {
  WITH industries[0] AS i, origins[0] AS o
  WHERE size(industries) = 1 AND size(origins) = CASE WHEN $origin IS NULL THEN 0 ELSE 1 END
  CALL (i, o) {
    MATCH path = (p:Park)-[t:TARGETS]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i)
    RETURN p, CASE WHEN o IS NOT NULL AND t.investorOrigin = o.id THEN 'TARGETS_INDUSTRY_FROM_ORIGIN' ELSE 'TARGETS_INDUSTRY' END AS rule, path
    UNION
    MATCH path = (p:Park)-[:FOCUSES_ON]->(i)
    RETURN p, 'FOCUSES_ON_INDUSTRY' AS rule, path
    UNION
    MATCH path = (p:Park)-[:COOPERATES_WITH]-(o)
    RETURN p, 'COOPERATES_WITH_ORIGIN' AS rule, path
    UNION
    MATCH path = (p:Park)-[:FOCUSES_ON]->(:Industry)-[:SUBSECTOR_OF*1..8]->(i)
    RETURN p, 'FOCUSES_ON_RELATED_INDUSTRY' AS rule, path
    UNION
    MATCH path = (p:Park)-[:FOCUSES_ON]->(:Industry)<-[:SUBSECTOR_OF*1..8]-(i)
    RETURN p, 'FOCUSES_ON_RELATED_INDUSTRY' AS rule, path
    UNION
    MATCH path = (p:Park)-[:HOSTS]->(:Entity)-[:FOCUSES_ON]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i)
    RETURN p, 'HOSTS_COMPANY_IN_INDUSTRY' AS rule, path
    UNION
    MATCH path = (p:Park)-[:PARTICIPATED_IN]->(:Event)-[:FOCUSES_ON|TARGETS|SIGNED_PROJECTS]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i)
    RETURN p, 'PARTICIPATED_IN_MATCHMAKING' AS rule, path
  }
  WITH p, rule, path, all(r IN relationships(path) WHERE coalesce(r.derivation, 'stated') = 'stated') AS stated
  WHERE all(step IN relationships(path) WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  WITH p, rule, path, stated ORDER BY stated DESC, length(path), [r IN relationships(path) | r.id]
  WITH p, rule, collect(path)[..$paths] AS paths, max(CASE WHEN stated THEN 1.0 ELSE $inferred END) AS factor
  WITH p, rule, paths, factor, $weights[rule] * factor AS points
  ORDER BY points DESC, $rules[rule]
  WITH p, sum(points) AS score, collect([rule, points, factor = 1.0, paths]) AS parts
  ORDER BY score DESC, p.name, p.id
  LIMIT $first
  RETURN collect([p, score, parts]) AS results
}
RETURN [x IN industries | [x.id, x.name]] AS industries, [x IN origins | [x.id, x.name]] AS origins, results
