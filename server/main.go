// Command server serves the parkgraph GraphQL API over Neo4j.
//
// Configuration comes from the environment (see Config). GraphQL is at /graphql, GraphiQL
// at /, the explorer at /explore, liveness at /healthz and readiness (Neo4j answers) at
// /readyz.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}
