package neo4jdb

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/parkgraph/parkgraph/model"
)

// The fuzz targets below need no database: they check the pure functions that stand
// between client text and the Cypher and Lucene that reach Neo4j. Their seed corpora
// (hostile inputs and every failing input found so far) are in testdata/fuzz.

// filterOf builds an EntityFilter whose fields hold a or b as the bits of shape select.
// Bits 14 and 15 give the number of ranges (0 to 3), bit 16 makes them date ranges,
// bits 17 and 18 set their bounds and bit 19 their property.
func filterOf(shape uint32, a, b string) model.EntityFilter {
	on := func(bit uint) bool { return shape&(1<<bit) != 0 }
	pick := func(bit uint, v string) string {
		if on(bit) {
			return v
		}
		return ""
	}
	f := model.EntityFilter{
		Type:           model.EntityTypePark,
		NameContains:   pick(0, a),
		Industry:       pick(1, b),
		Zone:           pick(5, a),
		District:       pick(6, b),
		Region:         pick(7, a),
		Company:        pick(8, b),
		HostedIn:       pick(9, a),
		SubsectorOf:    pick(10, b),
		Participant:    pick(11, a),
		ParticipatedIn: pick(12, b),
		IssuedBy:       pick(13, a),
	}
	if on(2) {
		f.Targets = &model.TargetFilter{}
		if on(3) {
			f.Targets.Industry = &a
		}
		if on(4) {
			f.Targets.InvestorOrigin = &b
		}
	}
	for range (shape >> 14) & 3 {
		r := model.Range{Property: "areaKm2", Date: on(16)}
		if on(17) {
			r.Min = a
		}
		if on(18) {
			r.Max = b
		}
		if on(19) {
			r.Property = b
		}
		f.Ranges = append(f.Ranges, r)
	}
	return f
}

// placeholder stands for s in a filter of the same shape: empty stays empty (an empty
// field does not filter), blank becomes one space (a blank target condition is no
// condition), anything else becomes fixed text.
func placeholder(s, fixed string) string {
	switch {
	case s == "":
		return ""
	case strings.TrimSpace(s) == "":
		return " "
	}
	return fixed
}

var paramName = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)

// FuzzEntityWhere checks that entityWhere and candidates keep client text out of the
// Cypher they build: the Cypher for a filter equals the Cypher for the same filter with
// every value replaced by fixed text, so no byte of a value reaches it; every value
// travels as a parameter, unchanged apart from the documented normalisation (lower case,
// trimmed); every parameter the Cypher names is given and every one given is named; and
// the brackets of the Cypher balance.
func FuzzEntityWhere(f *testing.F) {
	f.Add(uint32(1<<0|1<<2|1<<3|1<<4), "biotech", "Taiwanese")
	f.Fuzz(func(t *testing.T, shape uint32, a, b string) {
		const asOf = "2025-01-01"
		filter := filterOf(shape, a, b)
		filter.AsOf = asOf
		cypher, params := filterCypher(filter)
		same := filterOf(shape, placeholder(a, "placeholder-a"), placeholder(b, "placeholder-b"))
		same.AsOf = asOf
		if want, _ := filterCypher(same); cypher != want {
			t.Fatalf("the Cypher depends on the values, not only on which fields are set:\n%s\n-- with placeholders --\n%s", cypher, want)
		}
		named := map[string]bool{}
		for _, m := range paramName.FindAllStringSubmatch(cypher, -1) {
			named[m[1]] = true
			if _, ok := params[m[1]]; !ok {
				t.Errorf("the Cypher names $%s, which is not given:\n%s", m[1], cypher)
			}
		}
		allowed := map[string]bool{"areaKm2": true, asOf: true, a: true, b: true, strings.ToLower(a): true, strings.ToLower(b): true, matchKey(a): true, matchKey(b): true}
		for k, v := range params {
			if !named[k] {
				t.Errorf("parameter %s is given but the Cypher does not name it", k)
			}
			switch v := v.(type) {
			case nil:
			case string:
				if !allowed[v] {
					t.Errorf("parameter %s = %q is neither value (normalised)", k, v)
				}
			default:
				t.Errorf("parameter %s has unexpected type %T", k, v)
			}
		}
		if err := balanced(cypher); err != nil {
			t.Errorf("%v in:\n%s", err, cypher)
		}
	})
}

// filterCypher is the Cypher of entityWhere(f) and candidates(f), with its parameters.
func filterCypher(f model.EntityFilter) (string, map[string]any) {
	w := entityWhere(f)
	return fill("{{sets}}\n{{names}}\n{{match}}",
		"sets", strings.Join(w.sets, "\n"), "names", strings.Join(w.names, ", "), "match", filterMatch(f, w.clauses)), w.params
}

// FuzzTypePattern checks the one place where relationship type names are written into
// Cypher: the pattern holds only known type names, each one given, and every known name
// given; it is empty with ok only when no name is given, and not ok when names are given
// but none is known. names are the fuzzed text split at commas.
func FuzzTypePattern(f *testing.F) {
	f.Add("PART_OF,LOCATED_IN")
	f.Fuzz(func(t *testing.T, list string) {
		var names []string
		if list != "" {
			names = strings.Split(list, ",")
		}
		known := func(n string) bool {
			_, curated := model.RelationTypes[n]
			return curated || n == "MENTIONS" || n == "HAS_FACT"
		}
		var want []string
		for _, n := range names {
			if known(n) {
				want = append(want, n)
			}
		}
		pattern, ok := typePattern(names)
		switch {
		case len(names) == 0:
			if pattern != "" || !ok {
				t.Fatalf("no names gave %q, %v; want any type", pattern, ok)
			}
		case len(want) == 0:
			if pattern != "" || ok {
				t.Fatalf("%q gave %q, %v; want nothing to match", names, pattern, ok)
			}
		default:
			if !ok || pattern != ":"+strings.Join(want, "|") {
				t.Fatalf("%q gave %q, %v; want :%s", names, pattern, ok, strings.Join(want, "|"))
			}
			if !typePatternSyntax.MatchString(pattern) {
				t.Fatalf("pattern %q is not a list of type names", pattern)
			}
		}
	})
}

var typePatternSyntax = regexp.MustCompile(`^:[A-Z][A-Z_]*(\|[A-Z][A-Z_]*)*$`)

// balanced reports the first bracket of s that does not pair up.
func balanced(s string) error {
	pairs := map[rune]rune{')': '(', ']': '[', '}': '{'}
	var stack []rune
	for i, c := range s {
		switch c {
		case '(', '[', '{':
			stack = append(stack, c)
		case ')', ']', '}':
			if len(stack) == 0 || stack[len(stack)-1] != pairs[c] {
				return fmt.Errorf("unpaired %q at byte %d", c, i)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("%d unclosed brackets", len(stack))
	}
	return nil
}

// FuzzAfterCursor checks cursors: a cursor this package encodes decodes to the same sort
// key and id for the same order, and to an INVALID error for another order; any other
// text gives either an INVALID error or scalar parameters with a non-empty id. Decoding
// never panics.
func FuzzAfterCursor(f *testing.F) {
	f.Add("areaKm2", true, "73", "chongqing-high-tech-zone", "")
	f.Fuzz(func(t *testing.T, property string, desc bool, sortKey, id, raw string) {
		order := model.Order{Property: property, Desc: desc}
		encoded := cursor{Property: property, Desc: desc, Key: sortKey, ID: id}.encode()
		params := map[string]any{}
		err := afterParams(encoded, order, params)
		switch {
		case id == "":
			if model.ErrorCode(err) != model.CodeInvalid {
				t.Errorf("a cursor without id gave %v, want INVALID", err)
			}
		case utf8.ValidString(property) && utf8.ValidString(sortKey) && utf8.ValidString(id):
			if err != nil || params["afterKey"] != sortKey || params["afterId"] != id {
				t.Errorf("cursor round trip gave %v, %v: %v", params["afterKey"], params["afterId"], err)
			}
			other := model.Order{Property: property, Desc: !desc}
			if err := afterParams(encoded, other, map[string]any{}); model.ErrorCode(err) != model.CodeInvalid {
				t.Errorf("a cursor of another order gave %v, want INVALID", err)
			}
		}
		params = map[string]any{}
		if err := afterParams(raw, order, params); err != nil {
			if model.ErrorCode(err) != model.CodeInvalid {
				t.Errorf("cursor %q gave %v, want INVALID", raw, err)
			}
			return
		}
		if s, ok := params["afterId"].(string); raw != "" && (!ok || s == "") {
			t.Errorf("cursor %q accepted without an id: %v", raw, params)
		}
		switch k := params["afterKey"].(type) {
		case nil, string, float64, bool:
		default:
			t.Errorf("cursor %q gives a sort key of type %T", raw, k)
		}
	})
}

// FuzzLuceneQuery checks search escaping: the terms of any text hold words that are
// non-empty runs of letters and digits short enough for a Lucene prefix query (whose
// automaton may not exceed 1000 states, one per byte), no more than three clauses per
// word read; the Lucene query is "" exactly when there is no term, and otherwise reads
// clauses joined by " OR ", each a word, a word with * (only with prefix) or a phrase of
// two or more words in double quotes, with nothing else: no Lucene syntax of the
// client's, no operator but OR, no bracket, colon, escape or fuzzy/boost marker.
func FuzzLuceneQuery(f *testing.F) {
	f.Add("Taiwanese biotech")
	f.Add(`"high-tech zone" micro-electronics micro electronics "unbalanced`)
	f.Fuzz(func(t *testing.T, text string) {
		ts := terms(text)
		for _, tm := range ts {
			for _, v := range tm.variants {
				for _, w := range v {
					if w == "" || len(w) > maxWordBytes || len(w)+1 >= 1000 {
						t.Errorf("word of %d bytes: %q", len(w), w)
					}
					for _, r := range w {
						if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
							t.Errorf("word %q holds %q, which is neither letter nor digit", w, r)
						}
					}
				}
			}
		}
		for _, prefix := range []bool{true, false} {
			q := luceneQuery(ts, prefix)
			if (q == "") != (len(ts) == 0) {
				t.Fatalf("luceneQuery(%q) = %q for %d terms", text, q, len(ts))
			}
			if q == "" {
				continue
			}
			clauses := strings.Split(q, " OR ")
			if len(clauses) > 3*maxSearchWords {
				t.Errorf("luceneQuery(%q) has %d clauses", text, len(clauses))
			}
			for _, c := range clauses {
				ws := []string{strings.TrimSuffix(c, "*")}
				if strings.HasPrefix(c, `"`) {
					ws = strings.Split(strings.Trim(c, `"`), " ")
					if len(ws) < 2 || !strings.HasSuffix(c, `"`) || strings.Count(c, `"`) != 2 {
						t.Errorf("clause %q of %q is not a phrase of two or more words", c, q)
					}
				} else if strings.HasSuffix(c, "*") && !prefix {
					t.Errorf("clause %q of %q is a prefix in a query without prefixes", c, q)
				}
				for _, w := range ws {
					switch {
					case w == "" || strings.ContainsAny(w, `"* `):
						t.Errorf("clause %q of %q has the word %q", c, q, w)
					case w == "AND" || w == "OR" || w == "NOT" || w == "TO":
						t.Errorf("clause %q of %q reads as a Lucene operator", c, q)
					}
				}
			}
			for _, r := range q {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '*' && r != '"' {
					t.Errorf("luceneQuery(%q) = %q holds %q", text, q, r)
				}
			}
		}
	})
}

// FuzzSnippet checks snippet over any document text and query: it never panics; for
// valid UTF-8 text it returns valid UTF-8 of bounded length whose text, without the
// "…" marks, is a piece of the document's text (spaces collapsed); and it shows the
// first occurrence of a short query word.
func FuzzSnippet(f *testing.F) {
	f.Add("The Example Zone was launched on March 9. It focuses on biotechnology.", "biotech")
	f.Fuzz(func(t *testing.T, text, query string) {
		const width = 240
		ws := words(query)
		out := snippet(text, ws, width)
		if !utf8.ValidString(text) {
			return
		}
		if !utf8.ValidString(out) {
			t.Fatalf("snippet is not valid UTF-8: %q", out)
		}
		if len(out) > 2*width+64 {
			t.Errorf("snippet has %d bytes, want about %d", len(out), width)
		}
		core := strings.TrimSuffix(strings.TrimPrefix(out, "…"), "…")
		if !strings.Contains(strings.Join(strings.Fields(text), " "), core) {
			t.Errorf("snippet %q is not a piece of the text", core)
		}
		lower := strings.ToLower(text)
		first, at := "", -1
		for _, w := range ws {
			if i := strings.Index(lower, w); i >= 0 && (at < 0 || i < at) {
				first, at = w, i
			}
		}
		if at >= 0 && len(first) < width/4 && !strings.Contains(strings.ToLower(out), first) {
			t.Errorf("snippet %q does not show %q", out, first)
		}
	})
}

// FuzzBrowserCypher checks the Cypher handed to Neo4j Browser, the one place where
// client text is written into Cypher: each parameter is written in place as a Cypher
// literal that reads back as the value and is followed by the template's own text, so
// that no value can end its literal and add Cypher of its own; the result is one
// statement ending with ";".
func FuzzBrowserCypher(f *testing.F) {
	f.Add("taiwan")
	f.Fuzz(func(t *testing.T, id string) {
		if !utf8.ValidString(id) {
			return // GraphQL strings are valid UTF-8
		}
		out := browserCypher("MATCH (n:Entity {id: $id}) WHERE n.id IN $ids RETURN n LIMIT $limit", map[string]any{"id": id, "ids": []string{id, "x"}, "limit": 5})
		rest, ok := strings.CutPrefix(out, "MATCH (n:Entity {id: ")
		if !ok {
			t.Fatalf("browser Cypher %q does not start as its template", out)
		}
		got, rest, err := readCypherString(rest)
		if err != nil || got != id {
			t.Fatalf("literal reads as %q (%v), want %q:\n%s", got, err, id, out)
		}
		rest, ok = strings.CutPrefix(rest, "}) WHERE n.id IN [")
		if !ok {
			t.Fatalf("after the id literal comes %q, want the template's text", rest)
		}
		first, rest, err := readCypherString(rest)
		if err != nil || first != id || rest != ", 'x'] RETURN n LIMIT 5;\n" {
			t.Errorf("list literal reads as %q then %q (%v), want %q then the template's end", first, rest, err, id)
		}
	})
}

// readCypherString reads the single-quoted Cypher string literal at the start of s and
// returns its value and what follows it.
func readCypherString(s string) (value, rest string, err error) {
	if !strings.HasPrefix(s, "'") {
		return "", s, fmt.Errorf("no opening quote")
	}
	var b strings.Builder
	escapes := map[byte]string{'\\': `\`, '\'': `'`, '"': `"`, 'n': "\n", 'r': "\r", 't': "\t", 'b': "\b", 'f': "\f"}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\'':
			return b.String(), s[i+1:], nil
		case '\\':
			if i+1 == len(s) || escapes[s[i+1]] == "" {
				return "", "", fmt.Errorf("bad escape at byte %d", i)
			}
			b.WriteString(escapes[s[i+1]])
			i++
		default:
			b.WriteByte(s[i])
		}
	}
	return "", "", fmt.Errorf("no closing quote")
}
