package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/graph"
	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
)

// scrape reads /metrics into a map from series (name and labels as exposed, labels in
// alphabetical order) to value.
func scrape(t *testing.T, base string) map[string]float64 {
	t.Helper()
	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/metrics = %d", res.StatusCode)
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("metrics line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	return out
}

func wantMetric(t *testing.T, m map[string]float64, series string, want float64) {
	t.Helper()
	if got, ok := m[series]; !ok || got != want {
		t.Errorf("%s = %v (exposed: %v), want %v", series, got, ok, want)
	}
}

func TestAGraphQLRequestIsLoggedWithItsIDOperationAndDatabaseTimeAndCountedInMetrics(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	logs := srv.logs

	const headline = `query HeadlineParks { parks(where: {targets: {industry: "biotech", investorOrigin: "Taiwan"}}) { totalCount nodes { id } } }`
	requests := []struct{ id, query string }{
		{"dashboard-42", headline},
		{"dashboard-43", headline},
		{"stats-1", `{ stats { nodes } }`},
		{"broken-1", `query Broken { noSuchField }`},
	}
	for _, r := range requests {
		res := graphQL(t, srv.URL, gqlRequest{query: r.query, requestID: r.id})
		if echoed := res.header.Get("X-Request-Id"); echoed != r.id {
			t.Errorf("%s: X-Request-Id echoed as %q", r.id, echoed)
		}
		if r.query == headline && (len(res.Errors) > 0 || !strings.Contains(string(res.Data), "fuling-district-industrial-park")) {
			t.Errorf("%s: the headline query answered %s %+v", r.id, res.Data, res.Errors)
		}
	}

	rec := logs.line(t, "request", "dashboard-42")
	t.Logf("log line: %v", rec)
	for key, want := range map[string]any{"level": "INFO", "method": "POST", "path": "/graphql", "operation": "HeadlineParks", "status": float64(200), "codes": nil} {
		if rec[key] != want {
			t.Errorf("log %s = %#v, want %#v", key, rec[key], want)
		}
	}
	dur, _ := rec["duration_ms"].(float64)
	db, _ := rec["db_ms"].(float64)
	if queries, _ := rec["db_queries"].(float64); queries < 1 || db <= 0 || dur <= 0 || db > dur {
		t.Errorf("log line: duration_ms %v, db_ms %v, db_queries %v: want database time > 0 within the duration, queries > 0", rec["duration_ms"], rec["db_ms"], rec["db_queries"])
	}
	if rec := logs.line(t, "request", "stats-1"); rec["operation"] != "anonymous" {
		t.Errorf("anonymous operation logged as %#v", rec["operation"])
	}
	if rec := logs.line(t, "request", "broken-1"); fmt.Sprint(rec["codes"]) != "[GRAPHQL_VALIDATION_FAILED]" || rec["db_queries"] != float64(0) {
		t.Errorf("invalid query logged with codes %v and %v queries", rec["codes"], rec["db_queries"])
	}
	var queries float64
	for _, r := range requests {
		queries += logs.line(t, "request", r.id)["db_queries"].(float64)
	}

	got := scrape(t, srv.URL)
	wantMetric(t, got, `parkgraph_graphql_requests_total{code="OK",operation="HeadlineParks"}`, 2)
	wantMetric(t, got, `parkgraph_graphql_requests_total{code="OK",operation="anonymous"}`, 1)
	wantMetric(t, got, `parkgraph_graphql_requests_total{code="GRAPHQL_VALIDATION_FAILED",operation="anonymous"}`, 1)
	wantMetric(t, got, `parkgraph_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED",operation="anonymous"}`, 1)
	wantMetric(t, got, `parkgraph_graphql_request_duration_seconds_count{operation="HeadlineParks"}`, 2)
	wantMetric(t, got, `parkgraph_graphql_request_duration_seconds_count{operation="anonymous"}`, 2)
	wantMetric(t, got, `parkgraph_neo4j_query_duration_seconds_count`, queries)
	wantMetric(t, got, `parkgraph_neo4j_queries_in_flight`, 0)
	wantMetric(t, got, `parkgraph_neo4j_pool_size`, neo4jdb.MaxConnectionPoolSize)
	if got[`parkgraph_neo4j_query_duration_seconds_sum`] <= 0 {
		t.Errorf("parkgraph_neo4j_query_duration_seconds_sum = %v, want > 0", got[`parkgraph_neo4j_query_duration_seconds_sum`])
	}
	if _, ok := got[`go_goroutines`]; !ok {
		t.Error("the Go runtime collector is missing")
	}
	if _, ok := got[`process_cpu_seconds_total`]; !ok {
		t.Error("the process collector is missing")
	}
}

// failingStore answers stats with its error and every other call with a panic; Ping
// succeeds.
type failingStore struct {
	graph.Store
	err error
}

func (s failingStore) Stats(ctx context.Context) (*model.GraphStats, error) {
	if s.err != nil {
		return nil, s.err
	}
	return &model.GraphStats{Nodes: 7}, nil
}

func (failingStore) Ping(ctx context.Context) error { return nil }

func TestAnInternalErrorIsMaskedInTheResponseAndLoggedWithTheRequestID(t *testing.T) {
	const cause = "Neo.ClientError.Statement.SyntaxError: MATCH (n:Secret) RETURN n"
	srv := newTestServer(t, serverOptions{store: failingStore{err: errors.New(cause)}})
	logs := srv.logs

	res := graphQL(t, srv.URL, gqlRequest{query: `query Dashboard { stats { nodes } }`, requestID: "masked-1"})
	if echoed := res.header.Get("X-Request-Id"); echoed != "masked-1" {
		t.Errorf("X-Request-Id echoed as %q", echoed)
	}
	if len(res.Errors) != 1 || res.Errors[0].Message != "internal error" || res.Errors[0].Extensions["code"] != "INTERNAL" {
		t.Errorf("errors = %+v, want one INTERNAL \"internal error\"", res.Errors)
	} else if res.Errors[0].Extensions["requestId"] != "masked-1" {
		t.Errorf("extensions.requestId = %v, want the request id masked-1", res.Errors[0].Extensions["requestId"])
	}
	for _, leak := range []string{"Secret", "MATCH", "Neo.ClientError", "SyntaxError"} {
		if strings.Contains(res.raw, leak) {
			t.Errorf("the response leaks %q: %s", leak, res.raw)
		}
	}

	failed := logs.line(t, "request failed", "masked-1")
	if err, _ := failed["err"].(string); !strings.Contains(err, cause) || failed["level"] != "ERROR" {
		t.Errorf("the error log line has level %v and err %q, want ERROR with the cause", failed["level"], err)
	}
	rec := logs.line(t, "request", "masked-1")
	if rec["operation"] != "Dashboard" || fmt.Sprint(rec["codes"]) != "[INTERNAL]" || rec["level"] != "WARN" {
		t.Errorf("request line: operation %v, codes %v, level %v; want Dashboard, [INTERNAL], WARN", rec["operation"], rec["codes"], rec["level"])
	}

	got := scrape(t, srv.URL)
	wantMetric(t, got, `parkgraph_graphql_requests_total{code="INTERNAL",operation="Dashboard"}`, 1)
	wantMetric(t, got, `parkgraph_graphql_errors_total{code="INTERNAL",operation="Dashboard"}`, 1)
}

func TestRequestIDsAreKeptWhenSaneAndGeneratedOtherwise(t *testing.T) {
	srv := newTestServer(t, serverOptions{store: failingStore{}})
	logs := srv.logs
	generated := regexp.MustCompile(`^[A-Z2-7]{26}$`)
	seen := map[string]bool{}
	for _, tc := range []struct {
		name, incoming string
		kept           bool
	}{
		{"a uuid is kept", "3f0c1d52-8a7e-4c55-9a43-0e4f7d1b2a6c", true},
		{"dots, colons and underscores are kept", "lb:edge_1.req-9", true},
		{"no header gets a new id", "", false},
		{"spaces get a new id", "id with spaces", false},
		{"a quote gets a new id", `id"}`, false},
		{"65 characters get a new id", strings.Repeat("a", 65), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/healthz", nil)
			if tc.incoming != "" {
				req.Header.Set("X-Request-Id", tc.incoming)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			id := res.Header.Get("X-Request-Id")
			if tc.kept && id != tc.incoming || !tc.kept && (!generated.MatchString(id) || seen[id]) {
				t.Errorf("incoming %q answered with id %q", tc.incoming, id)
			}
			seen[id] = true
			if rec := logs.line(t, "request", id); rec["path"] != "/healthz" || rec["level"] != "DEBUG" {
				t.Errorf("probe logged as %v at %v, want /healthz at DEBUG", rec["path"], rec["level"])
			}
		})
	}
}

func TestOperationLabelsAreBounded(t *testing.T) {
	labels := newOperationLabels(2)
	for _, tc := range []struct{ name, want string }{
		{"First", "First"},
		{"", "anonymous"},
		{"Second", "Second"},
		{"Third", "other"},
		{"First", "First"},
		{"bad-name", "invalid"},
		{"9lives", "invalid"},
		{strings.Repeat("Long", 30), "other"},
	} {
		if got := labels.label(tc.name); got != tc.want {
			t.Errorf("label(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := operationName(strings.Repeat("Long", 30)); got != strings.Repeat("Long", 16) {
		t.Errorf("a 120-byte name is logged as %q, want its first 64 bytes", got)
	}
}

func TestManyOperationNamesShareTheOtherLabel(t *testing.T) {
	srv := newTestServer(t, serverOptions{store: failingStore{}})
	const names = maxOperationLabels + 20
	for i := range names {
		if res := graphQL(t, srv.URL, gqlRequest{query: fmt.Sprintf("query Op%d { stats { nodes } }", i)}); len(res.Errors) > 0 {
			t.Fatalf("Op%d: %s", i, res.raw)
		}
	}
	got := scrape(t, srv.URL)
	operations := map[string]bool{}
	for series := range got {
		if rest, ok := strings.CutPrefix(series, `parkgraph_graphql_requests_total{code="OK",operation="`); ok {
			operations[strings.TrimSuffix(rest, `"}`)] = true
		}
	}
	if len(operations) != maxOperationLabels+1 || !operations["Op0"] || !operations["other"] {
		t.Errorf("%d operation labels, want %d names and other", len(operations), maxOperationLabels)
	}
	wantMetric(t, got, `parkgraph_graphql_requests_total{code="OK",operation="other"}`, names-maxOperationLabels)
}

func TestLogLevelAndMetricsComeFromTheEnvironment(t *testing.T) {
	env := map[string]string{"LOG_LEVEL": "warn", "METRICS": "false"}
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.LogLevel != slog.LevelWarn || cfg.Metrics {
		t.Errorf("LOG_LEVEL=warn METRICS=false gave level %v, metrics %v", cfg.LogLevel, cfg.Metrics)
	}
	srv := newTestServer(t, serverOptions{env: env, store: failingStore{}})
	if got := status(t, srv.URL+"/metrics"); got != http.StatusNotFound {
		t.Errorf("/metrics with METRICS=false = %d, want 404", got)
	}
	graphQL(t, srv.URL, gqlRequest{query: `{ stats { nodes } }`, requestID: "quiet-1"})
	if s := srv.logs.String(); s != "" {
		t.Errorf("at warn level a successful request logged %s", s)
	}
	for _, bad := range []map[string]string{{"LOG_LEVEL": "loud"}, {"METRICS": "maybe"}} {
		if _, err := loadConfig(func(k string) string { return bad[k] }); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

func TestBrowsersMaySendAndReadTheRequestID(t *testing.T) {
	srv := newTestServer(t, serverOptions{env: map[string]string{"CORS_ORIGINS": "https://dashboard.example"}, store: failingStore{}})
	preflight, _ := http.NewRequest(http.MethodOptions, srv.URL+"/graphql", nil)
	preflight.Header.Set("Origin", "https://dashboard.example")
	preflight.Header.Set("Access-Control-Request-Method", "POST")
	preflight.Header.Set("Access-Control-Request-Headers", "content-type,x-request-id")
	res, err := http.DefaultClient.Do(preflight)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if allowed := strings.ToLower(res.Header.Get("Access-Control-Allow-Headers")); !strings.Contains(allowed, "x-request-id") {
		t.Errorf("preflight allows headers %q, want X-Request-Id among them", allowed)
	}
	reply := graphQL(t, srv.URL, gqlRequest{query: `{ stats { nodes } }`, requestID: "browser-1",
		header: map[string]string{"Origin": "https://dashboard.example"}})
	if reply.header.Get("X-Request-Id") != "browser-1" || reply.header.Get("Access-Control-Expose-Headers") != "X-Request-Id" {
		t.Errorf("X-Request-Id %q, Access-Control-Expose-Headers %q", reply.header.Get("X-Request-Id"), reply.header.Get("Access-Control-Expose-Headers"))
	}
}

func TestAtDebugLevelEveryQueryIsLoggedWithItsCypherParametersAndRequestID(t *testing.T) {
	for _, level := range []string{"debug", "info"} {
		t.Run(level, func(t *testing.T) {
			srv := newTestServer(t, serverOptions{env: map[string]string{"LOG_LEVEL": level}})
			res := graphQL(t, srv.URL, gqlRequest{query: `{ node(id: "fuling-district-industrial-park") { id } }`, requestID: "trace-7"})
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %s", res.raw)
			}
			srv.logs.line(t, "request", "trace-7") // the request's own line comes after its queries
			var cypher []map[string]any
			for _, rec := range srv.logs.lines(t) {
				if rec["msg"] == "cypher" {
					cypher = append(cypher, rec)
				}
			}
			if level == "info" {
				if len(cypher) > 0 {
					t.Errorf("at info level the queries were logged: %v", cypher)
				}
				return
			}
			if len(cypher) != 1 {
				t.Fatalf("want the one query of the request logged, got %d: %v", len(cypher), cypher)
			}
			rec := cypher[0]
			text, _ := rec["cypher"].(string)
			if rec["request_id"] != "trace-7" || rec["level"] != "DEBUG" || !strings.Contains(text, "MATCH") ||
				!strings.Contains(fmt.Sprint(rec["params"]), "fuling-district-industrial-park") {
				t.Errorf("query log line = %v, want DEBUG with request_id trace-7, the Cypher and the id among its parameters", rec)
			}
		})
	}
}
