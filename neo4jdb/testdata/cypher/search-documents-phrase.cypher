// $fetch = 100
// $first = 10
// $lucene = "\"high tech zone\" OR \"hightech zone\" OR \"micro electronics\" OR microelectronics OR microelectronics*"
// $stemmed = "\"high tech zone\" OR \"hightech zone\" OR \"micro electronics\" OR microelectronics"

CALL {
  CALL db.index.fulltext.queryNodes('document_text', $lucene, {limit: $fetch}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('document_english', $stemmed, {limit: $fetch}) YIELD node, score
  RETURN node, score
}
WITH node, sum(score) AS score
RETURN node, score
ORDER BY score DESC, node.id
LIMIT $first
