// $names = [{"filter":"zone","key":"high-tech zone","types":["ZONE"]},{"filter":"district","key":"fuling-district","types":["DISTRICT"]},{"filter":"company","key":"asus","types":["COMPANY","ORGANIZATION","PROJECT"]}]

UNWIND $names AS name
MATCH (e:Entity) WHERE name.key IN e.keys AND e.type IN name.types
WITH name, e ORDER BY e.id
RETURN name.filter AS filter, collect([e.id, e.name]) AS hits
