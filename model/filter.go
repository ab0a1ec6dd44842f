package model

// EntityFilter selects entities of one type. Empty fields do not filter; the others all
// hold at once. Every argument that names an entity (industry, region, zone, district,
// company, hostedIn, subsectorOf, participant, participatedIn, issuedBy) matches its id,
// name or alias, case-insensitively. Industry, region and subsectorOf match every entity
// with that key; the others name one entity, and a name or alias shared by several
// entities of the types the filter expects is INVALID (the store lists them).
type EntityFilter struct {
	Type EntityType
	// NameContains matches name or any alias, case-insensitively.
	NameContains string
	// Industry matches entities that focus on or target the industry or any of its subsectors.
	Industry string
	// Targets matches entities with one TARGETS edge that satisfies both conditions.
	Targets *TargetFilter
	// Zone matches entities contained in the zone, directly or through parents (PART_OF).
	Zone string
	// District matches entities located in the district, directly or through a parent.
	District string
	// Region matches entities contained in or located in the region at any depth.
	Region string
	// Company matches zones and parks that host the company or organisation.
	Company string
	// HostedIn matches companies, organisations and projects hosted by the zone or park,
	// or by anything contained in it.
	HostedIn string
	// SubsectorOf matches industries below the industry at any depth.
	SubsectorOf string
	// Participant matches events in which the entity took part or that it organised.
	Participant string
	// ParticipatedIn matches entities that took part in or organised the event or one
	// of its sub-events.
	ParticipatedIn string
	// IssuedBy matches policies issued by the organisation.
	IssuedBy string
	// Ranges bound typed properties; all must hold.
	Ranges []Range
	// AsOf is the date the filter answers for: relationships are followed, and facts'
	// values counted, only where their period holds then. Empty means the present.
	AsOf string
}

// Range bounds one property. Nil bounds are open. Dates (YYYY, YYYY-MM or YYYY-MM-DD)
// compare as text, and an upper bound includes everything it is a prefix of ("2023"
// includes "2023-03-09"); numbers compare numerically. A property that holds several
// values (sources disagree) matches when any value is in range.
type Range struct {
	Property string
	Min, Max any
	Date     bool
}

// Order sorts a list by Property (name when empty), ascending unless Desc, then by id.
// Entities without the property come last.
type Order struct {
	Property string
	Desc     bool
}

// TargetFilter matches one TARGETS edge: industry (with subsectors) and investor origin.
type TargetFilter struct {
	Industry       *string `json:"industry,omitempty"`
	InvestorOrigin *string `json:"investorOrigin,omitempty"`
}

// PageArgs asks for one page of a list in Order. After is an opaque cursor from an
// earlier page of the same order; First is already clamped by the caller.
type PageArgs struct {
	First int
	After string
	Order Order
	// With are hops to answer for every entity of the page in the page's own query, as
	// Store.Neighbors would; EntityPage.With holds their results in the same order.
	With []Hop
	// SkipTotal leaves EntityPage.TotalCount at 0 instead of counting every match.
	SkipTotal bool
	// Slim reads only the id, type and name of the page's entities (see Hop.Slim).
	Slim bool
}

// EntityPage is one page of entities plus the cursor of each and the total count.
type EntityPage struct {
	Entities    []Entity
	Cursors     []string
	HasNextPage bool
	TotalCount  int
	With        []map[string][]*Relation // by PageArgs.With, then entity id
}

// DocumentFilter selects documents.
type DocumentFilter struct {
	TitleContains string
	// Mentions matches documents that mention the entity.
	Mentions string
}

// DocumentPage is one page of documents plus the cursor of each and the total count.
type DocumentPage struct {
	Documents   []*Document
	Cursors     []string
	HasNextPage bool
	TotalCount  int
}
