package main

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
	"github.com/parkgraph/parkgraph/seeds"
	"github.com/parkgraph/parkgraph/seeds/synth"
)

// The operations the database cache tests send: one of several round trips whose answer
// names its dataset, and two of the bench's.
var cacheDBQueries = []string{
	`query Stats { stats { nodes relationships documents facts dataset { digest } } }`,
	`query Headline { parks(where: {targets: {industry: "biotech", investorOrigin: "Taiwan"}}) { nodes { id name } } }`,
	`query ParksPage { parks(first: 20) { totalCount nodes { id name zone { id name } districts { id name } } pageInfo { hasNextPage endCursor } } }`,
}

// answers returns the body of each of cacheDBQueries from the server at base.
func answers(t *testing.T, base string) []string {
	t.Helper()
	out := make([]string, len(cacheDBQueries))
	for i, q := range cacheDBQueries {
		r := graphQL(t, base, gqlRequest{query: q})
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %s", q, r.raw)
		}
		out[i] = r.raw
	}
	return out
}

// sent is one answer the traffic got.
type sent struct {
	query      int
	start, end time.Time
	cache      string // X-Cache
	body       string
}

func TestALoadUnderTrafficNeverServesACachedAnswerOfTheOldDatasetPastTheBound(t *testing.T) {
	srv := newTestServer(t, serverOptions{env: map[string]string{"CACHE_BYTES": "67108864", "LOG_LEVEL": "warn"}})
	uncached := newTestServer(t, serverOptions{store: srv.store, env: map[string]string{"LOG_LEVEL": "warn"}})
	waitForDigest(t, srv.URL, "")
	a := answers(t, uncached.URL)
	for range 2 {
		if got := answers(t, srv.URL); !slices.Equal(got, a) {
			t.Fatalf("the cached server answers\n%v\nthe uncached one\n%v", got, a)
		}
	}

	t.Cleanup(func() { neo4jtest.LoadSeeds(t, srv.store) }) // the seeds again, for the tests that follow
	dir := filepath.Join(t.TempDir(), "b")
	if _, err := synth.Write(dir, 300, 7); err != nil {
		t.Fatal(err)
	}
	ds, err := seeds.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}

	var (
		mu   sync.Mutex
		got  []sent
		stop = make(chan struct{})
		wg   sync.WaitGroup
	)
	for c := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				q := i % len(cacheDBQueries)
				start := time.Now()
				r, err := gqlRequest{query: cacheDBQueries[q]}.send(srv.URL)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				got = append(got, sent{query: q, start: start, end: time.Now(), cache: r.header.Get("X-Cache"), body: r.raw})
				mu.Unlock()
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	loadStart := time.Now()
	if _, err := srv.store.Load(context.Background(), ds, seeds.Mentions(ds)); err != nil {
		t.Fatal(err)
	}
	loaded := time.Now()
	time.Sleep(2 * time.Second)
	close(stop)
	wg.Wait()
	b := answers(t, uncached.URL)
	for i := range a {
		if a[i] == b[i] {
			t.Fatalf("%s answers the same on both datasets: the test cannot tell them apart", cacheDBQueries[i])
		}
	}

	var hitsA, hitsB, after int
	for _, s := range got {
		isA, isB := s.body == a[s.query], s.body == b[s.query]
		if s.cache == "HIT" && !isA && !isB {
			t.Errorf("a cached answer of neither dataset: %s", s.body)
		}
		if s.start.After(loaded.Add(digestMaxAge)) {
			after++
			if !isB {
				t.Errorf("sent %v after the load, past the %v bound, the answer (%s) is not the new dataset's: %s",
					s.start.Sub(loaded), digestMaxAge, s.cache, s.body)
			}
		}
		if s.cache == "HIT" && isA {
			hitsA++
			if s.start.After(loaded.Add(digestMaxAge)) {
				t.Errorf("an old cached answer %v after the load", s.start.Sub(loaded))
			}
		}
		if s.cache == "HIT" && isB {
			hitsB++
		}
	}
	t.Logf("%d answers (%d sent past the bound); cached: %d of the old dataset, %d of the new; the load took %v",
		len(got), after, hitsA, hitsB, loaded.Sub(loadStart).Round(time.Millisecond))
	if hitsA == 0 || hitsB == 0 || after == 0 {
		t.Error("the traffic did not cover both datasets from the cache")
	}
}

func TestAgainstNeo4jErrorsAreNeverCachedAndSettingsNeverShareAnEntry(t *testing.T) {
	srv := newTestServer(t, serverOptions{env: map[string]string{"CACHE_BYTES": "67108864"}})
	waitForDigest(t, srv.URL, "")
	for range 2 {
		r := graphQL(t, srv.URL, gqlRequest{query: `{ parks(first: 1000) { nodes { id } } }`})
		if r.code() == "" || r.header.Get("X-Cache") != "MISS" {
			t.Errorf("an answer with errors: code %q, X-Cache %q", r.code(), r.header.Get("X-Cache"))
		}
	}
	// A server whose limits refuse the query shares neither its cache nor its key.
	strict := newTestServer(t, serverOptions{store: srv.store, env: map[string]string{"CACHE_BYTES": "67108864", "MAX_DEPTH": "2"}})
	waitForDigest(t, strict.URL, "")
	q := cacheDBQueries[2]
	graphQL(t, srv.URL, gqlRequest{query: q})
	if r := graphQL(t, srv.URL, gqlRequest{query: q}); r.header.Get("X-Cache") != "HIT" {
		t.Fatal("no hit")
	}
	for range 2 {
		if r := graphQL(t, strict.URL, gqlRequest{query: q}); r.code() != "DEPTH_LIMIT_EXCEEDED" {
			t.Errorf("under MAX_DEPTH=2: %s", r.raw)
		}
	}
}

// TestTheCacheAnswersTheHeadlineQueryFasterThanNeo4j measures the headline query over
// HTTP, one client, uncached and cached, and logs the p50 and p99 of each.
func TestTheCacheAnswersTheHeadlineQueryFasterThanNeo4j(t *testing.T) {
	srv := newTestServer(t, serverOptions{env: map[string]string{"CACHE_BYTES": "67108864", "LOG_LEVEL": "warn"}})
	uncached := newTestServer(t, serverOptions{store: srv.store, env: map[string]string{"LOG_LEVEL": "warn"}})
	waitForDigest(t, srv.URL, "")
	path := "/graphql?query=" + url.QueryEscape(cacheDBQueries[1])
	measure := func(base string, method string) (p50, p99 time.Duration) {
		var ds []time.Duration
		for i := range 400 {
			r := gqlRequest{query: cacheDBQueries[1]}
			if method == http.MethodGet {
				r = gqlRequest{method: method, path: path}
			}
			reply := graphQL(t, base, r)
			if len(reply.Errors) > 0 {
				t.Fatal(reply.raw)
			}
			if i >= 50 { // warm-up
				ds = append(ds, reply.elapsed)
			}
		}
		slices.Sort(ds)
		return ds[len(ds)/2], ds[len(ds)*99/100]
	}
	u50, u99 := measure(uncached.URL, http.MethodPost)
	c50, c99 := measure(srv.URL, http.MethodPost)
	g50, g99 := measure(srv.URL, http.MethodGet)
	t.Logf("headline over HTTP, 1 client, 350 requests: uncached p50 %v p99 %v; cached POST p50 %v p99 %v; cached GET p50 %v p99 %v",
		u50, u99, c50, c99, g50, g99)
	if c50 >= u50 {
		t.Errorf("cached p50 %v is not below uncached p50 %v", c50, u50)
	}
}
