package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parkgraph/parkgraph/bench/loadgen"
	"github.com/parkgraph/parkgraph/bench/target"
)

// result is what one load test measured.
type result struct {
	loadgen.Result
	warmUp  loadgen.Result // the warm-up, not in the figures: how the cold start went
	server  string
	ops     []opResult     // per operation, in workload order
	codes   map[string]int // failed requests of the measured phase by code
	peakRSS int64          // bytes
	alive   bool
}

// opResult is one operation's share of the measured phase.
type opResult struct {
	name          string
	requests      int
	errors        int
	p50, p99, max time.Duration
}

// measure runs ops round-robin from concurrency clients (loadgen.Run): warmup first,
// not measured, then duration. Every answer without errors must contain its
// operation's Expect; anything else counts as an error under its code.
func measure(ctx context.Context, client *target.Client, ops []target.Operation, concurrency int, warmup, duration time.Duration) result {
	var (
		next      atomic.Int64
		measuring atomic.Bool
		mu        sync.Mutex
		lat       = make([][]time.Duration, len(ops))
		errs      = make([]int, len(ops))
		codes     = map[string]int{}
	)
	op := func(ctx context.Context) error {
		i := int(next.Add(1)-1) % len(ops)
		a := client.Check(ctx, ops[i])
		code := a.Code()
		if ctx.Err() == nil && measuring.Load() {
			mu.Lock()
			if code == "" {
				lat[i] = append(lat[i], a.Elapsed())
			} else {
				errs[i]++
				codes[code]++
			}
			mu.Unlock()
		}
		if code != "" {
			return fmt.Errorf("%s: %s (%v): %.200s", ops[i].Name, code, a.Err, a.Data)
		}
		return nil
	}
	var warm loadgen.Result
	if warmup > 0 {
		// Warm up here rather than in loadgen.Run, to know when measuring begins.
		warm = loadgen.Run(ctx, op, concurrency, 0, warmup)
	}
	measuring.Store(true)
	res := result{Result: loadgen.Run(ctx, op, concurrency, 0, duration), warmUp: warm}
	measuring.Store(false)
	mu.Lock()
	defer mu.Unlock()
	res.codes = codes
	for i, o := range ops {
		l := lat[i]
		slices.Sort(l)
		r := opResult{name: o.Name, requests: len(l) + errs[i], errors: errs[i]}
		if len(l) > 0 {
			r.p50, r.p99, r.max = percentile(l, 0.50), percentile(l, 0.99), l[len(l)-1]
		}
		res.ops = append(res.ops, r)
	}
	return res
}

// percentile returns the p-th quantile of sorted latencies (nearest rank).
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(p*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// verdict returns an error when the run failed: any error, no request at all, or a
// dead server.
func (r result) verdict() error {
	var problems []error
	if r.Requests == 0 {
		problems = append(problems, errors.New("no request completed"))
	}
	if r.Errors > 0 {
		problems = append(problems, fmt.Errorf("%d of %d requests failed (%s); first: %s", r.Errors, r.Requests, target.CountsByCode(r.codes), r.FirstError))
	}
	if !r.alive {
		problems = append(problems, errors.New("the server process died"))
	}
	return errors.Join(problems...)
}

// write prints the report.
func (r result) write(w io.Writer) {
	fmt.Fprintf(w, "\nload test: %d clients for %.0fs on %s, %d operations of the seed mix round-robin\n",
		r.Concurrency, r.Seconds, r.server, len(r.ops))
	if r.warmUp.Requests > 0 {
		fmt.Fprintf(w, "warm-up (%.0fs, not in the figures below): requests %d, errors %d, %.0f answers/s, p50 %s, p99 %s\n",
			r.warmUp.Seconds, r.warmUp.Requests, r.warmUp.Errors, r.warmUp.Throughput, ms(r.warmUp.P50), ms(r.warmUp.P99))
	}
	fmt.Fprintf(w, "requests %d, errors %d%s, %.0f answers/s, p50 %s, p99 %s, server peak RSS %.1f MiB\n",
		r.Requests, r.Errors, paren(target.CountsByCode(r.codes)), r.Throughput, ms(r.P50), ms(r.P99), float64(r.peakRSS)/(1<<20))
	fmt.Fprintf(w, "\n%-16s %9s %7s %9s %9s %9s\n", "operation", "requests", "errors", "p50", "p99", "max")
	for _, o := range r.ops {
		fmt.Fprintf(w, "%-16s %9d %7d %9s %9s %9s\n", o.name, o.requests, o.errors, ms(o.p50), ms(o.p99), ms(o.max))
	}
	if err := r.verdict(); err != nil {
		fmt.Fprintf(w, "FAIL: %v\n", err)
		return
	}
	fmt.Fprintln(w, "PASS")
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

func paren(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func lastLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "")
}
