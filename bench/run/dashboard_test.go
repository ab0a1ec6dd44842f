package main

import (
	"bytes"
	"testing"

	"github.com/parkgraph/parkgraph/seeds/synth"
)

func TestTheDashboardMixRepeatsFourInFiveFixedPairsReproducibly(t *testing.T) {
	shape := synth.ShapeFor(100000)
	a, b := newDashboardMix(shape), newDashboardMix(shape)
	if len(a.fixed) != len(dashboard) {
		t.Fatalf("%d fixed pairs for %d operations", len(a.fixed), len(dashboard))
	}
	const n = 10000
	repeats := 0
	for range n {
		ra, rb := a.next(), b.next()
		if !bytes.Equal(ra.ours, rb.ours) || !bytes.Equal(ra.peer, rb.peer) {
			t.Fatalf("two mixes of one shape differ: %s vs %s", ra.ours, rb.ours)
		}
		for _, f := range a.fixed {
			if bytes.Equal(ra.ours, f.ours) {
				repeats++
				break
			}
		}
	}
	// 80% repeats, plus the few new draws that happen to equal a fixed pair.
	if share := float64(repeats) / n; share < 0.78 || share > 0.84 {
		t.Errorf("%.3f of requests repeat a fixed pair", share)
	}
}

func TestEveryDashboardOperationExpectsWhatItAsks(t *testing.T) {
	m := newDashboardMix(synth.ShapeFor(1000))
	for i, op := range dashboard {
		r := m.fixed[i]
		if !bytes.Contains(r.ours, []byte(`"variables":{`)) || !bytes.Contains(r.peer, []byte(`"variables":{`)) {
			t.Errorf("%s: a request without variables: %s", op.Name, r.ours)
		}
		if r.expect == "" {
			t.Errorf("%s: nothing expected", op.Name)
		}
	}
	// seeds/synth gives every industry but industry-00 (Biotechnology, alias biotech)
	// the alias indNN: search draws only those.
	for range 1000 {
		if q := dashboard[4].Vars(m.rng, m.shape)["q"]; q == "ind00" {
			t.Fatalf("search draws %s, an alias no industry has", q)
		}
	}
	search := dashboardRequestOf(dashboard[4], map[string]any{"q": "ind07"})
	if dashboard[4].Name != "search" || search.expect != `"id":"industry-07"` {
		t.Errorf("%s expects %s for ind07", dashboard[4].Name, search.expect)
	}
}
