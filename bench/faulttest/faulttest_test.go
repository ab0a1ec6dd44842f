package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/bench/target"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// TestTheServerRidesOutACutConnectionToNeo4j runs the whole fault test, server binary
// included, at a small scale: the fault is a proxy between the server and the test
// Neo4j that resets every connection and refuses new ones for four seconds, longer than
// the driver retries a transaction.
func TestTheServerRidesOutACutConnectionToNeo4j(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	db := neo4jtest.Config(t)
	proxy := neo4jtest.NewProxy(t, db.URI, true)
	bin, err := target.Build("../..", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cut := fault{name: "cut", how: "proxy resets and refuses connections",
		down: func(context.Context) error { proxy.Down(); return nil },
		up:   func(context.Context) error { proxy.Up(t); return nil }}
	s := settings{concurrency: 4, rate: 50, steady: time.Second, outage: 4 * time.Second, recovery: 5 * time.Second,
		requestTimeout: 5 * time.Second, boltWait: 10 * time.Second}
	behind := db
	behind.URI = proxy.URI()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, log bytes.Buffer
	err = faultTest(ctx, s, bin, behind, []fault{cut}, &out, &log)
	t.Logf("report:%s", out.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	for _, want := range []string{"fault 1, cut:", "UNAVAILABLE", "the headline query) answered 0.", "PASS"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestTheRunRefusesANeo4jItWasNotGiven checks that the command never stops the
// developer's Neo4j: without NEO4J_RUNTIME_DIR (set by `neo4j.sh with`) it does nothing.
func TestTheRunRefusesANeo4jItWasNotGiven(t *testing.T) {
	env := map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}
	err := run(context.Background(), nil, func(k string) string { return env[k] }, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "NEO4J_RUNTIME_DIR") {
		t.Errorf("run without NEO4J_RUNTIME_DIR: %v", err)
	}
	env["NEO4J_RUNTIME_DIR"] = t.TempDir()
	err = run(context.Background(), []string{"-faults", "reboot", "-neo4j", "../../neo4j/neo4j.sh"},
		func(k string) string { return env[k] }, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `unknown fault "reboot"`) {
		t.Errorf("run with an unknown fault: %v", err)
	}
}
