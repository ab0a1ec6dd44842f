// $asOf = "2025-01-01"
// $hopFirst0 = 500
// $hopFirst0w0 = 500
// $hopFirst0w0w0 = 500
// $hopFirst1 = 500
// $hopFirst1w0 = 500
// $hopFirst3 = 500
// $id = "fuling-district-industrial-park"

OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (d:Document {id: $id})
WITH coalesce(e, d) AS n
WHERE n IS NOT NULL
CALL (n) {
  WITH n AS a
  CALL (a) {
    MATCH p = (a)-[rs:PART_OF*1..8]->(b:Entity:Zone)
    WHERE b <> a AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
    WITH b, min(length(p)) AS d ORDER BY d, b.name, b.id LIMIT $hopFirst0
    RETURN collect(b) AS list
  }
  UNWIND range(0, size(list) - 1) AS i
  WITH i, list[i] AS item
  WITH i, item, item AS n1
  CALL (n1) {
    WITH n1 AS a
    CALL (a) {
      MATCH (a)<-[r:PART_OF]-(b:Entity:Park)
      WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
      WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id LIMIT $hopFirst0w0
      RETURN collect({r: r, b: b, out: out}) AS list
    }
    UNWIND range(0, size(list) - 1) AS i
    WITH i, list[i] AS item
    WITH i, item, item.b AS n2
    CALL (n2) {
      WITH n2 AS a
      MATCH (a)<-[r:PART_OF]-(b:Entity:Park)
      WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
      WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id LIMIT $hopFirst0w0w0
      RETURN collect({r: r, b: b, out: out}) AS list
    }
    WITH i, item, n2, list AS w0
    WITH * ORDER BY i
    RETURN collect({item: item, with: [w0]}) AS list
  }
  WITH i, item, n1, list AS w0
  WITH * ORDER BY i
  RETURN collect({item: item, with: [w0]}) AS list
}
WITH n, list AS h0
CALL (n) {
  WITH n AS a
  CALL (a) {
    MATCH (a)<-[rs:SUBSECTOR_OF*0..8]-(x:Entity)
    WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
    WITH DISTINCT x
    MATCH (x)<-[r:FOCUSES_ON|TARGETS]-(b:Entity:Park)
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    WITH DISTINCT b ORDER BY b.name, b.id LIMIT $hopFirst1
    RETURN collect(b) AS list
  }
  UNWIND range(0, size(list) - 1) AS i
  WITH i, list[i] AS item
  WITH i, item, item AS n1
  CALL (n1) {
    WITH n1 AS a
    MATCH p = (a)-[rs:PART_OF|LOCATED_IN*1..8]->(b:Entity:District)
    WHERE b <> a AND all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
    WITH b, min(length(p)) AS d ORDER BY d, b.name, b.id LIMIT $hopFirst1w0
    RETURN collect(b) AS list
  }
  WITH i, item, n1, list AS w0
  WITH * ORDER BY i
  RETURN collect({item: item, with: [w0]}) AS list
}
WITH n, h0, list AS h1
WITH n, h0, h1, [] AS h2
CALL (n) {
  WITH n AS a
  CALL (a) {
    MATCH (a)-[r:TARGETS]->(b:Entity)
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id LIMIT $hopFirst3
    RETURN collect({r: r, b: b, out: out}) AS list
  }
  UNWIND range(0, size(list) - 1) AS i
  WITH i, list[i] AS item
  WITH i, item, item.b AS n1
  WITH i, item, n1, [] AS w0
  WITH * ORDER BY i
  RETURN collect({item: item, with: [w0]}) AS list
}
WITH n, h0, h1, h2, list AS h3
RETURN [n, h0, h1, h2, h3] AS row
