package graph

import (
	"context"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/model"
)

func TestAPanicInABatchedFetchReleasesTheSiblingsAtOnce(t *testing.T) {
	ctx := WithBatch(context.Background())
	siblings(ctx, []string{"a", "b"})
	key := fetchKey{kind: fetchFacts}
	fetching := make(chan struct{})
	panicked := make(chan any, 1)
	go func() {
		defer func() { panicked <- recover() }()
		_, _ = load(ctx, key, "a", func(ids []string) (map[string]int, error) {
			close(fetching)
			time.Sleep(50 * time.Millisecond) // let the sibling start waiting
			panic("store exploded")
		})
	}()
	<-fetching
	type result struct {
		v   int
		err error
	}
	sibling := make(chan result, 1)
	go func() {
		v, err := load(ctx, key, "b", func(ids []string) (map[string]int, error) {
			t.Error("the sibling fetched again instead of sharing the group's fetch")
			return nil, nil
		})
		sibling <- result{v, err}
	}()
	select {
	case r := <-sibling:
		if model.ErrorCode(r.err) != model.CodeInternal {
			t.Errorf("the sibling got %v, %v; want an INTERNAL error", r.v, r.err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the sibling still waits 2 s after the fetch panicked")
	}
	if p := <-panicked; p != "store exploded" {
		t.Errorf("the field that ran the fetch recovered %v, want the panic to reach it", p)
	}
}

func TestFieldsWithTheSameHopShareOneFetch(t *testing.T) {
	if neighborsKey(parkZone.Hop) != neighborsKey(parkZones.Hop) {
		t.Error("Park.zone and Park.zones walk the same hop but have different fetch keys")
	}
	if neighborsKey(parkZone.Hop) == neighborsKey(parkDistricts.Hop) {
		t.Error("Park.zone and Park.districts share a fetch key")
	}
	other := parkTargets.Hop
	other.First = 3
	if neighborsKey(other) == neighborsKey(parkTargets.Hop) {
		t.Error("hops that differ only in First share a fetch key")
	}
}
