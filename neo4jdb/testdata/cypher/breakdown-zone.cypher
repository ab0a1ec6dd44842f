// $first = 50

MATCH (n:Entity:Park)
MATCH (n)-[:PART_OF*1..8]->(g:Zone)
WITH g, count(DISTINCT n) AS n
RETURN g, n ORDER BY n DESC, g.name, g.id LIMIT $first
