package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/parkgraph/parkgraph/bench/target"
)

// settings are the timings and limits of one fault test.
type settings struct {
	concurrency    int
	rate           float64       // requests per second from all clients together; 0 for as fast as they can
	steady         time.Duration // load before, between and after the faults
	outage         time.Duration // load while Neo4j is down, before it is started again
	recovery       time.Duration // longest allowed time from Bolt answering to the server answering
	requestTimeout time.Duration // the server's REQUEST_TIMEOUT
	boltWait       time.Duration // longest wait for Bolt to answer after a start
}

// timeline is when one fault's steps happened.
type timeline struct {
	fault, how string
	downAt     time.Time // taking Neo4j down began
	downDone   time.Time // Neo4j was down
	upAt       time.Time // starting Neo4j again began
	listenAt   time.Time // the Bolt port accepted TCP connections again (zero if it never closed or was not probed)
	boltAt     time.Time // start of the first probe that found Bolt answering again
	upDone     time.Time // the start command returned
	graphAt    time.Time // Neo4j first answered a graph query directly; zero if not within 30 s of boltAt
}

// probes ask Neo4j directly, each through a fresh driver, not through the server.
type probes struct {
	listen func(context.Context) error // the Bolt port accepts a TCP connection
	bolt   func(context.Context) error // Bolt answers RETURN 1
	graph  func(context.Context) error // Neo4j answers a query of the workload
}

// probe is one GET /readyz; status is 0 when no response came.
type probe struct {
	sent, done time.Time
	status     int
}

// record is everything one fault test observed.
type record struct {
	start, end time.Time
	answers    []target.Answer // every GraphQL request, in order of completion
	readyz     []probe
	faults     []timeline
}

// drive loads the server at base with the seed workload from s.concurrency clients at
// s.rate and,
// after s.steady, runs each fault in turn: down, s.outage of load, up, wait until the
// Bolt probe succeeds, then s.recovery plus a second and s.steady more load. /readyz is
// probed every 100 ms throughout; after each fault the graph probe measures when Neo4j
// itself serves the workload again. It returns what it saw, and an error when a fault
// step failed or Bolt did not answer within s.boltWait of a start (the record then ends
// there).
func drive(ctx context.Context, s settings, base string, faults []fault, p probes, logf func(string, ...any)) (*record, error) {
	rec := &record{start: time.Now()}
	var mu sync.Mutex
	loadCtx, stopLoad := context.WithCancel(ctx)
	defer stopLoad()
	var wg sync.WaitGroup
	// The client waits well past the server's deadline, so that a request the server
	// lets run over it is seen, not cut off.
	client := target.NewClient(base, s.concurrency, s.requestTimeout+10*time.Second)
	// Each client sends a request, then waits out the rest of its interval, so that the
	// load stays steady whatever the machine; a request longer than the interval is
	// followed at once by the next.
	var interval time.Duration
	if s.rate > 0 {
		interval = time.Duration(float64(s.concurrency) / s.rate * float64(time.Second))
	}
	for w := range s.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// spread the clients over the interval
			if sleep(loadCtx, interval*time.Duration(w)/time.Duration(s.concurrency)) != nil {
				return
			}
			for i := w; loadCtx.Err() == nil; i++ {
				a := client.Check(loadCtx, target.SeedMix[i%len(target.SeedMix)])
				if loadCtx.Err() != nil {
					return // cut off by the end of the test
				}
				mu.Lock()
				rec.answers = append(rec.answers, a)
				mu.Unlock()
				if sleep(loadCtx, time.Until(a.Start.Add(interval))) != nil {
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		pollReadyz(loadCtx, base, func(p probe) {
			mu.Lock()
			rec.readyz = append(rec.readyz, p)
			mu.Unlock()
		})
	}()
	finish := func() {
		stopLoad()
		wg.Wait()
		rec.end = time.Now()
	}

	err := func() error {
		for _, f := range faults {
			if err := sleep(ctx, s.steady); err != nil {
				return err
			}
			tl := timeline{fault: f.name, how: f.how, downAt: time.Now()}
			logf("%s: taking Neo4j down", f.name)
			if err := f.down(ctx); err != nil {
				return err
			}
			tl.downDone = time.Now()
			logf("%s: Neo4j down after %.1fs; load goes on for %v", f.name, tl.downDone.Sub(tl.downAt).Seconds(), s.outage)
			if err := sleep(ctx, s.outage); err != nil {
				return err
			}
			tl.upAt = time.Now()
			logf("%s: starting Neo4j again", f.name)
			listenAt := make(chan time.Time, 1)
			listenCtx, stopListen := context.WithCancel(ctx)
			go func() { listenAt <- firstAnswer(listenCtx, p.listen, tl.upAt.Add(s.boltWait)) }()
			upErr := make(chan error, 1)
			go func() { upErr <- f.up(ctx) }()
			var err error
			tl.boltAt, err = waitBolt(ctx, p.bolt, upErr, s.boltWait)
			stopListen()
			tl.listenAt = <-listenAt
			if err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			logf("%s: Bolt answers %.1fs after the start began", f.name, tl.boltAt.Sub(tl.upAt).Seconds())
			graphAt := make(chan time.Time, 1)
			go func() { graphAt <- firstAnswer(ctx, p.graph, tl.boltAt.Add(30*time.Second)) }()
			if err := <-upErr; err != nil {
				return err
			}
			tl.upDone = time.Now()
			if err := sleep(ctx, time.Until(tl.boltAt.Add(s.recovery+time.Second))); err != nil {
				return err
			}
			tl.graphAt = <-graphAt
			mu.Lock()
			rec.faults = append(rec.faults, tl)
			mu.Unlock()
		}
		return sleep(ctx, s.steady)
	}()
	finish()
	return rec, err
}

// waitBolt probes every 100 ms, each probe bounded to a second, and returns the start of
// the first probe that succeeded. It gives up when up failed (its error arrives on
// upErr, which is then refilled for the caller) or after wait.
func waitBolt(ctx context.Context, boltAnswers func(context.Context) error, upErr chan error, wait time.Duration) (time.Time, error) {
	deadline := time.Now().Add(wait)
	var last error
	for time.Now().Before(deadline) {
		at := time.Now()
		pctx, cancel := context.WithTimeout(ctx, time.Second)
		last = boltAnswers(pctx)
		cancel()
		if last == nil {
			return at, nil
		}
		select {
		case err := <-upErr:
			upErr <- err
			if err != nil {
				return time.Time{}, err
			}
		default:
		}
		if err := sleep(ctx, time.Until(at.Add(100*time.Millisecond))); err != nil {
			return time.Time{}, err
		}
	}
	return time.Time{}, fmt.Errorf("Bolt did not answer within %v of the start: %v", wait, last)
}

// firstAnswer runs probe every 100 ms, each bounded to 5 s, and returns when the first
// success completed; the zero time when none succeeded before until or ctx ended.
func firstAnswer(ctx context.Context, probe func(context.Context) error, until time.Time) time.Time {
	for time.Now().Before(until) {
		at := time.Now()
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := probe(pctx)
		cancel()
		if err == nil {
			return time.Now()
		}
		if sleep(ctx, time.Until(at.Add(100*time.Millisecond))) != nil {
			break
		}
	}
	return time.Time{}
}

// pollReadyz sends GET /readyz every 100 ms, each without waiting for the ones before,
// and reports every probe to got, until ctx ends.
func pollReadyz(ctx context.Context, base string, got func(probe)) {
	client := &http.Client{Timeout: 10 * time.Second}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := probe{sent: time.Now()}
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/readyz", nil)
			res, err := client.Do(req)
			if err == nil {
				res.Body.Close()
				p.status = res.StatusCode
			} else if ctx.Err() != nil {
				return
			}
			p.done = time.Now()
			got(p)
		}()
	}
}

// healthz reports whether /healthz answers 200 within 5 s.
func healthz(ctx context.Context, base string) bool {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	res.Body.Close()
	return res.StatusCode == http.StatusOK
}

// sleep waits d (nothing when d <= 0) or until ctx ends, and returns ctx's error then.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
