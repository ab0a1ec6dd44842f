// $asOf = "2025-01-01"
// $hopFirst0 = 500
// $hopFirst0w0 = 500
// $id = "cross-straits-industrial-cooperation-zone-chongqing"

OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (d:Document {id: $id})
WITH coalesce(e, d) AS n
WHERE n IS NOT NULL
CALL (n) {
  WITH n AS a
  CALL (a) {
    MATCH (a)<-[r:PART_OF]-(b:Entity:Park)
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id LIMIT $hopFirst0
    RETURN collect({r: r, b: b, out: out}) AS list
  }
  UNWIND range(0, size(list) - 1) AS i
  WITH i, list[i] AS item
  WITH i, item, item.b AS n1
  CALL (n1) {
    WITH n1 AS a
    MATCH (a)<-[r:PART_OF]-(b:Entity:Park)
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id LIMIT $hopFirst0w0
    RETURN collect({r: r, b: b, out: out}) AS list
  }
  WITH i, item, n1, list AS w0
  WITH * ORDER BY i
  RETURN collect({item: item, with: [w0]}) AS list
}
WITH n, list AS h0
RETURN [n, h0] AS row
