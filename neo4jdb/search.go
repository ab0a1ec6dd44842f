package neo4jdb

import (
	"context"
	"fmt"
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
		if len(w) > maxWordBytes {
			cut := maxWordBytes
			for !utf8.RuneStart(w[cut]) {
				cut--
			}
			ws[i] = w[:cut]
		}
	}
	return ws
}

// luceneQuery turns free text into a Lucene query that matches any of its words, whole
// or as a prefix. Words hold only letters and digits, so no user text can be read as
// Lucene syntax. It returns "" when the text has no word.
func luceneQuery(text string) string {
	ws := words(text)
	clauses := make([]string, len(ws))
	for i, w := range ws {
		clauses[i] = w + " OR " + w + "*"
	}
	return strings.Join(clauses, " OR ")
}

// searchCypher finds the entities that match $lucene, optionally only those with one of
// $labels, the ones whose id, name or alias is $exact first, then by relevance.
const searchCypher = `CALL db.index.fulltext.queryNodes('entity_text', $lucene, {limit: $fetch}) YIELD node, score
WHERE size($labels) = 0 OR any(l IN labels(node) WHERE l IN $labels)
WITH node, score, $exact IN node.keys AS exact
RETURN node, score, exact
ORDER BY exact DESC, score DESC, node.name, node.id
LIMIT $first`

// searchQuery is the Search query. It is "" when the text has no word.
func searchQuery(text string, types []model.EntityType, first int) (string, map[string]any) {
	lucene := luceneQuery(text)
	if lucene == "" {
		return "", nil
	}
	labels := make([]string, len(types))
	for i, t := range types {
		labels[i] = t.Label()
	}
	return searchCypher, map[string]any{
		"lucene": lucene, "labels": labels, "exact": matchKey(text), "first": first, "fetch": max(first*5, 100),
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

// searchDocumentsCypher finds the documents that match $lucene, by relevance.
const searchDocumentsCypher = `CALL db.index.fulltext.queryNodes('document_text', $lucene, {limit: $first}) YIELD node, score
RETURN node, score
ORDER BY score DESC, node.id`

// searchDocumentsQuery is the SearchDocuments query. It is "" when the text has no word.
func searchDocumentsQuery(text string, first int) (string, map[string]any) {
	lucene := luceneQuery(text)
	if lucene == "" {
		return "", nil
	}
	return searchDocumentsCypher, map[string]any{"lucene": lucene, "first": first}
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
