// $fetch = 100
// $first = 10
// $lucene = "fuling OR fuling* OR park OR park* OR fulingpark"
// $stemmed = "fuling OR park OR fulingpark"

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
