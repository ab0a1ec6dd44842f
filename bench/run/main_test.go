package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/bench/target"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// TestTheBenchRunsAtTinySize runs the whole bench (generate, load, naive baseline, our
// server, every operation, the floor, our server with its response cache, the dashboard
// workload, the report) on a tiny dataset for a fraction of a second per run. The peer is
// left out here: it needs npm packages that `make bench` installs.
func TestTheBenchRunsAtTinySize(t *testing.T) {
	db := neo4jtest.Config(t)
	t.Chdir("../..")
	dir := t.TempDir()
	server, err := target.Build(".", dir)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NEO4J_URI": db.URI, "NEO4J_USERNAME": db.Username, "NEO4J_PASSWORD": db.Password}
	args := []string{"-sizes", "300", "-concurrency", "2", "-warmup", "1s", "-duration", "500ms", "-naive-rows", "50",
		"-cached-concurrency", "2", "-cached-duration", "300ms",
		"-peer=false", "-server", server, "-out", dir, "-report", filepath.Join(dir, "README.md")}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cfg, err := parseConfig(args, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	res, err := measure(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeReport(cfg, res); err != nil {
		t.Fatal(err)
	}
	s := res.Sizes[0]
	if s.Load.Rows == 0 || s.Load.RelsPerSecond <= 0 || s.Load.NaiveRows != 50 {
		t.Errorf("load = %+v", s.Load)
	}
	for _, op := range workload {
		for _, target := range []string{"ours", "cypher"} {
			r := s.find(op.Name, target, 2)
			if r == nil || r.Requests == 0 || r.Errors != 0 {
				t.Errorf("%s %s: %+v", op.Name, target, r)
			}
		}
	}
	for _, op := range workload {
		p := s.Profile[op.Name]
		if p.Requests != profileRequests || p.RoundTrips < 1 || p.DBms <= 0 || p.Totalms <= 0 {
			t.Errorf("profile of %s = %+v", op.Name, p)
		}
	}
	// The answer primed before the warm-up is cached: the measured requests are hits (all
	// of them on a machine where the dataset digest is read within its 500 ms bound),
	// counted by the server's /metrics too.
	for _, op := range workload {
		r := s.find(op.Name, oursCached, 2)
		if r == nil || r.Requests == 0 || r.Errors != 0 || r.Hits == 0 || r.HitP99 <= 0 ||
			r.Metrics == nil || r.Metrics.Hits < r.Hits {
			t.Errorf("%s cached: %+v", op.Name, r)
		}
	}
	// Dashboard requests that repeat a pair the warm-up cached are hits; with the cache
	// off none is. Every miss reads Neo4j at least once, but a miss is counted when it is
	// looked up and its read when it ends, so up to one per client (2) may still be in
	// flight when the run's counters are read.
	cached, uncached := s.find(dashboardOp, oursCached, 2), s.find(dashboardOp, ours, 2)
	if cached == nil || cached.Requests == 0 || cached.Errors != 0 || cached.Hits == 0 || cached.Metrics.Hits < cached.Hits || cached.Metrics.Neo4jQueries < cached.Metrics.Misses-2 {
		t.Errorf("dashboard, cached: %+v", cached)
		if cached != nil {
			t.Logf("its server metrics: %+v", cached.Metrics)
		}
	}
	if uncached == nil || uncached.Requests == 0 || uncached.Errors != 0 || uncached.Hits != 0 {
		t.Errorf("dashboard, cache off: %+v", uncached)
	}
	if s.PeakRSS["ours"] <= 0 || s.PeakRSS[oursCached] <= 0 || s.DashboardRSS[oursCached] <= 0 || s.DashboardRSS["ours"] <= 0 {
		t.Errorf("RSS not sampled: %v, dashboard %v", s.PeakRSS, s.DashboardRSS)
	}
	report, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil || !strings.Contains(string(report), "## 300 relationships") || !strings.Contains(string(report), "Where our time goes") ||
		!strings.Contains(string(report), "Dashboard workload:") || !strings.Contains(string(report), "| our RSS under the dashboard load < 200 MB") {
		t.Errorf("report: %v\n%s", err, report)
	}
	if _, err := os.Stat(filepath.Join(dir, "chart.svg")); err != nil {
		t.Error(err)
	}
}
