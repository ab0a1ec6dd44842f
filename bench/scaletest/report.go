package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/parkgraph/parkgraph/bench/target"
)

// report is what a scale test measured: every answer, and the phases of the run.
type report struct {
	settings settings
	answers  []answer
	phases   []phase
	// firstFailure describes the first failed answer, for a look at what went wrong.
	firstFailure string
	// peakRSS is the largest resident set size of any replica process, in bytes.
	peakRSS int64
}

// phaseStats is what happened to the requests that began in one phase.
type phaseStats struct {
	phase    phase
	requests int
	failures map[string]int // by code
	p99      time.Duration  // of the correct answers
}

func (r *report) stats() []phaseStats {
	out := make([]phaseStats, len(r.phases))
	lat := make([][]time.Duration, len(r.phases))
	for i, p := range r.phases {
		out[i] = phaseStats{phase: p, failures: map[string]int{}}
	}
	for _, a := range r.answers {
		for i, p := range r.phases {
			if !a.start.Before(p.start) && a.start.Before(p.end) {
				out[i].requests++
				if a.code != "" {
					out[i].failures[a.code]++
				} else {
					lat[i] = append(lat[i], a.end.Sub(a.start))
				}
				break
			}
		}
	}
	for i := range out {
		sort.Slice(lat[i], func(a, b int) bool { return lat[i][a] < lat[i][b] })
		if n := len(lat[i]); n > 0 {
			out[i].p99 = lat[i][min(n-1, (n*99+99)/100-1)]
		}
	}
	return out
}

func failed(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func (r *report) write(w io.Writer) {
	fmt.Fprintf(w, "\nscale test: %d replicas behind HAProxy, %d clients, SHUTDOWN_DELAY %s\n\n",
		r.settings.replicas, r.settings.concurrency, r.settings.shutdownDelay)
	fmt.Fprintf(w, "| phase | seconds | requests | req/s | failed | by code | p99 |\n|---|---|---|---|---|---|---|\n")
	total, totalFailed := 0, 0
	for _, s := range r.stats() {
		secs := s.phase.end.Sub(s.phase.start).Seconds()
		fmt.Fprintf(w, "| %s | %.1f | %d | %.0f | %d | %s | %.1f ms |\n", s.phase.name, secs, s.requests,
			float64(s.requests)/secs, failed(s.failures), orDash(target.CountsByCode(s.failures)), float64(s.p99)/float64(time.Millisecond))
		total += s.requests
		totalFailed += failed(s.failures)
	}
	fmt.Fprintf(w, "\n%d requests, %d failed; largest replica peak RSS %.1f MiB\n", total, totalFailed, float64(r.peakRSS)/(1<<20))
	if r.firstFailure != "" {
		fmt.Fprintf(w, "first failure: %s\n", r.firstFailure)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// verdict passes a run in which no request failed outside the SIGKILL phase, and in that
// phase no more failed than the clients (each holds one request at a time, so the killed
// replica held at most that many), and every phase served requests.
func (r *report) verdict() error {
	var problems []string
	for _, s := range r.stats() {
		n := failed(s.failures)
		switch {
		case s.requests == 0:
			problems = append(problems, s.phase.name+": no request was answered")
		case strings.HasPrefix(s.phase.name, "SIGKILL") && n > r.settings.concurrency:
			problems = append(problems, fmt.Sprintf("%s: %d failed, more than the %d requests the replica could hold", s.phase.name, n, r.settings.concurrency))
		case !strings.HasPrefix(s.phase.name, "SIGKILL") && n > 0:
			problems = append(problems, fmt.Sprintf("%s: %d failed (%s), want none", s.phase.name, n, target.CountsByCode(s.failures)))
		}
	}
	if len(problems) > 0 {
		return errors.New("FAIL: " + strings.Join(problems, "; "))
	}
	return nil
}
