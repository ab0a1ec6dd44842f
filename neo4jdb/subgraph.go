package neo4jdb

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// TraversalTypes are the relationship types traversals follow by default: the curated
// ones and the computed TARGETS_INVESTORS_FROM, not MENTIONS or HAS_FACT. Which of their
// relationships are followed is up to the traversal's derivation kinds.
func TraversalTypes() []string {
	types := make([]string, 0, len(model.RelationTypes))
	for t := range model.RelationTypes {
		types = append(types, t)
	}
	sort.Strings(types)
	return types
}

// orTraversalTypes returns types, or every traversal type when types is empty. The
// resolvers have checked the names; an unknown one matches no relationship.
func orTraversalTypes(types []string) []string {
	if len(types) == 0 {
		return TraversalTypes()
	}
	return types
}

// neighborhoodTemplate finds the entities within {{depth}} hops of $id over $types,
// nearest first and at most $limit besides $id, and every relationship of $types among
// them, all over relationships of the kinds $derivations ({{derived}}) that hold at
// $asOf.
const neighborhoodTemplate = `MATCH (start:Entity {id: $id})
OPTIONAL MATCH p = (start)-[rs*1..{{depth}}]-(m:Entity)
WHERE m <> start AND all(r IN rs WHERE type(r) IN $types{{derived}}) AND {{validPath}}
WITH start, m, min(length(p)) AS d
ORDER BY d, m.name, m.id LIMIT $limit
WITH start, collect(m) AS ms
WITH [start] + ms AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE type(r) IN $types{{derived}} AND b IN nodes AND {{valid}}
RETURN nodes, collect(r) AS rels`

// traversed is timed with the hole {{derived}} also filled: " AND " the relationship r
// is of a derivation kind in $derivations (see traversalParams), or nothing when kinds
// holds every kind. Left out, the check reads no property of r: it was a third of a
// shortest path's time at a million relationships.
func traversed(template string, kinds []model.DerivationKind, holes ...string) string {
	derived := " AND " + fill(derivedAs, "x", "r", "kinds", "$derivations")
	if model.EveryKind(kinds) {
		derived = ""
	}
	return timed(template, append(holes, "derived", derived)...)
}

// traversalParams returns params with the parameters the traversals share: $types
// (types, or every traversal type when empty), $derivations (the stored form of kinds,
// every kind when empty) and $asOf.
func traversalParams(params map[string]any, types []string, kinds []model.DerivationKind, asOf string) map[string]any {
	params["types"] = orTraversalTypes(types)
	params["derivations"] = model.StoredKinds(kinds)
	params["asOf"] = asOf
	return params
}

// neighborhoodQuery is the Neighborhood query and, with the same parameters, its
// Browser form: the same query, so that Browser draws the same nodes and relationships.
func neighborhoodQuery(id string, depth int, types []string, kinds []model.DerivationKind, limit int, asOf string) (cypher, browser string, params map[string]any) {
	q := traversed(neighborhoodTemplate, kinds, "depth", strconv.Itoa(depth))
	return q, q, traversalParams(map[string]any{"id": id, "limit": limit}, types, kinds, asOf)
}

// Neighborhood returns the entities within depth hops of id over types (every traversal
// type when empty), nearest first and at most limit besides id, and every relationship
// of those types among them, over the relationships of the derivation kinds kinds (every
// kind when empty) that hold at asOf (the present when empty). An unknown id gives an
// empty subgraph. The arguments are within their model bounds (the resolvers check them).
func (s *Store) Neighborhood(ctx context.Context, id string, depth int, types []string, kinds []model.DerivationKind, limit int, asOf string) (*model.Subgraph, error) {
	q, browser, params := neighborhoodQuery(id, depth, types, kinds, limit, present(asOf))
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	g, err := subgraphOf(recs)
	if err != nil {
		return nil, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	g.Cypher = browserCypher(browser, params)
	return g, nil
}

// subgraphCypher finds the entities of $ids and every relationship of $types and of the
// kinds $derivations among them that holds at $asOf.
const subgraphCypher = `MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE type(r) IN $types{{derived}} AND b IN nodes AND {{valid}}
RETURN nodes, collect(r) AS rels`

// subgraphQuery is the Subgraph query and, with the same parameters, its Browser form
// (the same query).
func subgraphQuery(ids []string, types []string, kinds []model.DerivationKind, asOf string) (cypher, browser string, params map[string]any) {
	q := traversed(subgraphCypher, kinds)
	return q, q, traversalParams(map[string]any{"ids": ids}, types, kinds, asOf)
}

// Subgraph returns the entities with the given ids and every relationship of types
// (every traversal type when empty) and of the derivation kinds kinds (every kind when
// empty) among them that holds at asOf (the present when empty). Unknown ids are left
// out.
func (s *Store) Subgraph(ctx context.Context, ids []string, types []string, kinds []model.DerivationKind, asOf string) (*model.Subgraph, error) {
	q, browser, params := subgraphQuery(ids, types, kinds, present(asOf))
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("subgraph of %d ids: %w", len(ids), err)
	}
	g, err := subgraphOf(recs)
	if err != nil {
		return nil, fmt.Errorf("subgraph of %d ids: %w", len(ids), err)
	}
	g.Cypher = browserCypher(browser, params)
	return g, nil
}

// subgraphOf decodes records whose single row holds nodes and rels.
func subgraphOf(recs []*neo4j.Record) (*model.Subgraph, error) {
	g := &model.Subgraph{Nodes: []model.Entity{}, Edges: []*model.Edge{}}
	if len(recs) == 0 {
		return g, nil
	}
	nodes, err := column[[]any](recs[0], "nodes")
	if err != nil {
		return nil, err
	}
	rels, err := column[[]any](recs[0], "rels")
	if err != nil {
		return nil, err
	}
	ids := map[string]string{} // element id -> entity id
	for _, x := range nodes {
		n, err := as[neo4j.Node](x, "node of a subgraph")
		if err != nil {
			return nil, err
		}
		if _, dup := ids[n.ElementId]; dup {
			continue
		}
		e, err := entityOf(n)
		if err != nil {
			return nil, err
		}
		ids[n.ElementId] = e.GetID()
		g.Nodes = append(g.Nodes, e)
	}
	seen := map[string]bool{}
	for _, x := range rels {
		r, err := as[neo4j.Relationship](x, "relationship of a subgraph")
		if err != nil {
			return nil, err
		}
		if !seen[r.ElementId] {
			seen[r.ElementId] = true
			g.Edges = append(g.Edges, edgeOf(r, ids))
		}
	}
	return g, nil
}

// shortestPathTemplate finds a shortest path of at most {{depth}} hops over $types from
// the entity $from to the entity $to, over relationships of the kinds $derivations that
// hold at $asOf: the predicate is on every relationship of the path, so Neo4j searches
// only such paths and finds the shortest of them. Browser
// runs it as it is. (Each end has a MATCH of its own: one MATCH of two disconnected nodes
// earns a cartesian-product notice.)
const shortestPathTemplate = `MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..{{depth}}]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types{{derived}} AND {{valid}})
RETURN p`

// shortestPathQuery is the ShortestPath query.
func shortestPathQuery(from, to string, maxDepth int, types []string, kinds []model.DerivationKind, asOf string) (string, map[string]any) {
	return traversed(shortestPathTemplate, kinds, "depth", strconv.Itoa(maxDepth)),
		traversalParams(map[string]any{"from": from, "to": to}, types, kinds, asOf)
}

// ShortestPath returns a shortest path from one entity to another over types (every
// traversal type when empty) of at most maxDepth hops, over the relationships of the
// derivation kinds kinds (every kind when empty) that hold at asOf (the present when
// empty), or nil when there is none (or either id is unknown, or from is to). Each step
// carries the evidence of its relationship: for a stated one the quotes that state it,
// for a derived one the evidence of the relationships it was derived from.
func (s *Store) ShortestPath(ctx context.Context, from, to string, maxDepth int, types []string, kinds []model.DerivationKind, asOf string) (*model.Path, error) {
	q, params := shortestPathQuery(from, to, maxDepth, types, kinds, present(asOf))
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("shortest path %q to %q: %w", from, to, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	p, err := column[neo4j.Path](recs[0], "p")
	if err != nil {
		return nil, err
	}
	path := &model.Path{Cypher: browserCypher(q, params)}
	ids := map[string]string{}
	for _, n := range p.Nodes {
		e, err := entityOf(n)
		if err != nil {
			return nil, fmt.Errorf("shortest path %q to %q: %w", from, to, err)
		}
		ids[n.ElementId] = e.GetID()
		path.Nodes = append(path.Nodes, e)
	}
	for _, r := range p.Relationships {
		e := edgeOf(r, ids)
		path.Steps = append(path.Steps, &model.Step{Relation: e, Evidence: e.Evidence})
	}
	return path, nil
}

// edgeOf maps a stored relationship; ids maps element ids to entity ids.
func edgeOf(r neo4j.Relationship, ids map[string]string) *model.Edge {
	rel := relationOf(r, model.DirectionOut)
	return &model.Edge{ID: rel.ID, Type: r.Type, Source: ids[r.StartElementId], Target: ids[r.EndElementId],
		Properties: rel.Properties, Evidence: rel.Evidence, Derivation: rel.Derivation, ValidFrom: rel.ValidFrom, ValidTo: rel.ValidTo}
}

// browserCypher returns cypher with each $parameter written in place as a Cypher literal
// (see cypherLiteral), ending with ";": one statement, ready to paste into Neo4j Browser,
// that needs no :param lines. A $name that params lacks stays as it is.
func browserCypher(cypher string, params map[string]any) string {
	return cypherParam.ReplaceAllStringFunc(cypher, func(p string) string {
		if v, ok := params[p[1:]]; ok {
			return cypherLiteral(v)
		}
		return p
	}) + ";\n"
}

// cypherParam is a parameter of a Cypher template, such as $id.
var cypherParam = regexp.MustCompile(`\$[A-Za-z_][A-Za-z0-9_]*`)

// cypherLiteral writes v as a Cypher literal: strings single-quoted with backslash
// escapes, lists of them bracketed, numbers as they are.
func cypherLiteral(v any) string {
	switch x := v.(type) {
	case string:
		r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\r", `\r`)
		return "'" + r.Replace(x) + "'"
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = cypherLiteral(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case int:
		return strconv.Itoa(x)
	}
	return fmt.Sprint(v)
}
