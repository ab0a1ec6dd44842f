// Command scaletest is `make scale-test`: it runs server replicas behind HAProxy (from
// Debian's packages), health-checked on /readyz, puts the seed mix of operations through
// the load balancer, restarts every replica in turn with SIGTERM and then SIGKILLs one,
// and reports requests, failures by code and p99 per phase.
//
// The target: no failed request across the graceful restarts (each replica drains:
// /readyz 503 for SHUTDOWN_DELAY, in-flight requests finish); after the SIGKILL, at most
// the requests that replica held fail. Everything listens on 127.0.0.1; the run is
// bounded in time and stops by itself.
//
// Usage: scaletest [-replicas 3] [-concurrency 16] [-warmup 5s] [-steady 15s] [-server bin/server]
//
// Neo4j (already loaded) is reached through NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD.
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

	"github.com/parkgraph/parkgraph/neo4jdb"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "scaletest:", err)
		os.Exit(1)
	}
}

// settings is what one scale test does.
type settings struct {
	server        string
	haproxy       string
	replicas      int
	concurrency   int
	warmup        time.Duration // load before the first phase, not reported
	steady        time.Duration // load before the restarts and after the kill
	shutdownDelay time.Duration // SHUTDOWN_DELAY of each replica
	timeout       time.Duration // client timeout of one request
	neo4j         neo4jdb.Config
}

func parse(args []string, getenv func(string) string) (settings, error) {
	flags := flag.NewFlagSet("scaletest", flag.ContinueOnError)
	s := settings{neo4j: neo4jdb.ConfigFromEnv(getenv)}
	flags.StringVar(&s.server, "server", "bin/server", "server binary")
	flags.StringVar(&s.haproxy, "haproxy", "haproxy", "HAProxy binary")
	flags.IntVar(&s.replicas, "replicas", 3, "server replicas behind the load balancer")
	flags.IntVar(&s.concurrency, "concurrency", 16, "concurrent clients")
	flags.DurationVar(&s.warmup, "warmup", 5*time.Second, "load before the first phase, not reported")
	flags.DurationVar(&s.steady, "steady", 15*time.Second, "steady load before the restarts and after the kill")
	flags.DurationVar(&s.shutdownDelay, "shutdown-delay", 2500*time.Millisecond, "SHUTDOWN_DELAY of each replica (longer than HAProxy's 1.5 s to take a draining replica out)")
	flags.DurationVar(&s.timeout, "timeout", 20*time.Second, "client timeout of one request")
	if err := flags.Parse(args); err != nil {
		return s, err
	}
	if s.replicas < 2 || s.concurrency <= 0 || s.steady <= 0 || s.timeout <= 0 || s.shutdownDelay < 0 || s.warmup < 0 {
		return s, fmt.Errorf("want at least 2 -replicas and positive -concurrency, -steady and -timeout")
	}
	return s, nil
}

func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	s, err := parse(args, getenv)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	rep, err := scaleTest(ctx, s, out)
	if err != nil {
		return err
	}
	rep.write(out)
	return rep.verdict()
}
