// $first = 50

MATCH (n:Entity:Park)
MATCH (n)-[:TARGETS_INVESTORS_FROM]->(g:Region)
WITH g, count(DISTINCT n) AS n
RETURN g, n ORDER BY n DESC, g.name, g.id LIMIT $first
