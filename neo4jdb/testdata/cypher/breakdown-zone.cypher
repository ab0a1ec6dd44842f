// $asOf = "2025-01-01"
// $first = 50

MATCH (n:Park)
MATCH (n)-[rs:PART_OF*1..8]->(g:Zone)
WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
WITH g, count(DISTINCT n) AS n
RETURN g, n ORDER BY n DESC, g.name, g.id LIMIT $first
