package neo4jdb

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// entityOf maps a stored :Entity node to its model type. It returns nil for a node that
// is not an entity.
func entityOf(n neo4j.Node) model.Entity {
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
	for k, v := range p {
		if !model.StoredKeys[k] {
			b.Props[k] = v
		}
	}
	return model.NewEntity(b)
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
		n, err := value[neo4j.Node](rec, "n")
		if err != nil {
			return nil, err
		}
		if hasLabel(n, "Document") {
			d := documentOf(n)
			out[d.ID] = d
		} else if e := entityOf(n); e != nil {
			out[e.GetID()] = e
		}
	}
	return out, nil
}

func hasLabel(n neo4j.Node, label string) bool {
	for _, l := range n.Labels {
		if l == label {
			return true
		}
	}
	return false
}

// FindEntities returns one page of the entities of f.Type that match f, in page.Order
// (by name when none is given; then by id), and the total number that match. An invalid
// page.After gives an INVALID error.
func (s *Store) FindEntities(ctx context.Context, f model.EntityFilter, page model.PageArgs) (*model.EntityPage, error) {
	if !f.Type.IsValid() {
		return nil, model.Errorf(model.CodeInvalid, "unknown entity type %q", f.Type)
	}
	order := page.Order
	if order.Property == "" {
		order.Property = "name"
	}
	prelude, sets, where, params := entityWhere(f)
	if err := afterParams(page.After, order, params); err != nil {
		return nil, err
	}
	params["limit"] = page.First + 1
	params["orderBy"] = order.Property
	// Each hop of page.With becomes a subquery per entity of the page: h0, h1, ...
	withHops, lists := "", []string{}
	items := make([]func(any) *model.Relation, len(page.With))
	for i, h := range page.With {
		first := fmt.Sprintf("hopFirst%d", i)
		hq, err := compileHop(h, "$"+first)
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("h%d", i)
		kept := strings.Join(append([]string{"n", "k"}, lists...), ", ")
		if hq.body == "" {
			withHops += "\n  WITH " + kept + ", [] AS " + name
		} else {
			withHops += "\n  CALL (n) { WITH n AS a " + hq.body + " }\n  WITH " + kept + ", list AS " + name
		}
		params[first] = hopFirst(h)
		lists = append(lists, name)
		items[i] = hq.item
	}
	match := candidates(f)
	if where != "true" {
		match += " WHERE " + where
	}
	after, direction, bound := "k > $afterKey", "ASC", "n.name >= $afterKey"
	if order.Desc {
		after, direction, bound = "k < $afterKey", "DESC", "n.name <= $afterKey"
	}
	// k is the sort key; a list (sources disagree) sorts by its first value. Entities
	// without the key come last, in id order.
	key := "CASE WHEN n[$orderBy] IS :: LIST<ANY> THEN n[$orderBy][0] ELSE n[$orderBy] END"
	keyset := `$afterId IS NULL
     OR ($afterKey IS NULL AND k IS NULL AND n.id > $afterId)
     OR ($afterKey IS NOT NULL AND (k IS NULL OR ` + after + ` OR (k = $afterKey AND n.id > $afterId)))`
	sortBy := "k IS NULL, k " + direction + ", n.id"
	pageMatch := match
	if order.Property == "name" {
		// Every entity has one name: the name index gives the order, and a cursor a
		// starting point in it.
		key, keyset, sortBy = "n.name", "$afterId IS NULL OR "+after+" OR (k = $afterKey AND n.id > $afterId)", "k "+direction+", n.id"
		if page.After == "" {
			bound = "n.name IS NOT NULL"
		}
		if where == "true" {
			pageMatch += " WHERE " + bound
		} else {
			pageMatch += " AND " + bound
		}
	}
	count := "CALL (" + sets + ") { " + match + " RETURN count(n) AS total }"
	if page.SkipTotal {
		count = "WITH " + strings.TrimPrefix(sets+", null AS total", ", ")
	}
	q := prelude + `
` + count + `
CALL (` + sets + `) {
  ` + pageMatch + `
  WITH n, ` + key + ` AS k
  WHERE ` + keyset + `
  WITH n, k ORDER BY ` + sortBy + ` LIMIT $limit` + withHops + `
  WITH * ORDER BY ` + sortBy + `
  RETURN collect([n, k` + strings.Join(append([]string{""}, lists...), ", ") + `]) AS rows
}
RETURN total, rows`
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("find %s entities: %w", f.Type.Label(), err)
	}
	p := &model.EntityPage{}
	if len(recs) == 0 {
		return p, nil
	}
	total, err := value[int64](recs[0], "total")
	if err != nil {
		return nil, err
	}
	rows, err := value[[]any](recs[0], "rows")
	if err != nil {
		return nil, err
	}
	p.TotalCount = int(total)
	p.With = make([]map[string][]*model.Relation, len(page.With))
	for i := range p.With {
		p.With[i] = map[string][]*model.Relation{}
	}
	for i, x := range rows {
		if i == page.First {
			p.HasNextPage = true
			break
		}
		row, _ := x.([]any)
		n, _ := row[0].(neo4j.Node)
		e := entityOf(n)
		for h := range p.With {
			list, _ := row[2+h].([]any)
			for _, item := range list {
				p.With[h][e.GetID()] = append(p.With[h][e.GetID()], items[h](item))
			}
		}
		p.Entities = append(p.Entities, e)
		p.Cursors = append(p.Cursors, cursor{Property: order.Property, Desc: order.Desc, Key: row[1], ID: e.GetID()}.encode())
	}
	return p, nil
}

// entityWhere compiles f into a Cypher predicate over n and its parameters. Filters that
// name an industry or region are resolved once, before the entities are scanned: prelude
// holds the subqueries that compute those sets and sets their names, for the subqueries
// that use them to import. Every filter is a constant fragment; user input travels only
// in parameters.
func entityWhere(f model.EntityFilter) (prelude, sets, where string, params map[string]any) {
	clauses := []string{"true"}
	var names []string
	params = map[string]any{}
	add := func(clause, key string, v any) {
		clauses = append(clauses, clause)
		params[key] = v
	}
	set := func(name, subquery string) {
		prelude += "CALL () { " + subquery + " AS " + name + " }\n"
		names = append(names, name)
	}
	// industries matching $p (id, name or alias) and every subsector below them
	industries := func(p string) string {
		return `MATCH (i:Industry) WHERE ` + p + ` IN i.keys
  MATCH (s:Industry)-[:SUBSECTOR_OF*0..8]->(i) RETURN collect(DISTINCT s)`
	}
	if f.NameContains != "" {
		add(`(toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))`,
			"nameContains", strings.ToLower(f.NameContains))
	}
	if f.Industry != "" {
		set("industrySet", industries("$industry"))
		add(`EXISTS { MATCH (n)-[:FOCUSES_ON|TARGETS]->(s:Industry) WHERE s IN industrySet }`, "industry", key(f.Industry))
	}
	if t := f.Targets; t != nil {
		set("targetSet", industries("$targetIndustry"))
		set("originIds", `MATCH (o:Region) WHERE $targetOrigin IN o.keys RETURN collect(o.id)`)
		params["targetIndustry"] = optionalKey(t.Industry)
		params["targetOrigin"] = optionalKey(t.InvestorOrigin)
	}
	if t := f.Targets; t != nil && optionalKey(t.Industry) == nil {
		// (With an industry, candidates walks the TARGETS edges and checks them.)
		clauses = append(clauses, `EXISTS {
    MATCH (n)-[t:TARGETS]->(s:Industry)
    WHERE ($targetIndustry IS NULL OR s IN targetSet)
      AND ($targetOrigin IS NULL OR t.investorOrigin IN originIds) }`)
	}
	if f.Zone != "" {
		add(`EXISTS { MATCH (n)-[:PART_OF*1..8]->(:Zone {id: $zone}) }`, "zone", f.Zone)
	}
	if f.District != "" {
		add(`EXISTS { MATCH (n)-[:PART_OF|LOCATED_IN*1..8]->(:District {id: $district}) }`, "district", f.District)
	}
	if f.Region != "" {
		add(`EXISTS { MATCH (n)-[:PART_OF|LOCATED_IN*1..8]->(r:Region) WHERE $region IN r.keys }`, "region", key(f.Region))
	}
	if f.Company != "" {
		add(`EXISTS { MATCH (n)<-[:PART_OF*0..8]-(:Entity)-[:HOSTS]->(:Entity {id: $company}) }`, "company", f.Company)
	}
	if f.HostedIn != "" {
		add(`EXISTS { MATCH (:Entity {id: $hostedIn})<-[:PART_OF*0..8]-(:Entity)-[:HOSTS]->(n) }`, "hostedIn", f.HostedIn)
	}
	if f.SubsectorOf != "" {
		add(`EXISTS { MATCH (n)-[:SUBSECTOR_OF*1..8]->(i:Industry) WHERE $subsectorOf IN i.keys }`, "subsectorOf", key(f.SubsectorOf))
	}
	if f.Participant != "" {
		add(`EXISTS { MATCH (:Entity {id: $participant})-[:PARTICIPATED_IN|ORGANIZED]->(n) }`, "participant", f.Participant)
	}
	if f.ParticipatedIn != "" {
		add(`EXISTS { MATCH (n)-[:PARTICIPATED_IN|ORGANIZED]->(:Event)-[:PART_OF*0..8]->(:Event {id: $participatedIn}) }`,
			"participatedIn", f.ParticipatedIn)
	}
	if f.IssuedBy != "" {
		add(`EXISTS { MATCH (:Entity {id: $issuedBy})-[:ISSUED]->(n) }`, "issuedBy", f.IssuedBy)
	}
	for i, r := range f.Ranges {
		p := fmt.Sprintf("range%d", i)
		upper := "v <= $" + p + "max"
		if r.Date {
			upper = "(v <= $" + p + "max OR v STARTS WITH $" + p + "max)"
		}
		clauses = append(clauses, fmt.Sprintf(`any(v IN CASE WHEN n[$%[1]sprop] IS :: LIST<ANY> THEN n[$%[1]sprop] ELSE [n[$%[1]sprop]] END
      WHERE ($%[1]smin IS NULL OR v >= $%[1]smin) AND ($%[1]smax IS NULL OR %[2]s))`, p, upper))
		params[p+"prop"], params[p+"min"], params[p+"max"] = r.Property, r.Min, r.Max
	}
	return prelude, strings.Join(names, ", "), strings.Join(clauses, "\n    AND "), params
}

// candidates is the clause that binds n to the entities FindEntities checks against the
// filter: every entity of f.Type, or, when a filter names something that reaches few of
// them, only those reached from it (the filter clauses still decide, except for a targets
// filter with an industry, which this clause checks edge by edge). It uses the sets and
// parameters of entityWhere.
func candidates(f model.EntityFilter) string {
	n := "(n:" + f.Type.Label() + ")" // every node with an entity type's label is an :Entity
	switch {
	case f.Targets != nil && optionalKey(f.Targets.Industry) != nil:
		return "UNWIND targetSet AS s MATCH " + n + "-[t:TARGETS]->(s)" +
			" WHERE $targetOrigin IS NULL OR t.investorOrigin IN originIds WITH DISTINCT n"
	case f.Industry != "":
		return "UNWIND industrySet AS s MATCH " + n + "-[:FOCUSES_ON|TARGETS]->(s) WITH DISTINCT n"
	case f.Targets != nil && optionalKey(f.Targets.InvestorOrigin) != nil:
		return "MATCH " + n + "-[:" + model.DerivedInvestorOrigin + "]->(o:Region) WHERE o.id IN originIds WITH DISTINCT n"
	case f.Zone != "":
		return "MATCH " + n + "-[:PART_OF*1..8]->(:Zone {id: $zone}) WITH DISTINCT n"
	}
	return "MATCH " + n
}

// key normalises an id, name or alias for matching against the stored keys list.
func key(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func optionalKey(s *string) any {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nil
	}
	return key(*s)
}
