package seeds

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parkgraph/parkgraph/model"
)

// minMentionLength is the shortest name or alias that is searched for in document text;
// shorter ones (acronyms of two letters) match too much by chance.
const minMentionLength = 3

// Mentions computes which documents mention which entities: a document mentions an
// entity when its text contains the entity's name or one of its aliases as a whole word,
// case-insensitively, or when it is cited as evidence for the entity. Names are matched
// longest first across all entities, so "Chongqing" inside "Chongqing High-tech Zone"
// counts for the zone, not for the city. Count is the number of occurrences (at least 1).
// The result is ordered by document, then entity; each mention names MentionsByName as
// its rule.
func Mentions(ds *model.Dataset) []model.Mention {
	termsOf := make([][]string, len(ds.Entities))
	for i, e := range ds.Entities {
		termsOf[i] = terms(e)
	}
	idx := newTermIndex(termsOf)
	var out []model.Mention
	for _, d := range ds.Documents {
		counts := idx.count(strings.ToLower(d.Text))
		for i, e := range ds.Entities {
			n := counts[i]
			if n == 0 && citedIn(e, d.ID) {
				n = 1
			}
			if n > 0 {
				out = append(out, model.Mention{DocumentID: d.ID, EntityID: e.ID, Count: n, Rule: &MentionsByName.Rule})
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

// termIndex finds the terms of many entities in a text. Terms are looked up by their first
// two words (or their only word), so the cost grows with the length of the text, not with
// the number of entities.
type termIndex struct {
	entities int
	byKey    map[string][]candidate
	odd      []candidate // terms that do not start with a letter or digit
}

type candidate struct {
	term   string
	entity int
}

func newTermIndex(termsOf [][]string) *termIndex {
	idx := &termIndex{entities: len(termsOf), byKey: map[string][]candidate{}}
	for i, ts := range termsOf {
		for _, t := range ts {
			if k := lookupKey(t); k != "" {
				idx.byKey[k] = append(idx.byKey[k], candidate{t, i})
			} else {
				idx.odd = append(idx.odd, candidate{t, i})
			}
		}
	}
	return idx
}

// lookupKey returns s up to the end of its second word, or its only word; "" when s does
// not start with a letter or digit.
func lookupKey(s string) string {
	end1 := wordEnd(s, 0)
	if end1 == 0 {
		return ""
	}
	start2 := end1
	for start2 < len(s) {
		r, size := utf8.DecodeRuneInString(s[start2:])
		if wordRune(r) {
			return s[:wordEnd(s, start2)]
		}
		start2 += size
	}
	return s[:end1]
}

// wordEnd returns the end of the run of letters and digits starting at from.
func wordEnd(s string, from int) int {
	for from < len(s) {
		r, size := utf8.DecodeRuneInString(s[from:])
		if !wordRune(r) {
			break
		}
		from += size
	}
	return from
}

// mentionCounts counts the terms of each entity in text; see termIndex.count.
func mentionCounts(text string, termsOf [][]string) []int {
	return newTermIndex(termsOf).count(text)
}

// count counts, for each entity, the whole-word occurrences of its terms in text that are
// not inside a longer occurrence of any term: occurrences are taken longest first and an
// overlapping shorter one is dropped.
func (idx *termIndex) count(text string) []int {
	type occurrence struct{ start, end, entity int }
	var occ []occurrence
	try := func(start int, cs []candidate) {
		for _, c := range cs {
			end := start + len(c.term)
			if strings.HasPrefix(text[start:], c.term) {
				if after, _ := utf8.DecodeRuneInString(text[end:]); !wordRune(after) {
					occ = append(occ, occurrence{start, end, c.entity})
				}
			}
		}
	}
	for start := 0; start < len(text); {
		r, size := utf8.DecodeRuneInString(text[start:])
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		if !wordRune(r) || wordRune(before) {
			start += size
			continue
		}
		end1 := wordEnd(text, start)
		try(start, idx.byKey[text[start:end1]])
		if k := lookupKey(text[start:]); len(k) > end1-start {
			try(start, idx.byKey[k])
		}
		start = end1
	}
	for _, c := range idx.odd {
		for _, at := range wordIndexes(text, c.term) {
			occ = append(occ, occurrence{at, at + len(c.term), c.entity})
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
	counts := make([]int, idx.entities)
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
