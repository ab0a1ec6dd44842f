// $asOf = "2025-01-01"
// $first = 500
// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]

UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH p = (a)<-[rs:PART_OF*1..3]-(b:Entity)
  WHERE b <> a AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  WITH b, min(length(p)) AS d ORDER BY d, b.name, b.id LIMIT $first
  RETURN collect(b) AS list
}
RETURN id, list
