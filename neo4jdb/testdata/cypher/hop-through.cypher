// $asOf = "2025-01-01"
// $first = 500
// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]

UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH (a)<-[rs:SUBSECTOR_OF*0..8]-(x:Entity)
  WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  WITH DISTINCT x
  MATCH (x)<-[r:FOCUSES_ON|TARGETS]-(b:Entity:Park)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH DISTINCT b ORDER BY b.name, b.id LIMIT $first
  RETURN collect(b) AS list
}
RETURN id, list
