// $first = 50

MATCH (n:Entity:Park)
MATCH (n)-[:FOCUSES_ON|TARGETS]->(g:Industry)
WITH g, count(DISTINCT n) AS n
RETURN g, n ORDER BY n DESC, g.name, g.id LIMIT $first
