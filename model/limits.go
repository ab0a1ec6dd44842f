package model

import "regexp"

// Bound is the range an integer argument may take, and the value it takes when absent.
// The resolvers check every argument against its Bound once (INVALID outside it); the
// store takes the checked values as they are.
type Bound struct {
	Default, Min, Max int
}

// The bounds of the API's arguments. The README's "Limits and cost" table lists them,
// and a test checks it against these values.
var (
	// PageSize bounds first on every list (zones, parks, ..., documents).
	PageSize = Bound{Default: 20, Min: 0, Max: 100}
	// RelationsPage bounds Entity.relations(first:).
	RelationsPage = Bound{Default: 50, Min: 0, Max: MaxRelations}
	// SearchPage bounds first on search and searchDocuments.
	SearchPage = Bound{Default: 10, Min: 0, Max: 100}
	// BreakdownPage bounds breakdown(first:), the number of buckets.
	BreakdownPage = Bound{Default: 50, Min: 0, Max: 500}
	// CrossTabRows bounds crossTab(firstRows:) and CrossTabColumns crossTab(firstColumns:);
	// their product is also at most MaxCrossTabCells.
	CrossTabRows    = Bound{Default: 20, Min: 0, Max: 500}
	CrossTabColumns = Bound{Default: 20, Min: 0, Max: 500}
	// ContradictionsPage bounds contradictions(first:).
	ContradictionsPage = Bound{Default: 50, Min: 0, Max: 500}
	// NeighborhoodDepth bounds neighborhood(depth:).
	NeighborhoodDepth = Bound{Default: 1, Min: 1, Max: 3}
	// NeighborhoodLimit bounds neighborhood(limit:), the entities returned besides the start.
	NeighborhoodLimit = Bound{Default: 100, Min: 0, Max: MaxSubgraphNodes}
	// PathDepth bounds shortestPath(maxDepth:).
	PathDepth = Bound{Default: 6, Min: 1, Max: 6}
	// MatchPage bounds match(first:), the places ranked.
	MatchPage = Bound{Default: 10, Min: 0, Max: 50}
)

const (
	// MaxRelations is the most far ends one entity gets from one hop (a typed field such
	// as Park.targets, or Entity.relations).
	MaxRelations = 500
	// MaxSubgraphNodes is the most ids subgraph takes, and the most entities
	// neighborhood returns besides the start.
	MaxSubgraphNodes = 500
	// ContainmentDepth is the most PART_OF, LOCATED_IN or SUBSECTOR_OF hops a filter or
	// field follows to reach a containing place or a parent industry.
	ContainmentDepth = 8
	// MaxCrossTabCells is the most cells a cross-tabulation may ask for: firstRows times
	// firstColumns.
	MaxCrossTabCells = 2500
	// MatchPathsPerPart is the most paths one part of a match score lists.
	MatchPathsPerPart = 10
)

// DatePattern is the form of every date in the graph and in date filters: YYYY, YYYY-MM
// or YYYY-MM-DD. Dates of that form compare correctly as text.
var DatePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
