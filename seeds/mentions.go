package seeds

import (
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
// case-insensitively, or when it is cited as evidence for the entity. Count is the number
// of name and alias occurrences (at least 1). The result is ordered by document, then entity.
func Mentions(ds *model.Dataset) []model.Mention {
	texts := make([]string, len(ds.Documents))
	for i, d := range ds.Documents {
		texts[i] = strings.ToLower(d.Text)
	}
	var out []model.Mention
	for _, e := range ds.Entities {
		ts := terms(e)
		for i, d := range ds.Documents {
			n := countTerms(texts[i], ts)
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

// countTerms counts the whole-word occurrences of terms (longest first) in text; an
// occurrence inside a longer one already counted is not counted again.
func countTerms(text string, terms []string) int {
	var taken [][2]int
	for _, t := range terms {
		for _, at := range wordIndexes(text, t) {
			overlaps := false
			for _, iv := range taken {
				overlaps = overlaps || (at < iv[1] && at+len(t) > iv[0])
			}
			if !overlaps {
				taken = append(taken, [2]int{at, at + len(t)})
			}
		}
	}
	return len(taken)
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
