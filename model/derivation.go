package model

import (
	"slices"
	"strings"
)

// DerivationKind says how the graph came to hold a relationship. The GraphQL enum
// DerivationKind maps to these values; relationships store them in lower case (the
// property derivation: "stated", "inferred" or "computed").
type DerivationKind string

// The derivation kinds.
const (
	// DerivationStated: curated in seeds/graph; a quote of its evidence states it.
	DerivationStated DerivationKind = "STATED"
	// DerivationInferred: derived by the loader from stated relationships by a named rule.
	DerivationInferred DerivationKind = "INFERRED"
	// DerivationComputed: computed by the loader by a named rule from a property of other
	// relationships (TARGETS_INVESTORS_FROM) or from the documents' text (MENTIONS).
	DerivationComputed DerivationKind = "COMPUTED"
)

// IsValid reports whether k is one of the derivation kinds.
func (k DerivationKind) IsValid() bool {
	return k == DerivationStated || k == DerivationInferred || k == DerivationComputed
}

// Stored returns k as relationships store it: "stated", "inferred" or "computed".
func (k DerivationKind) Stored() string { return strings.ToLower(string(k)) }

// Followed returns the derivation kinds a traversal follows: STATED, and INFERRED and
// COMPUTED when asked for. Naming the computed TARGETS_INVESTORS_FROM among types asks
// for computed relationships: a client that names the type wants its relationships.
func Followed(types []string, inferred, computed bool) []DerivationKind {
	kinds := []DerivationKind{DerivationStated}
	if inferred {
		kinds = append(kinds, DerivationInferred)
	}
	if computed || slices.Contains(types, DerivedInvestorOrigin) {
		kinds = append(kinds, DerivationComputed)
	}
	return kinds
}

// DerivationKinds are the derivation kinds, stated first.
var DerivationKinds = []DerivationKind{DerivationStated, DerivationInferred, DerivationComputed}

// EveryKind reports whether kinds is empty (every kind) or holds each derivation kind.
func EveryKind(kinds []DerivationKind) bool {
	for _, k := range DerivationKinds {
		if len(kinds) > 0 && !slices.Contains(kinds, k) {
			return false
		}
	}
	return true
}

// StoredKinds returns kinds as relationships store them (see Stored), or every kind when
// kinds is empty.
func StoredKinds(kinds []DerivationKind) []string {
	if len(kinds) == 0 {
		kinds = DerivationKinds
	}
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.Stored()
	}
	return out
}

// DerivationKindOf returns the kind a relationship stores as s; an absent or unknown
// value is stated, the kind of everything curated.
func DerivationKindOf(s string) DerivationKind {
	if k := DerivationKind(strings.ToUpper(s)); k.IsValid() {
		return k
	}
	return DerivationStated
}

// Rule is one named way the loader derives relationships (seeds.Rules lists them): its
// name, and what it does in one sentence.
type Rule struct {
	Name      string
	Statement string
}

// Derivation says how a relationship came to be: stated, or inferred or computed by a
// rule from the relationships whose ids DerivedFrom lists (none for stated ones and for
// those computed from text).
type Derivation struct {
	Kind        DerivationKind `json:"kind"`
	Rule        *string        `json:"rule,omitempty"`
	Statement   *string        `json:"statement,omitempty"`
	DerivedFrom []string       `json:"derivedFrom"`
}

// Stated is the derivation of a curated relationship.
func Stated() *Derivation { return &Derivation{Kind: DerivationStated, DerivedFrom: []string{}} }

// DerivedBy is the derivation of a relationship that rule (of kind inferred or computed)
// derived from the relationships with ids from.
func DerivedBy(kind DerivationKind, rule Rule, from []string) *Derivation {
	name, statement := rule.Name, rule.Statement
	if from == nil {
		from = []string{}
	}
	return &Derivation{Kind: kind, Rule: &name, Statement: &statement, DerivedFrom: from}
}

// The relationship properties that record a derivation (see Derivation).
const (
	PropDerivation    = "derivation"
	PropRule          = "rule"
	PropRuleStatement = "ruleStatement"
	PropDerivedFrom   = "derivedFrom"
)

// StoredRelationKeys are the properties every relationship may hold besides its curated
// ones: identity, evidence, derivation, period and the loader's bookkeeping. They are not shown
// as Relation.properties, and no relation type may take their names.
var StoredRelationKeys = map[string]bool{
	"id": true, "dataset": true, "evidenceDocs": true, "evidenceQuotes": true,
	PropDerivation: true, PropRule: true, PropRuleStatement: true, PropDerivedFrom: true,
	PropValidFrom: true, PropValidTo: true,
}

// RelationEnds splits a relation id, which is "type:from:to" with an optional
// ":hash" of its properties (entity ids hold no colon), into the relationship type as
// ids write it (lower case) and its two ends. ok is false for an id of another form.
func RelationEnds(id string) (typ, from, to string, ok bool) {
	parts := strings.Split(id, ":")
	if len(parts) != 3 && len(parts) != 4 {
		return "", "", "", false
	}
	for _, p := range parts {
		if p == "" {
			return "", "", "", false
		}
	}
	return parts[0], parts[1], parts[2], true
}
