package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/graph"
	"github.com/parkgraph/parkgraph/model"
)

// digestStore answers stats with its node count and dataset digest, as a load would
// leave them, and counts the calls; fail makes stats fail. Every other call panics.
type digestStore struct {
	graph.Store
	mu     sync.Mutex
	digest string
	nodes  int
	fail   bool
	calls  atomic.Int64
}

func (s *digestStore) load(digest string, nodes int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.digest, s.nodes = digest, nodes
}

func (s *digestStore) Stats(ctx context.Context) (*model.GraphStats, error) {
	s.calls.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return nil, model.Errorf(model.CodeUnavailable, "down")
	}
	return &model.GraphStats{Nodes: s.nodes, Dataset: &model.LoadedDataset{Digest: s.digest}}, nil
}

func (s *digestStore) DatasetDigest(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.digest, nil
}

func (*digestStore) Ping(ctx context.Context) error { return nil }

const statsQuery = `query Stats { stats { nodes dataset { digest } } }`

// cacheServer serves st with the response cache on and env, once it knows the digest
// (asking with the key env["WARM_KEY"] when keys are on).
func cacheServer(t *testing.T, st *digestStore, env map[string]string) *testServer {
	t.Helper()
	all := map[string]string{"CACHE_BYTES": "1048576"}
	for k, v := range env {
		all[k] = v
	}
	srv := newTestServer(t, serverOptions{env: all, store: st})
	if all["CACHE_BYTES"] != "0" {
		waitForDigest(t, srv.URL, all["WARM_KEY"])
	}
	return srv
}

// waitForDigest waits until the server at base knows the dataset digest, so that its
// cache is on; an X-Cache header says it is.
func waitForDigest(t *testing.T, base, key string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if graphQL(t, base, gqlRequest{query: `{ __typename }`, header: map[string]string{apiKeyHeader: key}}).header.Get("X-Cache") != "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the server did not learn the dataset digest within 5 s")
		}
	}
}

func TestARepeatedQueryIsAnsweredFromTheCacheWhateverItsWhitespace(t *testing.T) {
	st := &digestStore{digest: "a", nodes: 1}
	srv := cacheServer(t, st, nil)
	first := graphQL(t, srv.URL, gqlRequest{query: statsQuery})
	again := graphQL(t, srv.URL, gqlRequest{query: "query Stats {\n  # the same\n  stats { nodes, dataset { digest } }\n}"})
	if first.header.Get("X-Cache") != "MISS" || again.header.Get("X-Cache") != "HIT" {
		t.Errorf("X-Cache: %q then %q, want MISS then HIT", first.header.Get("X-Cache"), again.header.Get("X-Cache"))
	}
	if first.raw != again.raw || st.calls.Load() != 1 {
		t.Errorf("the store answered %d times; bodies %s and %s", st.calls.Load(), first.raw, again.raw)
	}
	// (The third entry is waitForDigest's.)
	other := graphQL(t, srv.URL, gqlRequest{query: `query Other { stats { nodes dataset { digest } } }`})
	if other.header.Get("X-Cache") != "MISS" {
		t.Error("another operation name shared the entry")
	}
	res, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	metrics, _ := io.ReadAll(res.Body)
	for _, want := range []string{`parkgraph_cache_requests_total{result="hit"} 1`, `parkgraph_cache_requests_total{result="miss"} 3`, `parkgraph_cache_entries 3`} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestAnAnswerWithErrorsIsNeverCached(t *testing.T) {
	st := &digestStore{digest: "a", nodes: 1, fail: true}
	srv := cacheServer(t, st, nil)
	for range 2 {
		if r := graphQL(t, srv.URL, gqlRequest{query: statsQuery}); r.code() != "UNAVAILABLE" || r.header.Get("X-Cache") != "MISS" {
			t.Fatalf("code %q, X-Cache %q", r.code(), r.header.Get("X-Cache"))
		}
	}
	if st.calls.Load() != 2 {
		t.Errorf("the store answered %d times, want 2", st.calls.Load())
	}
	// A document that does not validate is not cached either.
	for range 2 {
		if r := graphQL(t, srv.URL, gqlRequest{query: `{ stats { nope } }`}); r.header.Get("X-Cache") != "MISS" {
			t.Error("a validation error was served from the cache")
		}
	}
}

func TestANewDigestMakesEveryOldEntryUnreachableWithinTheBound(t *testing.T) {
	st := &digestStore{digest: "a", nodes: 1}
	srv := cacheServer(t, st, nil)
	graphQL(t, srv.URL, gqlRequest{query: statsQuery})
	st.load("b", 2)
	loaded := time.Now()
	for {
		r := graphQL(t, srv.URL, gqlRequest{query: statsQuery})
		var got struct{ Stats model.GraphStats }
		if err := json.Unmarshal(r.Data, &got); err != nil {
			t.Fatal(err)
		}
		fresh := got.Stats.Nodes == 2 && got.Stats.Dataset.Digest == "b"
		if !fresh && (got.Stats.Nodes != 1 || got.Stats.Dataset.Digest != "a") {
			t.Fatalf("a mixed answer: %s", r.raw)
		}
		if since := time.Since(loaded); !fresh && since > digestMaxAge {
			t.Fatalf("%v after the load the old answer is still served", since)
		}
		if fresh {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if r := graphQL(t, srv.URL, gqlRequest{query: statsQuery}); r.header.Get("X-Cache") != "HIT" {
		t.Error("the new answer was not cached")
	}
}

func TestAMissWhoseDigestChangedWhileItRanIsNotStored(t *testing.T) {
	st := &digestStore{digest: "a", nodes: 1}
	srv := cacheServer(t, st, nil)
	st.load("b", 2) // the load commits before the next request reads the data
	r := graphQL(t, srv.URL, gqlRequest{query: statsQuery})
	if !strings.Contains(r.raw, `"b"`) {
		t.Fatalf("answer %s", r.raw)
	}
	// The answer holds b's data but ran under digest a: it must not be stored as a's.
	st.load("a", 1)
	if r := graphQL(t, srv.URL, gqlRequest{query: statsQuery}); strings.Contains(r.raw, `"b"`) {
		t.Errorf("digest a served b's answer: %s", r.raw)
	}
}

func TestVariablesAndAcceptArePartOfTheKey(t *testing.T) {
	st := &digestStore{digest: "a", nodes: 1}
	srv := cacheServer(t, st, nil)
	q := `query Stats($x: Boolean!) { stats { nodes @include(if: $x) relationships } }`
	graphQL(t, srv.URL, gqlRequest{query: q, variables: map[string]any{"x": true}})
	if r := graphQL(t, srv.URL, gqlRequest{query: q, variables: map[string]any{"x": false}}); r.header.Get("X-Cache") != "MISS" {
		t.Error("other variables shared an entry")
	}
	if r := graphQL(t, srv.URL, gqlRequest{query: q, variables: map[string]any{"x": true}, header: map[string]string{"Accept": graphQLResponseType}}); r.header.Get("X-Cache") != "MISS" ||
		!strings.HasPrefix(r.header.Get("Content-Type"), graphQLResponseType) {
		t.Errorf("another Accept: X-Cache %q, Content-Type %q", r.header.Get("X-Cache"), r.header.Get("Content-Type"))
	}
	if r := graphQL(t, srv.URL, gqlRequest{query: q, variables: map[string]any{"x": true}}); r.header.Get("X-Cache") != "HIT" {
		t.Error("the same variables missed")
	}
}

func TestServersWithOtherLimitsOrIntrospectionNeverShareAKey(t *testing.T) {
	base, err := loadConfig(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	settings := func(env map[string]string) string {
		cfg, err := loadConfig(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		return cacheSettings(cfg)
	}
	seen := map[string]string{cacheSettings(base): "defaults"}
	for _, env := range []map[string]string{{"MAX_DEPTH": "5"}, {"MAX_COMPLEXITY": "10"}, {"MAX_ALIASES": "2"}, {"MAX_ROOT_FIELDS": "2"},
		{"MAX_TOKENS": "100"}, {"INTROSPECTION": "false"}, {"FIELD_SUGGESTIONS": "false"}} {
		s := settings(env)
		if prev, ok := seen[s]; ok {
			t.Errorf("%v has the settings of %s", env, prev)
		}
		seen[s] = "another"
	}
}

func TestGetAnswersCarryAnETagAndAnswerIfNoneMatchWith304(t *testing.T) {
	st := &digestStore{digest: "a", nodes: 1}
	srv := cacheServer(t, st, nil)
	path := "/graphql?query=" + url.QueryEscape(statsQuery)
	r := graphQL(t, srv.URL, gqlRequest{method: http.MethodGet, path: path})
	etag := r.header.Get("ETag")
	if etag == "" || r.header.Get("Cache-Control") != "public, max-age=1, must-revalidate" || !strings.Contains(strings.Join(r.header.Values("Vary"), ","), "Accept") {
		t.Fatalf("headers %v", r.header)
	}
	res := getWith(t, srv.URL+path, etag)
	if res.StatusCode != http.StatusNotModified || res.Header.Get("ETag") != etag {
		t.Errorf("If-None-Match: status %d, ETag %q", res.StatusCode, res.Header.Get("ETag"))
	}
	if res := getWith(t, srv.URL+path, `"other"`); res.StatusCode != http.StatusOK {
		t.Errorf("another ETag: status %d", res.StatusCode)
	}
	st.load("b", 2)
	time.Sleep(digestMaxAge + 50*time.Millisecond)
	res = getWith(t, srv.URL+path, etag)
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == etag {
		t.Errorf("after a new load the old ETag gave status %d, ETag %q", res.StatusCode, res.Header.Get("ETag"))
	}
	st.mu.Lock()
	st.fail = true
	st.mu.Unlock()
	path = "/graphql?query=" + url.QueryEscape(`query Failing { stats { nodes } }`)
	if r := graphQL(t, srv.URL, gqlRequest{method: http.MethodGet, path: path}); r.header.Get("ETag") != "" || r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("an error carried ETag %q, Cache-Control %q", r.header.Get("ETag"), r.header.Get("Cache-Control"))
	}
}

func getWith(t *testing.T, target, ifNoneMatch string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("If-None-Match", ifNoneMatch)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func TestWithAPIKeysCachedAnswersArePrivateAndBehindTheKeyCheck(t *testing.T) {
	st := &digestStore{digest: "a", nodes: 1}
	srv := cacheServer(t, st, map[string]string{"API_KEYS_FILE": keysFile(t, map[string]string{"dash": "k1", "ops": "k2"}), "WARM_KEY": "k1"})
	path := "/graphql?query=" + url.QueryEscape(statsQuery)
	r := graphQL(t, srv.URL, gqlRequest{method: http.MethodGet, path: path, header: map[string]string{apiKeyHeader: "k1"}})
	if r.header.Get("Cache-Control") != "private, max-age=1, must-revalidate" {
		t.Errorf("Cache-Control %q", r.header.Get("Cache-Control"))
	}
	if r := graphQL(t, srv.URL, gqlRequest{method: http.MethodGet, path: path}); r.status != http.StatusUnauthorized {
		t.Errorf("without a key a cached answer gave status %d", r.status)
	}
	if r := graphQL(t, srv.URL, gqlRequest{method: http.MethodGet, path: path, header: map[string]string{apiKeyHeader: "k2"}}); r.header.Get("X-Cache") != "HIT" {
		t.Errorf("another key: X-Cache %q (keys do not change answers, so they share entries)", r.header.Get("X-Cache"))
	}
}

func TestTheCacheStaysWithinItsBytes(t *testing.T) {
	c := newResponseCache(10*(entryOverhead+100), nil)
	c.newDigest("d")
	for i := range 50 {
		c.put(&cacheEntry{key: sha256.Sum256([]byte{byte(i)}), digest: "d", body: make([]byte, 100)})
		if c.bytes > c.max {
			t.Fatalf("%d bytes held, at most %d", c.bytes, c.max)
		}
	}
	if _, ok := c.get(sha256.Sum256([]byte{49})); !ok {
		t.Error("the latest entry was evicted")
	}
	if _, ok := c.get(sha256.Sum256([]byte{0})); ok {
		t.Error("the oldest entry was kept")
	}
	c.put(&cacheEntry{key: sha256.Sum256([]byte("x")), digest: "old", body: []byte("{}")})
	if _, ok := c.get(sha256.Sum256([]byte("x"))); ok {
		t.Error("an entry of another digest was stored")
	}
	c.newDigest("e")
	if len(c.entries) != 0 || c.bytes != 0 {
		t.Errorf("a new digest left %d entries, %d bytes", len(c.entries), c.bytes)
	}
}

func TestCacheBytesIsReadAndRefusedWhenMalformed(t *testing.T) {
	cfg, err := loadConfig(func(string) string { return "" })
	if err != nil || cfg.CacheBytes != defaultCacheBytes {
		t.Errorf("default %d, %v", cfg.CacheBytes, err)
	}
	if _, err := loadConfig(func(k string) string { return map[string]string{"CACHE_BYTES": "-1"}[k] }); err == nil || !strings.Contains(err.Error(), "CACHE_BYTES") {
		t.Errorf("CACHE_BYTES=-1 gave %v", err)
	}
}

// failingDigest fails every read.
type failingDigest struct{}

func (failingDigest) DatasetDigest(context.Context) (string, error) { return "", errors.New("down") }

func TestAnUnknownDigestTurnsTheCacheOff(t *testing.T) {
	w := newDigestWatch(failingDigest{}, nil)
	if d := w.digest(context.Background()); d != "" {
		t.Errorf("digest %q", d)
	}
}

// manifestFile writes a manifest of docs and returns its path.
func manifestFile(t *testing.T, docs ...string) string {
	t.Helper()
	m := map[string]string{}
	for _, d := range docs {
		m[sha256Hex(d)] = d
	}
	b, _ := json.Marshal(m)
	path := filepath.Join(t.TempDir(), "trusted.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// persisted is a request that sends only the hash of doc.
func persisted(doc string) gqlRequest {
	b, _ := json.Marshal(map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": sha256Hex(doc)}}})
	return gqlRequest{body: string(b), header: map[string]string{"Content-Type": "application/json"}}
}

func TestOnlyTrustedDocumentsRunWithTrustedDocumentsOnly(t *testing.T) {
	st := &digestStore{digest: "a", nodes: 1}
	path := manifestFile(t, statsQuery)
	srv := cacheServer(t, st, map[string]string{"TRUSTED_DOCUMENTS": "only", "TRUSTED_DOCUMENTS_FILE": path})
	if r := graphQL(t, srv.URL, gqlRequest{query: statsQuery}); len(r.Errors) > 0 {
		t.Errorf("the trusted document: %s", r.raw)
	}
	if r := graphQL(t, srv.URL, persisted(statsQuery)); len(r.Errors) > 0 || !strings.Contains(r.raw, `"nodes":1`) {
		t.Errorf("the trusted document by hash: %s", r.raw)
	}
	if r := graphQL(t, srv.URL, gqlRequest{query: `{ stats { nodes } }`}); r.code() != codeDocumentNotTrusted {
		t.Errorf("another document: %s", r.raw)
	}
	// Automatic persisted queries cannot register one.
	doc := `{ stats { relationships } }`
	b, _ := json.Marshal(map[string]any{"query": doc, "extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": sha256Hex(doc)}}})
	graphQL(t, srv.URL, gqlRequest{body: string(b), header: map[string]string{"Content-Type": "application/json"}})
	if r := graphQL(t, srv.URL, persisted(doc)); r.code() != codeDocumentNotTrusted {
		t.Errorf("a registered document by hash: %s", r.raw)
	}
}

func TestAllowTakesTrustedDocumentsByHashAndAnyOther(t *testing.T) {
	st := &digestStore{digest: "a", nodes: 1}
	srv := cacheServer(t, st, map[string]string{"TRUSTED_DOCUMENTS": "allow", "TRUSTED_DOCUMENTS_FILE": manifestFile(t, statsQuery)})
	if r := graphQL(t, srv.URL, persisted(statsQuery)); len(r.Errors) > 0 {
		t.Errorf("the trusted document by hash: %s", r.raw)
	}
	if r := graphQL(t, srv.URL, gqlRequest{query: `{ stats { nodes } }`}); len(r.Errors) > 0 {
		t.Errorf("another document: %s", r.raw)
	}
}

func TestAutomaticPersistedQueriesRegisterAndServeByHash(t *testing.T) {
	st := &digestStore{digest: "a", nodes: 1}
	srv := cacheServer(t, st, map[string]string{"CACHE_BYTES": "0"})
	doc := `{ stats { nodes } }`
	if r := graphQL(t, srv.URL, persisted(doc)); r.code() != "PERSISTED_QUERY_NOT_FOUND" {
		t.Errorf("an unknown hash: %s", r.raw)
	}
	b, _ := json.Marshal(map[string]any{"query": doc, "extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": sha256Hex(doc)}}})
	if r := graphQL(t, srv.URL, gqlRequest{body: string(b), header: map[string]string{"Content-Type": "application/json"}}); len(r.Errors) > 0 {
		t.Fatalf("registering: %s", r.raw)
	}
	if r := graphQL(t, srv.URL, persisted(doc)); len(r.Errors) > 0 || !strings.Contains(r.raw, `"nodes":1`) {
		t.Errorf("by hash: %s", r.raw)
	}
}

func TestTrustedDocumentsSettingsAreReadAndRefusedWhenMalformed(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	_ = os.WriteFile(bad, []byte(`{"0000": "{ stats { nodes } }"}`), 0o600)
	for _, env := range []map[string]string{
		{"TRUSTED_DOCUMENTS": "sometimes"},
		{"TRUSTED_DOCUMENTS": "only"},
		{"TRUSTED_DOCUMENTS": "only", "TRUSTED_DOCUMENTS_FILE": "/nonexistent"},
		{"TRUSTED_DOCUMENTS": "only", "TRUSTED_DOCUMENTS_FILE": bad},
	} {
		if _, err := loadConfig(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "TRUSTED_DOCUMENTS") {
			t.Errorf("%v gave %v, want an error naming the variable", env, err)
		}
	}
	apollo := filepath.Join(t.TempDir(), "apollo.json")
	b, _ := json.Marshal(map[string]any{"format": "apollo-persisted-query-manifest", "version": 1,
		"operations": []map[string]any{{"id": sha256Hex(statsQuery), "body": statsQuery, "name": "Stats", "type": "query"}}})
	_ = os.WriteFile(apollo, b, 0o600)
	if docs, err := loadManifest(apollo); err != nil || docs[sha256Hex(statsQuery)] != statsQuery {
		t.Errorf("the Apollo manifest: %v, %v", docs, err)
	}
}
