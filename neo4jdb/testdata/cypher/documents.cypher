// $afterId = null
// $afterKey = null
// $limit = 21
// $mentions = null
// $titleContains = ""

CALL () {
  MATCH (d:Document)
  WHERE toLower(d.title) CONTAINS $titleContains
    AND ($mentions IS NULL OR EXISTS { MATCH (d)-[:MENTIONS]->(:Entity {id: $mentions}) })
  RETURN count(d) AS total
}
CALL () {
  MATCH (d:Document)
  WHERE toLower(d.title) CONTAINS $titleContains
    AND ($mentions IS NULL OR EXISTS { MATCH (d)-[:MENTIONS]->(:Entity {id: $mentions}) })
    AND ($afterId IS NULL OR d.id > $afterId)
  WITH d ORDER BY d.id LIMIT $limit
  RETURN collect(d) AS docs
}
RETURN total, docs
