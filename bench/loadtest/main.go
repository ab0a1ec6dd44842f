// Command loadtest is `make load-test`: it starts bin/server on loopback against the
// seed graph, runs the seed workload (bench/target.SeedMix, every operation with a piece
// of its known answer) from -concurrency clients for -duration after a warm-up, and
// reports requests, errors by code, latency percentiles overall and per operation, and
// the server's peak resident memory. It exits with status 1 when any request failed or
// got a wrong answer, or the server died. Neo4j is reached through NEO4J_URI,
// NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE; the seeds must be loaded.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/parkgraph/parkgraph/bench/target"
	"github.com/parkgraph/parkgraph/neo4jdb"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// config is what one load test does.
type config struct {
	server      string
	concurrency int
	warmup      time.Duration
	duration    time.Duration
	timeout     time.Duration // client timeout of one request
	neo4j       neo4jdb.Config
}

func parseConfig(args []string, getenv func(string) string) (config, error) {
	flags := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	c := config{neo4j: neo4jdb.ConfigFromEnv(getenv)}
	flags.StringVar(&c.server, "server", "bin/server", "server binary")
	flags.IntVar(&c.concurrency, "concurrency", 50, "concurrent clients")
	// A cold Neo4j (plans not cached, its JIT not warm) under 50 clients on two cores
	// stalled requests for up to 5 s during the first 10 to 13 s: a shorter warm-up
	// measures that cold start, which the report shows on a line of its own.
	flags.DurationVar(&c.warmup, "warmup", 15*time.Second, "warm-up, not measured (reported apart)")
	flags.DurationVar(&c.duration, "duration", 60*time.Second, "measured time")
	flags.DurationVar(&c.timeout, "timeout", 30*time.Second, "client timeout of one request (the server's own is REQUEST_TIMEOUT, 15 s)")
	if err := flags.Parse(args); err != nil {
		return c, err
	}
	if c.concurrency <= 0 || c.duration <= 0 || c.warmup < 0 || c.timeout <= 0 {
		return c, fmt.Errorf("want positive -concurrency, -duration and -timeout")
	}
	return c, nil
}

func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	cfg, err := parseConfig(args, getenv)
	if err != nil {
		return err
	}
	// The response cache is off: the load test measures the path to Neo4j under load.
	env := []string{"NEO4J_URI=" + cfg.neo4j.URI, "NEO4J_USERNAME=" + cfg.neo4j.Username,
		"NEO4J_PASSWORD=" + cfg.neo4j.Password, "NEO4J_DATABASE=" + cfg.neo4j.Database, "CACHE_BYTES=0"}
	srv, err := target.Start(ctx, cfg.server, env, 30*time.Second)
	if err != nil {
		return fmt.Errorf("start %s: %w", cfg.server, err)
	}
	defer srv.Stop()
	if err := srv.WaitReady(ctx, time.Minute); err != nil {
		return fmt.Errorf("%s: %w", cfg.server, err)
	}
	client := target.NewClient(srv.URL, cfg.concurrency, cfg.timeout)
	res := measure(ctx, client, target.SeedMix, cfg.concurrency, cfg.warmup, cfg.duration)
	res.server, res.peakRSS, res.alive = srv.URL, srv.PeakRSS(), srv.Alive()
	res.write(out)
	if err := res.verdict(); err != nil {
		fmt.Fprintf(os.Stderr, "loadtest: server log (tail):\n%s", lastLines(srv.Log(), 20))
		return err
	}
	if err := srv.Stop(); err != nil {
		return fmt.Errorf("server did not stop cleanly: %w", err)
	}
	return nil
}
