// Command run is `make bench`: it measures the loader and the GraphQL server against the
// peers a user would pick instead, on the same Neo4j, machine and data, in one run, and
// writes bench/results/results.json, bench/results/chart.svg and bench/README.md.
//
// For each size it generates a synthetic dataset (seeds/synth), loads it (batched, then
// again unchanged, then a row-by-row sample as the naive baseline), starts our server and
// the @neo4j/graphql peer (bench/peer) as child processes, and runs every operation of the
// workload at each concurrency against ours, the peer and the hand-written Cypher floor;
// then again against our server with its response cache on and the peer with
// graphql-yoga's response cache plugin; then the dashboard workload (see dashboard.go)
// against both cached servers and our uncached one.
// Neo4j is reached through NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// config is what one bench run does.
type config struct {
	sizes       []int
	concurrency []int
	warmup      time.Duration
	duration    time.Duration
	naiveRows   int
	out         string // directory for results.json and chart.svg
	report      string // markdown report path
	peer        bool
	serverBin   string
	neo4jURI    string
	neo4jUser   string
	neo4jPass   string
	workDir     string
	from        string // render the report from this results.json only

	// cachedConcurrency and cachedDuration are those of the runs with response caches;
	// the dashboard workload runs at cachedConcurrency for duration.
	cachedConcurrency []int
	cachedDuration    time.Duration
}

func parseConfig(args []string, getenv func(string) string) (config, error) {
	flags := flag.NewFlagSet("bench", flag.ContinueOnError)
	sizes := flags.String("sizes", "1000,100000,1000000", "dataset sizes in curated relationships")
	conc := flags.String("concurrency", "1,8,32", "concurrency levels")
	cachedConc := flags.String("cached-concurrency", "8,32", "concurrency levels of the runs with response caches and of the dashboard workload")
	c := config{}
	flags.DurationVar(&c.warmup, "warmup", time.Second, "warm-up per run (not measured)")
	flags.DurationVar(&c.duration, "duration", 4*time.Second, "measured time per run")
	flags.DurationVar(&c.cachedDuration, "cached-duration", 2*time.Second, "measured time per run of one operation with response caches")
	flags.IntVar(&c.naiveRows, "naive-rows", 5000, "rows written one per transaction for the naive baseline")
	flags.StringVar(&c.out, "out", "bench/results", "directory for results.json and chart.svg")
	flags.StringVar(&c.report, "report", "bench/README.md", "markdown report to write")
	flags.BoolVar(&c.peer, "peer", true, "also measure the @neo4j/graphql peer (bench/peer)")
	flags.StringVar(&c.serverBin, "server", "bin/server", "our server binary")
	flags.StringVar(&c.workDir, "work", "", "directory for generated datasets (default: a temporary one)")
	flags.StringVar(&c.from, "from", "", "only write the report from this results.json (no measuring)")
	if err := flags.Parse(args); err != nil {
		return c, err
	}
	var err error
	if c.sizes, err = ints(*sizes); err != nil {
		return c, fmt.Errorf("-sizes: %w", err)
	}
	if c.concurrency, err = ints(*conc); err != nil {
		return c, fmt.Errorf("-concurrency: %w", err)
	}
	if c.cachedConcurrency, err = ints(*cachedConc); err != nil {
		return c, fmt.Errorf("-cached-concurrency: %w", err)
	}
	c.neo4jURI, c.neo4jUser, c.neo4jPass = getenv("NEO4J_URI"), getenv("NEO4J_USERNAME"), getenv("NEO4J_PASSWORD")
	if c.neo4jURI == "" && c.from == "" {
		return c, fmt.Errorf("NEO4J_URI is not set (make bench starts a Neo4j and sets it)")
	}
	if c.neo4jUser == "" {
		c.neo4jUser = "neo4j"
	}
	return c, nil
}

func ints(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a positive integer", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func run(ctx context.Context, args []string, getenv func(string) string) error {
	cfg, err := parseConfig(args, getenv)
	if err != nil {
		return err
	}
	var res *results
	if cfg.from != "" {
		data, err := os.ReadFile(cfg.from)
		if err != nil {
			return err
		}
		res = &results{}
		if err := json.Unmarshal(data, res); err != nil {
			return fmt.Errorf("%s: %w", cfg.from, err)
		}
	} else if res, err = measure(ctx, cfg); err != nil {
		return err
	}
	return writeReport(cfg, res)
}
