package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/parkgraph/parkgraph/graph"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// The helpers every server test shares: one GraphQL client (gqlRequest, graphQL), one
// server builder (newTestServer, and startServer for the server as main runs it) and one
// log buffer (lockedBuffer).

// response is a GraphQL response body.
type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// gqlRequest is one request to a GraphQL endpoint. With a query, its body is the JSON
// {"query", "variables"} sent as application/json; without one, body is sent as it is,
// with only the headers given.
type gqlRequest struct {
	method    string // "": POST
	path      string // "": /graphql; may carry a query string
	query     string
	variables map[string]any
	body      string
	requestID string            // sent as X-Request-Id; none when empty
	header    map[string]string // more headers; an empty value is not sent
	timeout   time.Duration     // the client gives up after it; 0: never
	// data, when set, receives the response's data; then any GraphQL error is an error.
	data any
}

// gqlReply is a GraphQL response as the client saw it.
type gqlReply struct {
	response
	status  int
	header  http.Header
	raw     string        // the body
	elapsed time.Duration // from sending the request to reading the whole body
}

// code returns the first error's extensions.code, or "" for a reply without errors.
func (r gqlReply) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// send sends r to the server at base (http://host:port) and decodes the reply. It fails
// when there is no answer or the body is not a GraphQL response, and, when r.data is
// set, when the response has errors or its data does not decode into r.data.
func (r gqlRequest) send(base string) (gqlReply, error) {
	method, target := r.method, base+r.path
	if method == "" {
		method = http.MethodPost
	}
	if r.path == "" {
		target = base + "/graphql"
	}
	body, contentType := r.body, ""
	if r.query != "" {
		payload := map[string]any{"query": r.query}
		if r.variables != nil {
			payload["variables"] = r.variables
		}
		b, err := json.Marshal(payload)
		if err != nil {
			return gqlReply{}, err
		}
		body, contentType = string(b), "application/json"
	}
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		return gqlReply{}, err
	}
	header := map[string]string{"Content-Type": contentType, "X-Request-Id": r.requestID}
	for k, v := range r.header {
		header[k] = v
	}
	for k, v := range header {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	client := &http.Client{Timeout: r.timeout}
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return gqlReply{}, fmt.Errorf("no answer after %v: %w", time.Since(start).Round(time.Millisecond), err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	reply := gqlReply{status: res.StatusCode, header: res.Header, raw: string(raw), elapsed: time.Since(start)}
	if err != nil {
		return reply, fmt.Errorf("%s %s: status %d, reading the body: %w", method, target, res.StatusCode, err)
	}
	if err := json.Unmarshal(raw, &reply.response); err != nil {
		return reply, fmt.Errorf("%s %s: status %d, body %q is not a GraphQL response: %w", method, target, res.StatusCode, raw, err)
	}
	if r.data == nil {
		return reply, nil
	}
	if len(reply.Errors) > 0 {
		return reply, fmt.Errorf("errors: %+v", reply.Errors)
	}
	if err := json.Unmarshal(reply.Data, r.data); err != nil {
		return reply, fmt.Errorf("data %s: %w", reply.Data, err)
	}
	return reply, nil
}

// graphQL sends r to the server at base and returns the reply; it fails the test where
// send returns an error.
func graphQL(t testing.TB, base string, r gqlRequest) gqlReply {
	t.Helper()
	reply, err := r.send(base)
	if err != nil {
		t.Fatal(err)
	}
	return reply
}

// query posts the query q with vars to the server at base and decodes its data into
// out, failing the test on any error.
func query(t testing.TB, base, q string, vars map[string]any, out any) {
	t.Helper()
	graphQL(t, base, gqlRequest{query: q, variables: vars, data: out})
}

// status GETs url and returns the response's status; the client gives up after 10 s.
func status(t testing.TB, url string) int {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// testServer is the real mux in an httptest server.
type testServer struct {
	*httptest.Server
	store *neo4jdb.Store // the store newTestServer opened; nil when one was given
	logs  *lockedBuffer  // the server's JSON log
}

// serverOptions say how newTestServer builds a server; the zero value serves the seeded
// test database with the default configuration.
type serverOptions struct {
	// env is the environment the configuration is read from; LOG_LEVEL is debug and
	// CACHE_BYTES 0 (no response cache, so that every request reaches the store) unless
	// env sets them.
	env map[string]string
	// store is served instead of the test database.
	store interface {
		graph.Store
		pinger
	}
	// tracing receives the spans of the server and of its store, as in run.
	tracing trace.TracerProvider
}

// newTestServer serves the real mux as run wires it: configuration from opts.env,
// metrics unless METRICS=false, JSON logs (the store's too) into the returned buffer, and, unless
// opts.store is given, a store on the test database freshly loaded with the real seeds,
// whose round trips are counted into the request's log line and the metrics.
func newTestServer(t *testing.T, opts serverOptions) *testServer {
	t.Helper()
	env := map[string]string{"LOG_LEVEL": "debug", "CACHE_BYTES": "0", "WARM_UP": "false"}
	for k, v := range opts.env {
		env[k] = v
	}
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	cfg.Tracing = opts.tracing
	var m *metrics
	if cfg.Metrics {
		m = newMetrics()
	}
	srv := &testServer{logs: &lockedBuffer{}}
	log := newLogger(srv.logs, cfg.LogLevel)
	store := opts.store
	if store == nil {
		neo4jtest.LoadSeeds(t, neo4jtest.Open(t))
		db := neo4jtest.Config(t)
		db.Observer = queryObserver{m}
		db.Log = log
		if opts.tracing != nil {
			db.Tracer = opts.tracing.Tracer("parkgraph/neo4jdb")
		}
		if srv.store, err = neo4jdb.Open(db); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { srv.store.Close(context.Background()) })
		store = srv.store
	}
	h, err := newMux(cfg, store, log, m)
	if err != nil {
		t.Fatal(err)
	}
	srv.Server = httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// errStillRunning is what runningServer.stop returns when run did not return in time.
var errStillRunning = errors.New("run did not return within 15 s of being cancelled")

// runningServer is the real server as main runs it, started by startServer.
type runningServer struct {
	URL  string        // http://127.0.0.1:PORT
	log  *lockedBuffer // what run logged
	stop func() error  // cancels run and returns what it returned, or errStillRunning
}

// startServer runs the real server (run, as main does) on a free loopback port with env
// and returns it once /healthz answers. The server is stopped when the test ends; its log
// is shown if the test failed. It does not warm up (WARM_UP=false) unless env says so.
func startServer(t *testing.T, env map[string]string) *runningServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	env["ADDR"] = addr
	if env["WARM_UP"] == "" {
		env["WARM_UP"] = "false" // ready at once; warmup_test.go tests the warm-up
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	s := &runningServer{URL: "http://" + addr, log: &lockedBuffer{}}
	go func() { done <- run(ctx, func(k string) string { return env[k] }, s.log) }()
	s.stop = sync.OnceValue(func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			return errStillRunning
		}
	})
	t.Cleanup(func() {
		if errors.Is(s.stop(), errStillRunning) {
			t.Error("server did not stop")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", s.log.String())
		}
	})
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		res, err := http.Get(s.URL + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %v", err)
		}
	}
}

// lockedBuffer collects the server's log; the server writes from its own goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// lines returns every JSON record logged so far.
func (b *lockedBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b.buf.Bytes()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q: %v", sc.Text(), err)
		}
		out = append(out, rec)
	}
	return out
}

// line waits up to 2 s for the record with message msg and request_id id and returns it.
func (b *lockedBuffer) line(t *testing.T, msg, id string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		for _, rec := range b.lines(t) {
			if rec["msg"] == msg && rec["request_id"] == id {
				return rec
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q log line with request_id %q in:\n%s", msg, id, b.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
