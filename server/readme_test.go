package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/model"
)

// readmeSection returns the lines of the README section whose heading is heading, up to
// the next heading of any level.
func readmeSection(t *testing.T, heading string) []string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "#") {
			if in {
				break
			}
			in = strings.TrimLeft(line, "# ") == heading
			continue
		}
		if in {
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		t.Fatalf("the README has no section %q", heading)
	}
	return lines
}

// tableRows returns the cells of the rows of every table in lines whose first cell is
// not a header, keyed by the first cell.
func tableRows(lines []string) map[string][]string {
	rows := map[string][]string{}
	for _, line := range lines {
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows[cells[0]] = cells[1:]
	}
	return rows
}

func TestTheReadmeStatesEveryLimitAsTheCodeDefinesIt(t *testing.T) {
	limits := readmeSection(t, "Limits and cost")
	rows := tableRows(limits)
	bounds := map[string]model.Bound{
		"`first` of every list (`zones`, `parks`, …, `documents`)": model.PageSize,
		"`relations(first:)`":                         model.RelationsPage,
		"`search(first:)`, `searchDocuments(first:)`": model.SearchPage,
		"`breakdown(first:)`":                         model.BreakdownPage,
		"`crossTab(firstRows:)`":                      model.CrossTabRows,
		"`crossTab(firstColumns:)`":                   model.CrossTabColumns,
		"`neighborhood(depth:)`":                      model.NeighborhoodDepth,
		"`neighborhood(limit:)`":                      model.NeighborhoodLimit,
		"`shortestPath(maxDepth:)`":                   model.PathDepth,
		"`match(first:)`":                             model.MatchPage,
		"`subgraph(ids:)`":                            {Min: 0, Max: model.MaxSubgraphNodes},
	}
	for arg, b := range bounds {
		row, ok := rows[arg]
		if !ok {
			t.Errorf("the limits table has no row for %s", arg)
			continue
		}
		wantDefault := strconv.Itoa(b.Default)
		if arg == "`subgraph(ids:)`" {
			wantDefault = ""
		}
		if row[0] != wantDefault {
			t.Errorf("%s: the README says default %q, the code %q", arg, row[0], wantDefault)
		}
		if want := strconv.Itoa(b.Min) + " to " + strconv.Itoa(b.Max); strings.TrimSuffix(row[1], " ids") != want {
			t.Errorf("%s: the README says range %q, the code %q", arg, row[1], want)
		}
	}
	prose := strings.Join(limits, " ")
	for _, want := range []string{
		"at most " + strconv.Itoa(model.MaxRelations) + " per entity",
		"at most " + strconv.Itoa(model.ContainmentDepth) + " hops deep",
		"at most " + strconv.Itoa(model.MaxCrossTabCells) + " cells",
		"lists at most " + strconv.Itoa(model.MatchPathsPerPart) + " paths",
	} {
		if !strings.Contains(prose, want) {
			t.Errorf("the limits section does not say %q", want)
		}
	}

	cfg, err := loadConfig(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	thousands := regexp.MustCompile(`,`)
	operation := map[string]int{
		"selection depth":  cfg.Limits.MaxDepth,
		"cost":             cfg.Limits.MaxComplexity,
		"aliases":          cfg.Limits.MaxAliases,
		"top-level fields": cfg.Limits.MaxRootFields,
		"parser tokens":    cfg.Limits.MaxTokens,
	}
	for name, want := range operation {
		row, ok := rows[name]
		if !ok {
			t.Errorf("the limits table has no row for %s", name)
			continue
		}
		if got := thousands.ReplaceAllString(row[0], ""); got != strconv.Itoa(want) {
			t.Errorf("%s: the README says %s, the code %d", name, row[0], want)
		}
	}
	if got, want := rows["request body"], strconv.Itoa(cfg.MaxBodyBytes>>10)+" KiB"; len(got) == 0 || got[0] != want {
		t.Errorf("request body: the README says %v, the code %s", got, want)
	}

	env := tableRows(readmeSection(t, "Configuration"))
	settings := map[string]string{
		"`MAX_DEPTH`":       strconv.Itoa(cfg.Limits.MaxDepth),
		"`MAX_COMPLEXITY`":  strconv.Itoa(cfg.Limits.MaxComplexity),
		"`MAX_ALIASES`":     strconv.Itoa(cfg.Limits.MaxAliases),
		"`MAX_ROOT_FIELDS`": strconv.Itoa(cfg.Limits.MaxRootFields),
		"`MAX_TOKENS`":      strconv.Itoa(cfg.Limits.MaxTokens),
		"`MAX_BODY_BYTES`":  strconv.Itoa(cfg.MaxBodyBytes),
		"`REQUEST_TIMEOUT`": cfg.RequestTimeout.String(),
		"`QUERY_TIMEOUT`":   cfg.Neo4j.QueryTimeout.String(),
		"`CACHE_BYTES`":     strconv.Itoa(cfg.CacheBytes),
	}
	for name, want := range settings {
		row, ok := env[name]
		if !ok {
			t.Errorf("the configuration table has no row for %s", name)
			continue
		}
		got := strings.Trim(row[0], "`")
		if d, err := time.ParseDuration(got); err == nil && strings.HasSuffix(name, "TIMEOUT`") {
			got = d.String()
		}
		if got != want {
			t.Errorf("%s: the README says default %s, the code %s", name, row[0], want)
		}
	}
}

func TestTheReadmeRankingTableIsTheCodes(t *testing.T) {
	lines := readmeSection(t, "Matchmaking")
	rows := tableRows(lines)
	var order []string // the rules, as the table lists them
	for _, line := range lines {
		if strings.HasPrefix(line, "| `") {
			order = append(order, strings.TrimSpace(strings.Split(line, "|")[1]))
		}
	}
	if len(order) != len(model.MatchRules) {
		t.Errorf("the ranking table has %d rules, the code %d", len(order), len(model.MatchRules))
	}
	for i, r := range model.MatchRules {
		name := "`" + string(r.Rule) + "`"
		row, ok := rows[name]
		if !ok {
			t.Errorf("the ranking table has no row for %s", name)
			continue
		}
		if want := strconv.FormatFloat(r.Weight, 'f', -1, 64); row[0] != want {
			t.Errorf("%s: the README says weight %s, the code %s", name, row[0], want)
		}
		if i < len(order) && order[i] != name {
			t.Errorf("row %d of the ranking table is %s, the code's rule %d is %s", i+1, order[i], i+1, name)
		}
	}
	if prose := strings.Join(lines, " "); model.MatchInferredFactor != 0.5 || !strings.Contains(prose, "**half** of it") {
		t.Errorf("the README says an inferred path earns half its weight; the code says %v", model.MatchInferredFactor)
	}
}
