package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/bench/target"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// TestRollingRestartsBehindHAProxyFailNoRequest runs the whole scale test at a small
// scale: three replicas of the real server behind a real HAProxy, each restarted with
// SIGTERM under load, then one SIGKILLed. Under CI=true a missing HAProxy fails the test.
func TestRollingRestartsBehindHAProxyFailNoRequest(t *testing.T) {
	if _, err := exec.LookPath("haproxy"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("haproxy is not installed; .ci/run installs it")
		}
		t.Skip("haproxy is not installed (apt-get install haproxy)")
	}
	neo4jtest.LoadSeeds(t, neo4jtest.Open(t))
	bin, err := target.Build("../..", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := settings{server: bin, haproxy: "haproxy", replicas: 3, concurrency: 8, warmup: 2 * time.Second, steady: 3 * time.Second,
		shutdownDelay: 2500 * time.Millisecond, timeout: 20 * time.Second, neo4j: neo4jtest.Config(t)}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var log bytes.Buffer
	rep, err := scaleTest(ctx, s, &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	var out bytes.Buffer
	rep.write(&out)
	t.Logf("%s", out.String())
	if err := rep.verdict(); err != nil {
		t.Error(err)
	}
	for _, want := range []string{"steady load", "graceful restart of r0", "graceful restart of r2", "SIGKILL of r0", "steady load after"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks the phase %q", want)
		}
	}
	if len(rep.answers) < 100 {
		t.Errorf("only %d requests went through the load balancer", len(rep.answers))
	}
}

func TestAPhaseWithAFailedRequestFailsTheVerdict(t *testing.T) {
	t0 := time.Now()
	p := func(name string, from, to int) phase {
		return phase{name, t0.Add(time.Duration(from) * time.Second), t0.Add(time.Duration(to) * time.Second)}
	}
	at := func(sec int, code string) answer {
		s := t0.Add(time.Duration(sec)*time.Second + time.Millisecond)
		return answer{s, s.Add(time.Millisecond), code}
	}
	r := &report{settings: settings{concurrency: 2},
		phases:  []phase{p("steady load", 0, 1), p("graceful restart of r0 (SIGTERM)", 1, 2), p("SIGKILL of r0, then its restart", 2, 3)},
		answers: []answer{at(0, ""), at(1, ""), at(2, "TRANSPORT"), at(2, "TRANSPORT")}}
	if err := r.verdict(); err != nil {
		t.Errorf("two failures during the SIGKILL with two clients: %v, want a pass", err)
	}
	r.answers = append(r.answers, at(1, "TRANSPORT"))
	if err := r.verdict(); err == nil || !strings.Contains(err.Error(), "graceful restart of r0 (SIGTERM): 1 failed") {
		t.Errorf("a failure during a graceful restart: %v, want a failing verdict naming it", err)
	}
}
