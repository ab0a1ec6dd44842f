package model

import (
	"strings"
	"time"
)

// Period is when a relation or a fact holds, from ValidFrom to ValidTo, both dates of
// DatePattern; an empty bound is open. Dates compare as text, and a bound includes every
// date it is a prefix of (as in Range): ValidTo "2010-06" includes "2010-06-15", and
// ValidFrom "2007-12" holds in "2007". The zero Period always holds.
type Period struct {
	ValidFrom string
	ValidTo   string
}

// IsZero reports whether p has no bound.
func (p Period) IsZero() bool { return p.ValidFrom == "" && p.ValidTo == "" }

// HoldsAt reports whether p holds at the date asOf: its span (a year, a month or a day)
// meets the period.
func (p Period) HoldsAt(asOf string) bool {
	return (p.ValidFrom == "" || p.ValidFrom <= asOf || strings.HasPrefix(p.ValidFrom, asOf)) &&
		(p.ValidTo == "" || asOf <= p.ValidTo || strings.HasPrefix(asOf, p.ValidTo))
}

// EndsBeforeItStarts reports whether p's end comes before its start ("2009" before
// "2010-03"), which no period may; an end a start is within ("2010" for "2010-06") is not.
func (p Period) EndsBeforeItStarts() bool {
	return p.ValidFrom != "" && p.ValidTo != "" && p.ValidTo < p.ValidFrom && !strings.HasPrefix(p.ValidFrom, p.ValidTo)
}

// Within returns the period in which both p and q hold, and false when there is none.
func (p Period) Within(q Period) (Period, bool) {
	out := Period{ValidFrom: laterStart(p.ValidFrom, q.ValidFrom), ValidTo: earlierEnd(p.ValidTo, q.ValidTo)}
	return out, !out.EndsBeforeItStarts()
}

// Spanning returns the shortest period in which p or q holds: open at a side where
// either is open.
func (p Period) Spanning(q Period) Period {
	out := Period{}
	if p.ValidFrom != "" && q.ValidFrom != "" {
		out.ValidFrom = p.ValidFrom
		if laterStart(p.ValidFrom, q.ValidFrom) == p.ValidFrom && p.ValidFrom != q.ValidFrom {
			out.ValidFrom = q.ValidFrom
		}
	}
	if p.ValidTo != "" && q.ValidTo != "" {
		out.ValidTo = p.ValidTo
		if earlierEnd(p.ValidTo, q.ValidTo) == p.ValidTo && p.ValidTo != q.ValidTo {
			out.ValidTo = q.ValidTo
		}
	}
	return out
}

// laterStart is the later of two starts ("" is open): of "2007" and "2007-12", the
// second, which starts within the first.
func laterStart(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case a > b:
		return a
	}
	return b
}

// earlierEnd is the earlier of two ends ("" is open): of "2010" and "2010-06", the
// second, which ends within the first.
func earlierEnd(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case strings.HasPrefix(a, b):
		return a
	case strings.HasPrefix(b, a):
		return b
	case a < b:
		return a
	}
	return b
}

// IsDate reports whether s is a date of DatePattern that exists: a month from 01 to 12,
// a day of that month.
func IsDate(s string) bool {
	if !DatePattern.MatchString(s) {
		return false
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: time.DateOnly}[len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

// Today is the present for which lists and traversals answer when no asOf is given:
// the current date, UTC, as YYYY-MM-DD.
func Today() string { return time.Now().UTC().Format(time.DateOnly) }

// The properties that hold a period on relationships and facts.
const (
	PropValidFrom = "validFrom"
	PropValidTo   = "validTo"
)
