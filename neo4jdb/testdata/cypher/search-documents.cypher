// $first = 10
// $lucene = "fuling OR fuling* OR park OR park*"

CALL db.index.fulltext.queryNodes('document_text', $lucene, {limit: $first}) YIELD node, score
RETURN node, score
ORDER BY score DESC, node.id
