// $asOf = "2025-01-01"
// $first = 3
// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]

UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH (a)-[r]-(b:Entity)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id LIMIT $first
  RETURN collect({r: r, b: b, out: out}) AS list
}
RETURN id, list
