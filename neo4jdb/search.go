package neo4jdb

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// maxSearchWords bounds how many words of a query reach the index.
const maxSearchWords = 16

// maxWordBytes bounds the length of a word: Lucene refuses a prefix query whose
// automaton has more than 1000 states (one per byte), and the index splits longer tokens.
const maxWordBytes = 255

// words splits text into lower-cased runs of letters and digits; everything else
// (quotes, brackets, colons, wildcards, operators) separates words and is dropped. A
// word longer than maxWordBytes is cut to its first maxWordBytes bytes of whole characters.
func words(text string) []string {
	ws := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(ws) > maxSearchWords {
		ws = ws[:maxSearchWords]
	}
	for i, w := range ws {
		ws[i] = cut(w)
	}
	return ws
}

// A term is one clause of a search: a word, or words that must stand next to each
// other. variants are the ways of writing it that it matches, each a word or a phrase of
// words; prefix says that a one-word variant also matches as a prefix (in the index
// without stemming only: a stem is no prefix of the word a user types).
type term struct {
	variants [][]string
	prefix   bool
}

// isHyphen reports whether r joins the parts of a compound word ("micro-electronics").
func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// terms reads a query as people write it, lower-cased:
//   - a word matches whole or as a prefix;
//   - a hyphenated word ("micro-electronics") matches its parts next to each other or its
//     joined form ("microelectronics"), which also matches as a prefix;
//   - two words next to each other outside quotes also match as one joined word
//     ("micro electronics" finds "microelectronics");
//   - words in double quotes match as a phrase, each word whole, a hyphenated one as its
//     parts or joined; an unbalanced quote (the last one) is read as a space.
//
// Everything that is neither letter, digit, hyphen nor quote separates words, so no text
// of the query is read as Lucene syntax. At most maxSearchWords words are read (the parts
// of a hyphenated word count one each), each cut to maxWordBytes.
func terms(text string) []term {
	text = strings.ToLower(text)
	if strings.Count(text, `"`)%2 == 1 {
		i := strings.LastIndex(text, `"`)
		text = text[:i] + " " + text[i+1:]
	}
	var out []term
	read := 0
	for i, chunk := range strings.Split(text, `"`) {
		var tokens [][]string // the parts of each word of the chunk
		for _, field := range strings.FieldsFunc(chunk, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !isHyphen(r)
		}) {
			parts := words(strings.Map(func(r rune) rune {
				if isHyphen(r) {
					return ' '
				}
				return r
			}, field))
			parts = parts[:min(len(parts), maxSearchWords-read)]
			if len(parts) > 0 {
				tokens = append(tokens, parts)
				read += len(parts)
			}
		}
		if i%2 == 1 {
			if t, ok := phrase(tokens); ok {
				out = append(out, t)
			}
			continue
		}
		for j, parts := range tokens {
			if len(parts) == 1 {
				out = append(out, term{variants: [][]string{parts}, prefix: true})
				if j > 0 && len(tokens[j-1]) == 1 {
					out = append(out, term{variants: [][]string{{cut(tokens[j-1][0] + parts[0])}}})
				}
				continue
			}
			out = append(out, term{variants: [][]string{parts, {cut(strings.Join(parts, ""))}}, prefix: true})
		}
	}
	return out
}

// phrase is the term of the words of a quoted phrase: all their parts in order and, when
// one of them is hyphenated, the same with every hyphenated word joined. It is false for
// a phrase without words.
func phrase(tokens [][]string) (term, bool) {
	var split, joined []string
	for _, parts := range tokens {
		split = append(split, parts...)
		joined = append(joined, cut(strings.Join(parts, "")))
	}
	switch {
	case len(split) == 0:
		return term{}, false
	case len(joined) == len(split):
		return term{variants: [][]string{split}}, true
	}
	return term{variants: [][]string{split, joined}}, true
}

// compound is a word whose parts are joined by hyphens, as isHyphen reads them.
var compound = regexp.MustCompile(`[\p{L}\p{N}]+(?:[-\x{2010}\x{2011}][\p{L}\p{N}]+)+`)

// compounds returns the compound words of texts written joined ("Micro-electronics"
// becomes "Microelectronics"), in the order they first occur, each once (ignoring case),
// separated by spaces. The loader stores it as the compounds property that the full-text
// indexes of words as written hold beside the text, so a query word written joined
// finds a compound.
func compounds(texts ...string) string {
	var out []string
	seen := map[string]bool{}
	for _, text := range texts {
		for _, w := range compound.FindAllString(text, -1) {
			w = strings.Map(func(r rune) rune {
				if isHyphen(r) {
					return -1
				}
				return r
			}, w)
			if k := strings.ToLower(w); !seen[k] {
				seen[k] = true
				out = append(out, w)
			}
		}
	}
	return strings.Join(out, " ")
}

// cut shortens w to at most maxWordBytes bytes of whole characters.
func cut(w string) string {
	if len(w) <= maxWordBytes {
		return w
	}
	n := maxWordBytes
	for !utf8.RuneStart(w[n]) {
		n--
	}
	return w[:n]
}

// luceneQuery turns the terms of a query into a Lucene query that matches any of them.
// With prefix, the one-word variants of unquoted terms also match as prefixes (for an
// index without stemming). Words hold only letters and digits and the only syntax is
// the OR, * and phrase quotes written here, so no user text can be read as Lucene syntax.
// It returns "" when there is no term.
func luceneQuery(ts []term, prefix bool) string {
	var clauses []string
	for _, t := range ts {
		for _, v := range t.variants {
			switch {
			case len(v) > 1:
				clauses = append(clauses, `"`+strings.Join(v, " ")+`"`)
			case prefix && t.prefix:
				clauses = append(clauses, v[0], v[0]+"*")
			default:
				clauses = append(clauses, v[0])
			}
		}
	}
	return strings.Join(clauses, " OR ")
}

// searchCypher finds the entities that match $lucene in the index of the words of names,
// aliases, descriptions and compounds as written, or $stemmed in the index of the English
// stems of descriptions, optionally
// only those with one of $labels: the ones whose id, name or alias is $exact first, then
// by the sum of the two indexes' scores.
const searchCypher = `CALL {
  CALL db.index.fulltext.queryNodes('entity_text', $lucene, {limit: $fetch}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_english', $stemmed, {limit: $fetch}) YIELD node, score
  RETURN node, score
}
WITH node, sum(score) AS score
WHERE size($labels) = 0 OR any(l IN labels(node) WHERE l IN $labels)
WITH node, score, $exact IN node.keys AS exact
RETURN node, score, exact
ORDER BY exact DESC, score DESC, node.name, node.id
LIMIT $first`

// searchQuery is the Search query. It is "" when the text has no word.
func searchQuery(text string, types []model.EntityType, first int) (string, map[string]any) {
	ts := terms(text)
	if len(ts) == 0 {
		return "", nil
	}
	labels := make([]string, len(types))
	for i, t := range types {
		labels[i] = t.Label()
	}
	return searchCypher, map[string]any{
		"lucene": luceneQuery(ts, true), "stemmed": luceneQuery(ts, false), "labels": labels,
		"exact": matchKey(strings.Trim(strings.TrimSpace(text), `"`)), "first": first, "fetch": max(first*5, 100),
	}
}

// Search finds entities whose name, aliases or description match query, optionally only
// of the given types. Entities whose id, name or alias equals the query come first, then
// by relevance. A query without letters or digits finds nothing.
func (s *Store) Search(ctx context.Context, query string, types []model.EntityType, first int) ([]*model.SearchHit, error) {
	q, params := searchQuery(query, types, first)
	if q == "" {
		return []*model.SearchHit{}, nil
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	hits := make([]*model.SearchHit, 0, len(recs))
	err = scored(recs, func(n neo4j.Node, score float64, rec *neo4j.Record) error {
		exact, err := column[bool](rec, "exact")
		if err != nil {
			return err
		}
		e, err := entityOf(n)
		if err != nil {
			return err
		}
		hits = append(hits, &model.SearchHit{Entity: e, Score: score, Exact: exact})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return hits, nil
}

// scored calls each with the node and score columns of every record of a full-text query.
func scored(recs []*neo4j.Record, each func(n neo4j.Node, score float64, rec *neo4j.Record) error) error {
	for _, rec := range recs {
		n, err := column[neo4j.Node](rec, "node")
		if err != nil {
			return err
		}
		score, err := column[float64](rec, "score")
		if err != nil {
			return err
		}
		if err := each(n, score, rec); err != nil {
			return err
		}
	}
	return nil
}

// searchDocumentsCypher finds the documents that match $lucene in the index of the words
// of titles, texts and compounds as written, or $stemmed in the index of the English stems
// of titles and texts, by the sum of the two indexes' scores.
const searchDocumentsCypher = `CALL {
  CALL db.index.fulltext.queryNodes('document_text', $lucene, {limit: $fetch}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('document_english', $stemmed, {limit: $fetch}) YIELD node, score
  RETURN node, score
}
WITH node, sum(score) AS score
RETURN node, score
ORDER BY score DESC, node.id
LIMIT $first`

// searchDocumentsQuery is the SearchDocuments query. It is "" when the text has no word.
func searchDocumentsQuery(text string, first int) (string, map[string]any) {
	ts := terms(text)
	if len(ts) == 0 {
		return "", nil
	}
	return searchDocumentsCypher, map[string]any{
		"lucene": luceneQuery(ts, true), "stemmed": luceneQuery(ts, false), "first": first, "fetch": max(first*5, 100),
	}
}

// SearchDocuments finds documents whose title or text match query, by relevance, each
// with a snippet around the first matching word.
func (s *Store) SearchDocuments(ctx context.Context, query string, first int) ([]*model.DocumentHit, error) {
	q, params := searchDocumentsQuery(query, first)
	if q == "" {
		return []*model.DocumentHit{}, nil
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("search documents %q: %w", query, err)
	}
	hits := make([]*model.DocumentHit, 0, len(recs))
	err = scored(recs, func(n neo4j.Node, score float64, _ *neo4j.Record) error {
		d := documentOf(n)
		hits = append(hits, &model.DocumentHit{Document: d, Score: score, Snippet: snippet(d.Text, words(query), 240)})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search documents %q: %w", query, err)
	}
	return hits, nil
}

// snippet returns about width characters of text around the earliest whole or prefix
// occurrence of any of ws, cut at spaces, with "…" where text was cut. Without an
// occurrence it returns the start of text.
func snippet(text string, ws []string, width int) string {
	lower := strings.ToLower(text)
	at := -1
	for _, w := range ws {
		if i := strings.Index(lower, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	if at >= 0 {
		at = textOffset(text, at)
	}
	start := max(0, at-width/3)
	end := min(len(text), start+width)
	for start > 0 && text[start-1] != ' ' && at-start < width/2 { // back to a word start
		start--
	}
	for end < len(text) && text[end] != ' ' && end-start < width+40 {
		end++
	}
	for start < end && !utf8Start(text[start]) {
		start++
	}
	for end < len(text) && !utf8Start(text[end]) {
		end++
	}
	out := strings.Join(strings.Fields(text[start:end]), " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	return out
}

// textOffset converts a byte offset in strings.ToLower(text) to the offset of the same
// character in text: lower-casing changes the length of some characters (İ, Ⱥ) and
// turns each invalid byte into U+FFFD.
func textOffset(text string, lowerAt int) int {
	lower := 0
	for i := 0; i < len(text); {
		if lower >= lowerAt {
			return i
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		lower += utf8.RuneLen(unicode.ToLower(r))
		i += n
	}
	return len(text)
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
