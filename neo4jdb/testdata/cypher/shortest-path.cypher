// $asOf = "2025-01-01"
// $derivations = ["stated"]
// $from = "fuling-district-industrial-park"
// $to = "asus"
// $types = ["PART_OF","HOSTS"]

MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types AND coalesce(r.derivation, 'stated') IN $derivations AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo))
RETURN p
