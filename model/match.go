package model

// MatchRule is one way the graph says a place fits an investor: the rule a part of a
// match score is earned by. The GraphQL enum MatchRule maps to these values.
type MatchRule string

// The match rules, in the order parts of equal points are listed. "The industry" is the
// industry asked for or any of its subsectors (SUBSECTOR_OF, at most ContainmentDepth
// hops), as in every industry filter, except where a rule says otherwise.
const (
	// MatchTargetsFromOrigin: a TARGETS edge from the place to the industry whose
	// investorOrigin is the region asked for.
	MatchTargetsFromOrigin MatchRule = "TARGETS_INDUSTRY_FROM_ORIGIN"
	// MatchTargets: a TARGETS edge to the industry that names another origin or none (every
	// TARGETS edge to it when no origin is asked for).
	MatchTargets MatchRule = "TARGETS_INDUSTRY"
	// MatchFocuses: a FOCUSES_ON edge to the industry asked for itself.
	MatchFocuses MatchRule = "FOCUSES_ON_INDUSTRY"
	// MatchCooperates: a COOPERATES_WITH edge, either way, between the place and the region.
	MatchCooperates MatchRule = "COOPERATES_WITH_ORIGIN"
	// MatchFocusesRelated: a FOCUSES_ON edge to a subsector or a parent industry of the
	// industry asked for.
	MatchFocusesRelated MatchRule = "FOCUSES_ON_RELATED_INDUSTRY"
	// MatchHosts: a HOSTS edge to a company, organization or project that FOCUSES_ON the
	// industry.
	MatchHosts MatchRule = "HOSTS_COMPANY_IN_INDUSTRY"
	// MatchMatchmaking: a PARTICIPATED_IN edge to an event that FOCUSES_ON, TARGETS or
	// SIGNED_PROJECTS in the industry.
	MatchMatchmaking MatchRule = "PARTICIPATED_IN_MATCHMAKING"
)

// MatchRules lists the rules in their order, each with its weight: the points a part
// earns when one of its paths is all stated. The README's ranking table lists them.
var MatchRules = []struct {
	Rule   MatchRule
	Weight float64
}{
	{MatchTargetsFromOrigin, 5},
	{MatchTargets, 3},
	{MatchFocuses, 2},
	{MatchCooperates, 2},
	{MatchFocusesRelated, 1},
	{MatchHosts, 1},
	{MatchMatchmaking, 1},
}

// MatchInferredFactor is what a path with an inferred edge earns of its rule's weight. A
// part earns the points of its best path; COMPUTED edges (TARGETS_INVESTORS_FROM) are on
// no path: the origin they stand for is the investorOrigin of the TARGETS edge itself.
const MatchInferredFactor = 0.5

// MatchPlaceTypes are the entity types match ranks (its of argument), and the default.
var MatchPlaceTypes = []EntityType{EntityTypePark, EntityTypeZone, EntityTypeDistrict}

// MatchQuery is one match question, its arguments checked: the industry and investor
// origin as given (an id, name or alias; the origin may be empty), the types of places
// ranked, how many places at most, and the date ("" is the present).
type MatchQuery struct {
	Industry       string
	InvestorOrigin string
	Of             []EntityType
	First          int
	AsOf           string
}

// MatchResult is one ranked place: its score is the sum of the points of its parts.
type MatchResult struct {
	Place Entity         `json:"place"`
	Score float64        `json:"score"`
	Parts []*MatchReason `json:"parts"`
}

// MatchReason is one part of a score: the rule that applies, its weight, the points it
// adds (the weight, times MatchInferredFactor when every path has an inferred edge), the
// derivation of its best path (STATED or INFERRED), and the paths behind it, stated first,
// at most MatchPathsPerPart.
type MatchReason struct {
	Rule       MatchRule      `json:"rule"`
	Weight     float64        `json:"weight"`
	Points     float64        `json:"points"`
	Derivation DerivationKind `json:"derivation"`
	Paths      []*MatchPath   `json:"paths"`
}

// MatchPath is a chain of relationships from the place to the industry or the region:
// Edges[i] joins Nodes[i] and Nodes[i+1], each edge in its stored direction.
type MatchPath struct {
	Nodes []Entity `json:"nodes"`
	Edges []*Edge  `json:"edges"`
}
