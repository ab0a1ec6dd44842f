package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/parkgraph/parkgraph/bench/loadgen"
	"github.com/parkgraph/parkgraph/bench/target"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/seeds"
	"github.com/parkgraph/parkgraph/seeds/synth"
)

// results is everything one bench run measured; it is written as results.json.
type results struct {
	Started     time.Time         `json:"started"`
	Machine     string            `json:"machine"`
	Versions    map[string]string `json:"versions"`
	Warmup      string            `json:"warmup"`
	Duration    string            `json:"duration"`
	Concurrency []int             `json:"concurrency"`
	PeerNotes   map[string]string `json:"peerNotes"`
	Sizes       []sizeResult      `json:"sizes"`

	// CachedConcurrency and CachedDuration are those of the runs with response caches
	// and of the dashboard workload (which runs for Duration).
	CachedConcurrency []int  `json:"cachedConcurrency"`
	CachedDuration    string `json:"cachedDuration"`
}

type sizeResult struct {
	Target    int                `json:"target"`
	Documents int                `json:"documents"`
	Entities  int                `json:"entities"`
	Relations int                `json:"relations"` // curated, as generated
	Load      loadResult         `json:"load"`
	Runs      []runResult        `json:"runs"`
	PeakRSS   map[string]int64   `json:"peakRss"` // bytes, by process: ours, peer, oursCached, peerCached
	Profile   map[string]profile `json:"profile"` // by operation: where our time goes

	// DashboardRSS is the peak resident memory of each process during the dashboard runs.
	DashboardRSS map[string]int64 `json:"dashboardRss"`
}

// profile is where the time of one of our requests goes, averaged over profileRequests
// sequential requests and read from our server's own metrics.
type profile struct {
	Requests   int     `json:"requests"`
	RoundTrips float64 `json:"roundTrips"`      // Neo4j round trips per request
	DBms       float64 `json:"dbMs"`            // time in Neo4j round trips per request
	Totalms    float64 `json:"totalMs"`         // time in the GraphQL handler per request
	Error      string  `json:"error,omitempty"` // why the profile stopped, when a request failed
}

const profileRequests = 20

type loadResult struct {
	ParseSeconds       float64 `json:"parseSeconds"`
	Rows               int     `json:"rows"`
	Relationships      int     `json:"relationships"` // curated and derived relationships written
	LoadSeconds        float64 `json:"loadSeconds"`
	RowsPerSecond      float64 `json:"rowsPerSecond"`
	RelsPerSecond      float64 `json:"relsPerSecond"`
	ReloadSeconds      float64 `json:"reloadSeconds"`
	NaiveRows          int     `json:"naiveRows"`
	NaiveSeconds       float64 `json:"naiveSeconds"`
	NaiveRowsPerSecond float64 `json:"naiveRowsPerSecond"`
}

// Targets of runs: the uncached servers and the floor, and the servers with their
// response caches on (ours at the default CACHE_BYTES, the peer with graphql-yoga's
// response cache plugin).
const (
	ours       = "ours"
	peer       = "peer"
	floor      = "cypher"
	oursCached = "oursCached"
	peerCached = "peerCached"
)

// dashboardOp is the Op of the runs of the dashboard workload.
const dashboardOp = "dashboard"

type runResult struct {
	Op     string `json:"op"`     // an operation of workload, or dashboardOp
	Target string `json:"target"` // ours, peer, cypher, oursCached, peerCached
	loadgen.Result
	// Metrics is what our server's /metrics counted over the run, warm-up included (runs
	// of oursCached only).
	Metrics *serverMetrics `json:"metrics,omitempty"`
}

// serverMetrics are counters of our server over a run: the response cache's lookups
// (parkgraph_cache_requests_total) and the Neo4j round trips and the time in them
// (parkgraph_neo4j_query_duration_seconds), which only misses and the dataset digest
// reads make.
type serverMetrics struct {
	Hits         int     `json:"hits"`
	Misses       int     `json:"misses"`
	Neo4jQueries int     `json:"neo4jQueries"`
	Neo4jSeconds float64 `json:"neo4jSeconds"`
}

// hitRatio returns the share of requests answered from a cache.
func (r *runResult) hitRatio() float64 {
	if r.Requests == 0 {
		return 0
	}
	return float64(r.Hits) / float64(r.Requests)
}

// freePort returns a loopback port nothing listens on now.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port), nil
}

func measure(ctx context.Context, cfg config) (*results, error) {
	res := &results{Started: time.Now().UTC(), Machine: machine(), Versions: versions(),
		Warmup: cfg.warmup.String(), Duration: cfg.duration.String(), Concurrency: cfg.concurrency,
		CachedConcurrency: cfg.cachedConcurrency, CachedDuration: cfg.cachedDuration.String()}
	peerOps, notes, err := peerOperations()
	if err != nil && cfg.peer {
		return nil, err
	}
	res.PeerNotes = notes
	work := cfg.workDir
	if work == "" {
		if work, err = os.MkdirTemp("", "parkgraph-bench-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(work)
	}
	store, err := neo4jdb.Open(neo4jdb.Config{URI: cfg.neo4jURI, Username: cfg.neo4jUser, Password: cfg.neo4jPass, QueryTimeout: 60 * time.Second})
	if err != nil {
		return nil, err
	}
	defer store.Close(context.Background())
	if err := store.ApplySchema(ctx); err != nil {
		return nil, err
	}
	for _, size := range cfg.sizes {
		sr, err := measureSize(ctx, cfg, store, size, filepath.Join(work, strconv.Itoa(size)), peerOps)
		if err != nil {
			return nil, fmt.Errorf("size %d: %w", size, err)
		}
		res.Sizes = append(res.Sizes, *sr)
	}
	return res, nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func measureSize(ctx context.Context, cfg config, store *neo4jdb.Store, size int, dir string, peerOps map[string]string) (*sizeResult, error) {
	counts, err := synth.Write(dir, size, 1)
	if err != nil {
		return nil, err
	}
	sr := &sizeResult{Target: size, Documents: counts.Documents, Entities: counts.Entities, Relations: counts.Relations,
		PeakRSS: map[string]int64{}, DashboardRSS: map[string]int64{}, Profile: map[string]profile{}}
	logf("size %d: %d entities, %d relations", size, counts.Entities, counts.Relations)

	start := time.Now()
	ds, err := seeds.Load(os.DirFS(dir))
	if err != nil {
		return nil, err
	}
	mentions := seeds.Mentions(ds)
	sr.Load.ParseSeconds = time.Since(start).Seconds()

	if err := store.Clear(ctx); err != nil {
		return nil, err
	}
	start = time.Now()
	naive, err := store.LoadRowByRow(ctx, ds, mentions, cfg.naiveRows)
	if err != nil {
		return nil, err
	}
	sr.Load.NaiveRows, sr.Load.NaiveSeconds = naive, time.Since(start).Seconds()
	sr.Load.NaiveRowsPerSecond = float64(naive) / sr.Load.NaiveSeconds
	if err := store.Clear(ctx); err != nil {
		return nil, err
	}
	start = time.Now()
	rep, err := store.Load(ctx, ds, mentions)
	if err != nil {
		return nil, err
	}
	sr.Load.LoadSeconds = time.Since(start).Seconds()
	sr.Load.Rows = rep.Documents + rep.Entities + rep.Facts*2 + rep.Relations + rep.Mentions
	sr.Load.Relationships = rep.Relations
	sr.Load.RowsPerSecond = float64(sr.Load.Rows) / sr.Load.LoadSeconds
	sr.Load.RelsPerSecond = float64(rep.Relations) / sr.Load.LoadSeconds
	start = time.Now()
	if _, err := store.Load(ctx, ds, mentions); err != nil {
		return nil, err
	}
	sr.Load.ReloadSeconds = time.Since(start).Seconds()
	logf("size %d: loaded %d rows in %.1fs (%.0f relationships/s), reload %.1fs, naive %.0f rows/s",
		size, sr.Load.Rows, sr.Load.LoadSeconds, sr.Load.RelsPerSecond, sr.Load.ReloadSeconds, sr.Load.NaiveRowsPerSecond)

	env := append(withoutCacheBytes(os.Environ()), "NEO4J_URI="+cfg.neo4jURI, "NEO4J_USERNAME="+cfg.neo4jUser, "NEO4J_PASSWORD="+cfg.neo4jPass)
	// Request logs go to the server's stderr at level warn: the bench measures serving,
	// not writing a log line per request to a terminal. ours has the response cache off
	// (the path to Neo4j, against the peer and the floor, which cache nothing);
	// oursCached has it on at its default size.
	targets := map[string]*process{}
	defer func() {
		for _, p := range targets {
			p.stop()
		}
	}()
	for name, extra := range map[string][]string{ours: {"CACHE_BYTES=0"}, oursCached: nil} {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		p, err := startProcess(ctx, exec.Command(cfg.serverBin), slices.Concat(env, extra, []string{"ADDR=127.0.0.1:" + port, "LOG_LEVEL=warn"}), "http://127.0.0.1:"+port+"/graphql", "http://127.0.0.1:"+port+"/readyz")
		if err != nil {
			return nil, fmt.Errorf("our server (%s): %w", name, err)
		}
		targets[name] = p
	}
	if cfg.peer {
		for name, cache := range map[string]string{peer: "false", peerCached: "true"} {
			cmd := exec.Command("node", "server.js")
			cmd.Dir = "bench/peer"
			port, err := freePort()
			if err != nil {
				return nil, err
			}
			p, err := startProcess(ctx, cmd, slices.Concat(env, []string{"PORT=" + port, "RESPONSE_CACHE=" + cache}), "http://127.0.0.1:"+port+"/graphql", "")
			if err != nil {
				return nil, fmt.Errorf("peer (%s): %w", name, err)
			}
			targets[name] = p
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}, Timeout: 60 * time.Second}
	// runGraphQL runs a GraphQL operation against target; for oursCached it also reads
	// the cache's counters from /metrics around the run.
	runGraphQL := func(name, target string, op func(context.Context) (bool, error), c int, duration time.Duration) error {
		p := targets[target]
		var before map[string]float64
		var err error
		if target == oursCached {
			if before, err = scrape(ctx, client, metricsURL(p.url)); err != nil {
				return err
			}
		}
		r := runResult{Op: name, Target: target, Result: loadgen.RunHits(ctx, op, c, cfg.warmup, duration)}
		if target == oursCached {
			if r.Metrics, err = metricsSince(ctx, client, p.url, before); err != nil {
				return err
			}
		}
		sr.Runs = append(sr.Runs, r)
		return nil
	}
	for _, op := range workload {
		for _, c := range cfg.concurrency {
			if err := runGraphQL(op.Name, ours, graphqlOp(client, targets[ours].url, op.Query, op.Expect), c, cfg.duration); err != nil {
				return nil, err
			}
			if q, ok := peerOps[op.Name]; ok && targets[peer] != nil {
				if err := runGraphQL(op.Name, peer, graphqlOp(client, targets[peer].url, q, op.Expect), c, cfg.duration); err != nil {
					return nil, err
				}
			}
			r := loadgen.Run(ctx, cypherOp(store, op), c, cfg.warmup, cfg.duration)
			sr.Runs = append(sr.Runs, runResult{Op: op.Name, Target: floor, Result: r})
			logf("size %d %-13s c=%-2d %s", size, op.Name, c, summary(sr.Runs, op.Name, c, ours, peer, floor))
		}
		// The cached servers first answer the operation until it is a hit (see prime), so
		// that the cache holds it before the warm-up. A failure here (the peer's query
		// timeout at the largest size) is only logged: the run counts its errors.
		cachedOps := map[string]func(context.Context) (bool, error){oursCached: graphqlOp(client, targets[oursCached].url, op.Query, op.Expect)}
		if q, ok := peerOps[op.Name]; ok && targets[peerCached] != nil {
			cachedOps[peerCached] = graphqlOp(client, targets[peerCached].url, q, op.Expect)
		}
		for target, run := range cachedOps {
			if err := prime(ctx, run); err != nil {
				logf("size %d %s %s: %v", size, target, op.Name, err)
			}
		}
		for _, c := range cfg.cachedConcurrency {
			for _, target := range []string{oursCached, peerCached} {
				if run, ok := cachedOps[target]; ok {
					if err := runGraphQL(op.Name, target, run, c, cfg.cachedDuration); err != nil {
						return nil, err
					}
				}
			}
			logf("size %d %-13s c=%-2d %s", size, op.Name, c, summary(sr.Runs, op.Name, c, oursCached, peerCached))
		}
		// A request of the profile that fails (a read over Neo4j's memory limit at the
		// largest size) is recorded as the profile's error, and the run goes on.
		pr, err := profileOf(ctx, client, targets[ours].url, op.Query)
		if err != nil {
			logf("size %d profile %s: %v", size, op.Name, err)
			pr = profile{Error: err.Error()}
		}
		sr.Profile[op.Name] = pr
	}
	for name, p := range targets {
		sr.PeakRSS[name] = p.peakRSS()
		p.resetPeak()
	}
	// The dashboard workload: each server gets the same request sequence, its runs at
	// each concurrency one after the other, so that new variables stay new in later
	// runs. Each server first answers the fixed pairs until they are hits, so that the
	// cached ones hold them before the warm-up (failures only logged, as above).
	shape := synth.ShapeFor(size)
	mixes := map[string]*dashboardMix{}
	for _, target := range []string{oursCached, peerCached, ours} {
		if p := targets[target]; p != nil {
			mixes[target] = newDashboardMix(shape)
			for _, r := range mixes[target].fixed {
				run := func(ctx context.Context) (bool, error) {
					return post(ctx, client, p.url, r.body(target == peerCached), r.expect)
				}
				if target == ours {
					_, err = run(ctx)
				} else {
					err = prime(ctx, run)
				}
				if err != nil {
					logf("size %d %s %s: %v", size, target, dashboardOp, err)
				}
			}
		}
	}
	for _, c := range cfg.cachedConcurrency {
		for _, target := range []string{oursCached, peerCached, ours} {
			p := targets[target]
			if p == nil {
				continue
			}
			if err := runGraphQL(dashboardOp, target, dashboardRun(client, p.url, mixes[target], target == peerCached), c, cfg.duration); err != nil {
				return nil, err
			}
		}
		logf("size %d %-13s c=%-2d %s", size, dashboardOp, c, summary(sr.Runs, dashboardOp, c, oursCached, peerCached, ours))
	}
	for name, p := range targets {
		sr.DashboardRSS[name] = p.peakRSS()
	}
	return sr, nil
}

// primeTries bounds the requests prime sends.
const primeTries = 5

// prime calls op until it reports a hit, at most primeTries times 100 ms apart, and
// returns the last error, or an error when no call was a hit. Our server caches nothing
// until it has read the dataset digest, which it starts to do on its first request.
func prime(ctx context.Context, op func(context.Context) (bool, error)) error {
	var err error
	for range primeTries {
		var hit bool
		if hit, err = op(ctx); hit {
			return nil
		}
		time.Sleep(100 * time.Millisecond) // time for the digest read
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("no hit in %d requests", primeTries)
}

// withoutCacheBytes returns env without CACHE_BYTES, so that the servers get the cache
// size the bench sets, or the default.
func withoutCacheBytes(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "CACHE_BYTES=") {
			out = append(out, kv)
		}
	}
	return out
}

func metricsURL(graphqlURL string) string {
	return strings.TrimSuffix(graphqlURL, "/graphql") + "/metrics"
}

// metricsSince returns what our server at url counted since the scrape before.
func metricsSince(ctx context.Context, client *http.Client, url string, before map[string]float64) (*serverMetrics, error) {
	after, err := scrape(ctx, client, metricsURL(url))
	if err != nil {
		return nil, err
	}
	d := func(name string) float64 { return after[name] - before[name] }
	return &serverMetrics{
		Hits:         int(d(`parkgraph_cache_requests_total{result="hit"}`)),
		Misses:       int(d(`parkgraph_cache_requests_total{result="miss"}`)),
		Neo4jQueries: int(d("parkgraph_neo4j_query_duration_seconds_count")),
		Neo4jSeconds: d("parkgraph_neo4j_query_duration_seconds_sum"),
	}, nil
}

// summary is a log line of the runs of op at concurrency c by targets.
func summary(runs []runResult, op string, c int, targets ...string) string {
	var parts []string
	for _, r := range runs {
		if r.Op == op && r.Concurrency == c && slices.Contains(targets, r.Target) {
			part := fmt.Sprintf("%s %.0f/s p50 %s err %d", r.Target, r.Throughput, r.P50.Round(10*time.Microsecond), r.Errors)
			if r.Hits > 0 {
				part += fmt.Sprintf(" hits %.0f%% p99 %s", 100*r.hitRatio(), r.HitP99.Round(10*time.Microsecond))
			}
			parts = append(parts, part)
		}
	}
	return strings.Join(parts, " | ")
}

// graphqlOp posts query; see post.
func graphqlOp(client *http.Client, url, query, expect string) func(context.Context) (bool, error) {
	body, _ := json.Marshal(map[string]any{"query": query})
	return func(ctx context.Context) (bool, error) { return post(ctx, client, url, body, expect) }
}

// dashboardRun sends the requests of mix, in the peer's GraphQL when peer is set; see
// post.
func dashboardRun(client *http.Client, url string, mix *dashboardMix, peer bool) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		r := mix.next()
		return post(ctx, client, url, r.body(peer), r.expect)
	}
}

// peerHit is how the peer's response cache plugin marks an answer it served from its
// cache (includeExtensionMetadata, see bench/peer/server.js).
var peerHit = []byte(`"responseCache":{"hit":true`)

// post posts a GraphQL request body and reports whether the answer came from a response
// cache: our server's X-Cache: HIT header, or the peer plugin's mark. It fails on a
// non-200 status, a response with errors, or one without expect.
func post(ctx context.Context, client *http.Client, url string, body []byte, expect string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return false, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return false, err
	}
	if res.StatusCode != http.StatusOK || bytes.Contains(data, []byte(`"errors"`)) {
		return false, fmt.Errorf("status %d: %.200s", res.StatusCode, data)
	}
	if !bytes.Contains(data, []byte(expect)) {
		return false, fmt.Errorf("answer without %s: %.200s", expect, data)
	}
	return res.Header.Get("X-Cache") == "HIT" || bytes.Contains(data, peerHit), nil
}

// cypherOp runs the operation's hand-written Cypher through the same store and driver
// settings as our server.
func cypherOp(store *neo4jdb.Store, op operation) func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := store.Read(ctx, op.Cypher, op.Params)
		return err
	}
}

// peerOperations reads bench/peer/operations.json: each workload operation's query in the
// peer's schema (null where the peer cannot express it) and notes saying why. The peer's
// file names the curated seed ids; they are mapped to the synthetic dataset's.
func peerOperations() (map[string]string, map[string]string, error) {
	data, err := os.ReadFile("bench/peer/operations.json")
	if err != nil {
		return nil, nil, fmt.Errorf("peer operations: %w", err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, nil, fmt.Errorf("peer operations: %w", err)
	}
	ops, notes := map[string]string{}, map[string]string{}
	if n, ok := raw["notes"]; ok {
		_ = json.Unmarshal(n, &notes)
	}
	ids := strings.NewReplacer(
		"cross-straits-industrial-cooperation-zone-chongqing", "zone-00000",
		"fuling-district-industrial-park", "park-0000001",
		"electronic-information", "industry-00",
		`"taiwan"`, `"region-00"`)
	for _, op := range workload {
		var q *string
		if err := json.Unmarshal(raw[op.Name], &q); err == nil && q != nil {
			ops[op.Name] = ids.Replace(*q)
		}
	}
	return ops, notes, nil
}

// process is a server started for the bench, with its peak resident memory sampled.
type process struct {
	cmd  *exec.Cmd
	url  string
	mu   sync.Mutex
	peak int64
	done chan struct{}
}

// startProcess starts cmd with env and waits up to 60 s until url answers a GraphQL
// query and, when ready is not "", until GET ready answers 200 (our server's /readyz,
// which waits for its warm-up).
func startProcess(ctx context.Context, cmd *exec.Cmd, env []string, url, ready string) (*process, error) {
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &process{cmd: cmd, url: url, done: make(chan struct{})}
	go p.sample()
	ping := graphqlOp(http.DefaultClient, url, `{ __typename }`, "")
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, err := ping(ctx)
		if err == nil && ready != "" {
			err = getOK(ctx, ready)
		}
		if err == nil {
			return p, nil
		} else if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("not ready after 60 s: %w", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// getOK is an error unless GET url answers 200.
func getOK(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return nil
}

func (p *process) sample() {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
			if rss := target.RSS(p.cmd.Process.Pid); rss > 0 {
				p.mu.Lock()
				p.peak = max(p.peak, rss)
				p.mu.Unlock()
			}
		}
	}
}

func (p *process) peakRSS() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.peak
}

// resetPeak starts sampling the peak anew.
func (p *process) resetPeak() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.peak = 0
}

func (p *process) stop() {
	select {
	case <-p.done:
		return
	default:
		close(p.done)
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	waited := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
	}
}

func machine() string {
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "model name") {
				cpu = strings.TrimSpace(strings.SplitN(line, ":", 2)[1])
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if f := strings.Fields(strings.SplitN(string(data), "\n", 2)[0]); len(f) >= 2 {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			mem = fmt.Sprintf(", %.0f GiB", float64(kb)/(1<<20))
		}
	}
	return fmt.Sprintf("%d cores (%s)%s, %s/%s", runtime.NumCPU(), cpu, mem, runtime.GOOS, runtime.GOARCH)
}

func versions() map[string]string {
	v := map[string]string{"go": runtime.Version()}
	if out, err := exec.Command("node", "--version").Output(); err == nil {
		v["node"] = strings.TrimSpace(string(out))
	}
	if data, err := os.ReadFile("bench/peer/package.json"); err == nil {
		var pkg struct {
			Dependencies map[string]string `json:"dependencies"`
		}
		if json.Unmarshal(data, &pkg) == nil {
			for k, ver := range pkg.Dependencies {
				v[k] = ver
			}
		}
	}
	return v
}

// profileOf sends query to our server profileRequests times, one after another, and
// reads from its /metrics how many Neo4j round trips and how much time they took.
func profileOf(ctx context.Context, client *http.Client, url, query string) (profile, error) {
	before, err := scrape(ctx, client, metricsURL(url))
	if err != nil {
		return profile{}, err
	}
	op := graphqlOp(client, url, query, "")
	for range profileRequests {
		if _, err := op(ctx); err != nil {
			return profile{}, err
		}
	}
	after, err := scrape(ctx, client, metricsURL(url))
	if err != nil {
		return profile{}, err
	}
	d := func(name string) float64 { return after[name] - before[name] }
	n := float64(profileRequests)
	return profile{
		Requests:   profileRequests,
		RoundTrips: d("parkgraph_neo4j_query_duration_seconds_count") / n,
		DBms:       d("parkgraph_neo4j_query_duration_seconds_sum") / n * 1000,
		Totalms:    d("parkgraph_graphql_request_duration_seconds_sum") / n * 1000,
	}, nil
}

// scrape reads a Prometheus text exposition: each metric name's samples summed over
// their labels, and each sample under its name with labels as exposed
// (name{label="value"}).
func scrape(ctx context.Context, client *http.Client, url string) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: status %d", url, res.StatusCode)
	}
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for _, line := range strings.Split(string(body), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		name, _, _ := strings.Cut(fields[0], "{")
		v, err := strconv.ParseFloat(fields[len(fields)-1], 64)
		if err != nil {
			continue
		}
		out[name] += v
		if name != fields[0] {
			out[fields[0]] = v
		}
	}
	return out, nil
}
