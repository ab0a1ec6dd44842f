// $asOf = "2025-01-01"
// $first = 50

MATCH (n:Park)
MATCH (n)-[r:FOCUSES_ON|TARGETS]->(:Industry)-[rs:SUBSECTOR_OF*0..8]->(g:Industry)
WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo) AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
WITH g, count(DISTINCT n) AS n
ORDER BY n DESC, g.name, g.id LIMIT $first
CALL (g) {
  OPTIONAL MATCH (g)-[r:SUBSECTOR_OF]->(p:Industry)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  RETURN p ORDER BY p.id LIMIT 1
}
CALL (g) {
  MATCH (g)-[rs:SUBSECTOR_OF*0..8]->(:Industry)
  WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  RETURN max(size(rs)) AS level
}
RETURN g, n, p, level ORDER BY n DESC, g.name, g.id
