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
	// Parent is the industry Entity is a subsector of, and Level the number of
	// SUBSECTOR_OF steps from Entity up to the top of its taxonomy (0 at the top, the
	// longest chain when there are several), in a rolled-up breakdown; nil otherwise.
	// An industry with several parents names the first by id.
	Parent Entity `json:"parent"`
	Level  *int   `json:"level"`
}

// CrossTab counts entities per pair of keys: Rows and Columns are the headers, each
// with the number of distinct entities under it that are also under at least one key of
// the other dimension (any, not only the headers listed), most first; Cells[i][j] counts
// the distinct entities under both Rows[i] and Columns[j]; Total counts the distinct
// entities under at least one row key and one column key. Totals are distinct entities,
// not sums of cells: an entity under two columns counts once in its row's total.
type CrossTab struct {
	Rows    []*Bucket `json:"rows"`
	Columns []*Bucket `json:"columns"`
	Cells   [][]int   `json:"cells"`
	Total   int       `json:"total"`
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
