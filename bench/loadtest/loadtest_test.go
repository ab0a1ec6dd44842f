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

// buildServer builds ./server into a temporary directory and returns the binary's path.
func buildServer(t *testing.T) string {
	t.Helper()
	bin, err := target.Build("../..", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// TestTheLoadTestRunsCleanOnTheSeedGraph runs the command as make load-test does, at a
// small scale: four clients for two seconds.
func TestTheLoadTestRunsCleanOnTheSeedGraph(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	db := neo4jtest.Config(t)
	env := map[string]string{"NEO4J_URI": db.URI, "NEO4J_USERNAME": db.Username, "NEO4J_PASSWORD": db.Password}
	var out bytes.Buffer
	args := []string{"-server", buildServer(t), "-concurrency", "4", "-warmup", "500ms", "-duration", "2s"}
	if err := run(context.Background(), args, func(k string) string { return env[k] }, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Logf("report:%s", out.String())
	for _, want := range []string{"requests ", "errors 0,", "p99 ", "server peak RSS ", "headline ", "neighborhood ", "PASS"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(out.String(), "peak RSS 0.0 MiB") {
		t.Error("no resident memory sampled")
	}
}

// TestWrongAnswersAndFailuresFailTheLoadTest measures against the real server with one
// operation whose expected answer is wrong and one the server rejects: both count as
// errors under their codes, and the verdict fails.
func TestWrongAnswersAndFailuresFailTheLoadTest(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	db := neo4jtest.Config(t)
	ctx := context.Background()
	srv, err := target.Start(ctx, buildServer(t), []string{"NEO4J_URI=" + db.URI, "NEO4J_USERNAME=" + db.Username,
		"NEO4J_PASSWORD=" + db.Password, "CACHE_BYTES=0"}, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	if err := srv.WaitReady(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	wrong := target.SeedMix[0]
	wrong.Name, wrong.Expect = "wrongAnswer", `"id":"no-such-park"`
	ops := []target.Operation{target.SeedMix[0], wrong, {Name: "tooBig", Query: `{ parks(first: 1000) { nodes { id } } }`}}
	res := measure(ctx, target.NewClient(srv.URL, 2, 10*time.Second), ops, 2, 0, time.Second)
	res.alive = true
	if res.ops[0].errors != 0 || res.ops[0].requests == 0 {
		t.Errorf("headline: %+v", res.ops[0])
	}
	if res.ops[1].errors == 0 || res.ops[1].errors != res.ops[1].requests || res.ops[2].errors != res.ops[2].requests {
		t.Errorf("wrong and rejected operations: %+v %+v", res.ops[1], res.ops[2])
	}
	if res.codes[target.CodeWrong] != res.ops[1].errors || res.codes["INVALID"] != res.ops[2].errors {
		t.Errorf("codes %v", res.codes)
	}
	if res.Errors != res.ops[1].errors+res.ops[2].errors {
		t.Errorf("loadgen counted %d errors, the operations %d", res.Errors, res.ops[1].errors+res.ops[2].errors)
	}
	err = res.verdict()
	if err == nil || !strings.Contains(err.Error(), "WRONG_DATA") {
		t.Errorf("verdict %v", err)
	}
	var out bytes.Buffer
	res.write(&out)
	if !strings.Contains(out.String(), "FAIL: ") {
		t.Errorf("report does not say FAIL:\n%s", out.String())
	}
}
