// $asOf = "2025-01-01"
// $first = 50

MATCH (n:Park)
MATCH (n)-[r:TARGETS_INVESTORS_FROM]->(g:Region)
WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
WITH g, count(DISTINCT n) AS n
RETURN g, n ORDER BY n DESC, g.name, g.id LIMIT $first
