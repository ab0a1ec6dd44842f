// Command wait blocks until a Neo4j server answers a real Cypher query over Bolt, or a
// timeout passes. It is the readiness probe of neo4j/neo4j.sh.
//
// It reads NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USERNAME (default neo4j),
// NEO4J_PASSWORD and NEO4J_DATABASE (default neo4j), and exits 0 once `RETURN 1` succeeds
// in a read transaction, 1 on timeout or on an error that retrying cannot fix (such as a
// wrong password).
//
//	go run ./neo4j/wait -timeout 120s
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "neo4j-wait:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string) error {
	fs := flag.NewFlagSet("neo4j-wait", flag.ContinueOnError)
	timeout := fs.Duration("timeout", 120*time.Second, "give up after this long")
	interval := fs.Duration("interval", 500*time.Millisecond, "pause between attempts")
	quiet := fs.Bool("q", false, "print nothing on success")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	cfg := neo4jdb.ConfigFromEnv(getenv)
	store, err := neo4jdb.Open(cfg)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	for {
		attempt, cancelAttempt := context.WithTimeout(ctx, 5*time.Second)
		err := store.Ping(attempt)
		cancelAttempt()
		if err == nil {
			if !*quiet {
				fmt.Fprintf(os.Stderr, "neo4j-wait: %s answered after %.1fs\n", cfg.URI, time.Since(start).Seconds())
			}
			return nil
		}
		if model.ErrorCode(err) != model.CodeUnavailable {
			return fmt.Errorf("%s: %w", cfg.URI, err) // a wrong password stays wrong
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s not ready after %s: %w", cfg.URI, time.Since(start).Round(time.Millisecond), err)
		case <-time.After(*interval):
		}
	}
}
