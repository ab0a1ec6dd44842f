package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/parkgraph/parkgraph/bench/target"
)

// none marks a time that was never observed.
const none = time.Duration(-1)

// faultResult is what one fault did to the server. Its window runs from the moment
// taking Neo4j down began to the recovery limit after Bolt answered again; errors inside
// it are outage errors.
type faultResult struct {
	timeline
	requests, served int
	errors           map[string]int // by code
	warmupErrors     map[string]int // those that ended after the Bolt port listened again (Neo4j starting or warming up)
	slowAfterBolt    int            // TIMEOUTs that ended after Bolt answered: Neo4j answered, the read was too slow
	firstAnswer      time.Duration  // first successful GraphQL answer after Bolt answered (0 if before); none if never
	ready            time.Duration  // first /readyz 200 after Bolt answered (0 if before); none if never
	lastError        time.Duration  // last failed answer after Bolt answered; none if none failed after it
	readyzDown       int            // /readyz 503s between Neo4j down and the start
	readyzUpDown     int            // /readyz 200s between Neo4j down and the start
	graph            time.Duration  // Neo4j's own first answer to a workload query after Bolt answered; none if never
}

// report is the outcome of a fault test.
type report struct {
	settings
	server, neo4j    string
	pid              int
	start            time.Time
	duration         time.Duration
	requests, served int
	outsideErrors    map[string]int // errors outside every fault window, by code
	outsideFirst     []string       // the first few of them: when, code, how long
	hung             int            // answers later than the request timeout plus a second, or none at all in time
	slowest          time.Duration
	faults           []faultResult
	timeline         []bucket // answers per 5 s since the start
	alive, healthy   bool
	peakRSS          int64
	failures         []string
}

// bucket counts the answers that completed in 5 s of the run.
type bucket struct{ served, failed int }

const bucketSize = 5 * time.Second

// analyze turns a record into a report and lists the failed checks in report.failures.
// alive and healthy say whether the server process still ran and /healthz answered 200
// after the last fault; peakRSS is its largest resident set.
func analyze(rec *record, s settings, alive, healthy bool, peakRSS int64) report {
	r := report{settings: s, start: rec.start, duration: rec.end.Sub(rec.start), outsideErrors: map[string]int{},
		alive: alive, healthy: healthy, peakRSS: peakRSS}
	fail := func(format string, args ...any) { r.failures = append(r.failures, fmt.Sprintf(format, args...)) }
	for _, tl := range rec.faults {
		r.faults = append(r.faults, faultResult{timeline: tl, errors: map[string]int{}, warmupErrors: map[string]int{},
			firstAnswer: none, ready: none, lastError: none, graph: none})
		if f := &r.faults[len(r.faults)-1]; !tl.graphAt.IsZero() {
			f.graph = max(0, tl.graphAt.Sub(tl.boltAt))
		}
	}
	window := func(t time.Time) *faultResult {
		for i := range r.faults {
			f := &r.faults[i]
			if !t.Before(f.downAt) && !t.After(f.boltAt.Add(s.recovery)) {
				return f
			}
		}
		return nil
	}
	hungAfter := s.requestTimeout + time.Second
	for _, a := range rec.answers {
		r.requests++
		r.slowest = max(r.slowest, a.Elapsed())
		if a.TimedOut() || a.Elapsed() > hungAfter {
			r.hung++
		}
		code := a.Code()
		if code == "" {
			r.served++
		}
		if i := int(a.End.Sub(rec.start) / bucketSize); i >= 0 {
			for len(r.timeline) <= i {
				r.timeline = append(r.timeline, bucket{})
			}
			if code == "" {
				r.timeline[i].served++
			} else {
				r.timeline[i].failed++
			}
		}
		f := window(a.End)
		if f == nil {
			if code != "" {
				r.outsideErrors[code]++
				if len(r.outsideFirst) < 5 {
					r.outsideFirst = append(r.outsideFirst, fmt.Sprintf("%s at %.1fs after %.1fs",
						code, a.End.Sub(rec.start).Seconds(), a.Elapsed().Seconds()))
				}
			}
			continue
		}
		f.requests++
		if code == "" {
			f.served++
			if a.End.After(f.upAt) && f.firstAnswer == none {
				f.firstAnswer = max(0, a.End.Sub(f.boltAt))
			}
			continue
		}
		f.errors[code]++
		if code == "TIMEOUT" && a.End.After(f.boltAt) {
			f.slowAfterBolt++
		}
		if !f.listenAt.IsZero() && a.End.After(f.listenAt) {
			f.warmupErrors[code]++
		}
		if a.End.After(f.boltAt) {
			f.lastError = max(f.lastError, a.End.Sub(f.boltAt))
		}
	}
	for _, p := range rec.readyz {
		for i := range r.faults {
			f := &r.faults[i]
			switch {
			case p.sent.After(f.downDone) && p.done.Before(f.upAt) && p.status == 503:
				f.readyzDown++
			case p.sent.After(f.downDone) && p.done.Before(f.upAt) && p.status == 200:
				f.readyzUpDown++
			case p.sent.After(f.downDone) && p.done.After(f.upAt) && p.status == 200 && f.ready == none:
				f.ready = max(0, p.done.Sub(f.boltAt))
			}
		}
	}

	if r.served == 0 {
		fail("no request was served")
	}
	if n := sum(r.outsideErrors); n > 0 {
		fail("%d requests failed outside the outages (%s)", n, target.CountsByCode(r.outsideErrors))
	}
	for _, f := range r.faults {
		if f.errors["UNAVAILABLE"] == 0 {
			fail("%s: no request failed with UNAVAILABLE while Neo4j was down", f.fault)
		}
		// Once Bolt answers again, a read that runs past its deadline while Neo4j warms up
		// is a true TIMEOUT (the server checks that Neo4j answers before it says so);
		// before that, every outage error must be UNAVAILABLE.
		if other := sum(f.errors) - f.errors["UNAVAILABLE"] - f.slowAfterBolt; other > 0 {
			fail("%s: %d outage errors carry another code than UNAVAILABLE (%s)", f.fault, other, target.CountsByCode(f.errors))
		}
		if f.readyzDown == 0 {
			fail("%s: /readyz never answered 503 while Neo4j was down", f.fault)
		}
		if f.readyzUpDown > 0 {
			fail("%s: /readyz answered 200 %d times while Neo4j was down", f.fault, f.readyzUpDown)
		}
		if f.firstAnswer == none || f.firstAnswer > s.recovery {
			fail("%s: no successful GraphQL answer within %v of Bolt answering", f.fault, s.recovery)
		}
		if f.ready == none || f.ready > s.recovery {
			fail("%s: /readyz not 200 within %v of Bolt answering", f.fault, s.recovery)
		}
	}
	if r.hung > 0 {
		fail("%d requests took longer than the request timeout (%v) plus a second", r.hung, s.requestTimeout)
	}
	if !alive {
		fail("the server process died")
	} else if !healthy {
		fail("/healthz did not answer 200 at the end")
	}
	return r
}

// write prints the report.
func (r report) write(w io.Writer) {
	pace := "as fast as they can"
	if r.rate > 0 {
		pace = fmt.Sprintf("at up to %.0f requests/s", r.rate)
	}
	fmt.Fprintf(w, "\nfault test: %d clients %s for %.0fs on %s (REQUEST_TIMEOUT %v), Neo4j %s\n",
		r.concurrency, pace, r.duration.Seconds(), r.server, r.requestTimeout, r.neo4j)
	fmt.Fprintf(w, "requests: %d, served %d (%.0f/s overall); outside the outages %d errors%s\n",
		r.requests, r.served, float64(r.served)/r.duration.Seconds(), sum(r.outsideErrors), paren(target.CountsByCode(r.outsideErrors)))
	if len(r.outsideFirst) > 0 {
		fmt.Fprintf(w, "  first of them (time since the start, request duration): %s\n", strings.Join(r.outsideFirst, "; "))
	}
	for i, f := range r.faults {
		fmt.Fprintf(w, "\nfault %d, %s: %s\n", i+1, f.fault, f.how)
		fmt.Fprintf(w, "  at %.1fs: Neo4j down %.1fs after the fault began; Bolt answered again %.1fs later (start took %.1fs)\n",
			f.downAt.Sub(r.start).Seconds(), f.downDone.Sub(f.downAt).Seconds(), f.boltAt.Sub(f.downDone).Seconds(), f.upDone.Sub(f.upAt).Seconds())
		fmt.Fprintf(w, "  outage window (fault to %v after Bolt): %d requests, %d served, %d errors%s\n",
			r.recovery, f.requests, f.served, sum(f.errors), paren(target.CountsByCode(f.errors)))
		if !f.listenAt.IsZero() {
			fmt.Fprintf(w, "  the Bolt port listened again %.1fs before Bolt answered; errors that ended after it listened: %d%s\n",
				f.boltAt.Sub(f.listenAt).Seconds(), sum(f.warmupErrors), paren(target.CountsByCode(f.warmupErrors)))
		}
		if f.slowAfterBolt > 0 {
			fmt.Fprintf(w, "  TIMEOUT after Bolt answered (Neo4j answering, the read too slow while it warmed up): %d\n", f.slowAfterBolt)
		}
		fmt.Fprintf(w, "  /readyz while Neo4j was down: %d x 503, %d x 200\n", f.readyzDown, f.readyzUpDown)
		fmt.Fprintf(w, "  recovery after Bolt answered: first GraphQL answer %s, /readyz 200 %s, last error %s (limit %v)\n",
			seconds(f.firstAnswer, "never"), seconds(f.ready, "never"), seconds(f.lastError, "none"), r.recovery)
		fmt.Fprintf(w, "  Neo4j itself (a fresh driver, the headline query) answered %s after Bolt\n", seconds(f.graph, "not within 30s"))
	}
	fmt.Fprintf(w, "\nanswers per %v, served/failed, from the start:", bucketSize)
	for i, b := range r.timeline {
		if i%8 == 0 {
			fmt.Fprintf(w, "\n ")
		}
		fmt.Fprintf(w, " %4.0fs %4d/%-3d", (time.Duration(i) * bucketSize).Seconds(), b.served, b.failed)
	}
	fmt.Fprintln(w)
	state := "alive"
	if !r.alive {
		state = "DEAD"
	} else if !r.healthy {
		state = "alive, /healthz failing"
	}
	fmt.Fprintf(w, "\nslowest request %.2fs (request timeout %v), hung %d\n", r.slowest.Seconds(), r.requestTimeout, r.hung)
	fmt.Fprintf(w, "server pid %d: %s, peak RSS %.1f MiB\n", r.pid, state, float64(r.peakRSS)/(1<<20))
	if len(r.failures) == 0 {
		fmt.Fprintln(w, "PASS")
		return
	}
	for _, f := range r.failures {
		fmt.Fprintln(w, "FAIL:", f)
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}

// seconds prints d, or ifNone when d is none.
func seconds(d time.Duration, ifNone string) string {
	if d == none {
		return ifNone
	}
	return fmt.Sprintf("%.2fs", d.Seconds())
}
