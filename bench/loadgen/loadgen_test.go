package loadgen

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunCountsRequestsErrorsAndLatencies(t *testing.T) {
	var n atomic.Int64
	op := func(ctx context.Context) error {
		time.Sleep(2 * time.Millisecond)
		if n.Add(1)%10 == 0 {
			return errors.New("every tenth call fails")
		}
		return nil
	}
	r := Run(context.Background(), op, 4, 50*time.Millisecond, 300*time.Millisecond)
	if r.Requests == 0 || r.Errors == 0 || r.Errors > r.Requests/5 {
		t.Fatalf("requests %d errors %d", r.Requests, r.Errors)
	}
	if r.P50 < 2*time.Millisecond || r.P99 < r.P50 {
		t.Errorf("p50 %v p99 %v", r.P50, r.P99)
	}
	// Four workers sleeping 2 ms each can do at most about 2,000 calls a second.
	if r.Throughput <= 0 || r.Throughput > 2100 {
		t.Errorf("throughput %.0f/s", r.Throughput)
	}
	if r.FirstError != "every tenth call fails" {
		t.Errorf("first error %q", r.FirstError)
	}
}

func TestPercentileUsesNearestRank(t *testing.T) {
	lat := []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if p := percentile(lat, 0.5); p != 5 {
		t.Errorf("p50 = %v", p)
	}
	if p := percentile(lat, 0.99); p != 10 {
		t.Errorf("p99 = %v", p)
	}
	if p := percentile(nil, 0.5); p != 0 {
		t.Errorf("empty p50 = %v", p)
	}
}

func TestRunHitsCountsHitsAndTheirLatencyApart(t *testing.T) {
	var n atomic.Int64
	// Every other call is a fast hit; the misses take 5 ms.
	op := func(ctx context.Context) (bool, error) {
		if n.Add(1)%2 == 0 {
			return true, nil
		}
		time.Sleep(5 * time.Millisecond)
		return false, nil
	}
	r := RunHits(context.Background(), op, 2, 20*time.Millisecond, 200*time.Millisecond)
	if r.Hits == 0 || r.Hits >= r.Requests {
		t.Fatalf("hits %d of %d requests", r.Hits, r.Requests)
	}
	if r.HitP99 <= 0 || r.HitP99 >= 5*time.Millisecond || r.P99 < 5*time.Millisecond {
		t.Errorf("hit p99 %v, p99 %v", r.HitP99, r.P99)
	}
	if misses := r.Requests - r.Hits; r.LatencySum-r.HitLatencySum < time.Duration(misses)*5*time.Millisecond || r.HitLatencySum >= r.LatencySum/2 {
		t.Errorf("latency sums %v, of hits %v, for %d misses", r.LatencySum, r.HitLatencySum, misses)
	}
	if plain := Run(context.Background(), func(context.Context) error { return nil }, 1, 0, 20*time.Millisecond); plain.Hits != 0 || plain.HitP99 != 0 {
		t.Errorf("Run counted hits: %+v", plain)
	}
}
