package neo4jdb_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// The researcher files of neo4j/, relative to this package.
const (
	cookbookFile = "../neo4j/cookbook.cypher"
	grassFile    = "../neo4j/browser/graphstyle.grass"
)

// cookbookQuery is one statement of the cookbook with its "// N. Title" heading.
type cookbookQuery struct {
	Number int
	Title  string // "N. Title"
	Line   int    // 1-based line of the statement's first line
	Cypher string // without comment lines and the final semicolon
}

var (
	cookbookTitle = regexp.MustCompile(`^//\s*(\d+)\.\s+(\S.*)$`)
	cypherParam   = regexp.MustCompile(`\$[A-Za-z_]`)
)

// parseCookbook splits the cookbook into statements: comment lines (//) are dropped, a
// line ending in ";" ends a statement, and each statement must follow a "// N. Title"
// line, numbered from 1 without gaps. Values must be literals (no $param), since
// Browser users copy the statements as they are.
func parseCookbook(src string) ([]cookbookQuery, error) {
	var (
		out   []cookbookQuery
		body  []string
		start int
		title string
		num   int
	)
	for i, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "//") {
			if m := cookbookTitle.FindStringSubmatch(trimmed); m != nil {
				if len(body) > 0 {
					return nil, fmt.Errorf("line %d: heading %q inside the statement that starts on line %d", i+1, trimmed, start)
				}
				num, _ = strconv.Atoi(m[1])
				title = m[1] + ". " + strings.TrimSpace(m[2])
			}
			continue
		}
		if len(body) == 0 {
			if trimmed == "" {
				continue
			}
			if strings.HasPrefix(trimmed, ":") {
				return nil, fmt.Errorf("line %d: Browser command %q: the cookbook holds Cypher only", i+1, trimmed)
			}
			start = i + 1
		}
		body = append(body, line)
		if !strings.HasSuffix(trimmed, ";") {
			continue
		}
		cypher := strings.TrimSpace(strings.Join(body, "\n"))
		cypher = strings.TrimSpace(strings.TrimSuffix(cypher, ";"))
		body = nil
		if cypher == "" {
			continue
		}
		if title == "" {
			return nil, fmt.Errorf("line %d: statement without a \"// N. Title\" line before it", start)
		}
		if want := len(out) + 1; num != want {
			return nil, fmt.Errorf("line %d: query %q should be number %d", start, title, want)
		}
		if cypherParam.MatchString(cypher) {
			return nil, fmt.Errorf("line %d: query %q uses a parameter; use literal values", start, title)
		}
		out = append(out, cookbookQuery{Number: num, Title: title, Line: start, Cypher: cypher})
		title = ""
	}
	if len(body) > 0 {
		return nil, fmt.Errorf("line %d: statement does not end with a semicolon at the end of a line", start)
	}
	return out, nil
}

func readCookbook(t *testing.T) []cookbookQuery {
	t.Helper()
	src, err := os.ReadFile(cookbookFile)
	if err != nil {
		t.Fatal(err)
	}
	queries, err := parseCookbook(string(src))
	if err != nil {
		t.Fatalf("%s: %v", cookbookFile, err)
	}
	return queries
}

func TestCookbookIsWellFormed(t *testing.T) {
	queries := readCookbook(t)
	if len(queries) < 10 {
		t.Errorf("the cookbook has %d queries; expected at least 10", len(queries))
	}
	seen := map[string]bool{}
	for _, q := range queries {
		if seen[q.Title] {
			t.Errorf("line %d: title %q is used twice", q.Line, q.Title)
		}
		seen[q.Title] = true
	}
}

func TestParseCookbook(t *testing.T) {
	src := "// header\n\n// 1. One\n// what it answers\nMATCH (n)\nRETURN n;\n\n// 2. Two\nRETURN 'a;b' AS x;\n"
	got, err := parseCookbook(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Title != "1. One" || got[0].Cypher != "MATCH (n)\nRETURN n" || got[0].Line != 5 ||
		got[1].Title != "2. Two" || got[1].Cypher != "RETURN 'a;b' AS x" {
		t.Errorf("parseCookbook = %+v", got)
	}
	for name, bad := range map[string]string{
		"no title":     "RETURN 1;\n",
		"gap":          "// 2. Two\nRETURN 1;\n",
		"parameter":    "// 1. One\nMATCH (n {id: $id}) RETURN n;\n",
		"unterminated": "// 1. One\nRETURN 1\n",
		"command":      "// 1. One\n:param id => 'x';\n",
	} {
		if _, err := parseCookbook(bad); err == nil {
			t.Errorf("%s: parseCookbook(%q) gave no error", name, bad)
		}
	}
}

// TestCookbookQueriesReturnRows runs every cookbook query on the real seeds in a read
// transaction: each must be read-only, valid and return at least one row.
func TestCookbookQueriesReturnRows(t *testing.T) {
	queries := readCookbook(t)
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	for _, q := range queries {
		t.Run(q.Title, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			n, err := neo4jdb.ReadRows(ctx, store, q.Cypher)
			if err != nil {
				t.Fatalf("%s:%d: %v", cookbookFile, q.Line, err)
			}
			if n == 0 {
				t.Errorf("%s:%d: no rows on the seed data", cookbookFile, q.Line)
			}
			t.Logf("%d rows", n)
		})
	}
}

// grassRule is one rule of a GraSS style sheet, such as node.Park { color: #F39C12; }.
type grassRule struct {
	Selector string
	Props    map[string]string
}

// parseGrass reads a GraSS style sheet the way Neo4j Browser does: quotes (' or ")
// protect braces (an unquoted caption such as {name} loses its braces), and each property
// is "key: value" split on ";" and ":". It keeps the rules in file order, since Browser
// applies every matching rule in that order and the last one wins. Unlike Browser it
// reports what Browser would silently drop: unterminated rules and properties that are
// not exactly "key: value" (a comment, or a colon in a caption).
func parseGrass(src string) ([]grassRule, error) {
	var (
		rules                               []grassRule
		keyword, props                      strings.Builder
		inString, inProps, inBinding, ended bool
	)
	for _, c := range src {
		skip := true
		switch c {
		case '{':
			switch {
			case inString:
				skip = false
			case inProps:
				inBinding = true // Browser drops the brace of an unquoted {binding}
			default:
				inProps = true
			}
		case '}':
			switch {
			case inString:
				skip = false
			case inBinding:
				inBinding = false
			default:
				if !inProps {
					return nil, fmt.Errorf("unbalanced } after %q", keyword.String())
				}
				inProps = false
				ended = true
			}
		case '\'', '"':
			inString = !inString
		default:
			skip = false
		}
		if ended {
			rule := grassRule{Selector: keyword.String(), Props: map[string]string{}}
			for _, p := range strings.Split(props.String(), ";") {
				if strings.TrimSpace(p) == "" {
					continue
				}
				kv := strings.Split(p, ":")
				if len(kv) != 2 {
					return nil, fmt.Errorf("%s: property %q is not \"key: value\"", rule.Selector, strings.TrimSpace(p))
				}
				rule.Props[strings.TrimSpace(kv[0])] = strings.TrimSpace(kv[1])
			}
			rules = append(rules, rule)
			keyword.Reset()
			props.Reset()
			ended = false
			continue
		}
		if skip {
			continue
		}
		if inProps {
			props.WriteRune(c)
		} else if !strings.ContainsRune(" \t\r\n", c) {
			keyword.WriteRune(c)
		}
	}
	if inProps || keyword.Len() > 0 {
		return nil, fmt.Errorf("unterminated rule %q", keyword.String())
	}
	return rules, nil
}

func TestGrassStylesEveryLabelAndType(t *testing.T) {
	src, err := os.ReadFile(grassFile)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := parseGrass(string(src))
	if err != nil {
		t.Fatalf("%s: %v", grassFile, err)
	}
	nodes := map[string]int{} // label -> rule index
	rels := map[string]int{}  // relationship type -> rule index
	for i, r := range rules {
		tag, class, _ := strings.Cut(r.Selector, ".")
		switch {
		case tag == "node" && class != "":
			nodes[class] = i
		case tag == "relationship" && class != "":
			rels[class] = i
		case (tag == "node" || tag == "relationship") && class == "":
		default:
			t.Errorf("unexpected selector %q", r.Selector)
		}
	}

	entityLabels := map[string]bool{}
	for _, et := range model.AllEntityTypes {
		entityLabels[et.Label()] = true
	}
	want := map[string]bool{"Entity": true, "Document": true, "Fact": true, "Dataset": true}
	for l := range entityLabels {
		want[l] = true
	}
	for l := range want {
		if _, ok := nodes[l]; !ok {
			t.Errorf("no node.%s rule", l)
		}
	}
	for l := range nodes {
		if !want[l] {
			t.Errorf("node.%s: not a label of the graph", l)
		}
	}

	// Every entity also has the label Entity; Browser applies the matching rules in file
	// order, so node.Entity must come first for the specific label's style to win.
	entityRule, ok := nodes["Entity"]
	colors := map[string]string{}
	for l, i := range nodes {
		props := rules[i].Props
		if props["color"] == "" || props["caption"] == "" {
			t.Errorf("node.%s: needs a color and a caption, has %v", l, props)
		}
		if l == "Entity" {
			continue
		}
		if other, dup := colors[strings.ToUpper(props["color"])]; dup {
			t.Errorf("node.%s and node.%s share the color %s", l, other, props["color"])
		}
		colors[strings.ToUpper(props["color"])] = l
		if entityLabels[l] {
			if ok && i < entityRule {
				t.Errorf("node.%s comes before node.Entity, so Entity's style would win", l)
			}
			if !strings.Contains(props["caption"], "{name}") {
				t.Errorf("node.%s: caption %q does not show {name}", l, props["caption"])
			}
		}
	}
	if c := rules[nodes["Document"]].Props["caption"]; !strings.Contains(c, "{title}") {
		t.Errorf("node.Document: caption %q does not show {title}", c)
	}
	if c := rules[nodes["Fact"]].Props["caption"]; !strings.Contains(c, "{property}") {
		t.Errorf("node.Fact: caption %q does not show {property}", c)
	}

	wantRels := []string{"MENTIONS", "HAS_FACT"}
	for rt := range model.RelationTypes {
		wantRels = append(wantRels, rt)
	}
	for _, rt := range wantRels {
		i, ok := rels[rt]
		if !ok {
			t.Errorf("no relationship.%s rule", rt)
			continue
		}
		if rules[i].Props["caption"] == "" {
			t.Errorf("relationship.%s: no caption", rt)
		}
	}
}
