package seeds

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parkgraph/parkgraph/graph/model"
)

// minMentionLength is the shortest name or alias that is searched for in document text;
// shorter ones (acronyms of two letters) match too much by chance.
const minMentionLength = 3

// Mentions computes which documents mention which entities: a document mentions an
// entity when its text contains the entity's name or one of its aliases as a whole word,
// case-insensitively, or when it is cited as evidence for the entity. Names are matched
// longest first across all entities, so "Chongqing" inside "Chongqing High-tech Zone"
// counts for the zone, not for the city. Count is the number of occurrences (at least 1).
// The result is ordered by document, then entity.
func Mentions(ds *model.Dataset) []model.Mention {
	termsOf := make([][]string, len(ds.Entities))
	for i, e := range ds.Entities {
		termsOf[i] = terms(e)
	}
	var out []model.Mention
	for _, d := range ds.Documents {
		counts := mentionCounts(strings.ToLower(d.Text), termsOf)
		for i, e := range ds.Entities {
			n := counts[i]
			if n == 0 && citedIn(e, d.ID) {
				n = 1
			}
			if n > 0 {
				out = append(out, model.Mention{DocumentID: d.ID, EntityID: e.ID, Count: n})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].DocumentID != out[j].DocumentID {
			return out[i].DocumentID < out[j].DocumentID
		}
		return out[i].EntityID < out[j].EntityID
	})
	return out
}

// mentionCounts counts, for each entity's terms, the whole-word occurrences in text that
// are not inside a longer occurrence of any term: occurrences are taken longest first
// and an overlapping shorter one is dropped.
func mentionCounts(text string, termsOf [][]string) []int {
	type occurrence struct{ start, end, entity int }
	var occ []occurrence
	for i, ts := range termsOf {
		for _, t := range ts {
			for _, at := range wordIndexes(text, t) {
				occ = append(occ, occurrence{at, at + len(t), i})
			}
		}
	}
	sort.Slice(occ, func(i, j int) bool {
		li, lj := occ[i].end-occ[i].start, occ[j].end-occ[j].start
		if li != lj {
			return li > lj
		}
		return occ[i].start < occ[j].start
	})
	taken := make([]bool, len(text))
	counts := make([]int, len(termsOf))
	for _, o := range occ {
		if slices.Contains(taken[o.start:o.end], true) {
			continue
		}
		for k := o.start; k < o.end; k++ {
			taken[k] = true
		}
		counts[o.entity]++
	}
	return counts
}

// terms returns the lower-cased name and aliases of e worth searching for, longest first,
// without duplicates.
func terms(e *model.EntityRecord) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append([]string{e.Name}, e.Aliases...) {
		s = strings.ToLower(strings.TrimSpace(s))
		if len(s) >= minMentionLength && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// wordIndexes returns where term occurs in text as a whole word: not preceded or
// followed by a letter or digit.
func wordIndexes(text, term string) []int {
	var out []int
	for from := 0; from <= len(text); {
		i := strings.Index(text[from:], term)
		if i < 0 {
			break
		}
		start, end := from+i, from+i+len(term)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !wordRune(before) && !wordRune(after) {
			out = append(out, start)
		}
		from = start + 1
	}
	return out
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func citedIn(e *model.EntityRecord, docID string) bool {
	for _, ev := range e.Evidence {
		if ev.DocumentID == docID {
			return true
		}
	}
	for _, f := range e.Facts {
		for _, ev := range f.Evidence {
			if ev.DocumentID == docID {
				return true
			}
		}
	}
	return false
}
