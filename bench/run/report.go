package main

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// writeReport writes results.json, chart.svg and the markdown report.
func writeReport(cfg config, res *results) error {
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(cfg.out, "results.json"), data, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(cfg.out, "chart.svg"), []byte(chart(res)), 0o644); err != nil {
		return err
	}
	rel, _ := filepath.Rel(filepath.Dir(cfg.report), filepath.Join(cfg.out, "chart.svg"))
	return os.WriteFile(cfg.report, []byte(markdown(res, rel)), 0o644)
}

// find returns the run of op by target at concurrency c, or nil.
func (s *sizeResult) find(op, target string, c int) *runResult {
	for i := range s.Runs {
		r := &s.Runs[i]
		if r.Op == op && r.Target == target && r.Concurrency == c {
			return r
		}
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}

func markdown(res *results, chartPath string) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Benchmarks\n\nWritten by `make bench` (bench/run) on %s. Do not edit: run it again.\n\n", res.Started.Format("2006-01-02 15:04 MST"))
	w("- Machine: %s\n", res.Machine)
	var vs []string
	for k, v := range res.Versions {
		vs = append(vs, k+" "+v)
	}
	w("- Versions: %s; Neo4j 5.26 Community (the same instance for every target)\n", strings.Join(sortStrings(vs), ", "))
	w("- Method: for each size a synthetic dataset (seeds/synth, seed 1) is generated and loaded; then each operation runs at concurrency %v for %s after a %s warm-up against **ours** (this server over HTTP), **peer** (`@neo4j/graphql` on graphql-yoga, bench/peer, over HTTP) and **cypher** (the hand-written Cypher through neo4j-go-driver with our pool settings, in process: the floor). Throughput counts successful requests per second; p50 and p99 are latencies of successful requests in ms; a request fails on a non-200 status, a GraphQL error or an answer without the operation's expected piece.\n", res.Concurrency, res.Duration, res.Warmup)
	w("- Response caches: each operation also runs at concurrency %v for %s against **ours cached** (this server with `CACHE_BYTES` at its default, 64 MiB) and **peer cached** (the peer with graphql-yoga's response cache plugin, bench/peer/README.md), after each has answered it until it was a hit (at most 5 requests) and the same warm-up. A hit is an answer our server marks `X-Cache: HIT` or the plugin marks `extensions.responseCache.hit`; the hit ratio is hits over requests of the measured time, and hit p99 the p99 latency of hits alone. \"/metrics hits\" is our server's own `parkgraph_cache_requests_total{result=\"hit\"}` over warm-up and measured time.\n", res.CachedConcurrency, res.CachedDuration)
	w("- Dashboard workload: %d operations with variables (bench/run/dashboard.go); %.0f%% of requests repeat one of %d fixed (operation, variables) pairs, the others pick an operation and draw new variables from the dataset's ids (seeded: every server gets the same sequence, its runs one after the other); at concurrency %v for %s after the fixed pairs were primed the same way and the warm-up, against ours cached, peer cached and ours uncached as the reference. Peak RSS is sampled every 100 ms during the dashboard runs only.\n", len(dashboard), 100*dashboardRepeat, len(dashboard), res.CachedConcurrency, res.Duration)
	w("- Loader: batched load of the whole dataset from empty (rows are documents, entities, facts, relationships and mentions), reload of the unchanged dataset, and the naive baseline: the first rows written one statement and transaction per row.\n\n")
	w("![throughput at concurrency 8](%s)\n\n", chartPath)

	w("## Targets\n\n| target | result | verdict |\n|---|---|---|\n")
	if len(res.Sizes) > 0 {
		small, large := &res.Sizes[0], &res.Sizes[len(res.Sizes)-1]
		// The uncached targets: at least the peer's throughput on every operation, and 3x
		// on the geometric mean of the operations both answered within the run.
		logSum, both := 0.0, 0
		var unanswered []string
		for _, op := range workload {
			o, p := large.find(op.Name, "ours", 8), large.find(op.Name, "peer", 8)
			if o != nil && p != nil && p.Throughput > 0 {
				ratio := o.Throughput / p.Throughput
				w("| throughput at c=8 ≥ 1.0× peer: %s (%d rels) | %.2f× (%.0f vs %.0f req/s) | %s |\n", op.Name, large.Target, ratio, o.Throughput, p.Throughput, verdict(ratio >= 1))
				if o.Throughput > 0 {
					logSum, both = logSum+math.Log(ratio), both+1
				}
			} else if o != nil && p != nil {
				w("| throughput at c=8 ≥ 1.0× peer: %s (%d rels) | ours %.0f/s; the peer completed no request within %s | %s |\n",
					op.Name, large.Target, o.Throughput, res.Duration, verdict(o.Throughput > 0))
				unanswered = append(unanswered, op.Name)
			} else if o != nil {
				w("| throughput at c=8 ≥ 1.0× peer: %s | peer cannot express it | n/a |\n", op.Name)
			}
		}
		if both > 0 {
			gm := math.Exp(logSum / float64(both))
			note := ""
			if len(unanswered) > 0 {
				note = fmt.Sprintf("; left out, the peer answering none: %s", strings.Join(unanswered, ", "))
			}
			w("| throughput at c=8 ≥ 3× peer, geometric mean (%d rels) | %.2f× over %d operations%s | %s |\n", large.Target, gm, both, note, verdict(gm >= 3))
		}
		for _, op := range workload {
			o, c := large.find(op.Name, "ours", 1), large.find(op.Name, "cypher", 1)
			if o != nil && c != nil && c.P50 > 0 {
				ratio := float64(o.P50) / float64(c.P50)
				w("| p50 at c=1 ≤ 1.25× raw Cypher: %s (%d rels) | %.2f× (%s vs %s ms) | %s |\n", op.Name, large.Target, ratio, ms(o.P50), ms(c.P50), verdict(ratio <= 1.25))
			}
		}
		if len(res.Sizes) > 1 {
			// The operations whose answer does not grow with the graph: a page, one zone,
			// the top ten of a search, a shortest path.
			for _, name := range []string{"parksPage", "zone", "search", "shortestPath"} {
				a, z := small.find(name, "ours", 1), large.find(name, "ours", 1)
				if a != nil && z != nil && a.P50 > 0 {
					ratio := float64(z.P50) / float64(a.P50)
					w("| growth %d → %d rels ≤ 1.5×: %s p50 | %.2f× (%s → %s ms) | %s |\n", small.Target, large.Target, name, ratio, ms(a.P50), ms(z.P50), verdict(ratio <= 1.5))
				}
			}
		}
		for _, s := range res.Sizes {
			if s.Load.NaiveRowsPerSecond > 0 {
				ratio := s.Load.RowsPerSecond / s.Load.NaiveRowsPerSecond
				w("| loader ≥ 20× row by row (%d rels) | %.0f× (%.0f vs %.0f rows/s) | %s |\n", s.Target, ratio, s.Load.RowsPerSecond, s.Load.NaiveRowsPerSecond, verdict(ratio >= 20))
			}
		}
		if large.Target >= 1000000 {
			w("| loader ≥ 25k relationships/s at %d rels | %.0f/s | %s |\n", large.Target, large.Load.RelsPerSecond, verdict(large.Load.RelsPerSecond >= 25000))
		} else {
			w("| loader ≥ 25k relationships/s at 1M rels | not measured in this run (largest size %d: %.0f/s) | n/a |\n", large.Target, large.Load.RelsPerSecond)
		}
		for _, s := range res.Sizes {
			if rss := s.PeakRSS["ours"]; rss > 0 {
				w("| server RSS under load < 150 MB (%d rels) | %.0f MB | %s |\n", s.Target, float64(rss)/(1<<20), verdict(rss < 150<<20))
			}
		}
		o, p := large.find(dashboardOp, oursCached, 32), large.find(dashboardOp, peerCached, 32)
		switch {
		case o == nil:
			w("| dashboard throughput at c=32 ours cached ≥ 3× peer cached | not measured in this run (no dashboard run at c=32) | n/a |\n")
		case p == nil:
			w("| dashboard throughput at c=32 ours cached ≥ 3× peer cached | not measured in this run (no peer) | n/a |\n")
		case p.Throughput > 0:
			ratio := o.Throughput / p.Throughput
			w("| dashboard throughput at c=32 ours cached ≥ 3× peer cached (%d rels) | %.1f× (%.0f vs %.0f req/s) | %s |\n", large.Target, ratio, o.Throughput, p.Throughput, verdict(ratio >= 3))
		default:
			w("| dashboard throughput at c=32 ours cached ≥ 3× peer cached (%d rels) | ours %.0f/s; the peer completed no request within %s | %s |\n", large.Target, o.Throughput, res.Duration, verdict(o.Throughput > 0))
		}
		if o != nil && o.Hits > 0 {
			w("| dashboard p99 of cache hits at c=32 < 5 ms (%d rels) | %s ms (%d hits, %.0f%% of requests) | %s |\n", large.Target, ms(o.HitP99), o.Hits, 100*o.hitRatio(), verdict(o.HitP99 < 5*time.Millisecond))
		} else if o != nil {
			w("| dashboard p99 of cache hits at c=32 < 5 ms (%d rels) | no hits | **not met** |\n", large.Target)
		}
		for _, s := range res.Sizes {
			if rss := s.DashboardRSS[oursCached]; rss > 0 {
				w("| our RSS under the dashboard load < 200 MB, default cache size (%d rels) | %.0f MB | %s |\n", s.Target, float64(rss)/(1<<20), verdict(rss < 200<<20))
			}
		}
		w("\nWhere a target is not met, [gaps.md](gaps.md) shows where the time goes, with the profiles measured beside this run.\n")
	}
	for _, s := range res.Sizes {
		w("\n## %d relationships\n\n", s.Target)
		w("%d documents, %d entities, %d curated relationships. Peak RSS: ours %.0f MB", s.Documents, s.Entities, s.Relations, float64(s.PeakRSS["ours"])/(1<<20))
		for _, t := range []struct{ name, label string }{{peer, "peer"}, {oursCached, "ours cached"}, {peerCached, "peer cached"}} {
			if p := s.PeakRSS[t.name]; p > 0 {
				w(", %s %.0f MB", t.label, float64(p)/(1<<20))
			}
		}
		w(".\n\n| loader | value |\n|---|---|\n")
		w("| parse and validate | %.1f s |\n| batched load from empty | %.1f s, %d rows, %.0f rows/s, %.0f relationships/s |\n", s.Load.ParseSeconds, s.Load.LoadSeconds, s.Load.Rows, s.Load.RowsPerSecond, s.Load.RelsPerSecond)
		w("| reload unchanged | %.1f s |\n| row by row (first %d rows) | %.1f s, %.0f rows/s |\n\n", s.Load.ReloadSeconds, s.Load.NaiveRows, s.Load.NaiveSeconds, s.Load.NaiveRowsPerSecond)
		w("| operation | c | ours req/s | ours p50 | ours p99 | peer req/s | peer p50 | peer p99 | cypher req/s | cypher p50 | cypher p99 | errors (ours/peer/cypher) |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n")
		for _, op := range workload {
			for _, c := range res.Concurrency {
				cell := func(r *runResult) (string, string, string, int) {
					if r == nil {
						return "–", "–", "–", 0
					}
					return fmt.Sprintf("%.0f", r.Throughput), ms(r.P50), ms(r.P99), r.Errors
				}
				ot, o50, o99, oe := cell(s.find(op.Name, "ours", c))
				pt, p50, p99, pe := cell(s.find(op.Name, "peer", c))
				ct, c50, c99, ce := cell(s.find(op.Name, "cypher", c))
				w("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d/%d/%d |\n", op.Name, c, ot, o50, o99, pt, p50, p99, ct, c50, c99, oe, pe, ce)
			}
		}
		cachedTable(w, &s, res.CachedConcurrency)
		dashboardTable(w, &s, res.CachedConcurrency)
		if len(s.Profile) > 0 {
			w("\nWhere our time goes (mean of %d sequential requests per operation, from the server's /metrics): Neo4j round trips per request, the time inside them (summed: round trips of sibling fields overlap), the time in the GraphQL handler, and the floor, the Cypher p50 at c=1.\n\n", profileRequests)
			w("| operation | round trips | Neo4j ms | handler ms | floor p50 ms |\n|---|---|---|---|---|\n")
			for _, op := range workload {
				p, ok := s.Profile[op.Name]
				if !ok {
					continue
				}
				floor := "–"
				if c := s.find(op.Name, "cypher", 1); c != nil {
					floor = ms(c.P50)
				}
				if p.Error != "" {
					w("| %s | failed: %s | | | %s |\n", op.Name, strings.ReplaceAll(p.Error, "|", "/"), floor)
					continue
				}
				w("| %s | %.1f | %.2f | %.2f | %s |\n", op.Name, p.RoundTrips, p.DBms, p.Totalms, floor)
			}
		}
	}
	if len(res.PeerNotes) > 0 {
		w("\n## What the peer cannot express\n\n")
		var keys []string
		for k := range res.PeerNotes {
			keys = append(keys, k)
		}
		for _, k := range sortStrings(keys) {
			w("- **%s**: %s\n", k, res.PeerNotes[k])
		}
	}
	return b.String()
}

// cachedTable writes the runs of every operation with response caches, beside the
// uncached runs of ours and the peer at the same concurrency.
func cachedTable(w func(string, ...any), s *sizeResult, concurrency []int) {
	if len(concurrency) == 0 || s.find(workload[0].Name, oursCached, concurrency[0]) == nil {
		return
	}
	w("\nWith response caches (uncached req/s of the table above, at the same concurrency, for comparison):\n\n")
	w("| operation | c | ours cached req/s | p50 | p99 | hit p99 | hit ratio | /metrics hits | ours req/s | peer cached req/s | p50 | p99 | hit p99 | hit ratio | peer req/s | errors (ours cached/peer cached) |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, op := range workload {
		for _, c := range concurrency {
			o, p := s.find(op.Name, oursCached, c), s.find(op.Name, peerCached, c)
			oc, pc := cachedCells(o), cachedCells(p)
			metricHits := "–"
			if o != nil && o.Metrics != nil {
				metricHits = fmt.Sprintf("%d", o.Metrics.Hits)
			}
			w("| %s | %d | %s | %s | %s | %s | %s | %d/%d |\n", op.Name, c, oc, metricHits, throughput(s.find(op.Name, ours, c)),
				pc, throughput(s.find(op.Name, peer, c)), errorsOf(o), errorsOf(p))
		}
	}
}

// dashboardTable writes the runs of the dashboard workload and the peak memory of each
// server during them.
func dashboardTable(w func(string, ...any), s *sizeResult, concurrency []int) {
	if len(concurrency) == 0 || s.find(dashboardOp, oursCached, concurrency[0]) == nil {
		return
	}
	w("\nDashboard workload:\n\n| target | c | req/s | p50 | p99 | hit p99 | hit ratio | errors | peak RSS |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, c := range concurrency {
		for _, t := range []struct{ name, label string }{{oursCached, "ours cached"}, {peerCached, "peer cached"}, {ours, "ours (cache off)"}} {
			if r := s.find(dashboardOp, t.name, c); r != nil {
				w("| %s | %d | %s | %d | %.0f MB |\n", t.label, c, cachedCells(r), r.Errors, float64(s.DashboardRSS[t.name])/(1<<20))
			}
		}
	}
	w("\nWhere the dashboard's time goes: the misses (requests not answered from the cache), their share of the summed latency of all requests, and our server's Neo4j round trips and the time in them over the run (warm-up included; misses and the dataset digest reads make them).\n\n")
	w("| target | c | misses | share of latency in misses | Neo4j round trips | Neo4j s |\n|---|---|---|---|---|---|\n")
	for _, c := range concurrency {
		for _, t := range []struct{ name, label string }{{oursCached, "ours cached"}, {peerCached, "peer cached"}} {
			r := s.find(dashboardOp, t.name, c)
			if r == nil || r.LatencySum <= 0 {
				continue
			}
			trips, secs := "–", "–"
			if r.Metrics != nil {
				trips, secs = fmt.Sprintf("%d", r.Metrics.Neo4jQueries), fmt.Sprintf("%.1f", r.Metrics.Neo4jSeconds)
			}
			w("| %s | %d | %d | %.0f%% | %s | %s |\n", t.label, c, r.Requests-r.Errors-r.Hits,
				100*float64(r.LatencySum-r.HitLatencySum)/float64(r.LatencySum), trips, secs)
		}
	}
}

// cachedCells is "req/s | p50 | p99 | hit p99 | hit ratio" of a run with a cache.
func cachedCells(r *runResult) string {
	if r == nil {
		return "– | – | – | – | –"
	}
	hitP99 := "–"
	if r.Hits > 0 {
		hitP99 = ms(r.HitP99)
	}
	return fmt.Sprintf("%.0f | %s | %s | %s | %.0f%%", r.Throughput, ms(r.P50), ms(r.P99), hitP99, 100*r.hitRatio())
}

func throughput(r *runResult) string {
	if r == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f", r.Throughput)
}

func errorsOf(r *runResult) int {
	if r == nil {
		return 0
	}
	return r.Errors
}

func sortStrings(s []string) []string {
	sort.Strings(s)
	return s
}

// chart draws throughput at concurrency 8 per operation at the largest size: one bar per
// target, scaled to the largest value.
func chart(res *results) string {
	if len(res.Sizes) == 0 {
		return `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`
	}
	s := &res.Sizes[len(res.Sizes)-1]
	targets := []struct{ name, color string }{{"ours", "#2f6fdb"}, {"peer", "#e07b39"}, {"cypher", "#7a7a7a"}}
	peak := 1.0
	for _, op := range workload {
		for _, t := range targets {
			if r := s.find(op.Name, t.name, 8); r != nil && r.Throughput > peak {
				peak = r.Throughput
			}
		}
	}
	const left, top, barH, gap, width = 130, 40, 12, 14, 520
	height := top + len(workload)*(3*barH+gap) + 30
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">`+"\n", left+width+90, height)
	fmt.Fprintf(&b, `<text x="10" y="20" font-size="13">Requests per second at concurrency 8, %d relationships</text>`+"\n", s.Target)
	for i, t := range targets {
		fmt.Fprintf(&b, `<rect x="%d" y="26" width="10" height="10" fill="%s"/><text x="%d" y="35">%s</text>`+"\n", left+i*90, t.color, left+i*90+14, t.name)
	}
	y := top + 6
	for _, op := range workload {
		fmt.Fprintf(&b, `<text x="10" y="%d">%s</text>`+"\n", y+barH+4, html.EscapeString(op.Name))
		for _, t := range targets {
			if r := s.find(op.Name, t.name, 8); r != nil {
				w := int(float64(width) * r.Throughput / peak)
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/><text x="%d" y="%d">%.0f</text>`+"\n",
					left, y, max(w, 1), barH-2, t.color, left+max(w, 1)+4, y+barH-3, r.Throughput)
			}
			y += barH
		}
		y += gap
	}
	b.WriteString("</svg>\n")
	return b.String()
}
