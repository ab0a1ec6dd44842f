MATCH (a:Entity {id: 'fuling-district-industrial-park'})
MATCH (b:Entity {id: 'asus'})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN ['PART_OF', 'HOSTS'] AND coalesce(r.derivation, 'stated') IN ['stated'] AND (r.validFrom IS NULL OR r.validFrom <= '2025-01-01' OR r.validFrom STARTS WITH '2025-01-01') AND (r.validTo IS NULL OR '2025-01-01' <= r.validTo OR '2025-01-01' STARTS WITH r.validTo))
RETURN p;
