package model

// EntityFilter selects entities of one type. Empty fields do not filter; the others all
// hold at once. Industry and region arguments match an id, name or alias, case-insensitively.
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
}

// TargetFilter matches one TARGETS edge: industry (with subsectors) and investor origin.
type TargetFilter struct {
	Industry       *string `json:"industry,omitempty"`
	InvestorOrigin *string `json:"investorOrigin,omitempty"`
}

// PageArgs asks for one page of a list ordered by name then id. After is an opaque
// cursor from an earlier page; First is already clamped by the caller.
type PageArgs struct {
	First int
	After string
}

// EntityPage is one page of entities plus the cursor of each and the total count.
type EntityPage struct {
	Entities    []Entity
	Cursors     []string
	HasNextPage bool
	TotalCount  int
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
