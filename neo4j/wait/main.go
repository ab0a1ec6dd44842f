// Command wait blocks until a Neo4j server answers a real Cypher query over
// Bolt, or a timeout passes. It is the readiness probe of neo4j/neo4j.sh.
//
// It reads NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USERNAME (default
// neo4j), NEO4J_PASSWORD and NEO4J_DATABASE (default: the server's default
// database), and exits 0 once VerifyConnectivity and `RETURN 1` succeed, 1 on
// timeout or on an authentication failure (which retrying cannot fix).
//
//	go run ./neo4j/wait -timeout 120s
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
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

	uri := envOr(getenv, "NEO4J_URI", "bolt://127.0.0.1:7687")
	user := envOr(getenv, "NEO4J_USERNAME", "neo4j")
	db := getenv("NEO4J_DATABASE")
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		return fmt.Errorf("driver for %s: %w", uri, err)
	}
	defer driver.Close(context.Background())

	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	for {
		agent, err := probe(ctx, driver, db)
		if err == nil {
			if !*quiet {
				fmt.Fprintf(os.Stderr, "neo4j-wait: %s (%s) answered after %.1fs\n",
					uri, agent, time.Since(start).Seconds())
			}
			return nil
		}
		var nerr *neo4j.Neo4jError
		if errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Security.Unauthorized" {
			return fmt.Errorf("%s: %w", uri, err) // a wrong password stays wrong
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s not ready after %s: %w", uri, time.Since(start).Round(time.Millisecond), err)
		case <-time.After(*interval):
		}
	}
}

// probe runs one attempt, bounded to a few seconds so that a hung connection
// does not eat the whole timeout, and returns the server agent string.
func probe(ctx context.Context, driver neo4j.DriverWithContext, db string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return "", err
	}
	res, err := neo4j.ExecuteQuery(ctx, driver, "RETURN 1 AS n", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		return "", err
	}
	if len(res.Records) != 1 {
		return "", errors.New("RETURN 1 gave no record")
	}
	if n, _ := res.Records[0].Get("n"); n != int64(1) {
		return "", fmt.Errorf("RETURN 1 gave %v", n)
	}
	return res.Summary.Server().Agent(), nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}
