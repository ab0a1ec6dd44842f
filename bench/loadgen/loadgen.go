// Package loadgen runs one operation at a fixed concurrency for a fixed time after a
// warm-up, and reports throughput, latency percentiles and errors. Every run is bounded
// in time and stops by itself.
package loadgen

import (
	"context"
	"sort"
	"sync"
	"time"
)

// Result is what one run measured.
type Result struct {
	Concurrency int           `json:"concurrency"`
	Requests    int           `json:"requests"`
	Errors      int           `json:"errors"`
	Seconds     float64       `json:"seconds"`
	Throughput  float64       `json:"throughput"` // successful requests per second
	P50         time.Duration `json:"p50"`
	P99         time.Duration `json:"p99"`
	FirstError  string        `json:"firstError,omitempty"`
	LatencySum  time.Duration `json:"latencySum"` // of successful requests
	// Hits, HitP99 and HitLatencySum are the successful requests that RunHits's op
	// called hits (answers served from a cache), their p99 and their summed latency;
	// zero for Run.
	Hits          int           `json:"hits,omitempty"`
	HitP99        time.Duration `json:"hitP99,omitempty"`
	HitLatencySum time.Duration `json:"hitLatencySum,omitempty"`
}

// Run calls op from concurrency workers: first for warmup (not measured), then for
// duration, and returns what the second phase measured. A call that returns an error
// counts as an error, not as a latency sample.
func Run(ctx context.Context, op func(context.Context) error, concurrency int, warmup, duration time.Duration) Result {
	return RunHits(ctx, func(ctx context.Context) (bool, error) { return false, op(ctx) }, concurrency, warmup, duration)
}

// RunHits is Run for an op that also says whether a successful call was a hit; the
// result counts the hits and their p99 latency apart.
func RunHits(ctx context.Context, op func(context.Context) (bool, error), concurrency int, warmup, duration time.Duration) Result {
	phase := func(d time.Duration, record bool) Result {
		ctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		var mu sync.Mutex
		var lat, hitLat []time.Duration
		res := Result{Concurrency: concurrency}
		var wg sync.WaitGroup
		start := time.Now()
		for w := 0; w < concurrency; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine, hits []time.Duration
				errs := 0
				first := ""
				for ctx.Err() == nil {
					t := time.Now()
					hit, err := op(ctx)
					if ctx.Err() != nil { // cut off by the end of the phase
						break
					}
					if err != nil {
						errs++
						if first == "" {
							first = err.Error()
						}
						continue
					}
					d := time.Since(t)
					mine = append(mine, d)
					if hit {
						hits = append(hits, d)
					}
				}
				mu.Lock()
				lat = append(lat, mine...)
				hitLat = append(hitLat, hits...)
				res.Errors += errs
				if res.FirstError == "" {
					res.FirstError = first
				}
				mu.Unlock()
			}()
		}
		wg.Wait()
		if !record {
			return res
		}
		res.Seconds = time.Since(start).Seconds()
		res.Requests = len(lat) + res.Errors
		res.Throughput = float64(len(lat)) / res.Seconds
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		res.P50, res.P99 = percentile(lat, 0.50), percentile(lat, 0.99)
		sort.Slice(hitLat, func(i, j int) bool { return hitLat[i] < hitLat[j] })
		res.Hits, res.HitP99 = len(hitLat), percentile(hitLat, 0.99)
		res.LatencySum, res.HitLatencySum = sum(lat), sum(hitLat)
		return res
	}
	if warmup > 0 {
		phase(warmup, false)
	}
	return phase(duration, true)
}

// percentile returns the p-th quantile of sorted latencies (nearest rank), 0 for none.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func sum(lat []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range lat {
		t += d
	}
	return t
}
