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
}

type sizeResult struct {
	Target    int                `json:"target"`
	Documents int                `json:"documents"`
	Entities  int                `json:"entities"`
	Relations int                `json:"relations"` // curated, as generated
	Load      loadResult         `json:"load"`
	Runs      []runResult        `json:"runs"`
	PeakRSS   map[string]int64   `json:"peakRss"` // bytes, by process: ours, peer
	Profile   map[string]profile `json:"profile"` // by operation: where our time goes
}

// profile is where the time of one of our requests goes, averaged over profileRequests
// sequential requests and read from our server's own metrics.
type profile struct {
	Requests   int     `json:"requests"`
	RoundTrips float64 `json:"roundTrips"` // Neo4j round trips per request
	DBms       float64 `json:"dbMs"`       // time in Neo4j round trips per request
	Totalms    float64 `json:"totalMs"`    // time in the GraphQL handler per request
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

type runResult struct {
	Op     string `json:"op"`
	Target string `json:"target"` // ours, peer, cypher
	loadgen.Result
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
		Warmup: cfg.warmup.String(), Duration: cfg.duration.String(), Concurrency: cfg.concurrency}
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
		PeakRSS: map[string]int64{}, Profile: map[string]profile{}}
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

	env := append(os.Environ(), "NEO4J_URI="+cfg.neo4jURI, "NEO4J_USERNAME="+cfg.neo4jUser, "NEO4J_PASSWORD="+cfg.neo4jPass)
	ourPort, err := freePort()
	if err != nil {
		return nil, err
	}
	// Request logs go to the server's stderr at level warn: the bench measures serving,
	// not writing a log line per request to a terminal. The response cache is off: the
	// bench measures the path to Neo4j against the peer and the floor, which cache nothing.
	ours, err := startProcess(ctx, exec.Command(cfg.serverBin), append(env, "ADDR=127.0.0.1:"+ourPort, "LOG_LEVEL=warn", "CACHE_BYTES=0"), "http://127.0.0.1:"+ourPort+"/graphql")
	if err != nil {
		return nil, fmt.Errorf("our server: %w", err)
	}
	defer ours.stop()
	targets := map[string]*process{"ours": ours}
	if cfg.peer {
		cmd := exec.Command("node", "server.js")
		cmd.Dir = "bench/peer"
		peerPort, err := freePort()
		if err != nil {
			return nil, err
		}
		peer, err := startProcess(ctx, cmd, append(env, "PORT="+peerPort), "http://127.0.0.1:"+peerPort+"/graphql")
		if err != nil {
			return nil, fmt.Errorf("peer: %w", err)
		}
		defer peer.stop()
		targets["peer"] = peer
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}, Timeout: 60 * time.Second}
	for _, op := range workload {
		for _, c := range cfg.concurrency {
			r := loadgen.Run(ctx, graphqlOp(client, ours.url, op.Query), c, cfg.warmup, cfg.duration)
			sr.Runs = append(sr.Runs, runResult{op.Name, "ours", r})
			if q, ok := peerOps[op.Name]; ok && targets["peer"] != nil {
				r := loadgen.Run(ctx, graphqlOp(client, targets["peer"].url, q), c, cfg.warmup, cfg.duration)
				sr.Runs = append(sr.Runs, runResult{op.Name, "peer", r})
			}
			r = loadgen.Run(ctx, cypherOp(store, op), c, cfg.warmup, cfg.duration)
			sr.Runs = append(sr.Runs, runResult{op.Name, "cypher", r})
			logf("size %d %-13s c=%-2d %s", size, op.Name, c, summary(sr.Runs, op.Name, c))
		}
		pr, err := profileOf(ctx, client, ours.url, op.Query)
		if err != nil {
			return nil, fmt.Errorf("profile %s: %w", op.Name, err)
		}
		sr.Profile[op.Name] = pr
	}
	for name, p := range targets {
		sr.PeakRSS[name] = p.peakRSS()
	}
	return sr, nil
}

func summary(runs []runResult, op string, c int) string {
	var parts []string
	for _, r := range runs {
		if r.Op == op && r.Concurrency == c {
			parts = append(parts, fmt.Sprintf("%s %.0f/s p50 %s err %d", r.Target, r.Throughput, r.P50.Round(10*time.Microsecond), r.Errors))
		}
	}
	return strings.Join(parts, " | ")
}

// graphqlOp posts query and fails on a non-200 status or a response with errors.
func graphqlOp(client *http.Client, url, query string) func(context.Context) error {
	body, _ := json.Marshal(map[string]any{"query": query})
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		data, err := io.ReadAll(res.Body)
		if err != nil {
			return err
		}
		if res.StatusCode != http.StatusOK || bytes.Contains(data, []byte(`"errors"`)) {
			return fmt.Errorf("status %d: %.200s", res.StatusCode, data)
		}
		return nil
	}
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
// query.
func startProcess(ctx context.Context, cmd *exec.Cmd, env []string, url string) (*process, error) {
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &process{cmd: cmd, url: url, done: make(chan struct{})}
	go p.sample()
	ping := graphqlOp(http.DefaultClient, url, `{ __typename }`)
	deadline := time.Now().Add(60 * time.Second)
	for {
		if err := ping(ctx); err == nil {
			return p, nil
		} else if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("not ready after 60 s: %w", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
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
	metricsURL := strings.TrimSuffix(url, "/graphql") + "/metrics"
	before, err := scrape(ctx, client, metricsURL)
	if err != nil {
		return profile{}, err
	}
	op := graphqlOp(client, url, query)
	for range profileRequests {
		if err := op(ctx); err != nil {
			return profile{}, err
		}
	}
	after, err := scrape(ctx, client, metricsURL)
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

// scrape reads a Prometheus text exposition and sums each metric name's samples over
// their labels.
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
	}
	return out, nil
}
