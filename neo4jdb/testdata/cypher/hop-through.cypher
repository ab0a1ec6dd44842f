// $first = 500
// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]

UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH (a)<-[:SUBSECTOR_OF*0..8]-(x:Entity)
  WITH DISTINCT x
  MATCH (x)<-[:FOCUSES_ON|TARGETS]-(b:Entity:Park)
  WITH DISTINCT b ORDER BY b.name, b.id
  RETURN collect(b)[..$first] AS list
}
RETURN id, list
