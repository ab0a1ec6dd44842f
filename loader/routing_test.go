package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

func TestTheLoaderWritesThroughARoutingURI(t *testing.T) {
	neo4jtest.Open(t)
	cfg := neo4jtest.RoutingConfig(t)
	env := map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USERNAME": cfg.Username, "NEO4J_PASSWORD": cfg.Password, "NEO4J_DATABASE": cfg.Database}
	var out bytes.Buffer
	if err := run(context.Background(), nil, func(k string) string { return env[k] }, &out); err != nil {
		t.Fatalf("loader with NEO4J_URI=%s: %v\n%s", cfg.URI, err, out.String())
	}
	if !strings.Contains(out.String(), "loaded in") {
		t.Errorf("output:\n%s\nwant a loaded line", out.String())
	}
}
