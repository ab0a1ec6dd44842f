// Package graph is the GraphQL layer: schema-first gqlgen resolvers over a Store. It holds
// no Cypher and does not import the database driver.
package graph

import (
	"context"

	"github.com/parkgraph/parkgraph/graph/model"
)

// Store is what the resolvers need from the database. Every method that takes ids answers
// for all of them in one round trip; ids with nothing to return are absent from the map.
// Errors are *model.Error values with a domain code where the cause is known.
type Store interface {
	// FindNodes returns the entities and documents with the given ids.
	FindNodes(ctx context.Context, ids []string) (map[string]model.Node, error)
	// FindEntities returns one page of entities matching f, ordered by name then id.
	FindEntities(ctx context.Context, f model.EntityFilter, page model.PageArgs) (*model.EntityPage, error)
	// FindDocuments returns one page of documents matching f, ordered by id.
	FindDocuments(ctx context.Context, f model.DocumentFilter, page model.PageArgs) (*model.DocumentPage, error)
	// Neighbors returns the neighbours of each entity reached by hop.
	Neighbors(ctx context.Context, ids []string, hop model.Hop) (map[string][]*model.Relation, error)
	// Facts returns the facts of each entity.
	Facts(ctx context.Context, ids []string) (map[string][]*model.Fact, error)
	// MentionedIn returns the documents that mention each entity.
	MentionedIn(ctx context.Context, ids []string) (map[string][]*model.Document, error)
	// Mentions returns the entities each document mentions.
	Mentions(ctx context.Context, docIDs []string) (map[string][]model.Entity, error)
}

// Resolver is the root resolver. It holds no per-request state; batching state lives in
// the request context (see WithBatch).
type Resolver struct {
	Store Store
}
