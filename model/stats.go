package model

// GraphStats counts the whole graph.
type GraphStats struct {
	Nodes             int      `json:"nodes"`
	Relationships     int      `json:"relationships"`
	Labels            []*Count `json:"labels"`
	RelationshipTypes []*Count `json:"relationshipTypes"`
	Documents         int      `json:"documents"`
	Facts             int      `json:"facts"`
	Evidence          int      `json:"evidence"`
}

// Count is a key and how many things have it.
type Count struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// Bucket is an entity and how many entities relate to it, in a breakdown.
type Bucket struct {
	Entity Entity `json:"entity"`
	Count  int    `json:"count"`
}

// BreakdownKey is what a breakdown groups entities by. The GraphQL enum BreakdownKey maps
// to these values.
type BreakdownKey string

// The breakdown keys.
const (
	BreakdownKeyIndustry       BreakdownKey = "INDUSTRY"
	BreakdownKeyDistrict       BreakdownKey = "DISTRICT"
	BreakdownKeyInvestorOrigin BreakdownKey = "INVESTOR_ORIGIN"
	BreakdownKeyZone           BreakdownKey = "ZONE"
	BreakdownKeyRegion         BreakdownKey = "REGION"
)
