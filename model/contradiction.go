package model

// Contradiction is a property of one entity on which its sources disagree: Facts are the
// facts of that property each of which conflicts with at least one other (see
// FactsConflict), ordered by value, each with its evidence and period.
type Contradiction struct {
	Entity   Entity  `json:"entity"`
	Property string  `json:"property"`
	Facts    []*Fact `json:"facts"`
}

// MultiValued are the properties an entity may hold several values of without any
// source disagreeing (a zone's several designations, positionings and development
// goals); different values of them are no contradiction.
var MultiValued = map[string]bool{"designation": true, "positioning": true, "developmentGoal": true}

// PeriodOf is the period of f; the zero Period (always) when f has none.
func PeriodOf(f *Fact) Period {
	p := Period{}
	if f.ValidFrom != nil {
		p.ValidFrom = *f.ValidFrom
	}
	if f.ValidTo != nil {
		p.ValidTo = *f.ValidTo
	}
	return p
}

// FactsConflict reports whether a and b, facts of one entity, disagree: the same
// property, not a MultiValued one, with different values, for periods that meet. A fact
// without a period holds at every date, as filters and asOf read it; so a value stated for
// a past period (70 km2 from 2007-12 to 2010-06) does not conflict with one stated from a
// later date (73 km2 from 2010-10), but does with an undated one.
func FactsConflict(a, b *Fact) bool {
	if a == b || a.Property != b.Property || MultiValued[a.Property] || a.Value == b.Value {
		return false
	}
	_, meet := PeriodOf(a).Within(PeriodOf(b))
	return meet
}

// LinkConflicts sets ConflictsWith of each of facts (the facts of one entity) to the
// others of facts it conflicts with, in their order, and returns the facts that conflict
// with at least one other.
func LinkConflicts(facts []*Fact) []*Fact {
	var out []*Fact
	for _, f := range facts {
		f.ConflictsWith = []*Fact{}
		for _, g := range facts {
			if FactsConflict(f, g) {
				f.ConflictsWith = append(f.ConflictsWith, g)
			}
		}
		if len(f.ConflictsWith) > 0 {
			out = append(out, f)
		}
	}
	return out
}
