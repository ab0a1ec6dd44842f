package model

// SearchHit is one entity found by full-text search, with its relevance score.
type SearchHit struct {
	Entity Entity  `json:"entity"`
	Score  float64 `json:"score"`
	// Exact is true when the query equals the entity's id, name or one of its aliases.
	Exact bool `json:"exact"`
}

// DocumentHit is one document found by full-text search, with a snippet of its text
// around the first matching word.
type DocumentHit struct {
	Document *Document `json:"document"`
	Score    float64   `json:"score"`
	Snippet  string    `json:"snippet"`
}
