// $first = 500
// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]

UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH p = (a)-[:PART_OF|LOCATED_IN*1..8]->(b:Entity:District)
  WHERE b <> a
  WITH b, min(length(p)) AS d ORDER BY d, b.name, b.id
  RETURN collect(b)[..$first] AS list
}
RETURN id, list
