// $multiValued = ["designation","developmentGoal","positioning"]
// $property = "areaKm2"

MATCH (n:Zone)-[:HAS_FACT]->(f:Fact)
WHERE ($property IS NULL OR f.property = $property) AND NOT f.property IN $multiValued
WITH n, f ORDER BY f.value, f.validFrom
WITH n, f.property AS property, collect(f) AS facts, count(DISTINCT f.value) AS values
WHERE values > 1
RETURN n, property, facts
ORDER BY n.type, n.id, property
