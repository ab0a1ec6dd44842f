MATCH (a:Entity {id: 'fuling-district-industrial-park'})
MATCH (b:Entity {id: 'asus'})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN ['PART_OF', 'HOSTS'])
RETURN p;
