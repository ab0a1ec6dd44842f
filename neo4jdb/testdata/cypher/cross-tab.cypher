// $asOf = "2025-01-01"
// $firstColumns = 20
// $firstRows = 20

MATCH (n:Zone)
CALL (n) {
  MATCH (n)-[r:FOCUSES_ON|TARGETS]->(g:Industry)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
  RETURN collect(DISTINCT g) AS rowKeys
}
CALL (n) {
  MATCH (n)-[r:TARGETS_INVESTORS_FROM]->(g:Region)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf OR r.validFrom STARTS WITH $asOf) AND (r.validTo IS NULL OR $asOf <= r.validTo OR $asOf STARTS WITH r.validTo)
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
