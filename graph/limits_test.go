package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/model"
)

// postWith sends query with variables to a handler with the given limits and returns
// the HTTP status and the decoded answer.
func postWith(t *testing.T, store Store, limits Limits, query string, vars map[string]any) (int, gqlResponse) {
	t.Helper()
	h := NewHandler(store, limits, slog.New(slog.NewTextHandler(io.Discard, nil)))
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp gqlResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("response %d %q: %v", rec.Code, rec.Body.String(), err)
	}
	return rec.Code, resp
}

func TestEachLimitHasItsOwnCodeAndStopsTheOperationBeforeTheStore(t *testing.T) {
	// repeated writes prefix, n numbered copies of item (a format with one %d), suffix.
	repeated := func(prefix, item, suffix string, n int) string {
		var b strings.Builder
		b.WriteString(prefix)
		for i := range n {
			fmt.Fprintf(&b, item, i)
		}
		b.WriteString(suffix)
		return b.String()
	}
	aliases := func(n int) string { return repeated("{ parks(first: 1) { nodes { ", "a%d: name ", "} } }", n) }
	roots := func(n int) string { return repeated("{ ", "r%d: node(id: \"zone-a\") { id } ", "}", n) }
	limits := Limits{MaxDepth: 6, MaxComplexity: 1000, MaxAliases: 5, MaxRootFields: 3, MaxTokens: 200}
	cases := []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"too many root fields", roots(4), nil, CodeRootFieldLimit},
		{"too many aliases", aliases(6), nil, CodeAliasLimit},
		{"too deep", `{ parks { nodes { zone { parks { zone { parks { id } } } } } } }`, nil, CodeDepthLimit},
		{"too costly by its page size", `{ parks(first: 100) { nodes { name zone { name } subParks { name } } } }`, nil, CodeComplexityLimit},
		{"too costly by a page size given as a variable", `query($n: Int) { parks(first: $n) { nodes { name zone { name } subParks { name } } } }`, map[string]any{"n": 100}, CodeComplexityLimit},
		{"too many tokens", "{ parks { nodes { " + strings.Repeat("name ", 200) + "} } }", nil, CodeTokenLimit},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := parksStore(3)
			status, resp := postWith(t, s, limits, c.query, c.vars)
			if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != c.code {
				t.Fatalf("errors = %v, want one with code %s", resp.Errors, c.code)
			}
			if resp.Data != nil {
				t.Errorf("data = %v, want none", resp.Data)
			}
			if status != http.StatusUnprocessableEntity && status != http.StatusBadRequest {
				t.Errorf("HTTP status %d, want a request error", status)
			}
			if n := s.total(); n != 0 {
				t.Errorf("the store was called %d times", n)
			}
		})
	}
	// The same shapes just inside the limits run.
	for _, q := range []string{roots(3), aliases(5), `{ parks(first: 10) { nodes { name zone { name } subParks { name } } } }`} {
		if _, resp := postWith(t, parksStore(3), limits, q, nil); len(resp.Errors) > 0 {
			t.Errorf("%s: %v", q, resp.Errors)
		}
	}
}

func TestCostGrowsWithPageSizesAndIgnoresIntrospection(t *testing.T) {
	cases := []struct {
		query string
		want  int
	}{
		// 1 (parks) + 10 × (1 nodes + 10 × (1 name))
		{`{ parks(first: 10) { nodes { name } } }`, 1 + 10*(1+1)},
		// relations defaults to first: 50; targets (no argument) counts DefaultListSize.
		{`{ parks(first: 2) { nodes { relations { type } targets { industry { id } } } } }`,
			1 + 2*(1+(1+50*1)+(1+DefaultListSize*(1+1)))},
		// A crossTab counts the larger of firstRows and firstColumns (default 20) for its
		// lists, each of which counts 1: 1 + 50 × ((1 rows + 1 count) + 1 cells).
		{`{ crossTab(of: PARK, rows: INDUSTRY, columns: ZONE, firstRows: 50, firstColumns: 5) { rows { count } cells } }`, 1 + 50*((1+1)+1)},
		{`{ crossTab(of: PARK, rows: INDUSTRY, columns: ZONE) { columns { entity { id } } } }`, 1 + 20*(1+(1+1))},
		{`{ __schema { types { name fields { name args { name } } } } }`, 0},
	}
	for _, c := range cases {
		status, resp := postWith(t, parksStore(1), Limits{MaxComplexity: 1, Introspection: true}, c.query, nil)
		got := -1
		if len(resp.Errors) == 0 {
			got = 0
		} else {
			fmt.Sscanf(resp.Errors[0].Message, "operation costs %d", &got)
		}
		if c.want == 0 && (len(resp.Errors) > 0 || status != http.StatusOK) {
			t.Errorf("%s: %d %v, want it to pass a limit of 1", c.query, status, resp.Errors)
		}
		if c.want > 0 && got != c.want {
			t.Errorf("%s: cost %d (%v), want %d", c.query, got, resp.Errors, c.want)
		}
	}
}

func TestFragmentsSpreadManyTimesAreCheckedQuickly(t *testing.T) {
	// Each fragment spreads the next ten times: expanded, this document is 10^8 fields.
	var b strings.Builder
	b.WriteString("{ parks(first: 1) { nodes { ...F0 } } }\n")
	for i := range 8 {
		fmt.Fprintf(&b, "fragment F%d on Park { name ", i)
		if i < 7 {
			for j := range 10 {
				fmt.Fprintf(&b, "a%d: zone { ...F%d } ", j, i+1)
			}
		}
		b.WriteString("}\n")
	}
	start := time.Now()
	_, resp := postWith(t, parksStore(1), Limits{MaxTokens: 100000}, b.String(), nil)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("checking took %v", took)
	}
	if len(resp.Errors) == 0 {
		t.Fatal("a fragment bomb was accepted")
	}
	if code := resp.Errors[0].Extensions["code"]; code != "GRAPHQL_VALIDATION_FAILED" && !strings.HasSuffix(fmt.Sprint(code), "_LIMIT_EXCEEDED") {
		t.Errorf("code %v (%s)", code, resp.Errors[0].Message)
	}
}

func TestFieldSuggestionsCanBeTurnedOff(t *testing.T) {
	const q = `{ parks { nodes { nme } } }`
	_, on := postWith(t, parksStore(1), Limits{Suggestions: true}, q, nil)
	_, off := postWith(t, parksStore(1), Limits{}, q, nil)
	if len(on.Errors) == 0 || !strings.Contains(on.Errors[0].Message, "Did you mean") {
		t.Errorf("with suggestions: %v", on.Errors)
	}
	if len(off.Errors) == 0 || strings.Contains(off.Errors[0].Message, "Did you mean") || strings.Contains(off.Errors[0].Message, "name") {
		t.Errorf("without suggestions: %v", off.Errors)
	}
}

func TestIntrospectionCanBeTurnedOff(t *testing.T) {
	const q = `{ __schema { queryType { name } } }`
	_, on := postWith(t, parksStore(1), Limits{Introspection: true}, q, nil)
	if len(on.Errors) > 0 {
		t.Fatalf("with introspection: %v", on.Errors)
	}
	s := parksStore(1)
	status, off := postWith(t, s, Limits{}, `{ parks { nodes { id } } t: __type(name: "Park") { name } }`, nil)
	if len(off.Errors) != 1 || off.Errors[0].Extensions["code"] != CodeIntrospectionDisabled || status == http.StatusOK || s.total() != 0 {
		t.Fatalf("without introspection: %d %v, %d store calls", status, off.Errors, s.total())
	}
	if _, resp := postWith(t, parksStore(1), Limits{}, `{ parks { nodes { __typename } } }`, nil); len(resp.Errors) > 0 {
		t.Fatalf("__typename without introspection: %v", resp.Errors)
	}
}

// TestSchemaDefaultsAreTheModelBounds checks every default that the schema states for a
// bounded argument against its model.Bound, so that the SDL and the resolvers agree.
func TestSchemaDefaultsAreTheModelBounds(t *testing.T) {
	schema := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	bounds := map[string]model.Bound{
		"relations.first":       model.RelationsPage,
		"neighborhood.depth":    model.NeighborhoodDepth,
		"neighborhood.limit":    model.NeighborhoodLimit,
		"shortestPath.maxDepth": model.PathDepth,
		"breakdown.first":       model.BreakdownPage,
		"crossTab.firstRows":    model.CrossTabRows,
		"crossTab.firstColumns": model.CrossTabColumns,
		"contradictions.first":  model.ContradictionsPage,
		"match.first":           model.MatchPage,
		"search.first":          model.SearchPage,
		"searchDocuments.first": model.SearchPage,
	}
	checked := 0
	for _, def := range schema.Types {
		for _, f := range def.Fields {
			for _, a := range f.Arguments {
				if a.DefaultValue == nil || a.Type.Name() != "Int" {
					continue
				}
				b, ok := bounds[f.Name+"."+a.Name]
				if !ok {
					t.Errorf("%s.%s(%s:) has default %s but no model bound", def.Name, f.Name, a.Name, a.DefaultValue.Raw)
					continue
				}
				checked++
				if a.DefaultValue.Raw != strconv.Itoa(b.Default) {
					t.Errorf("%s.%s(%s:) defaults to %s in the schema, %d in model", def.Name, f.Name, a.Name, a.DefaultValue.Raw, b.Default)
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no bounded argument with a schema default found")
	}
}
