package main

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/bench/target"
)

// at returns the test's clock at second s.
func at(s float64) time.Time {
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(s * float64(time.Second)))
}

func ok(start, end float64) target.Answer {
	return target.Answer{Start: at(start), End: at(end), Status: http.StatusOK, Data: []byte(`{"data":{}}`)}
}

func failed(start, end float64, code string) target.Answer {
	return target.Answer{Start: at(start), End: at(end), Status: http.StatusOK, Codes: []string{code}}
}

// healthyRecord is a run in which everything went as it should: load from 0 to 40 s,
// Neo4j down at 10-11 s, started at 20 s, listening at 22 s, Bolt answering at 25 s, the
// server answering 0.5 s later.
func healthyRecord() *record {
	rec := &record{start: at(0), end: at(40),
		faults: []timeline{{fault: "stop", downAt: at(10), downDone: at(11), upAt: at(20), listenAt: at(22), boltAt: at(25), upDone: at(26)}}}
	for s := 0.0; s < 10; s += 0.5 {
		rec.answers = append(rec.answers, ok(s, s+0.1))
	}
	for s := 11.0; s < 25; s += 3 {
		rec.answers = append(rec.answers, failed(s, s+3, "UNAVAILABLE"))
	}
	for s := 25.3; s < 40; s += 0.5 {
		rec.answers = append(rec.answers, ok(s, s+0.2))
	}
	for s := 12.0; s < 19; s++ {
		rec.readyz = append(rec.readyz, probe{sent: at(s), done: at(s + 0.5), status: 503})
	}
	rec.readyz = append(rec.readyz, probe{sent: at(25.1), done: at(25.2), status: 200})
	return rec
}

var testSettings = settings{concurrency: 1, steady: 10 * time.Second, outage: 9 * time.Second,
	recovery: 5 * time.Second, requestTimeout: 15 * time.Second}

func TestAnalyzePassesAHealthyRunAndMeasuresItsRecovery(t *testing.T) {
	r := analyze(healthyRecord(), testSettings, true, true, 50<<20)
	if len(r.failures) > 0 {
		t.Fatalf("failures: %v", r.failures)
	}
	f := r.faults[0]
	if f.errors["UNAVAILABLE"] != 5 || f.firstAnswer != 500*time.Millisecond || f.ready != 200*time.Millisecond ||
		f.lastError != time.Second || f.readyzDown != 7 || f.warmupErrors["UNAVAILABLE"] != 2 {
		t.Errorf("fault: %+v", f)
	}
	var out bytes.Buffer
	r.write(&out)
	for _, want := range []string{"UNAVAILABLE 5", "first GraphQL answer 0.50s, /readyz 200 0.20s, last error 1.00s",
		"listened again 3.0s before Bolt answered; errors that ended after it listened: 2: UNAVAILABLE 2", "PASS"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestAnalyzeTakesATimeoutAfterBoltAnsweredAsASlowRead(t *testing.T) {
	rec := healthyRecord()
	rec.answers = append(rec.answers, failed(21, 26, "TIMEOUT"))
	r := analyze(rec, testSettings, true, true, 50<<20)
	if len(r.failures) > 0 {
		t.Fatalf("failures: %v", r.failures)
	}
	if f := r.faults[0]; f.slowAfterBolt != 1 || f.errors["TIMEOUT"] != 1 {
		t.Errorf("fault: %+v", f)
	}
	var out bytes.Buffer
	r.write(&out)
	if want := "TIMEOUT after Bolt answered (Neo4j answering, the read too slow while it warmed up): 1"; !strings.Contains(out.String(), want) {
		t.Errorf("report lacks %q:\n%s", want, out.String())
	}
}

func TestAnalyzeFailsARunThatBrokeAPromise(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*record)
		alive  bool
		want   string
	}{
		{"an outage error with another code", func(r *record) {
			r.answers = append(r.answers, failed(12, 12.1, "INTERNAL"))
		}, true, "another code than UNAVAILABLE (UNAVAILABLE 5, INTERNAL 1)"},
		{"a timeout while Neo4j was down", func(r *record) {
			r.answers = append(r.answers, failed(13, 18, "TIMEOUT"))
		}, true, "1 outage errors carry another code than UNAVAILABLE (UNAVAILABLE 5, TIMEOUT 1)"},
		{"a refused connection during the outage", func(r *record) {
			r.answers = append(r.answers, target.Answer{Start: at(12), End: at(12.1), Err: errors.New("connection refused")})
		}, true, "TRANSPORT 1"},
		{"an error after the recovery limit", func(r *record) {
			r.answers = append(r.answers, failed(30, 30.2, "UNAVAILABLE"))
		}, true, "1 requests failed outside the outages (UNAVAILABLE 1)"},
		{"a wrong answer in steady load", func(r *record) {
			r.answers = append(r.answers, failed(3, 3.1, target.CodeWrong))
		}, true, "outside the outages (WRONG_DATA 1)"},
		{"no answer within the recovery limit", func(r *record) {
			var kept []target.Answer
			for _, a := range r.answers {
				if a.Code() != "" || a.End.Before(at(20)) {
					kept = append(kept, a)
				}
			}
			r.answers = append(kept, ok(31, 31.1))
		}, true, "no successful GraphQL answer within 5s"},
		{"/readyz late", func(r *record) {
			r.readyz[len(r.readyz)-1] = probe{sent: at(30.5), done: at(30.6), status: 200}
		}, true, "/readyz not 200 within 5s"},
		{"/readyz 200 while Neo4j is down", func(r *record) {
			r.readyz = append(r.readyz, probe{sent: at(15), done: at(15.1), status: 200})
		}, true, "/readyz answered 200 1 times while Neo4j was down"},
		{"a fault that nobody noticed", func(r *record) {
			var kept []target.Answer
			for _, a := range r.answers {
				if a.Code() == "" {
					kept = append(kept, a)
				}
			}
			r.answers = kept
		}, true, "no request failed with UNAVAILABLE"},
		{"a request that hung past the request timeout", func(r *record) {
			r.answers = append(r.answers, failed(11, 28, "UNAVAILABLE"))
		}, true, "1 requests took longer than the request timeout"},
		{"a dead server", func(*record) {}, false, "the server process died"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := healthyRecord()
			c.change(rec)
			r := analyze(rec, testSettings, c.alive, c.alive, 0)
			if !strings.Contains(strings.Join(r.failures, "\n"), c.want) {
				t.Errorf("failures %q, want one with %q", r.failures, c.want)
			}
			var out bytes.Buffer
			r.write(&out)
			if strings.Contains(out.String(), "PASS") || !strings.Contains(out.String(), "FAIL: ") {
				t.Errorf("report does not say FAIL:\n%s", out.String())
			}
		})
	}
}
