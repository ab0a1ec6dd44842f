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
	// Dataset is the load that wrote the graph; nil for a graph no load completed.
	Dataset *LoadedDataset `json:"dataset"`
}

// LoadedDataset is one completed load: the digest of the dataset it wrote (every node
// and relationship it wrote carries it as the property dataset), when it was written
// (UTC, RFC 3339) and the version of the loader that wrote it (a VCS revision, or
// "devel").
type LoadedDataset struct {
	Digest        string `json:"digest"`
	LoadedAt      string `json:"loadedAt"`
	LoaderVersion string `json:"loaderVersion"`
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
