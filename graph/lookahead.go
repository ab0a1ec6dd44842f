package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

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
// of t (hopFields) asked without arguments, for the date asOf of the list. The list resolver answers them in the page's own
// query and primes the batch, so those fields cost no round trip of their own. total says
// whether the connection's totalCount is asked (true when the selection is unknown).
func lookahead(ctx context.Context, t model.EntityType, asOf string) (hops []model.Hop, total bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || !graphql.HasOperationContext(ctx) {
		return nil, true
	}
	op := graphql.GetOperationContext(ctx)
	typeName := t.Label()
	items := []string{typeName, "Entity", "Node"}
	seen := map[*hopField]bool{}
	add := func(sel []graphql.CollectedField) {
		for _, f := range sel {
			if hf, ok := hopFieldsByName[t][f.Name]; ok && len(f.Arguments) == 0 && !seen[hf] {
				seen[hf] = true
				h := hf.Hop
				h.AsOf = asOf
				hops = append(hops, h)
			}
		}
	}
	for _, f := range graphql.CollectFields(op, fc.Field.Selections, []string{typeName + "Connection"}) {
		switch f.Name {
		case "totalCount":
			total = true
		case "nodes":
			add(graphql.CollectFields(op, f.Selections, items))
		case "edges":
			for _, e := range graphql.CollectFields(op, f.Selections, []string{typeName + "Edge"}) {
				if e.Name == "node" {
					add(graphql.CollectFields(op, e.Selections, items))
				}
			}
		}
	}
	return hops, total
}

// primeHops records the hop results a page brought (see lookahead) as the batched answers
// of those fields for the page's entities, and registers their far ends as siblings, as
// Resolver.neighbors does after fetching. The hops carry the date of the page.
func primeHops(ctx context.Context, hops []model.Hop, page *model.EntityPage) {
	if len(page.With) != len(hops) {
		return // the store did not answer them: the fields fetch as usual
	}
	ids := make([]string, len(page.Entities))
	for i, e := range page.Entities {
		ids[i] = e.GetID()
	}
	for i, h := range hops {
		var all []*model.Relation
		for _, id := range ids {
			all = append(all, page.With[i][id]...)
		}
		asOfRelations(all, h.AsOf)
		if prime(ctx, neighborsKey(h), ids, page.With[i]) {
			registerRelations(ctx, all)
		}
	}
}
