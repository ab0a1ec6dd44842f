package neo4jdb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// Neighbors returns, for each of ids, its neighbours one hop (or up to hop.MaxHops hops)
// away as described by hop, in one query. Entities with no neighbour are absent from the
// map. One-hop relations carry their properties and evidence; multi-hop results carry only
// the node, nearest first.
func (s *Store) Neighbors(ctx context.Context, ids []string, hop model.Hop) (map[string][]*model.Relation, error) {
	hq, err := compileHop(hop, "$first")
	if err != nil {
		return nil, err
	}
	if hq.body == "" {
		return map[string][]*model.Relation{}, nil // no relationship has an unknown type
	}
	q := `
UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) { ` + hq.body + ` }
RETURN id, list`
	out, err := readLists(ctx, s, q, map[string]any{"ids": ids, "first": hopFirst(hop)}, hq.item)
	if err != nil {
		return nil, fmt.Errorf("neighbors %v: %w", hop.Types, err)
	}
	return out, nil
}

// hopFirst is the number of far ends a hop returns per entity: hop.First, or
// model.MaxRelations when it is 0.
func hopFirst(hop model.Hop) int {
	if hop.First <= 0 {
		return model.MaxRelations
	}
	return hop.First
}

// hopQuery is a hop compiled to Cypher: body is a subquery over a bound node a that
// returns the far ends as one list named list (empty when there are none), and item maps
// one element of that list. An empty body means the hop cannot match anything.
type hopQuery struct {
	body string
	item func(any) *model.Relation
}

// arrowsOf gives the two halves of a relationship pattern for each direction.
var arrowsOf = map[model.Direction][2]string{
	model.DirectionOut:  {"-", "->"},
	model.DirectionIn:   {"<-", "-"},
	model.DirectionBoth: {"-", "-"},
}

// compileHop compiles hop with first (a parameter such as "$first") as the number of far
// ends kept. Only known relationship type names and entity labels reach the Cypher text.
func compileHop(hop model.Hop, first string) (hopQuery, error) {
	arrows, ok := arrowsOf[hop.Direction]
	if !ok {
		return hopQuery{}, model.Errorf(model.CodeInvalid, "unknown direction %q", hop.Direction)
	}
	types, ok := typePattern(hop.Types)
	if !ok {
		return hopQuery{}, nil
	}
	label := ":Entity"
	if hop.Label != "" {
		if !hop.Label.IsValid() {
			return hopQuery{}, model.Errorf(model.CodeInvalid, "unknown entity type %q", hop.Label)
		}
		label += ":" + hop.Label.Label()
	}
	node := func(x any) *model.Relation {
		b, _ := x.(neo4j.Node)
		return &model.Relation{Direction: hop.Direction, Node: entityOf(b), Values: map[string]any{}}
	}
	switch {
	case len(hop.Through) > 0:
		// The set reached over Through is expanded once, without enumerating paths,
		// then the final hop is taken from every member.
		through, ok := typePattern(hop.Through)
		if !ok || types == "" {
			return hopQuery{}, model.Errorf(model.CodeInvalid, "unknown relationship types %v or %v", hop.Through, hop.Types)
		}
		return hopQuery{body: fmt.Sprintf(`
  MATCH (a)%[1]s[%[3]s*0..%[4]d]%[2]s(x:Entity)
  WITH DISTINCT x
  MATCH (x)%[1]s[%[5]s]%[2]s(b%[6]s)
  WITH DISTINCT b ORDER BY b.name, b.id
  RETURN collect(b)[..%[7]s] AS list`, arrows[0], arrows[1], through, model.ContainmentDepth, types, label, first), item: node}, nil
	case hop.MaxHops > 1:
		return hopQuery{body: fmt.Sprintf(`
  MATCH p = (a)%s[%s*1..%d]%s(b%s)
  WHERE b <> a
  WITH b, min(length(p)) AS d ORDER BY d, b.name, b.id
  RETURN collect(b)[..%s] AS list`, arrows[0], types, min(hop.MaxHops, model.ContainmentDepth), arrows[1], label, first), item: node}, nil
	}
	return hopQuery{body: `
  MATCH (a)` + arrows[0] + `[r` + types + `]` + arrows[1] + `(b` + label + `)
  WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id
  RETURN collect({r: r, b: b, out: out})[..` + first + `] AS list`, item: func(x any) *model.Relation {
		m, _ := x.(map[string]any)
		r, _ := m["r"].(neo4j.Relationship)
		b, _ := m["b"].(neo4j.Node)
		dir := model.DirectionIn
		if o, _ := m["out"].(bool); o {
			dir = model.DirectionOut
		}
		return relationOf(r, b, dir)
	}}, nil
}

// typePattern turns relationship type names into a pattern such as ":PART_OF|LOCATED_IN"
// (empty for no names: any type). Only known type names are written into Cypher, so a
// typed pattern lets Neo4j expand just those relationships; unknown names are dropped,
// and ok is false when names were given but none is known (nothing can match).
func typePattern(names []string) (pattern string, ok bool) {
	if len(names) == 0 {
		return "", true
	}
	var known []string
	for _, n := range names {
		if _, curated := model.RelationTypes[n]; curated || n == "MENTIONS" || n == "HAS_FACT" {
			known = append(known, n)
		}
	}
	if len(known) == 0 {
		return "", false
	}
	return ":" + strings.Join(known, "|"), true
}

// relationOf maps a stored relationship and its far end to a Relation seen from the near end.
func relationOf(r neo4j.Relationship, b neo4j.Node, dir model.Direction) *model.Relation {
	rel := &model.Relation{
		ID:        str(r.Props["id"]),
		Type:      r.Type,
		Direction: dir,
		Node:      entityOf(b),
		Evidence:  evidenceOf(r.Props),
		Values:    map[string]any{},
	}
	keys := make([]string, 0, len(r.Props))
	for k, v := range r.Props {
		if k != "id" && k != "dataset" && k != "evidenceDocs" && k != "evidenceQuotes" {
			rel.Values[k] = v
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	rel.Properties = make([]*model.Property, len(keys))
	for i, k := range keys {
		rel.Properties[i] = &model.Property{Key: k, Value: model.FormatValue(rel.Values[k])}
	}
	return rel
}
