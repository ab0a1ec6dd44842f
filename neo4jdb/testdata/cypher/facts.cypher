// $asOf = "2009"
// $ids = ["fuling-district-industrial-park","phoenix-lake-industrial-park"]

UNWIND $ids AS id
MATCH (:Entity {id: id})-[:HAS_FACT]->(f:Fact)
WHERE (f.validFrom IS NULL OR f.validFrom <= $asOf OR f.validFrom STARTS WITH $asOf) AND (f.validTo IS NULL OR $asOf <= f.validTo OR $asOf STARTS WITH f.validTo)
WITH id, f ORDER BY f.property, f.value, f.validFrom
RETURN id, collect(f) AS list
