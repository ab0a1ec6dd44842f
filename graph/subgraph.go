package graph

import (
	"context"

	"github.com/parkgraph/parkgraph/model"
)

// registerSubgraph registers the nodes of g as siblings, and the documents cited by its
// edges, so that fields asked on them are batched.
func registerSubgraph(ctx context.Context, nodes []model.Entity, edges []*model.Edge) {
	registerEntities(ctx, nodes)
	var docs []string
	for _, e := range edges {
		docs = append(docs, evidenceDocs(e.Evidence)...)
	}
	siblings(ctx, docs)
}
