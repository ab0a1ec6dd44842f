package graph

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/parkgraph/parkgraph/model"
)

// hopFieldsByName finds the hop fields of each entity type by field name.
var hopFieldsByName = func() map[model.EntityType]map[string]*hopField {
	m := map[model.EntityType]map[string]*hopField{}
	for _, f := range hopFields {
		if m[f.Type] == nil {
			m[f.Type] = map[string]*hopField{}
		}
		m[f.Type][f.Name] = f
	}
	return m
}()

// lookahead returns the hops of the fields asked on the items of the connection being
// resolved (under nodes, or under edges { node }), for entities of type t: the hop fields
// of t (hopFields) asked without arguments, for the date asOf of the list, each with the
// hops asked on its far ends (see hopsAsked). The list resolver answers them in the
// page's own query and primes the batch, so those fields cost no round trip of their own.
// total says whether the connection's totalCount is asked (true when the selection is
// unknown), slim whether the items are asked only what a slim read gives (slimAsked).
func lookahead(ctx context.Context, t model.EntityType, asOf string) (hops []model.Hop, total, slim bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || !graphql.HasOperationContext(ctx) {
		return nil, true, false
	}
	op := graphql.GetOperationContext(ctx)
	typeName := t.Label()
	var items ast.SelectionSet
	for _, f := range graphql.CollectFields(op, fc.Field.Selections, []string{typeName + "Connection"}) {
		switch f.Name {
		case "totalCount":
			total = true
		case "nodes":
			items = append(items, f.Selections...)
		case "edges":
			for _, e := range graphql.CollectFields(op, f.Selections, []string{typeName + "Edge"}) {
				if e.Name == "node" {
					items = append(items, e.Selections...)
				}
			}
		}
	}
	return hopsAsked(op, t, items, asOf), total, slimAsked(op, t, items)
}

// slimFields are the fields of any entity that a slim read answers (model.Hop.Slim): from
// the id, type and name, or by id through the batch, like the hop fields.
var slimFields = map[string]bool{"__typename": true, "id": true, "type": true, "name": true,
	"relations": true, "facts": true, "mentionedIn": true}

// slimAsked says whether sel, asked of entities of type t, asks them only slimFields and
// hop fields of t, so that a slim read of them answers it.
func slimAsked(op *graphql.OperationContext, t model.EntityType, sel ast.SelectionSet) bool {
	for _, f := range graphql.CollectFields(op, sel, []string{t.Label(), "Entity", "Node"}) {
		if _, hop := hopFieldsByName[t][f.Name]; !hop && !slimFields[f.Name] {
			return false
		}
	}
	return true
}

// nodeLookahead returns the hops of the hop fields asked of the node being resolved
// (Query.node), for each entity type its selection names, at the date asOf, each with
// the hops asked on its far ends (see hopsAsked). The node resolver answers them in the
// node's own read: a hop's answer depends only on the node and the hop, so a hop of a
// type the node turns out not to have is merely unused.
func nodeLookahead(ctx context.Context, asOf string) []model.Hop {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || !graphql.HasOperationContext(ctx) {
		return nil
	}
	op := graphql.GetOperationContext(ctx)
	var hops []model.Hop
	for _, t := range model.AllEntityTypes {
		hops = append(hops, hopsAsked(op, t, fc.Field.Selections, asOf)...)
	}
	return hops
}

// hopsAsked returns the hops of the hop fields of t asked without arguments in sel, for
// asOf, in the order first asked. Where the fields ask entities of the hop's label, the
// hop carries, as Hop.With, the hops asked of those entities in turn, nested as deep as
// the selection goes (the server's depth limit bounds it), or, when that is none, is Slim
// when they are asked only what a slim read gives (slimAsked). Fields with the same hop
// (aliases, Park.zone and Park.zones) are one hop, with what any of them asks: they share
// one batched answer.
func hopsAsked(op *graphql.OperationContext, t model.EntityType, sel ast.SelectionSet, asOf string) []model.Hop {
	type asked struct {
		hop      model.Hop
		far      ast.SelectionSet // what the fields ask of the far ends
		entities bool             // every field lists or picks entities of the hop's label
		slim     bool             // every field asks only what a slim read gives (slimItems)
	}
	var order []*asked
	byHop := map[fetchKey]*asked{}
	for _, f := range graphql.CollectFields(op, sel, []string{t.Label(), "Entity", "Node"}) {
		hf, ok := hopFieldsByName[t][f.Name]
		if !ok || len(f.Arguments) != 0 {
			continue
		}
		entities := hf.Hop.Label != anyEntity && f.Definition != nil && f.Definition.Type.Name() == hf.Hop.Label.Label()
		a, seen := byHop[neighborsKey(hf.Hop)]
		if !seen {
			a = &asked{hop: hf.Hop, entities: true, slim: true}
			byHop[neighborsKey(hf.Hop)] = a
			order = append(order, a)
		}
		a.entities = a.entities && entities
		a.slim = a.slim && slimItems(op, hf.Hop.Label, f)
		a.far = append(a.far, f.Selections...)
	}
	hops := make([]model.Hop, len(order))
	for i, a := range order {
		hops[i] = a.hop
		hops[i].AsOf = asOf
		hops[i].Origins = slices.Contains(a.hop.Types, "TARGETS") && asksOrigin(op, a.far)
		if a.entities {
			hops[i].With = hopsAsked(op, a.hop.Label, a.far, asOf)
		}
		hops[i].Slim = len(hops[i].With) == 0 && a.slim
	}
	return hops
}

// slimItems says whether the hop field f, of a hop to entities of label, asks its items
// only what a slim read of the hop gives (model.Hop.Slim): items that are those entities
// asked only slimFields and hop fields (slimAsked), or the Target and IndustryFocus items
// that wrap the relationship, whose industry (the far end) and investorOrigin are asked
// no more than that.
func slimItems(op *graphql.OperationContext, label model.EntityType, f graphql.CollectedField) bool {
	if label == anyEntity || f.Definition == nil {
		return false
	}
	switch item := f.Definition.Type.Name(); item {
	case label.Label():
		return slimAsked(op, label, f.Selections)
	case "Target", "IndustryFocus":
		for _, g := range graphql.CollectFields(op, f.Selections, []string{item}) {
			switch {
			case g.Name == "industry" && !slimAsked(op, model.EntityTypeIndustry, g.Selections),
				g.Name == "investorOrigin" && !slimAsked(op, model.EntityTypeRegion, g.Selections):
				return false
			}
		}
		return true
	}
	return false
}

// asksOrigin says whether sel, asked of the Target items of a hop field, asks their
// investorOrigin (see model.Hop.Origins).
func asksOrigin(op *graphql.OperationContext, sel ast.SelectionSet) bool {
	for _, f := range graphql.CollectFields(op, sel, []string{"Target"}) {
		if f.Name == "investorOrigin" {
			return true
		}
	}
	return false
}

// primeHops records the hop results a page brought (see lookahead) as the batched answers
// of those fields for the page's entities, and registers their far ends as siblings, as
// Resolver.neighbors does after fetching; then the same for the hops of their own
// (Hop.With) from those far ends, as deep as they go. The hops carry the date of the page.
func primeHops(ctx context.Context, hops []model.Hop, page *model.EntityPage) {
	if len(page.With) != len(hops) {
		return // the store did not answer them: the fields fetch as usual
	}
	ids := make([]string, len(page.Entities))
	for i, e := range page.Entities {
		ids[i] = e.GetID()
	}
	for i, h := range hops {
		primeHop(ctx, h, ids, page.With[i])
	}
}

// primeHop records lists, the relations of the hop h from each of ids (one sibling
// group), as the batched answer of h for them, and, when that took, the lists of h.With
// its relations carry for their far ends. A hop the batch fetched already, or ids that
// are not one group, are left to fetch as usual.
func primeHop(ctx context.Context, h model.Hop, ids []string, lists map[string][]*model.Relation) {
	var all []*model.Relation
	for _, id := range ids {
		all = append(all, lists[id]...)
	}
	asOfRelations(all, h.AsOf)
	if !prime(ctx, neighborsKey(h), ids, lists) {
		return
	}
	registerRelations(ctx, all)
	if len(h.With) == 0 {
		return
	}
	var far []string
	seen := map[string]bool{}
	for _, rel := range all {
		if id := rel.Node.GetID(); !seen[id] {
			seen[id] = true
			far = append(far, id)
		}
	}
	for j, w := range h.With {
		nested := map[string][]*model.Relation{}
		for _, rel := range all {
			if j < len(rel.With) && len(rel.With[j]) > 0 {
				nested[rel.Node.GetID()] = rel.With[j]
			}
		}
		primeHop(ctx, w, far, nested)
	}
}

// nodeWith returns the node id, as Resolver.node does, with the hop fields asked of it
// (nodeLookahead) fetched in the same read and primed as the batched answers of those
// fields, for the date asOf. The node answers for asOf.
func (r *Resolver) nodeWith(ctx context.Context, id, asOf string) (model.Node, error) {
	hops := nodeLookahead(ctx, asOf)
	if len(hops) == 0 {
		n, err := r.node(ctx, id)
		if e, ok := n.(model.Entity); ok {
			return withAsOf(e, asOf), err
		}
		return n, err
	}
	n, lists, err := r.Store.FindNode(ctx, id, asOf, hops)
	if err != nil {
		return nil, err
	}
	e, ok := n.(model.Entity)
	if !ok {
		return n, nil
	}
	e = withAsOf(e, asOf)
	registerEntities(ctx, []model.Entity{e})
	page := &model.EntityPage{Entities: []model.Entity{e}}
	if len(lists) == len(hops) {
		page.With = make([]map[string][]*model.Relation, len(lists))
		for i, l := range lists {
			page.With[i] = map[string][]*model.Relation{id: l}
		}
	}
	primeHops(ctx, hops, page)
	return e, nil
}
