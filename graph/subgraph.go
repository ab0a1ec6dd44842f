package graph

import (
	"context"

	"github.com/parkgraph/parkgraph/model"
)

// registerSubgraph registers the nodes of g as siblings, and the documents cited by its
// edges and the relationships they derive from, so that fields asked on them are batched.
func registerSubgraph(ctx context.Context, nodes []model.Entity, edges []*model.Edge) {
	registerEntities(ctx, nodes)
	registerEdges(ctx, edges)
}

// relationships resolves Derivation.derivedFrom: the relationships with ids, in that
// order, fetched once for the whole sibling group of the ids (see registerRelations);
// an id that matches no relationship is left out.
func (r *Resolver) relationships(ctx context.Context, ids []string) ([]*model.Edge, error) {
	out := make([]*model.Edge, 0, len(ids))
	for _, id := range ids {
		e, err := load(ctx, fetchKey{kind: fetchRelationships}, id, func(ids []string) (map[string]*model.Edge, error) {
			m, err := r.Store.Relationships(ctx, ids)
			edges := make([]*model.Edge, 0, len(m))
			for _, e := range m {
				edges = append(edges, e)
			}
			registerEdges(ctx, edges)
			return m, err
		})
		if err != nil {
			return nil, err
		}
		if e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}
