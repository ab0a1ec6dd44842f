// $first = 500
// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]

UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH (a)<-[r:PART_OF]-(b:Entity:Park)
  WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id
  RETURN collect({r: r, b: b, out: out})[..$first] AS list
}
RETURN id, list
