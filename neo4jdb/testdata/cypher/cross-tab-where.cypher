// $asOf = "2025-01-01"
// $firstColumns = 5
// $firstRows = 10
// $nameContains = "zone"
// $targetIndustry = null
// $targetOrigin = "taiwan"

CALL () {
  MATCH (i:Industry) WHERE $targetIndustry IN i.keys
  MATCH (s:Industry)-[rs:SUBSECTOR_OF*0..8]->(i)
  WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  RETURN collect(DISTINCT s) AS targetSet
}
CALL () {
  MATCH (o:Region) WHERE $targetOrigin IN o.keys
  RETURN collect(o.id) AS originIds
}
CALL (targetSet, originIds) {
  MATCH (n:Zone)-[r:TARGETS_INVESTORS_FROM]->(o:Region)
  WHERE o.id IN originIds AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  WITH DISTINCT n
  WHERE (toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))
    AND EXISTS {
      MATCH (n)-[r:TARGETS]->(s:Industry)
      WHERE ($targetIndustry IS NULL OR s IN targetSet)
        AND ($targetOrigin IS NULL OR r.investorOrigin IN originIds)
        AND (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
    }
  RETURN n
}
CALL (n) {
  MATCH (n)-[r:FOCUSES_ON|TARGETS]->(g:Industry)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  RETURN collect(DISTINCT g) AS rowKeys
}
CALL (n) {
  MATCH (n)-[rs:PART_OF|LOCATED_IN*1..8]->(g:District)
  WHERE all(step IN rs WHERE (step.validFrom IS NULL OR step.validFrom <= $asOf OR step.validFrom STARTS WITH $asOf) AND (step.validTo IS NULL OR $asOf <= step.validTo OR $asOf STARTS WITH step.validTo))
  RETURN collect(DISTINCT g) AS columnKeys
}
WITH rowKeys, columnKeys WHERE size(rowKeys) > 0 AND size(columnKeys) > 0
UNWIND [null] + rowKeys AS r
UNWIND [null] + columnKeys AS c
WITH r, c, count(*) AS n
WITH collect({r: r, c: c, n: n}) AS counts
CALL (counts) {
  UNWIND counts AS x
  WITH x WHERE x.r IS NOT NULL AND x.c IS NULL
  WITH x.r AS g, x.n AS n ORDER BY n DESC, g.name, g.id LIMIT $firstRows
  RETURN collect([g, n]) AS rows
}
CALL (counts) {
  UNWIND counts AS x
  WITH x WHERE x.r IS NULL AND x.c IS NOT NULL
  WITH x.c AS g, x.n AS n ORDER BY n DESC, g.name, g.id LIMIT $firstColumns
  RETURN collect([g, n]) AS columns
}
WITH counts, rows, columns, [x IN rows | x[0]] AS rowKeys, [x IN columns | x[0]] AS columnKeys
RETURN coalesce(head([x IN counts WHERE x.r IS NULL AND x.c IS NULL | x.n]), 0) AS total, rows, columns,
  [x IN counts WHERE x.r IN rowKeys AND x.c IN columnKeys | [x.r.id, x.c.id, x.n]] AS cells
