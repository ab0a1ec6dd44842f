package neo4jdb

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
)

// The golden files of testdata/cypher hold the exact Cypher and parameters of every query
// shape the store builds, one file per case. TestGoldenCypher builds each case and
// compares; go test ./neo4jdb -run Golden -update rewrites the files. The database test
// TestTheBuiltQueriesPlanInNeo4j plans every case with EXPLAIN, so the files stay valid
// Cypher.

var update = flag.Bool("update", false, "rewrite the golden files of testdata/cypher")

const goldenDir = "testdata/cypher"

// goldenQuery is one query the store builds, named for its golden file.
type goldenQuery struct {
	name   string
	cypher string // "" when the store sends no query
	params map[string]any
	// browser: the file holds browserCypher(cypher, params), the text Browser users get.
	browser bool
}

// text is the content of the golden file: one "// $name = value" line per parameter
// (JSON values, in name order), a blank line and the Cypher.
func (g goldenQuery) text() string {
	if g.browser {
		return browserCypher(g.cypher, g.params)
	}
	if g.cypher == "" {
		return "// no query: nothing can match\n"
	}
	var b strings.Builder
	for _, k := range sortedKeys(g.params) {
		v, err := json.Marshal(g.params[k])
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(&b, "// $%s = %s\n", k, v)
	}
	b.WriteString("\n")
	b.WriteString(g.cypher)
	b.WriteString("\n")
	return b.String()
}

// goldenQueries builds every case.
func goldenQueries() ([]goldenQuery, error) {
	var out []goldenQuery
	var failed error
	add := func(name, cypher string, params map[string]any, err error) {
		if err != nil && failed == nil {
			failed = fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, goldenQuery{name: name, cypher: cypher, params: params})
	}
	s := func(v string) *string { return &v }
	park := model.EntityTypePark
	first := model.PageArgs{First: 20}
	// Every query answers for a date; the store gives today's for the present.
	const asOf = "2025-01-01"
	entities := func(name string, f model.EntityFilter, page model.PageArgs) {
		if f.AsOf == "" {
			f.AsOf = asOf
		}
		q, params, err := entityQuery(f, page)
		add(name, q, params, err)
	}
	after := func(property string, desc bool, key any) string {
		return cursor{Property: property, Desc: desc, Key: key, ID: "fuling-district-industrial-park"}.encode()
	}

	// Each field of model.EntityFilter.
	entities("filter-name-contains", model.EntityFilter{Type: park, NameContains: "Phoenix Lake"}, first)
	entities("filter-industry", model.EntityFilter{Type: park, Industry: "Biotech"}, first)
	entities("filter-targets-industry-origin", model.EntityFilter{Type: park,
		Targets: &model.TargetFilter{Industry: s("biotech"), InvestorOrigin: s("Taiwanese")}}, first)
	entities("filter-targets-industry", model.EntityFilter{Type: park, Targets: &model.TargetFilter{Industry: s("biotech")}}, first)
	entities("filter-targets-origin", model.EntityFilter{Type: park, Targets: &model.TargetFilter{InvestorOrigin: s("Taiwanese")}}, first)
	entities("filter-zone", model.EntityFilter{Type: park, Zone: "cross-straits-industrial-cooperation-zone-chongqing"}, first)
	entities("filter-district", model.EntityFilter{Type: park, District: "fuling-district"}, first)
	entities("filter-region", model.EntityFilter{Type: park, Region: "Chongqing"}, first)
	entities("filter-company", model.EntityFilter{Type: park, Company: "asus"}, first)
	entities("filter-hosted-in", model.EntityFilter{Type: model.EntityTypeCompany, HostedIn: "chongqing-high-tech-zone"}, first)
	entities("filter-subsector-of", model.EntityFilter{Type: model.EntityTypeIndustry, SubsectorOf: "Electronics"}, first)
	entities("filter-participant", model.EntityFilter{Type: model.EntityTypeEvent, Participant: "chongqing-municipal-government"}, first)
	entities("filter-participated-in", model.EntityFilter{Type: model.EntityTypeOrganization, ParticipatedIn: "smart-china-expo-2023"}, first)
	entities("filter-issued-by", model.EntityFilter{Type: model.EntityTypePolicy, IssuedBy: "chongqing-municipal-government"}, first)
	entities("filter-range-date", model.EntityFilter{Type: model.EntityTypePolicy,
		Ranges: []model.Range{{Property: "issuedOn", Date: true, Min: "2020", Max: "2023-06"}}}, first)
	entities("filter-range-number", model.EntityFilter{Type: park, Ranges: []model.Range{{Property: "areaKm2", Min: 10.0}}}, first)
	entities("filter-as-of", model.EntityFilter{Type: model.EntityTypeZone, AsOf: "2009", Zone: "chongqing-high-tech-zone",
		Ranges: []model.Range{{Property: "areaKm2", Max: 71.0}}}, first)
	entities("filter-combination", model.EntityFilter{Type: park, NameContains: "park", Industry: "biotech", Zone: "cross-straits-industrial-cooperation-zone-chongqing",
		Targets: &model.TargetFilter{InvestorOrigin: s("Taiwanese")},
		Ranges:  []model.Range{{Property: "areaKm2", Min: 1.0, Max: 100.0}, {Property: "established", Date: true, Max: "2010"}}}, first)

	// Each order, on the first page and after a cursor; the total counted or skipped.
	byName, byNameDesc := model.Order{Property: "name"}, model.Order{Property: "name", Desc: true}
	byArea, byAreaDesc := model.Order{Property: "areaKm2"}, model.Order{Property: "areaKm2", Desc: true}
	entities("order-name-asc", model.EntityFilter{Type: park}, first)
	entities("order-name-desc", model.EntityFilter{Type: park}, model.PageArgs{First: 20, Order: byNameDesc})
	entities("order-name-asc-after", model.EntityFilter{Type: park}, model.PageArgs{First: 20, Order: byName, After: after("name", false, "Fuling")})
	entities("order-name-desc-after", model.EntityFilter{Type: park}, model.PageArgs{First: 20, Order: byNameDesc, After: after("name", true, "Fuling")})
	entities("order-name-after-filter", model.EntityFilter{Type: park, Zone: "cross-straits-industrial-cooperation-zone-chongqing"},
		model.PageArgs{First: 20, After: after("name", false, "Fuling")})
	entities("order-area-asc", model.EntityFilter{Type: park}, model.PageArgs{First: 20, Order: byArea})
	entities("order-area-desc", model.EntityFilter{Type: park}, model.PageArgs{First: 20, Order: byAreaDesc})
	entities("order-area-asc-after", model.EntityFilter{Type: park}, model.PageArgs{First: 20, Order: byArea, After: after("areaKm2", false, 73.0)})
	entities("order-area-desc-after", model.EntityFilter{Type: park}, model.PageArgs{First: 20, Order: byAreaDesc, After: after("areaKm2", true, 73.0)})
	entities("total-skipped", model.EntityFilter{Type: park}, model.PageArgs{First: 20, SkipTotal: true})
	entities("total-skipped-sets", model.EntityFilter{Type: park, Industry: "biotech"}, model.PageArgs{First: 20, SkipTotal: true})

	// The lookahead page: hops answered in the page's own query.
	stated := model.Followed(nil, false, false)
	entities("page-with-hops", model.EntityFilter{Type: park}, model.PageArgs{First: 20, With: []model.Hop{
		{Types: []string{"PART_OF"}, Direction: model.DirectionOut, Label: model.EntityTypeZone, MaxHops: model.ContainmentDepth},
		{Types: []string{"TARGETS"}, Direction: model.DirectionOut, Label: model.EntityTypeIndustry, First: 5},
		{Types: []string{"HOSTS"}, Direction: model.DirectionOut, First: 5, Kinds: stated},
	}})
	entities("page-with-unknown-hop", model.EntityFilter{Type: park}, model.PageArgs{First: 20, With: []model.Hop{
		{Types: []string{"NO_SUCH_TYPE"}, Direction: model.DirectionOut},
		{Through: []string{"SUBSECTOR_OF"}, Types: []string{"FOCUSES_ON", "TARGETS"}, Direction: model.DirectionIn, Label: park},
	}})

	// Hops with hops of their own (model.Hop.With), answered in the same query: a zone's
	// parks and their sub-parks, a park's zone (a walk) and its parks, an industry's parks
	// (through its subsectors) and their districts, two levels deep.
	subParks := model.Hop{Types: []string{"PART_OF"}, Direction: model.DirectionIn, Label: park}
	zoneParks := subParks
	zoneParks.With = []model.Hop{subParks}
	parkZone := model.Hop{Types: []string{"PART_OF"}, Direction: model.DirectionOut, Label: model.EntityTypeZone,
		MaxHops: model.ContainmentDepth, With: []model.Hop{zoneParks}}
	entities("page-with-nested-hops", model.EntityFilter{Type: model.EntityTypeZone}, model.PageArgs{First: 20, With: []model.Hop{zoneParks}})
	entities("page-slim", model.EntityFilter{Type: park}, model.PageArgs{First: 20, Slim: true, With: []model.Hop{
		{Types: []string{"PART_OF"}, Direction: model.DirectionOut, Label: model.EntityTypeZone, MaxHops: model.ContainmentDepth, Slim: true},
		{Types: []string{"HOSTS"}, Direction: model.DirectionOut, Label: model.EntityTypeCompany, Slim: true},
		{Through: []string{"SUBSECTOR_OF"}, Types: []string{"FOCUSES_ON", "TARGETS"}, Direction: model.DirectionIn, Label: park, Slim: true},
	}})
	q, params, err := nodeQuery("cross-straits-industrial-cooperation-zone-chongqing", asOf, []model.Hop{zoneParks})
	add("node-with-nested-hops", q, params, err)
	q, params, err = nodeQuery("fuling-district-industrial-park", asOf, []model.Hop{parkZone,
		{Through: []string{"SUBSECTOR_OF"}, Types: []string{"FOCUSES_ON", "TARGETS"}, Direction: model.DirectionIn, Label: park,
			With: []model.Hop{{Types: []string{"PART_OF", "LOCATED_IN"}, Direction: model.DirectionOut, Label: model.EntityTypeDistrict, MaxHops: model.ContainmentDepth}}},
		{Types: []string{"NO_SUCH_TYPE"}, Direction: model.DirectionOut, With: []model.Hop{subParks}},
		{Types: []string{"TARGETS"}, Direction: model.DirectionOut, With: []model.Hop{{Types: []string{"NO_SUCH_TYPE"}, Direction: model.DirectionOut}}},
	})
	add("node-with-deep-hops", q, params, err)
	q, params, err = nodeQuery("fuling-district-industrial-park", asOf, nil)
	add("node", q, params, err)

	// Each hop shape, as Neighbors asks it.
	ids := []string{"fuling-district-industrial-park", "phoenix-lake-industrial-park"}
	hops := []struct {
		name string
		hop  model.Hop
	}{
		{"hop-out-label", model.Hop{Types: []string{"PART_OF"}, Direction: model.DirectionOut, Label: model.EntityTypeZone}},
		{"hop-out-any", model.Hop{Types: []string{"TARGETS", "FOCUSES_ON"}, Direction: model.DirectionOut}},
		{"hop-targets-with-origins", model.Hop{Types: []string{"TARGETS"}, Direction: model.DirectionOut, Label: model.EntityTypeIndustry, Origins: true}},
		{"hop-targets-with-origins-slim", model.Hop{Types: []string{"TARGETS"}, Direction: model.DirectionOut, Label: model.EntityTypeIndustry, Origins: true, Slim: true}},
		{"hop-in-label", model.Hop{Types: []string{"PART_OF"}, Direction: model.DirectionIn, Label: park}},
		{"hop-in-any", model.Hop{Types: []string{"HOSTS"}, Direction: model.DirectionIn}},
		{"hop-both-label", model.Hop{Types: []string{"COOPERATES_WITH"}, Direction: model.DirectionBoth, Label: model.EntityTypeCompany, First: 3}},
		{"hop-both-any", model.Hop{Direction: model.DirectionBoth, First: 3}},
		{"hop-walk", model.Hop{Types: []string{"PART_OF", "LOCATED_IN"}, Direction: model.DirectionOut, Label: model.EntityTypeDistrict, MaxHops: model.ContainmentDepth}},
		{"hop-walk-short", model.Hop{Types: []string{"PART_OF"}, Direction: model.DirectionIn, MaxHops: 3}},
		{"hop-through", model.Hop{Through: []string{"SUBSECTOR_OF"}, Types: []string{"FOCUSES_ON", "TARGETS"}, Direction: model.DirectionIn, Label: park}},
		{"hop-unknown-type", model.Hop{Types: []string{"NO_SUCH_TYPE"}, Direction: model.DirectionOut}},
		// Entity.relations: every type, both directions, stated ones (its default).
		{"neighbors", model.Hop{Direction: model.DirectionBoth, Kinds: stated}},
		{"hop-walk-stated", model.Hop{Types: []string{"PART_OF"}, Direction: model.DirectionIn, MaxHops: 3, Kinds: stated}},
		{"hop-through-stated", model.Hop{Through: []string{"SUBSECTOR_OF"}, Types: []string{"FOCUSES_ON", "TARGETS"}, Direction: model.DirectionIn, Label: park, Kinds: stated}},
	}
	for _, h := range hops {
		h.hop.AsOf = asOf
		q, params, err := neighborsQuery(ids, h.hop)
		add(h.name, q, params, err)
	}

	// The subgraphs, each with the text Browser users get.
	browse := func(name, cypher, browser string, params map[string]any) {
		add(name, cypher, params, nil)
		out = append(out, goldenQuery{name: name + "-browser", cypher: browser, params: params, browser: true})
	}
	// The defaults of the API: stated relationships only; the subgraph with every kind.
	q, browser, params := neighborhoodQuery("fuling-district-industrial-park", 2, nil, stated, 100, asOf)
	browse("neighborhood", q, browser, params)
	q, params = shortestPathQuery("fuling-district-industrial-park", "asus", 6, []string{"PART_OF", "HOSTS"}, stated, asOf)
	browse("shortest-path", q, q, params)
	q, browser, params = subgraphQuery(ids, nil, model.Followed(nil, true, true), asOf)
	browse("subgraph", q, browser, params)

	for _, by := range []model.BreakdownKey{model.BreakdownKeyIndustry, model.BreakdownKeyDistrict,
		model.BreakdownKeyInvestorOrigin, model.BreakdownKeyZone, model.BreakdownKeyRegion} {
		q, params, err := breakdownQuery(model.EntityFilter{Type: park, AsOf: asOf}, by, false, 50)
		add("breakdown-"+strings.ReplaceAll(strings.ToLower(string(by)), "_", "-"), q, params, err)
	}
	taiwan := "Taiwan"
	tabbed := model.EntityFilter{Type: model.EntityTypeZone, AsOf: asOf, NameContains: "zone",
		Targets: &model.TargetFilter{InvestorOrigin: &taiwan}}
	q, params, err = breakdownQuery(tabbed, model.BreakdownKeyDistrict, false, 50)
	add("breakdown-where", q, params, err)
	q, params, err = breakdownQuery(model.EntityFilter{Type: park, AsOf: asOf}, model.BreakdownKeyIndustry, true, 50)
	add("breakdown-roll-up", q, params, err)
	q, params, err = breakdownQuery(model.EntityFilter{Type: park, AsOf: asOf, Zone: "chongqing-high-tech-zone"}, model.BreakdownKeyIndustry, true, 50)
	add("breakdown-roll-up-where", q, params, err)
	q, params, err = crossTabQuery(model.EntityFilter{Type: model.EntityTypeZone, AsOf: asOf}, model.BreakdownKeyIndustry, model.BreakdownKeyInvestorOrigin, 20, 20)
	add("cross-tab", q, params, err)
	q, params, err = crossTabQuery(tabbed, model.BreakdownKeyIndustry, model.BreakdownKeyDistrict, 10, 5)
	add("cross-tab-where", q, params, err)

	q, params = relationshipsQuery([]string{"targets:fuling-district:biotechnology:bcc10cf1",
		"part_of:fuling-district-industrial-park:cross-straits-industrial-cooperation-zone-chongqing", "not-a-relation-id"})
	add("relationships", q, params, nil)
	q, params = resolveQuery(model.EntityFilter{Type: park, Zone: "High-tech Zone", District: "fuling-district", Company: "ASUS"})
	add("resolve-names", q, params, nil)
	zone := model.EntityTypeZone
	q, params, err = contradictionsQuery(nil, "")
	add("contradictions", q, params, err)
	q, params, err = contradictionsQuery(&zone, "areaKm2")
	add("contradictions-type-property", q, params, err)
	q, params = matchQuery(model.MatchQuery{Industry: "Biotech", InvestorOrigin: "Taiwanese", Of: model.MatchPlaceTypes, First: 10, AsOf: asOf})
	add("match", q, params, nil)
	q, params = matchQuery(model.MatchQuery{Industry: "electronics", Of: []model.EntityType{park}, First: 5, AsOf: asOf})
	add("match-parks-any-origin", q, params, nil)
	q, params = factsQuery(ids, "2009")
	add("facts", q, params, nil)
	q, params = searchQuery("Fuling park", nil, 10)
	add("search", q, params, nil)
	q, params = searchQuery("Fuling park", []model.EntityType{park, model.EntityTypeZone}, 10)
	add("search-types", q, params, nil)
	q, params = searchDocumentsQuery("Fuling park", 10)
	add("search-documents", q, params, nil)
	q, params = searchDocumentsQuery(`"High-tech Zone" micro-electronics`, 10)
	add("search-documents-phrase", q, params, nil)
	q, params, err = documentQuery(model.DocumentFilter{}, first)
	add("documents", q, params, err)
	q, params, err = documentQuery(model.DocumentFilter{TitleContains: "Park", Mentions: "fuling-district-industrial-park"},
		model.PageArgs{First: 5, After: cursor{Property: "id", Key: "doc-07", ID: "doc-07"}.encode()})
	add("documents-mentions-after", q, params, err)
	return out, failed
}

func TestGoldenCypher(t *testing.T) {
	cases, err := goldenQueries()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		if names[c.name] {
			t.Fatalf("two cases are named %s", c.name)
		}
		names[c.name] = true
		path := filepath.Join(goldenDir, c.name+".cypher")
		got := c.text()
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (go test ./neo4jdb -run Golden -update writes it)", c.name, err)
			continue
		}
		if got != string(want) {
			t.Errorf("the %s query is not its golden file %s; if the change is meant, run go test ./neo4jdb -run Golden -update and review the diff.\n--- built ---\n%s--- golden ---\n%s",
				c.name, path, got, want)
		}
	}
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.cypher"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".cypher"); !names[name] {
			if *update {
				if err := os.Remove(f); err != nil {
					t.Fatal(err)
				}
				continue
			}
			t.Errorf("%s belongs to no case (go test ./neo4jdb -run Golden -update removes it)", f)
		}
	}
}

// TestGoldenQueriesAreWellFormed checks what can be checked without a database: every
// parameter a query names is given, no hole is left, and the brackets balance.
func TestGoldenQueriesAreWellFormed(t *testing.T) {
	cases, err := goldenQueries()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.cypher == "" {
			continue
		}
		for _, m := range paramName.FindAllStringSubmatch(c.cypher, -1) {
			if _, ok := c.params[m[1]]; !ok {
				t.Errorf("%s names $%s, which is not given", c.name, m[1])
			}
		}
		if strings.Contains(c.cypher, "{{") || strings.Contains(c.cypher, "}}") {
			t.Errorf("%s holds a hole:\n%s", c.name, c.cypher)
		}
		if err := balanced(c.cypher); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestFill(t *testing.T) {
	cases := []struct {
		name, template string
		holes          []string
		want           string
	}{
		{"holes", "MATCH (a)-[{{types}}]->(b{{label}})", []string{"types", ":PART_OF", "label", ":Zone"}, "MATCH (a)-[:PART_OF]->(b:Zone)"},
		{"a hole twice", "{{x}} AND {{x}}", []string{"x", "$a"}, "$a AND $a"},
		{"several lines at the hole's indentation", "CALL {\n  {{body}}\n}", []string{"body", "MATCH (n)\nRETURN n"},
			"CALL {\n  MATCH (n)\n  RETURN n\n}"},
		{"an empty hole alone on its line goes with its line", "A\n  {{x}}\nB", []string{"x", ""}, "A\nB"},
		{"on the first line", "{{x}}\nB", []string{"x", ""}, "B"},
		{"on the last line", "A\n{{x}}", []string{"x", ""}, "A"},
		{"an empty hole within a line stays", "WITH n{{more}}", []string{"more", ""}, "WITH n"},
		{"filled text is not filled again", "{{a}}", []string{"a", "{{b}}"}, "{{b}}"},
		{"$ is Cypher's", "n.id = $id", nil, "n.id = $id"},
	}
	for _, c := range cases {
		if got := fill(c.template, c.holes...); got != c.want {
			t.Errorf("%s: fill(%q, %q) = %q, want %q", c.name, c.template, c.holes, got, c.want)
		}
	}
	panics := []struct {
		name, template string
		holes          []string
	}{
		{"a hole left unfilled", "MATCH (n{{label}})", nil},
		{"a name that is no hole", "MATCH (n)", []string{"label", ":Zone"}},
		{"a name without text", "MATCH (n{{label}})", []string{"label"}},
		{"a name given twice", "{{a}}", []string{"a", "1", "a", "2"}},
		{"an unclosed hole", "MATCH (n{{label)", nil},
	}
	for _, c := range panics {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: fill(%q, %q) did not panic", c.name, c.template, c.holes)
				}
			}()
			fill(c.template, c.holes...)
		}()
	}
}
