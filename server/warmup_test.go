package main

import (
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
	"github.com/parkgraph/parkgraph/web"
)

// warmedUp waits up to wait for the server's "warmed up" log line and returns it.
func warmedUp(t *testing.T, log *lockedBuffer, wait time.Duration) map[string]any {
	t.Helper()
	for deadline := time.Now().Add(wait); ; time.Sleep(20 * time.Millisecond) {
		for _, rec := range log.lines(t) {
			if rec["msg"] == "warmed up" {
				return rec
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no warm-up log line after %v:\n%s", wait, log.String())
		}
	}
}

func TestAServerAnswersTheReadmeExamplesBeforeItSaysItIsReady(t *testing.T) {
	neo4jtest.LoadSeeds(t, neo4jtest.Open(t))
	db := neo4jtest.Config(t)
	examples, err := web.ReadmeExamples()
	if err != nil {
		t.Fatal(err)
	}
	if len(examples) < 10 {
		t.Fatalf("%d README examples; the warm-up needs the common questions", len(examples))
	}
	srv := startServer(t, map[string]string{"NEO4J_URI": db.URI, "NEO4J_USERNAME": db.Username,
		"NEO4J_PASSWORD": db.Password, "NEO4J_DATABASE": db.Database, "WARM_UP": "true"})
	warming := 0
	for deadline := time.Now().Add(warmUpBudget + 5*time.Second); ; time.Sleep(10 * time.Millisecond) {
		code := status(t, srv.URL+"/readyz")
		if code == http.StatusOK {
			break
		}
		warming++
		if time.Now().After(deadline) {
			t.Fatalf("/readyz = %d after the warm-up budget", code)
		}
	}
	// Ready only once the warm-up ended, having answered every example without an error.
	var rec map[string]any
	for _, r := range srv.log.lines(t) {
		if r["msg"] == "warmed up" {
			rec = r
		}
	}
	if rec == nil {
		t.Fatalf("/readyz answered 200 (after %d answers of 503) before the warm-up ended:\n%s", warming, srv.log.String())
	}
	if want := warmUpRounds * len(examples); rec["runs"] != float64(want) || rec["answered"] != float64(want) || rec["failed"] != float64(0) {
		t.Errorf("warm-up: %v runs, %v answered, %v failed; want all %d runs of the %d examples answered", rec["runs"], rec["answered"], rec["failed"], want, len(examples))
	}
	t.Logf("warm-up of %d examples, %d times: %v ms; /readyz answered 503 %d times first", len(examples), warmUpRounds, rec["ms"], warming)
}

func TestAWarmUpWithNeo4jDownStopsAtTheFirstUnavailableAnswer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: Neo4j refuses connections
	start := time.Now()
	srv := startServer(t, map[string]string{"NEO4J_URI": "bolt://" + addr, "NEO4J_PASSWORD": "unused-password", "WARM_UP": "true"})
	rec := warmedUp(t, srv.log, 3*refusedLimit)
	examples, err := web.ReadmeExamples()
	if err != nil {
		t.Fatal(err)
	}
	// An example that needs no read (the schema's own fields) may answer; the first
	// UNAVAILABLE ends the warm-up, failing at most the examples running then.
	answered, _ := rec["answered"].(float64)
	failed, _ := rec["failed"].(float64)
	if failed < 1 || failed > warmUpWorkers || int(answered+failed) >= warmUpRounds*len(examples) {
		t.Errorf("warm-up with Neo4j down: %v answered, %v failed of %d runs; want it to stop at the first failure", answered, failed, warmUpRounds*len(examples))
	}
	if took := time.Since(start); took > 2*refusedLimit {
		t.Errorf("warm-up with Neo4j down took %v", took)
	}
	if code := status(t, srv.URL+"/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d with Neo4j down after the warm-up, want 503", code)
	}
}
