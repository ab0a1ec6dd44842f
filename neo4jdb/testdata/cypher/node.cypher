// $asOf = "2025-01-01"
// $id = "fuling-district-industrial-park"

OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (d:Document {id: $id})
WITH coalesce(e, d) AS n
WHERE n IS NOT NULL
RETURN [n] AS row
