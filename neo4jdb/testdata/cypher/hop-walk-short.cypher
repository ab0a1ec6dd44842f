// $first = 500
// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]

UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH p = (a)<-[:PART_OF*1..3]-(b:Entity)
  WHERE b <> a
  WITH b, min(length(p)) AS d ORDER BY d, b.name, b.id
  RETURN collect(b)[..$first] AS list
}
RETURN id, list
