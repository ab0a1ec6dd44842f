// $first = 50

MATCH (n:Entity:Park)
MATCH (n)-[:PART_OF|LOCATED_IN*1..8]->(g:District)
WITH g, count(DISTINCT n) AS n
RETURN g, n ORDER BY n DESC, g.name, g.id LIMIT $first
