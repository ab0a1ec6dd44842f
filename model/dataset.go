package model

// Dataset is a whole curated graph as read from seed files, before it is written.
type Dataset struct {
	Documents []*Document
	Entities  []*EntityRecord
	Relations []*RelationRecord
}

// EntityRecord is one curated entity with its facts. Facts keep typed values.
type EntityRecord struct {
	EntityBase
	Facts []*FactRecord
}

// FactRecord is one attribute value with its evidence. Value is a string, int64, float64 or
// bool. Period is when the value holds, where a document gives it (zero: always).
type FactRecord struct {
	ID       string
	Property string
	Value    any
	Evidence []*Evidence
	Period   Period
}

// RelationRecord is one relationship: curated, or derived by the loader. ID is derived
// from type, ends and properties ("type:from:to", then ":hash" of the properties when
// there are any; see seeds.RelationID), so the same statement always gets the same id.
// Derivation says how it came to be; nil means stated.
type RelationRecord struct {
	ID         string
	Type       string
	From       string
	To         string
	Props      map[string]any
	Evidence   []*Evidence
	Derivation *Derivation
	// Period is when the relation holds, where a document gives it (zero: always).
	Period Period
}

// Mention says that a document names an entity Count times. Rule, when set, is the rule
// that computed it (MENTIONS relationships are computed).
type Mention struct {
	DocumentID string
	EntityID   string
	Count      int
	Rule       *Rule
}
