// $exact = "fuling park"
// $fetch = 100
// $first = 10
// $labels = ["Park","Zone"]
// $lucene = "fuling OR fuling* OR park OR park* OR fulingpark"
// $stemmed = "fuling OR park OR fulingpark"

CALL {
  CALL db.index.fulltext.queryNodes('entity_text', $lucene, {limit: $fetch}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_english', $stemmed, {limit: $fetch}) YIELD node, score
  RETURN node, score
}
WITH node, sum(score) AS score
WHERE size($labels) = 0 OR any(l IN labels(node) WHERE l IN $labels)
WITH node, score, $exact IN node.keys AS exact
RETURN node, score, exact
ORDER BY exact DESC, score DESC, node.name, node.id
LIMIT $first
