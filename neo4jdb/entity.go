package neo4jdb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// slimNode is what a slim read keeps of the node {{x}} (model.Hop.Slim, PageArgs.Slim):
// its id, type and name.
const slimNode = `{{x}} {.id, .type, .name}`

// farEnd is what a read returns of the node x: all of it, or when slim, slimNode.
func farEnd(x string, slim bool) string {
	if slim {
		return fill(slimNode, "x", x)
	}
	return x
}

// entityValue maps x, a stored :Entity node or a slimNode map, to its model type (see
// entityOf); what names x in errors.
func entityValue(x any, what string) (model.Entity, error) {
	switch v := x.(type) {
	case neo4j.Node:
		return entityOf(v)
	case map[string]any:
		return entityOf(neo4j.Node{Props: v, Labels: []string{"Entity"}})
	}
	return nil, internal(fmt.Errorf("%s: want a node, got %T", what, x))
}

// entityOf maps a stored :Entity node to its model type. A node whose type is not an
// entity type gives an INTERNAL error: the loader writes only known types, so such a node
// was written by something else, and every reader reports it rather than leave it out
// (FindNodes would otherwise answer NOT_FOUND for an id that is in the graph).
func entityOf(n neo4j.Node) (model.Entity, error) {
	p := n.Props
	b := model.EntityBase{
		ID:       str(p["id"]),
		Type:     model.EntityType(str(p["type"])),
		Name:     str(p["name"]),
		Aliases:  strs(p["aliases"]),
		Evidence: evidenceOf(p),
		Props:    map[string]any{},
	}
	if d, ok := p["description"].(string); ok {
		b.Description = &d
	}
	b.Periodic = strs(p[model.PropPeriodic])
	if len(b.Periodic) == 0 {
		b.Periodic = nil
	}
	for k, v := range p {
		if !model.StoredKeys[k] {
			b.Props[k] = v
		}
	}
	e := model.NewEntity(b)
	if e == nil {
		return nil, internal(fmt.Errorf("node %s (id %q, labels %v) has the unknown entity type %q", n.ElementId, b.ID, n.Labels, b.Type))
	}
	return e, nil
}

// evidenceOf reads the parallel evidenceDocs and evidenceQuotes lists of a node or
// relationship.
func evidenceOf(p map[string]any) []*model.Evidence {
	docs, quotes := strs(p["evidenceDocs"]), strs(p["evidenceQuotes"])
	out := make([]*model.Evidence, 0, len(docs))
	for i := range docs {
		if i < len(quotes) {
			out = append(out, &model.Evidence{DocumentID: docs[i], Quote: quotes[i]})
		}
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// FindNodes returns the entities and documents with the given ids, keyed by id. Ids
// that match nothing are absent from the map.
func (s *Store) FindNodes(ctx context.Context, ids []string) (map[string]model.Node, error) {
	const q = `
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
OPTIONAL MATCH (d:Document {id: id})
WITH coalesce(e, d) AS n
WHERE n IS NOT NULL
RETURN n`
	recs, err := s.read(ctx, q, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("find nodes: %w", err)
	}
	out := make(map[string]model.Node, len(recs))
	for _, rec := range recs {
		n, err := column[neo4j.Node](rec, "n")
		if err != nil {
			return nil, err
		}
		if hasLabel(n, "Document") {
			d := documentOf(n)
			out[d.ID] = d
			continue
		}
		e, err := entityOf(n)
		if err != nil {
			return nil, fmt.Errorf("find nodes: %w", err)
		}
		out[e.GetID()] = e
	}
	return out, nil
}

// nodeWith is the FindNode query: the entity or document n with $id, and the lists h0,
// h1, ... of the hops from it ({{hops}}, see hopsFrom), as the columns [{{columns}}].
const nodeWith = `OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (d:Document {id: $id})
WITH coalesce(e, d) AS n
WHERE n IS NOT NULL
{{hops}}
RETURN [{{columns}}] AS row`

// nodeQuery is the FindNode query for the node id and the hops with at asOf. An
// invalid hop gives an INVALID error.
func nodeQuery(id, asOf string, with []model.Hop) (string, map[string]any, error) {
	params := map[string]any{"id": id, "asOf": asOf}
	hops, columns, err := hopsFrom(with, 0, []string{"n"}, "h", "hopFirst", params)
	if err != nil {
		return "", nil, err
	}
	return fill(nodeWith, "hops", strings.Join(hops, "\n"), "columns", strings.Join(columns, ", ")), params, nil
}

// FindNode returns the entity or document with id (nil when there is none) and, in one
// query, the relations from it of each hop of with (as Store.Neighbors would, with the
// hops of their own in Relation.With), over the relationships that hold at asOf (the
// present when empty): lists[i] answers with[i]. A hop asked of a node that cannot have
// it (a document, another type's field) answers an empty list.
func (s *Store) FindNode(ctx context.Context, id, asOf string, with []model.Hop) (model.Node, [][]*model.Relation, error) {
	q, params, err := nodeQuery(id, present(asOf), with)
	if err != nil {
		return nil, nil, err
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, nil, fmt.Errorf("find node %q: %w", id, err)
	}
	if len(recs) == 0 {
		return nil, nil, nil
	}
	row, err := column[[]any](recs[0], "row")
	if err != nil {
		return nil, nil, err
	}
	if len(row) != 1+len(with) {
		return nil, nil, internal(fmt.Errorf("find node %q: want %d columns, got %d", id, 1+len(with), len(row)))
	}
	n, err := as[neo4j.Node](row[0], "node")
	if err != nil {
		return nil, nil, err
	}
	if hasLabel(n, "Document") {
		return documentOf(n), make([][]*model.Relation, len(with)), nil
	}
	e, err := entityOf(n)
	if err != nil {
		return nil, nil, fmt.Errorf("find node %q: %w", id, err)
	}
	lists := make([][]*model.Relation, len(with))
	for i, h := range with {
		if lists[i], err = relationsOf(row[1+i], fmt.Sprintf("list h%d of node %q", i, id), hopItemWith(h)); err != nil {
			return nil, nil, err
		}
	}
	return e, lists, nil
}

func hasLabel(n neo4j.Node, label string) bool {
	return slices.Contains(n.Labels, label)
}

// entityPage is the FindEntities query. {{sets}} compute the sets the filter uses, once;
// {{total}} counts every match (or sets total to null). Then the page: the candidates n
// that match ({{match}}), their sort key k ({{key}}), those after the cursor ({{after}}),
// one more than the page in {{order}}, the lists h0, h1, ... of the page's hops
// ({{hops}}), and one row [{{columns}}] per entity. {{imports}} are the sets' names.
const entityPage = `{{sets}}
{{total}}
CALL ({{imports}}) {
  {{match}}
  WITH n, {{key}} AS k
  WHERE {{after}}
  WITH n, k ORDER BY {{order}} LIMIT $limit
  {{hops}}
  WITH * ORDER BY {{order}}
  RETURN collect([{{columns}}]) AS rows
}
RETURN total, rows`

const (
	// entityTotal counts the entities that match.
	entityTotal = `CALL ({{imports}}) {
  {{match}}
  RETURN count(n) AS total
}`
	// entityNoTotal carries the sets on with a null total (PageArgs.SkipTotal).
	entityNoTotal = `WITH {{columns}}`

	// entityMatch binds n to the {{candidates}} for which the {{first}} predicate and
	// every one of the {{more}} lines of entityAnd holds.
	entityMatch = `{{candidates}}
WHERE {{first}}
{{more}}`
	// entityAnd is one more predicate of entityMatch.
	entityAnd = `  AND {{clause}}`

	// pageHop answers a hop for the entity {{x}} of a row (n of a page): the hop's
	// subquery over a = {{x}}, whose list it keeps as {{list}}, with the columns before it
	// ({{kept}}).
	pageHop = `CALL ({{x}}) {
  WITH {{x}} AS a
  {{hop}}
}
WITH {{kept}}, list AS {{list}}`
	// pageNoHop is pageHop for a hop that cannot match anything.
	pageNoHop = `WITH {{kept}}, [] AS {{list}}`

	// hopWith answers a hop that has hops of its own (model.Hop.With) for a bound entity
	// a: the hop's subquery {{hop}}, then, from the far end {{x}} ({{farEnd}}; named for
	// its depth, since a subquery may not rebind the variable it imports) of each item of
	// its list, those hops ({{hops}}, pageHop each), whose lists [{{lists}}] each item
	// keeps as with, in the order of the hop's own list.
	hopWith = `CALL (a) {
  {{hop}}
}
UNWIND range(0, size(list) - 1) AS i
WITH i, list[i] AS item
WITH i, item, {{farEnd}} AS {{x}}
{{hops}}
WITH * ORDER BY i
RETURN collect({item: item, with: [{{lists}}]}) AS list`
)

// hopsFrom compiles hops, each answered from every row's entity x (n at depth 0, n1,
// n2, ... below): pageHop (or pageNoHop) per hop, keeping the columns before it, which
// are kept and then the lists named prefix0, prefix1, ... that it returns as columns. The
// parameter of hop i's length is first+i (set in params), that of its derivation kinds,
// when it has any, hopKinds with the same suffix; and the hops of its own
// (model.Hop.With) are named and compiled the same way under it, nested as deep as they go.
func hopsFrom(hops []model.Hop, depth int, kept []string, prefix, first string, params map[string]any) ([]string, []string, error) {
	x := "n"
	if depth > 0 {
		x = fmt.Sprintf("n%d", depth)
	}
	out := make([]string, len(hops))
	columns := slices.Clip(kept)
	for i, h := range hops {
		length, list := fmt.Sprintf("%s%d", first, i), fmt.Sprintf("%s%d", prefix, i)
		kinds := "hopKinds" + strings.TrimPrefix(length, "hopFirst")
		body, err := hopQuery(h, "$"+length, "$"+kinds)
		if err != nil {
			return nil, nil, err
		}
		if body != "" && len(h.With) > 0 {
			farEnd := "item"
			if oneHop(h) {
				farEnd = "item.b"
			}
			nx := fmt.Sprintf("n%d", depth+1)
			nested, lists, err := hopsFrom(h.With, depth+1, []string{"i", "item", nx}, "w", length+"w", params)
			if err != nil {
				return nil, nil, err
			}
			body = fill(hopWith, "hop", body, "farEnd", farEnd, "x", nx, "hops", strings.Join(nested, "\n"),
				"lists", strings.Join(lists[3:], ", "))
		}
		if body == "" {
			out[i] = fill(pageNoHop, "kept", strings.Join(columns, ", "), "list", list)
		} else {
			out[i] = fill(pageHop, "x", x, "hop", body, "kept", strings.Join(columns, ", "), "list", list)
			params[length] = hopFirst(h)
			if len(h.Kinds) > 0 {
				params[kinds] = model.StoredKinds(h.Kinds)
			}
		}
		columns = append(columns, list)
	}
	return out, columns, nil
}

// oneHop says whether hop follows one relationship (hopOne), whose items keep the
// relationship, rather than a walk (hopWalk, hopThrough), whose items are far ends.
func oneHop(hop model.Hop) bool { return len(hop.Through) == 0 && hop.MaxHops <= 1 }

// hopItemWith is hopItem for a hop that may have hops of its own (model.Hop.With): an
// item of hopWith decodes to the relation of its item with the lists of its with in
// Relation.With.
func hopItemWith(hop model.Hop) func(any) (*model.Relation, error) {
	item := hopItem(hop)
	if len(hop.With) == 0 {
		return item
	}
	nested := make([]func(any) (*model.Relation, error), len(hop.With))
	for j, h := range hop.With {
		nested[j] = hopItemWith(h)
	}
	return func(x any) (*model.Relation, error) {
		m, err := as[map[string]any](x, "hop item with lists")
		if err != nil {
			return nil, err
		}
		rel, err := item(m["item"])
		if err != nil {
			return nil, err
		}
		lists, err := as[[]any](m["with"], "lists of a hop item")
		if err != nil {
			return nil, err
		}
		if len(lists) != len(nested) {
			return nil, internal(fmt.Errorf("hop item: want %d lists, got %d", len(nested), len(lists)))
		}
		rel.With = make([][]*model.Relation, len(lists))
		for j, l := range lists {
			if rel.With[j], err = relationsOf(l, fmt.Sprintf("list w%d of a hop item", j), nested[j]); err != nil {
				return nil, err
			}
		}
		return rel, nil
	}
}

// relationsOf decodes x, the list of a hop's subquery that what names, with decode
// (hopItemWith).
func relationsOf(x any, what string, decode func(any) (*model.Relation, error)) ([]*model.Relation, error) {
	list, err := as[[]any](x, what)
	if err != nil {
		return nil, err
	}
	out := make([]*model.Relation, 0, len(list))
	for _, item := range list {
		rel, err := decode(item)
		if err != nil {
			return nil, err
		}
		out = append(out, rel)
	}
	return out, nil
}

// The orders of a page of candidates n with sort key k. The cursor is $afterKey and
// $afterId, both null on the first page. {{direction}} is ASC or DESC; {{beyond}} is the
// comparison (> or <) that holds for a key after the cursor's, {{from}} the same or equal.
const (
	// By a property: k is its first value at $asOf (see propertyValues); entities
	// without it come last, in id order.
	propertyKey   = `head({{values}})`
	propertyAfter = `$afterId IS NULL
  OR ($afterKey IS NULL AND k IS NULL AND n.id > $afterId)
  OR ($afterKey IS NOT NULL AND (k IS NULL OR k {{beyond}} $afterKey OR (k = $afterKey AND n.id > $afterId)))`
	propertyOrder = `k IS NULL, k {{direction}}, n.id`

	// By name, which every entity has once: the name index gives the order, and the
	// bound nameFrom (nameAny on the first page) a starting point in it.
	nameKey   = `n.name`
	nameAfter = `$afterId IS NULL OR k {{beyond}} $afterKey OR (k = $afterKey AND n.id > $afterId)`
	nameOrder = `k {{direction}}, n.id`
	nameFrom  = `n.name {{from}} $afterKey`
	nameAny   = `n.name IS NOT NULL`
)

// ordering is how a page query sorts: the sort key k of n, the condition that keeps the
// entities after the cursor, the ORDER BY, and, by name, the predicate over n that lets
// the name index start at the cursor ("" by a property).
type ordering struct{ key, after, sortBy, bound string }

// orderOf is the order of a page: o, by name when o names no property.
func orderOf(o model.Order) model.Order {
	if o.Property == "" {
		o.Property = "name"
	}
	return o
}

// orderingOf compiles order (by name or a property, see orderOf) for a page that starts
// after a cursor or, when afterCursor is false, at the beginning.
func orderingOf(order model.Order, afterCursor bool) ordering {
	direction, beyond, from := "ASC", ">", ">="
	if order.Desc {
		direction, beyond, from = "DESC", "<", "<="
	}
	if order.Property != "name" {
		return ordering{key: fill(propertyKey, "values", valuesOf("$orderBy")), after: fill(propertyAfter, "beyond", beyond),
			sortBy: fill(propertyOrder, "direction", direction)}
	}
	o := ordering{key: nameKey, after: fill(nameAfter, "beyond", beyond),
		sortBy: fill(nameOrder, "direction", direction), bound: nameAny}
	if afterCursor {
		o.bound = fill(nameFrom, "from", from)
	}
	return o
}

// entityQuery is the FindEntities query: the total, and one page of the entities of
// f.Type that match f, in page.Order, with the lists of page.With. An unknown type, an
// invalid cursor or an invalid hop gives an INVALID error.
func entityQuery(f model.EntityFilter, page model.PageArgs) (string, map[string]any, error) {
	if !f.Type.IsValid() {
		return "", nil, model.Errorf(model.CodeInvalid, "unknown entity type %q", f.Type)
	}
	order := orderOf(page.Order)
	w := entityWhere(f)
	params := w.params
	if err := afterParams(page.After, order, params); err != nil {
		return "", nil, err
	}
	params["limit"] = page.First + 1
	params["asOf"] = f.AsOf // the filter's relationships and facts, the hops of the page
	o := orderingOf(order, page.After != "")
	clauses := w.clauses
	if o.bound != "" {
		clauses = append(slices.Clip(clauses), o.bound)
	} else {
		params["orderBy"] = order.Property
	}
	// Each hop of page.With becomes a subquery per entity of the page: h0, h1, ...
	hops, columns, err := hopsFrom(page.With, 0, []string{"n", "k"}, "h", "hopFirst", params)
	if err != nil {
		return "", nil, err
	}
	columns[0] = farEnd("n", page.Slim)
	imports := strings.Join(w.names, ", ")
	total := fill(entityTotal, "imports", imports, "match", filterMatch(f, w.clauses))
	if page.SkipTotal {
		total = fill(entityNoTotal, "columns", strings.Join(append(slices.Clip(w.names), "null AS total"), ", "))
	}
	q := fill(entityPage,
		"sets", strings.Join(w.sets, "\n"),
		"total", total,
		"imports", imports,
		"match", filterMatch(f, clauses),
		"key", o.key,
		"after", o.after,
		"order", o.sortBy,
		"hops", strings.Join(hops, "\n"),
		"columns", strings.Join(columns, ", "))
	return q, params, nil
}

// FindEntities returns one page of the entities of f.Type that match f at f.AsOf (the
// present when empty), in page.Order (by name when none is given; then by id), and the
// total number that match. The hops of page.With answer for the same date. An invalid
// page.After gives an INVALID error.
func (s *Store) FindEntities(ctx context.Context, f model.EntityFilter, page model.PageArgs) (*model.EntityPage, error) {
	f.AsOf = present(f.AsOf)
	f, err := s.resolveNames(ctx, f)
	if err != nil {
		return nil, err
	}
	q, params, err := entityQuery(f, page)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("find %s entities: %w", f.Type.Label(), err)
	}
	p, err := entityPageOf(recs, page)
	if err != nil {
		return nil, fmt.Errorf("find %s entities: %w", f.Type.Label(), err)
	}
	return p, nil
}

// entityPageOf decodes the records of entityQuery(_, page).
func entityPageOf(recs []*neo4j.Record, page model.PageArgs) (*model.EntityPage, error) {
	p := &model.EntityPage{}
	if len(recs) == 0 {
		return p, nil
	}
	total, err := column[int64](recs[0], "total")
	if err != nil {
		return nil, err
	}
	rows, err := column[[]any](recs[0], "rows")
	if err != nil {
		return nil, err
	}
	p.TotalCount = int(total)
	p.With = make([]map[string][]*model.Relation, len(page.With))
	items := make([]func(any) (*model.Relation, error), len(page.With))
	for i, h := range page.With {
		p.With[i] = map[string][]*model.Relation{}
		items[i] = hopItemWith(h)
	}
	order := orderOf(page.Order)
	for i, x := range rows {
		if i == page.First {
			p.HasNextPage = true
			break
		}
		row, err := as[[]any](x, "page row")
		if err != nil {
			return nil, err
		}
		if len(row) != 2+len(page.With) {
			return nil, internal(fmt.Errorf("page row: want %d columns, got %d", 2+len(page.With), len(row)))
		}
		e, err := entityValue(row[0], "entity of a page row")
		if err != nil {
			return nil, err
		}
		id := e.GetID()
		for h := range p.With {
			rels, err := relationsOf(row[2+h], fmt.Sprintf("list h%d of a page row", h), items[h])
			if err != nil {
				return nil, err
			}
			if len(rels) > 0 {
				p.With[h][id] = rels
			}
		}
		p.Entities = append(p.Entities, e)
		p.Cursors = append(p.Cursors, cursor{Property: order.Property, Desc: order.Desc, Key: row[1], ID: id}.encode())
	}
	return p, nil
}

// entityFilter is an EntityFilter compiled to Cypher over n. Filters that name an
// industry or region resolve it once, before the entities are scanned: sets are the
// subqueries that compute those sets, names their names, for the subqueries that use
// them to import. Every clause is a constant fragment; user input travels only in params.
type entityFilter struct {
	sets    []string
	names   []string
	clauses []string // all must hold
	params  map[string]any
}

// The sets that filters compute once, before the entities are scanned.
const (
	// industrySet computes {{name}}: the industries whose id, name or alias is {{key}},
	// and every subsector below them.
	industrySet = `CALL () {
  MATCH (i:Industry) WHERE {{key}} IN i.keys
  MATCH (s:Industry)-[rs:SUBSECTOR_OF*0..{{depth}}]->(i)
  WHERE {{validPath}}
  RETURN collect(DISTINCT s) AS {{name}}
}`
	// originIDs computes originIds: the ids of the regions whose id, name or alias is
	// $targetOrigin.
	originIDs = `CALL () {
  MATCH (o:Region) WHERE $targetOrigin IN o.keys
  RETURN collect(o.id) AS originIds
}`
)

// The predicates of the filter fields over n, through relationships that hold at $asOf
// ({{valid}} and {{validPath}}, see timed). {{depth}} is model.ContainmentDepth.
const (
	nameContainsClause = `(toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))`
	industryClause     = `EXISTS { MATCH (n)-[r:FOCUSES_ON|TARGETS]->(s:Industry) WHERE s IN industrySet AND {{valid}} }`
	// targetsClause holds when one TARGETS edge meets both conditions. (With an
	// industry, targetsCandidates checks the edges instead.)
	targetsClause = `EXISTS {
  MATCH (n)-[r:TARGETS]->(s:Industry)
  WHERE ($targetIndustry IS NULL OR s IN targetSet)
    AND ($targetOrigin IS NULL OR r.investorOrigin IN originIds)
    AND {{valid}}
}`
	zoneClause           = `EXISTS { MATCH (n)-[rs:PART_OF*1..{{depth}}]->(:Zone {id: $zone}) WHERE {{validPath}} }`
	districtClause       = `EXISTS { MATCH (n)-[rs:PART_OF|LOCATED_IN*1..{{depth}}]->(:District {id: $district}) WHERE {{validPath}} }`
	regionClause         = `EXISTS { MATCH (n)-[rs:PART_OF|LOCATED_IN*1..{{depth}}]->(g:Region) WHERE $region IN g.keys AND {{validPath}} }`
	companyClause        = `EXISTS { MATCH (n)<-[rs:PART_OF*0..{{depth}}]-(:Entity)-[r:HOSTS]->(:Entity {id: $company}) WHERE {{validPath}} AND {{valid}} }`
	hostedInClause       = `EXISTS { MATCH (:Entity {id: $hostedIn})<-[rs:PART_OF*0..{{depth}}]-(:Entity)-[r:HOSTS]->(n) WHERE {{validPath}} AND {{valid}} }`
	subsectorOfClause    = `EXISTS { MATCH (n)-[rs:SUBSECTOR_OF*1..{{depth}}]->(i:Industry) WHERE $subsectorOf IN i.keys AND {{validPath}} }`
	participantClause    = `EXISTS { MATCH (:Entity {id: $participant})-[r:PARTICIPATED_IN|ORGANIZED]->(n) WHERE {{valid}} }`
	participatedInClause = `EXISTS { MATCH (n)-[r:PARTICIPATED_IN|ORGANIZED]->(:Event)-[rs:PART_OF*0..{{depth}}]->(:Event {id: $participatedIn}) WHERE {{valid}} AND {{validPath}} }`
	issuedByClause       = `EXISTS { MATCH (:Entity {id: $issuedBy})-[r:ISSUED]->(n) WHERE {{valid}} }`

	// propertyValues lists the values of the property {{prop}} of n at $asOf: those n
	// holds (one, or a list where sources disagree), which are the values of its facts
	// without a period, then, for a property n.periodic names, the values of its facts
	// whose period holds at $asOf ({{validFact}}).
	propertyValues = `CASE WHEN n[{{prop}}] IS :: LIST<ANY> THEN n[{{prop}}] WHEN n[{{prop}}] IS NULL THEN [] ELSE [n[{{prop}}]] END
  + CASE WHEN {{prop}} IN coalesce(n.periodic, []) THEN COLLECT {
    MATCH (n)-[:HAS_FACT]->(f:Fact) WHERE f.property = {{prop}} AND {{validFact}}
    RETURN f.typedValue
  } ELSE [] END`

	// numberRange holds when a value of the property {{values}} lists lies between
	// {{min}} and {{max}}; a null bound is open.
	numberRange = `any(v IN {{values}}
  WHERE ({{min}} IS NULL OR v >= {{min}}) AND ({{max}} IS NULL OR v <= {{max}}))`
	// dateRange is numberRange for dates, which compare as text: the upper bound also
	// includes every date it is a prefix of ("2023" includes "2023-03-09").
	dateRange = `any(v IN {{values}}
  WHERE ({{min}} IS NULL OR v >= {{min}}) AND ({{max}} IS NULL OR v <= {{max}} OR v STARTS WITH {{max}}))`
)

// valuesOf is propertyValues of the property named by the parameter prop (such as
// "$range0prop").
func valuesOf(prop string) string { return contained(propertyValues, "prop", prop) }

// entityWhere compiles f into the predicates over n, the sets they use and their
// parameters.
func entityWhere(f model.EntityFilter) entityFilter {
	w := entityFilter{params: map[string]any{}}
	add := func(clause, param string, v any) {
		w.clauses = append(w.clauses, clause)
		w.params[param] = v
	}
	set := func(name, subquery string) {
		w.sets = append(w.sets, subquery)
		w.names = append(w.names, name)
	}
	if f.NameContains != "" {
		add(nameContainsClause, "nameContains", strings.ToLower(f.NameContains))
	}
	if f.Industry != "" {
		set("industrySet", contained(industrySet, "key", "$industry", "name", "industrySet"))
		add(contained(industryClause), "industry", matchKey(f.Industry))
	}
	if t := f.Targets; t != nil {
		set("targetSet", contained(industrySet, "key", "$targetIndustry", "name", "targetSet"))
		set("originIds", originIDs)
		w.params["targetIndustry"] = optionalKey(t.Industry)
		w.params["targetOrigin"] = optionalKey(t.InvestorOrigin)
		if optionalKey(t.Industry) == nil {
			w.clauses = append(w.clauses, contained(targetsClause))
		}
	}
	// The filters that name one entity: by id, or (byKey) by id, name or alias.
	for _, c := range []struct {
		arg, clause, param string
		byKey              bool
	}{
		{f.Zone, contained(zoneClause), "zone", false},
		{f.District, contained(districtClause), "district", false},
		{f.Region, contained(regionClause), "region", true},
		{f.Company, contained(companyClause), "company", false},
		{f.HostedIn, contained(hostedInClause), "hostedIn", false},
		{f.SubsectorOf, contained(subsectorOfClause), "subsectorOf", true},
		{f.Participant, contained(participantClause), "participant", false},
		{f.ParticipatedIn, contained(participatedInClause), "participatedIn", false},
		{f.IssuedBy, contained(issuedByClause), "issuedBy", false},
	} {
		switch {
		case c.arg == "":
		case c.byKey:
			add(c.clause, c.param, matchKey(c.arg))
		default:
			add(c.clause, c.param, c.arg)
		}
	}
	for i, r := range f.Ranges {
		p := fmt.Sprintf("range%d", i)
		clause := numberRange
		if r.Date {
			clause = dateRange
		}
		w.clauses = append(w.clauses, fill(clause, "values", valuesOf("$"+p+"prop"), "min", "$"+p+"min", "max", "$"+p+"max"))
		w.params[p+"prop"], w.params[p+"min"], w.params[p+"max"] = r.Property, r.Min, r.Max
	}
	if strings.Contains(strings.Join(append(append(slices.Clip(w.sets), w.clauses...), candidates(f)), "\n"), "$asOf") {
		w.params["asOf"] = f.AsOf
	}
	return w
}

// filterMatch binds n to the entities of f's candidates for which every one of clauses
// (those of entityWhere(f), and maybe more) holds.
func filterMatch(f model.EntityFilter, clauses []string) string {
	if len(clauses) == 0 {
		return candidates(f)
	}
	more := make([]string, len(clauses)-1)
	for i, c := range clauses[1:] {
		more[i] = fill(entityAnd, "clause", c)
	}
	return fill(entityMatch, "candidates", candidates(f), "first", clauses[0], "more", strings.Join(more, "\n"))
}

// The clauses that bind n to the entities FindEntities checks against the filter: every
// entity of a {{label}}, or, when a filter names something that reaches few of them,
// only those reached from it.
const (
	// targetsCandidates checks a targets filter with an industry edge by edge.
	targetsCandidates = `UNWIND targetSet AS s
MATCH (n:{{label}})-[r:TARGETS]->(s)
WHERE ($targetOrigin IS NULL OR r.investorOrigin IN originIds) AND {{valid}}
WITH DISTINCT n`
	industryCandidates = `UNWIND industrySet AS s
MATCH (n:{{label}})-[r:FOCUSES_ON|TARGETS]->(s)
WHERE {{valid}}
WITH DISTINCT n`
	originCandidates = `MATCH (n:{{label}})-[r:{{derived}}]->(o:Region)
WHERE o.id IN originIds AND {{valid}}
WITH DISTINCT n`
	zoneCandidates = `MATCH (n:{{label}})-[rs:PART_OF*1..{{depth}}]->(:Zone {id: $zone})
WHERE {{validPath}}
WITH DISTINCT n`
	allCandidates = `MATCH (n:{{label}})`
)

// candidates is the clause that binds n to the entities FindEntities checks against the
// filter (the filter clauses still decide, except for a targets filter with an industry,
// which this clause checks edge by edge). It uses the sets and parameters of entityWhere.
// Every node with an entity type's label is an :Entity.
func candidates(f model.EntityFilter) string {
	label := f.Type.Label()
	switch {
	case f.Targets != nil && optionalKey(f.Targets.Industry) != nil:
		return timed(targetsCandidates, "label", label)
	case f.Industry != "":
		return timed(industryCandidates, "label", label)
	case f.Targets != nil && optionalKey(f.Targets.InvestorOrigin) != nil:
		return timed(originCandidates, "label", label, "derived", model.DerivedInvestorOrigin)
	case f.Zone != "":
		return contained(zoneCandidates, "label", label)
	}
	return fill(allCandidates, "label", label)
}

// matchKey normalises an id, name or alias for matching against the stored keys list.
func matchKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func optionalKey(s *string) any {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nil
	}
	return matchKey(*s)
}
