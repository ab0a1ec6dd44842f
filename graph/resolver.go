// Package graph is the GraphQL layer: schema-first gqlgen resolvers over a Store. It holds
// no Cypher and does not import the database driver.
package graph

import (
	"context"

	"github.com/parkgraph/parkgraph/model"
)

// Store is what the resolvers need from the database. Every method that takes ids answers
// for all of them in one round trip; ids with nothing to return are absent from the map.
// The methods that follow relationships or read facts answer for a date (an AsOf, or
// asOf): "" is the present.
// Errors are *model.Error values with a domain code where the cause is known.
type Store interface {
	// FindNodes returns the entities and documents with the given ids.
	FindNodes(ctx context.Context, ids []string) (map[string]model.Node, error)
	// FindNode returns the entity or document with id, or nil, and in the same read the
	// relations from it of each hop of with (and of their hops, Hop.With) at asOf.
	FindNode(ctx context.Context, id, asOf string, with []model.Hop) (model.Node, [][]*model.Relation, error)
	// FindEntities returns one page of entities matching f, ordered by name then id.
	FindEntities(ctx context.Context, f model.EntityFilter, page model.PageArgs) (*model.EntityPage, error)
	// FindDocuments returns one page of documents matching f, ordered by id.
	FindDocuments(ctx context.Context, f model.DocumentFilter, page model.PageArgs) (*model.DocumentPage, error)
	// Neighbors returns the neighbours of each entity reached by hop, over the
	// relationships that hold at hop.AsOf.
	Neighbors(ctx context.Context, ids []string, hop model.Hop) (map[string][]*model.Relation, error)
	// Facts returns the facts of each entity that hold at asOf.
	Facts(ctx context.Context, ids []string, asOf string) (map[string][]*model.Fact, error)
	// MentionedIn returns the documents that mention each entity.
	MentionedIn(ctx context.Context, ids []string) (map[string][]*model.Document, error)
	// Mentions returns the entities each document mentions.
	Mentions(ctx context.Context, docIDs []string) (map[string][]model.Entity, error)
	// Search finds entities by name, alias or description, exact matches first.
	Search(ctx context.Context, query string, types []model.EntityType, first int) ([]*model.SearchHit, error)
	// SearchDocuments finds documents by title or text, with snippets.
	SearchDocuments(ctx context.Context, query string, first int) ([]*model.DocumentHit, error)
	// Neighborhood returns the entities within depth hops of id and the edges among them,
	// over relationships of types and of the derivation kinds kinds.
	Neighborhood(ctx context.Context, id string, depth int, types []string, kinds []model.DerivationKind, limit int, asOf string) (*model.Subgraph, error)
	// ShortestPath returns a shortest path between two entities over relationships of
	// types and kinds, or nil.
	ShortestPath(ctx context.Context, from, to string, maxDepth int, types []string, kinds []model.DerivationKind, asOf string) (*model.Path, error)
	// Relationships returns the relationships with the given ids, as edges.
	Relationships(ctx context.Context, ids []string) (map[string]*model.Edge, error)
	// Subgraph returns the given entities and the edges of types and kinds among them.
	Subgraph(ctx context.Context, ids []string, types []string, kinds []model.DerivationKind, asOf string) (*model.Subgraph, error)
	// Stats counts the whole graph.
	Stats(ctx context.Context) (*model.GraphStats, error)
	// Breakdown counts the entities that match f per related industry, district, origin,
	// zone or region; with rollUp (INDUSTRY only), per industry at or above those they
	// relate to.
	Breakdown(ctx context.Context, f model.EntityFilter, by model.BreakdownKey, rollUp bool, first int) ([]*model.Bucket, error)
	// CrossTab counts the entities that match f per pair of a rows key and a columns key.
	CrossTab(ctx context.Context, f model.EntityFilter, rows, columns model.BreakdownKey, firstRows, firstColumns int) (*model.CrossTab, error)
	// Contradictions lists the properties of entities (of one type when of is given) on
	// which sources disagree, at most first, each fact's ConflictsWith set.
	Contradictions(ctx context.Context, of *model.EntityType, property string, first int) ([]*model.Contradiction, error)
	// Match ranks the places of q.Of by how well they fit an investor, in one round trip.
	Match(ctx context.Context, q model.MatchQuery) ([]*model.MatchResult, error)
}

// Resolver is the root resolver. It holds no per-request state; batching state lives in
// the request context (see WithBatch).
type Resolver struct {
	Store Store
}
