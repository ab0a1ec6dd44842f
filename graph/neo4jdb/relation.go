package neo4jdb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/graph/model"
)

// maxHops bounds multi-hop neighbour queries; MaxRelations bounds neighbours per entity.
const (
	maxHops      = 8
	MaxRelations = 500
)

// Neighbors returns, for each of ids, its neighbours one hop (or up to hop.MaxHops hops)
// away as described by hop, in one query. Entities with no neighbour are absent from the
// map. One-hop relations carry their properties and evidence; multi-hop results carry only
// the node, nearest first.
func (s *Store) Neighbors(ctx context.Context, ids []string, hop model.Hop) (map[string][]*model.Relation, error) {
	first := hop.First
	if first <= 0 || first > MaxRelations {
		first = MaxRelations
	}
	types, ok := typePattern(hop.Types)
	if !ok {
		return map[string][]*model.Relation{}, nil // no relationship has an unknown type
	}
	label := ":Entity"
	if hop.Label != "" {
		if !hop.Label.IsValid() {
			return nil, model.Errorf(model.CodeInvalid, "unknown entity type %q", hop.Label)
		}
		label += ":" + hop.Label.Label()
	}
	params := map[string]any{"ids": ids, "first": first}
	if len(hop.Through) > 0 {
		return s.throughHop(ctx, hop, types, label, params)
	}
	if hop.MaxHops > 1 {
		return s.multiHop(ctx, hop, types, label, params)
	}
	arrows, ok := arrowsOf[hop.Direction]
	if !ok {
		return nil, model.Errorf(model.CodeInvalid, "unknown direction %q", hop.Direction)
	}
	q := `
UNWIND $ids AS id
MATCH (a:Entity {id: id})
MATCH (a)` + arrows[0] + `[r` + types + `]` + arrows[1] + `(b` + label + `)
WITH id, r, b, startNode(r) = a AS out
ORDER BY type(r), b.name, b.id
WITH id, collect({r: r, b: b, out: out})[..$first] AS list
RETURN id, list`
	out, err := readLists(ctx, s, q, params, func(x any) *model.Relation {
		m, _ := x.(map[string]any)
		r, _ := m["r"].(neo4j.Relationship)
		b, _ := m["b"].(neo4j.Node)
		dir := model.DirectionIn
		if o, _ := m["out"].(bool); o {
			dir = model.DirectionOut
		}
		return relationOf(r, b, dir)
	})
	if err != nil {
		return nil, fmt.Errorf("neighbors %v: %w", hop.Types, err)
	}
	return out, nil
}

// arrowsOf gives the two halves of a relationship pattern for each direction.
var arrowsOf = map[model.Direction][2]string{
	model.DirectionOut:  {"-", "->"},
	model.DirectionIn:   {"<-", "-"},
	model.DirectionBoth: {"-", "-"},
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

// multiHop answers a Hop of up to hop.MaxHops hops: the reachable entities, nearest first.
func (s *Store) multiHop(ctx context.Context, hop model.Hop, types, label string, params map[string]any) (map[string][]*model.Relation, error) {
	arrows, ok := arrowsOf[hop.Direction]
	if !ok {
		return nil, model.Errorf(model.CodeInvalid, "unknown direction %q", hop.Direction)
	}
	n := min(hop.MaxHops, maxHops)
	q := fmt.Sprintf(`
UNWIND $ids AS id
MATCH p = (a:Entity {id: id})%s[%s*1..%d]%s(b%s)
WHERE b <> a
WITH id, b, min(length(p)) AS d
ORDER BY d, b.name, b.id
WITH id, collect(b)[..$first] AS list
RETURN id, list`, arrows[0], types, n, arrows[1], label)
	out, err := readLists(ctx, s, q, params, func(x any) *model.Relation {
		b, _ := x.(neo4j.Node)
		return &model.Relation{Direction: hop.Direction, Node: entityOf(b), Values: map[string]any{}}
	})
	if err != nil {
		return nil, fmt.Errorf("neighbors %v within %d hops: %w", hop.Types, n, err)
	}
	return out, nil
}

// throughHop answers a Hop with Through: the set reached over Through is expanded once,
// without enumerating paths, then the final hop is taken from every member.
func (s *Store) throughHop(ctx context.Context, hop model.Hop, types, label string, params map[string]any) (map[string][]*model.Relation, error) {
	arrows, ok := arrowsOf[hop.Direction]
	through, known := typePattern(hop.Through)
	if !ok || !known {
		return nil, model.Errorf(model.CodeInvalid, "unknown direction %q or types %v", hop.Direction, hop.Through)
	}
	q := fmt.Sprintf(`
UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH (a)%[1]s[%[3]s*0..%[4]d]%[2]s(x:Entity)
  WITH DISTINCT x
  MATCH (x)%[1]s[%[5]s]%[2]s(b%[6]s)
  RETURN DISTINCT b
}
WITH id, b ORDER BY b.name, b.id
WITH id, collect(b)[..$first] AS list
RETURN id, list`, arrows[0], arrows[1], through, maxHops, types, label)
	out, err := readLists(ctx, s, q, params, func(x any) *model.Relation {
		b, _ := x.(neo4j.Node)
		return &model.Relation{Direction: hop.Direction, Node: entityOf(b), Values: map[string]any{}}
	})
	if err != nil {
		return nil, fmt.Errorf("neighbors %v through %v: %w", hop.Types, hop.Through, err)
	}
	return out, nil
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
