// $asOf = "2025-01-01"
// $first = 500
// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]

UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH (a)-[r:TARGETS]->(b:Entity:Industry)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id LIMIT $first
  RETURN collect({r: r, b: b {.id, .type, .name}, out: out, o: head(COLLECT { MATCH (o:Entity:Region {id: r.investorOrigin}) RETURN o {.id, .type, .name} })}) AS list
}
RETURN id, list
