// $from = "fuling-district-industrial-park"
// $to = "asus"
// $types = ["PART_OF","HOSTS"]

MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
RETURN p
