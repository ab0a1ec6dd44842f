package model

import (
	"fmt"
	"strconv"
)

// Evidence ties a relationship, fact or entity to the document sentence that states it.
// Quote is a verbatim substring of the document's text.
type Evidence struct {
	DocumentID string `json:"documentId" yaml:"doc"`
	Quote      string `json:"quote" yaml:"quote"`
}

// Fact is one attribute value of an entity with its evidence. Value is the display form,
// Typed the value as curated (string, number or boolean). ValidFrom and ValidTo are the
// period in which it holds, where a document gives one.
type Fact struct {
	ID        string      `json:"id"`
	Property  string      `json:"property"`
	Value     string      `json:"value"`
	Evidence  []*Evidence `json:"evidence"`
	ValidFrom *string     `json:"validFrom,omitempty"`
	ValidTo   *string     `json:"validTo,omitempty"`
	Typed     any         `json:"-"`
	// ConflictsWith are the other facts of the same entity and property that disagree
	// with this one (see FactsConflict), among those read with it; LinkConflicts sets it.
	ConflictsWith []*Fact `json:"-"`
}

// Property is one key and value of a relationship, in display form.
type Property struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// FormatValue renders a scalar property value for display: integers without a decimal
// point, other numbers in their shortest form, lists joined by ", ".
func FormatValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		if x == float64(int64(x)) {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		s := ""
		for i, e := range x {
			if i > 0 {
				s += ", "
			}
			s += FormatValue(e)
		}
		return s
	}
	return fmt.Sprint(v)
}

// Number returns v as a float64 when it is an int64 or a float64, the two numeric types
// stored properties come back as.
func Number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}
