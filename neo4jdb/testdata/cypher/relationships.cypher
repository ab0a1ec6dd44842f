// $refs = [{"from":"fuling-district","id":"targets:fuling-district:biotechnology:bcc10cf1","to":"biotechnology"},{"from":"fuling-district-industrial-park","id":"part_of:fuling-district-industrial-park:cross-straits-industrial-cooperation-zone-chongqing","to":"cross-straits-industrial-cooperation-zone-chongqing"}]

UNWIND $refs AS ref
MATCH (a:Entity {id: ref.from})-[r]->(b:Entity {id: ref.to})
WHERE r.id = ref.id
RETURN ref.id AS id, [{r: r, source: a.id, target: b.id}] AS list
