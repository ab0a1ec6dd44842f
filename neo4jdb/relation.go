package neo4jdb

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// neighborsTemplate answers one {{hop}} for every entity a of $ids.
const neighborsTemplate = `UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  {{hop}}
}
RETURN id, list`

// neighborsQuery is the Neighbors query. It is "" when the hop cannot match anything (no
// relationship has an unknown type).
func neighborsQuery(ids []string, hop model.Hop) (string, map[string]any, error) {
	body, err := hopQuery(hop, "$first", "$kinds")
	if err != nil || body == "" {
		return "", nil, err
	}
	params := map[string]any{"ids": ids, "first": hopFirst(hop), "asOf": hop.AsOf}
	if len(hop.Kinds) > 0 {
		params["kinds"] = model.StoredKinds(hop.Kinds)
	}
	return fill(neighborsTemplate, "hop", body), params, nil
}

// Neighbors returns, for each of ids, its neighbours one hop (or up to hop.MaxHops hops)
// away as described by hop, over the relationships that hold at hop.AsOf (the present
// when empty), in one query. Entities with no neighbour are absent from the
// map. One-hop relations carry their properties and evidence; multi-hop results carry only
// the node, nearest first.
func (s *Store) Neighbors(ctx context.Context, ids []string, hop model.Hop) (map[string][]*model.Relation, error) {
	hop.AsOf = present(hop.AsOf)
	q, params, err := neighborsQuery(ids, hop)
	if err != nil {
		return nil, err
	}
	if q == "" {
		return map[string][]*model.Relation{}, nil
	}
	out, err := readLists(ctx, s, q, params, hopItem(hop))
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

// The hop subqueries run over a bound entity a and return its far ends b as one list
// named list, at most {{first}} long (a parameter such as $first: the LIMIT before the
// collect lets Neo4j keep only the first ones in order, a top-N sort, where slicing the
// collected list sorted and held every far end), over relationships
// that hold at $asOf ({{valid}}, {{validPath}}: see timed) and, where the hop names
// derivation kinds, are of those kinds ({{derived}} for r, {{derivedPath}} for every
// relationship of rs: empty, or " AND " and the predicate). {{left}} and {{right}}
// are the two halves of the arrow of the hop's direction, {{types}} a type pattern such
// as :PART_OF|LOCATED_IN (empty: any type), {{label}} the far end's labels and {{b}} what
// the list keeps of a far end (see farEnd).
const (
	// hopOne follows one relationship and keeps it, its far end and its direction.
	hopOne = `MATCH (a){{left}}[r{{types}}]{{right}}(b{{label}})
WHERE {{valid}}{{derived}}
WITH r, b, startNode(r) = a AS out ORDER BY type(r), b.name, b.id LIMIT {{first}}
RETURN collect({r: r, b: {{b}}, out: out{{origin}}}) AS list`

	// hopWalk follows 1 to {{hops}} relationships and keeps the far ends, nearest first.
	hopWalk = `MATCH p = (a){{left}}[rs{{types}}*1..{{hops}}]{{right}}(b{{label}})
WHERE b <> a AND {{validPath}}{{derivedPath}}
WITH b, min(length(p)) AS d ORDER BY d, b.name, b.id LIMIT {{first}}
RETURN collect({{b}}) AS list`

	// hopThrough expands the set reached over 0 to {{depth}} relationships of {{through}}
	// once, without enumerating paths, then takes the final hop from every member.
	hopThrough = `MATCH (a){{left}}[rs{{through}}*0..{{depth}}]{{right}}(x:Entity)
WHERE {{validPath}}{{derivedPath}}
WITH DISTINCT x
MATCH (x){{left}}[r{{types}}]{{right}}(b{{label}})
WHERE {{valid}}{{derived}}
WITH DISTINCT b ORDER BY b.name, b.id LIMIT {{first}}
RETURN collect({{b}}) AS list`
)

// arrowsOf gives the two halves of a relationship pattern for each direction.
var arrowsOf = map[model.Direction][2]string{
	model.DirectionOut:  {"-", "->"},
	model.DirectionIn:   {"<-", "-"},
	model.DirectionBoth: {"-", "-"},
}

// hopQuery compiles hop to the subquery of its shape (hopOne, hopWalk or hopThrough),
// with first (a parameter such as "$first") as the number of far ends kept and, when
// hop.Kinds is set, kinds (a parameter such as "$kinds", that the caller sets to
// model.StoredKinds(hop.Kinds)) as the derivations followed. It is "" when the hop
// cannot match anything. Only known relationship type names and entity labels reach the
// Cypher text; an unknown direction or label gives an INVALID error.
func hopQuery(hop model.Hop, first, kinds string) (string, error) {
	arrows, ok := arrowsOf[hop.Direction]
	if !ok {
		return "", model.Errorf(model.CodeInvalid, "unknown direction %q", hop.Direction)
	}
	types, ok := typePattern(hop.Types)
	if !ok {
		return "", nil
	}
	label := ":Entity"
	if hop.Label != "" {
		if !hop.Label.IsValid() {
			return "", model.Errorf(model.CodeInvalid, "unknown entity type %q", hop.Label)
		}
		label += ":" + hop.Label.Label()
	}
	shape := []string{"left", arrows[0], "right", arrows[1], "types", types, "label", label, "first", first,
		"b", farEnd("b", hop.Slim && len(hop.With) == 0)}
	derived, derivedPath := "", ""
	if !model.EveryKind(hop.Kinds) { // every kind needs no check (see traversed)
		derived = " AND " + fill(derivedAs, "x", "r", "kinds", kinds)
		derivedPath = " AND all(step IN rs WHERE " + fill(derivedAs, "x", "step", "kinds", kinds) + ")"
	}
	switch {
	case len(hop.Through) > 0:
		through, ok := typePattern(hop.Through)
		if !ok || types == "" {
			return "", model.Errorf(model.CodeInvalid, "unknown relationship types %v or %v", hop.Through, hop.Types)
		}
		return contained(hopThrough, append(shape, "through", through, "derived", derived, "derivedPath", derivedPath)...), nil
	case hop.MaxHops > 1:
		return timed(hopWalk, append(shape, "hops", strconv.Itoa(min(hop.MaxHops, model.ContainmentDepth)), "derivedPath", derivedPath)...), nil
	}
	origin := ""
	if hop.Origins {
		origin = ", o: " + fill(originOf, "o", farEnd("o", hop.Slim))
	}
	return timed(hopOne, append(shape, "derived", derived, "origin", origin)...), nil
}

// originOf is the Region o the investorOrigin of the relationship r names, or null (see
// model.Hop.Origins); {{o}} is what it keeps of o (see farEnd).
const originOf = `head(COLLECT { MATCH (o:Entity:Region {id: r.investorOrigin}) RETURN {{o}} })`

// hopItem returns the decoder of one item of the list of hop's subquery: a far end alone
// for hopWalk and hopThrough, a relationship, its far end and its direction for hopOne.
func hopItem(hop model.Hop) func(any) (*model.Relation, error) {
	if len(hop.Through) > 0 || hop.MaxHops > 1 {
		return func(x any) (*model.Relation, error) {
			e, err := entityValue(x, "far end of a hop")
			if err != nil {
				return nil, err
			}
			return &model.Relation{Direction: hop.Direction, Node: e, Values: map[string]any{}}, nil
		}
	}
	return func(x any) (*model.Relation, error) {
		m, err := as[map[string]any](x, "hop item")
		if err != nil {
			return nil, err
		}
		r, err := as[neo4j.Relationship](m["r"], "relationship of a hop item")
		if err != nil {
			return nil, err
		}
		out, err := as[bool](m["out"], "direction of a hop item")
		if err != nil {
			return nil, err
		}
		dir := model.DirectionIn
		if out {
			dir = model.DirectionOut
		}
		rel := relationOf(r, dir)
		if rel.Node, err = entityValue(m["b"], "far end of a hop item"); err != nil {
			return nil, err
		}
		if o := m["o"]; o != nil {
			if rel.Origin, err = entityValue(o, "investor origin of a hop item"); err != nil {
				return nil, err
			}
		}
		return rel, nil
	}
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

// optionalString returns v when it is a string, and nil otherwise.
func optionalString(v any) *string {
	if s, ok := v.(string); ok {
		return &s
	}
	return nil
}

// present returns asOf, or for the present ("") model.Today.
func present(asOf string) string {
	if asOf == "" {
		return model.Today()
	}
	return asOf
}

// derivationOf reads the derivation a relationship records (see derivationProps); one
// that records none is stated.
func derivationOf(p map[string]any) *model.Derivation {
	d := &model.Derivation{Kind: model.DerivationKindOf(str(p[model.PropDerivation])), DerivedFrom: strs(p[model.PropDerivedFrom])}
	if s, ok := p[model.PropRule].(string); ok {
		d.Rule = &s
	}
	if s, ok := p[model.PropRuleStatement].(string); ok {
		d.Statement = &s
	}
	return d
}

// relationshipsTemplate finds the relationships of $refs by id, each between the
// entities its id names (model.RelationEnds), so that the entity id index finds them.
const relationshipsTemplate = `UNWIND $refs AS ref
MATCH (a:Entity {id: ref.from})-[r]->(b:Entity {id: ref.to})
WHERE r.id = ref.id
RETURN ref.id AS id, [{r: r, source: a.id, target: b.id}] AS list`

// relationshipsQuery is the Relationships query; ids of another form than relation ids
// are left out of it.
func relationshipsQuery(ids []string) (string, map[string]any) {
	refs := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		if _, from, to, ok := model.RelationEnds(id); ok {
			refs = append(refs, map[string]any{"id": id, "from": from, "to": to})
		}
	}
	return relationshipsTemplate, map[string]any{"refs": refs}
}

// Relationships returns the relationships with the given ids (such as the ids a
// derivation lists in derivedFrom) as edges, keyed by id, in one query. Ids that match
// nothing are absent from the map.
func (s *Store) Relationships(ctx context.Context, ids []string) (map[string]*model.Edge, error) {
	q, params := relationshipsQuery(ids)
	lists, err := readLists(ctx, s, q, params, func(x any) (*model.Edge, error) {
		m, err := as[map[string]any](x, "relationship item")
		if err != nil {
			return nil, err
		}
		r, err := as[neo4j.Relationship](m["r"], "relationship of a relationship item")
		if err != nil {
			return nil, err
		}
		source, err := as[string](m["source"], "source of a relationship item")
		if err != nil {
			return nil, err
		}
		target, err := as[string](m["target"], "target of a relationship item")
		if err != nil {
			return nil, err
		}
		return edgeOf(r, map[string]string{r.StartElementId: source, r.EndElementId: target}), nil
	})
	if err != nil {
		return nil, fmt.Errorf("relationships: %w", err)
	}
	out := make(map[string]*model.Edge, len(lists))
	for id, list := range lists {
		out[id] = list[0]
	}
	return out, nil
}

// relationOf maps a stored relationship to a Relation seen from the end dir says, without
// its far end (Node is nil).
func relationOf(r neo4j.Relationship, dir model.Direction) *model.Relation {
	rel := &model.Relation{
		ID:         str(r.Props["id"]),
		Type:       r.Type,
		Direction:  dir,
		Evidence:   evidenceOf(r.Props),
		Derivation: derivationOf(r.Props),
		ValidFrom:  optionalString(r.Props[model.PropValidFrom]),
		ValidTo:    optionalString(r.Props[model.PropValidTo]),
		Values:     map[string]any{},
	}
	keys := make([]string, 0, len(r.Props))
	for k, v := range r.Props {
		if !model.StoredRelationKeys[k] {
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
