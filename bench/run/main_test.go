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
// server, every operation, the floor, the report) on a tiny dataset for a fraction of a
// second per run. The peer is left out here: it needs npm packages that `make bench`
// installs.
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
	if s.PeakRSS["ours"] <= 0 {
		t.Error("no RSS sampled for our server")
	}
	report, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil || !strings.Contains(string(report), "## 300 relationships") || !strings.Contains(string(report), "Where our time goes") {
		t.Errorf("report: %v\n%s", err, report)
	}
	if _, err := os.Stat(filepath.Join(dir, "chart.svg")); err != nil {
		t.Error(err)
	}
}
