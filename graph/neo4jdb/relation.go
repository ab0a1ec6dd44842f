package neo4jdb

import (
	"context"
	"fmt"
	"sort"

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
	params := map[string]any{"ids": ids, "types": hop.Types, "label": nil, "first": first}
	if hop.Label != "" {
		params["label"] = hop.Label.Label()
	}
	if hop.Types == nil {
		params["types"] = []string{}
	}
	if len(hop.Through) > 0 {
		return s.throughHop(ctx, hop, params)
	}
	if hop.MaxHops > 1 {
		return s.multiHop(ctx, ids, hop, params)
	}
	pattern := map[model.Direction]string{
		model.DirectionOut:  "(a)-[r]->(b:Entity)",
		model.DirectionIn:   "(a)<-[r]-(b:Entity)",
		model.DirectionBoth: "(a)-[r]-(b:Entity)",
	}[hop.Direction]
	if pattern == "" {
		return nil, model.Errorf(model.CodeInvalid, "unknown direction %q", hop.Direction)
	}
	q := `
UNWIND $ids AS id
MATCH (a:Entity {id: id})
MATCH ` + pattern + `
WHERE (size($types) = 0 OR type(r) IN $types) AND ($label IS NULL OR $label IN labels(b))
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

func (s *Store) multiHop(ctx context.Context, ids []string, hop model.Hop, params map[string]any) (map[string][]*model.Relation, error) {
	n := hop.MaxHops
	if n > maxHops {
		n = maxHops
	}
	arrow := map[model.Direction][2]string{
		model.DirectionOut:  {"-", "->"},
		model.DirectionIn:   {"<-", "-"},
		model.DirectionBoth: {"-", "-"},
	}[hop.Direction]
	if arrow[0] == "" {
		return nil, model.Errorf(model.CodeInvalid, "unknown direction %q", hop.Direction)
	}
	q := fmt.Sprintf(`
UNWIND $ids AS id
MATCH p = (a:Entity {id: id})%s[rs*1..%d]%s(b:Entity)
WHERE b <> a AND all(r IN rs WHERE size($types) = 0 OR type(r) IN $types)
  AND ($label IS NULL OR $label IN labels(b))
WITH id, b, min(length(p)) AS d
ORDER BY d, b.name, b.id
WITH id, collect(b)[..$first] AS list
RETURN id, list`, arrow[0], n, arrow[1])
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
func (s *Store) throughHop(ctx context.Context, hop model.Hop, params map[string]any) (map[string][]*model.Relation, error) {
	arrows := map[model.Direction][2]string{
		model.DirectionOut:  {"-", "->"},
		model.DirectionIn:   {"<-", "-"},
		model.DirectionBoth: {"-", "-"},
	}[hop.Direction]
	if arrows[0] == "" {
		return nil, model.Errorf(model.CodeInvalid, "unknown direction %q", hop.Direction)
	}
	params["through"] = hop.Through
	q := fmt.Sprintf(`
UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH (a)%[1]s[rs*0..%[3]d]%[2]s(x:Entity)
  WHERE all(r IN rs WHERE type(r) IN $through)
  WITH DISTINCT x
  MATCH (x)%[1]s[r]%[2]s(b:Entity)
  WHERE type(r) IN $types AND ($label IS NULL OR $label IN labels(b))
  RETURN DISTINCT b
}
WITH id, b ORDER BY b.name, b.id
WITH id, collect(b)[..$first] AS list
RETURN id, list`, arrows[0], arrows[1], maxHops)
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
