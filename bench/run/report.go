package main

import (
	"encoding/json"
	"fmt"
	"html"
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
	w("- Method: for each size a synthetic dataset (seeds/synth, seed 1) is generated and loaded; then each operation runs at concurrency %v for %s after a %s warm-up against **ours** (this server over HTTP), **peer** (`@neo4j/graphql` on graphql-yoga, bench/peer, over HTTP) and **cypher** (the hand-written Cypher through neo4j-go-driver with our pool settings, in process: the floor). Throughput counts successful requests per second; p50 and p99 are latencies of successful requests in ms.\n", res.Concurrency, res.Duration, res.Warmup)
	w("- Loader: batched load of the whole dataset from empty (rows are documents, entities, facts, relationships and mentions), reload of the unchanged dataset, and the naive baseline: the first rows written one statement and transaction per row.\n\n")
	w("![throughput at concurrency 8](%s)\n\n", chartPath)

	w("## Targets\n\n| target | result | verdict |\n|---|---|---|\n")
	if len(res.Sizes) > 0 {
		small, large := &res.Sizes[0], &res.Sizes[len(res.Sizes)-1]
		for _, op := range workload {
			o, p := large.find(op.Name, "ours", 8), large.find(op.Name, "peer", 8)
			if o != nil && p != nil && p.Throughput > 0 {
				ratio := o.Throughput / p.Throughput
				w("| throughput at c=8 ≥ 3× peer: %s (%d rels) | %.1f× | %s |\n", op.Name, large.Target, ratio, verdict(ratio >= 3))
			} else if o != nil && p != nil {
				w("| throughput at c=8 ≥ 3× peer: %s (%d rels) | ours %.0f/s; the peer completed no request within %s | %s |\n",
					op.Name, large.Target, o.Throughput, res.Duration, verdict(o.Throughput > 0))
			} else if o != nil {
				w("| throughput at c=8 ≥ 3× peer: %s | peer cannot express it | n/a |\n", op.Name)
			}
		}
		for _, op := range workload {
			o, c := large.find(op.Name, "ours", 1), large.find(op.Name, "cypher", 1)
			if o != nil && c != nil && c.P50 > 0 {
				ratio := float64(o.P50) / float64(c.P50)
				w("| p50 at c=1 ≤ 1.25× raw Cypher: %s (%d rels) | %.2f× (%s vs %s ms) | %s |\n", op.Name, large.Target, ratio, ms(o.P50), ms(c.P50), verdict(ratio <= 1.25))
			}
		}
		if len(res.Sizes) > 1 {
			for _, name := range []string{"parksPage", "headline"} {
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
	}
	for _, s := range res.Sizes {
		w("\n## %d relationships\n\n", s.Target)
		w("%d documents, %d entities, %d curated relationships. Peak RSS: ours %.0f MB", s.Documents, s.Entities, s.Relations, float64(s.PeakRSS["ours"])/(1<<20))
		if p := s.PeakRSS["peer"]; p > 0 {
			w(", peer %.0f MB", float64(p)/(1<<20))
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
	for _, r := range s.Runs {
		if r.Concurrency == 8 && r.Throughput > peak {
			peak = r.Throughput
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
