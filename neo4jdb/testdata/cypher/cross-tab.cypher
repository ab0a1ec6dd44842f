// $asOf = "2025-01-01"
// $firstColumns = 20
// $firstRows = 20

CALL () {
  MATCH (n:Zone)
  RETURN n
}
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
WITH n, rowKeys, columnKeys WHERE size(rowKeys) > 0 AND size(columnKeys) > 0
WITH collect({rows: rowKeys, columns: columnKeys}) AS es
CALL (es) {
  UNWIND es AS e
  UNWIND e.rows AS g
  WITH g, count(*) AS n ORDER BY n DESC, g.name, g.id LIMIT $firstRows
  RETURN collect([g, n]) AS rows
}
CALL (es) {
  UNWIND es AS e
  UNWIND e.columns AS g
  WITH g, count(*) AS n ORDER BY n DESC, g.name, g.id LIMIT $firstColumns
  RETURN collect([g, n]) AS columns
}
CALL (es, rows, columns) {
  WITH es, [x IN rows | x[0]] AS rowKeys, [x IN columns | x[0]] AS columnKeys
  UNWIND es AS e
  UNWIND [r IN e.rows WHERE r IN rowKeys] AS r
  UNWIND [c IN e.columns WHERE c IN columnKeys] AS c
  WITH r, c, count(*) AS n
  RETURN collect([r.id, c.id, n]) AS cells
}
RETURN size(es) AS total, rows, columns, cells
