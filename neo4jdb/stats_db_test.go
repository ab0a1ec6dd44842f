package neo4jdb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// plainKeys is, for each breakdown key, the path from n to the entity g it counts under,
// written as plainly as Cypher allows: the breakdown tests count through these, with
// plainValid, to check the store's composed queries.
var plainKeys = map[model.BreakdownKey]string{
	model.BreakdownKeyIndustry:       "(n)-[:FOCUSES_ON|TARGETS]->(g:Industry)",
	model.BreakdownKeyInvestorOrigin: "(n)-[:TARGETS_INVESTORS_FROM]->(g:Region)",
	model.BreakdownKeyZone:           "(n)-[:PART_OF*1..8]->(g:Zone)",
	model.BreakdownKeyDistrict:       "(n)-[:PART_OF|LOCATED_IN*1..8]->(g:District)",
}

// plainValid holds when every relationship of the path p holds at $asOf (a year, so
// that plain text comparison suffices).
const plainValid = "all(x IN relationships(p) WHERE (x.validFrom IS NULL OR x.validFrom <= $asOf) AND (x.validTo IS NULL OR x.validTo >= $asOf))"

// plainCounts counts the entities n of label that reach a row key a by rows and a column
// key b by columns at asOf, grouped by key (an expression over a and b).
func plainCounts(t *testing.T, store *neo4jdb.Store, label string, rows, columns model.BreakdownKey, key, asOf string) map[string]int {
	t.Helper()
	q := fmt.Sprintf(`MATCH (n:%s)
MATCH p = %s WHERE %s
WITH n, g AS a
MATCH p = %s WHERE %s
WITH n, a, g AS b
RETURN %s AS k, count(DISTINCT n) AS n`, label, plainKeys[rows], plainValid, plainKeys[columns], plainValid, key)
	got, err := neo4jdb.ReadCounts(context.Background(), store, q, map[string]any{"asOf": asOf})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestCrossTabCountsWhatTheRelationshipsSay(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	for _, c := range []struct {
		of            model.EntityType
		rows, columns model.BreakdownKey
		asOf          string
	}{
		{model.EntityTypePark, model.BreakdownKeyIndustry, model.BreakdownKeyInvestorOrigin, "2025"},
		{model.EntityTypeZone, model.BreakdownKeyIndustry, model.BreakdownKeyInvestorOrigin, "2025"},
		{model.EntityTypePark, model.BreakdownKeyZone, model.BreakdownKeyIndustry, "2025"},
		{model.EntityTypePark, model.BreakdownKeyZone, model.BreakdownKeyZone, "2009"},
		{model.EntityTypePark, model.BreakdownKeyIndustry, model.BreakdownKeyIndustry, "2025"},
		{model.EntityTypePark, model.BreakdownKeyDistrict, model.BreakdownKeyIndustry, "2025"},
	} {
		t.Run(fmt.Sprintf("%s by %s and %s at %s", c.of, c.rows, c.columns, c.asOf), func(t *testing.T) {
			tab, err := store.CrossTab(ctx, model.EntityFilter{Type: c.of, AsOf: c.asOf}, c.rows, c.columns, 500, 5)
			if err != nil {
				t.Fatal(err)
			}
			label := c.of.Label()
			cells := plainCounts(t, store, label, c.rows, c.columns, "a.id + ' x ' + b.id", c.asOf)
			rowTotals := plainCounts(t, store, label, c.rows, c.columns, "a.id", c.asOf)
			columnTotals := plainCounts(t, store, label, c.rows, c.columns, "b.id", c.asOf)
			total := plainCounts(t, store, label, c.rows, c.columns, "'all'", c.asOf)["all"]
			if tab.Total != total || total == 0 {
				t.Errorf("total = %d, counted %d (want more than none)", tab.Total, total)
			}
			if len(tab.Rows) != len(rowTotals) || len(tab.Columns) != min(5, len(columnTotals)) {
				t.Errorf("%d rows and %d columns, counted %d row keys and %d column keys (5 asked)",
					len(tab.Rows), len(tab.Columns), len(rowTotals), len(columnTotals))
			}
			for i, r := range tab.Rows {
				if want := rowTotals[r.Entity.GetID()]; r.Count != want {
					t.Errorf("row %s: total %d, counted %d", r.Entity.GetID(), r.Count, want)
				}
				if i > 0 && r.Count > tab.Rows[i-1].Count {
					t.Errorf("row %s (%d) after %s (%d): not most first", r.Entity.GetID(), r.Count, tab.Rows[i-1].Entity.GetID(), tab.Rows[i-1].Count)
				}
				for j, col := range tab.Columns {
					if want := cells[r.Entity.GetID()+" x "+col.Entity.GetID()]; tab.Cells[i][j] != want {
						t.Errorf("cell %s x %s = %d, counted %d", r.Entity.GetID(), col.Entity.GetID(), tab.Cells[i][j], want)
					}
				}
			}
			for _, col := range tab.Columns {
				if want := columnTotals[col.Entity.GetID()]; col.Count != want {
					t.Errorf("column %s: total %d, counted %d", col.Entity.GetID(), col.Count, want)
				}
			}
			// The last column kept has at least as many entities as any column left out.
			if n := len(tab.Columns); n > 0 {
				for id, k := range columnTotals {
					if k > tab.Columns[n-1].Count && !hasBucket(tab.Columns, id) {
						t.Errorf("column %s (%d) left out for %s (%d)", id, k, tab.Columns[n-1].Entity.GetID(), tab.Columns[n-1].Count)
					}
				}
			}
		})
	}
}

func TestACrossTabOfNothingIsEmpty(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	tab, err := store.CrossTab(context.Background(), model.EntityFilter{Type: model.EntityTypePark, NameContains: "no park is called this"},
		model.BreakdownKeyIndustry, model.BreakdownKeyInvestorOrigin, 20, 20)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Total != 0 || len(tab.Rows) != 0 || len(tab.Columns) != 0 || len(tab.Cells) != 0 {
		t.Errorf("cross-tab of no parks: total %d, %d rows, %d columns, %d cell rows; want all 0",
			tab.Total, len(tab.Rows), len(tab.Columns), len(tab.Cells))
	}
}

func hasBucket(bs []*model.Bucket, id string) bool {
	for _, b := range bs {
		if b.Entity.GetID() == id {
			return true
		}
	}
	return false
}

func TestACrossTabAnswersForItsDate(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	// zone counts the parks of the High-tech Zone at asOf: the diagonal of zones by zones.
	const zone = "chongqing-high-tech-zone"
	parks := func(asOf string) (row, cell int) {
		tab, err := store.CrossTab(ctx, model.EntityFilter{Type: model.EntityTypePark, AsOf: asOf},
			model.BreakdownKeyZone, model.BreakdownKeyZone, 50, 50)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range tab.Rows {
			for j, c := range tab.Columns {
				if r.Entity.GetID() == zone && c.Entity.GetID() == zone {
					return r.Count, tab.Cells[i][j]
				}
			}
		}
		return 0, 0
	}
	// relations-part-of.yaml: the North New Area High-tech Park was part of the High-tech
	// Zone from 2007-12 to 2010-06, and is part of the North New Area.
	thenRow, thenCell := parks("2009")
	nowRow, nowCell := parks("")
	if nowRow == 0 || thenRow != nowRow+1 || thenCell != thenRow || nowCell != nowRow {
		t.Errorf("parks of the High-tech Zone: %d (cell %d) in 2009, %d (cell %d) now; want one more in 2009, cells as totals",
			thenRow, thenCell, nowRow, nowCell)
	}
}

func TestARolledUpBreakdownCountsEveryLevelOfTheTaxonomy(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	for _, of := range []model.EntityType{model.EntityTypePark, model.EntityTypeZone, model.EntityTypeCompany} {
		t.Run(string(of), func(t *testing.T) {
			buckets, err := store.Breakdown(ctx, model.EntityFilter{Type: of, AsOf: "2025"}, model.BreakdownKeyIndustry, true, 500)
			if err != nil {
				t.Fatal(err)
			}
			q := fmt.Sprintf(`MATCH (n:%s)
MATCH p = (n)-[:FOCUSES_ON|TARGETS]->(:Industry)-[:SUBSECTOR_OF*0..8]->(g:Industry) WHERE %s
RETURN g.id AS k, count(DISTINCT n) AS n`, of.Label(), plainValid)
			want, err := neo4jdb.ReadCounts(ctx, store, q, map[string]any{"asOf": "2025"})
			if err != nil {
				t.Fatal(err)
			}
			parents, err := neo4jdb.ReadCounts(ctx, store, `MATCH (g:Industry)-[:SUBSECTOR_OF]->(p:Industry) RETURN g.id + ' < ' + p.id AS k, 1 AS n`, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(buckets) != len(want) {
				t.Errorf("%d buckets, counted %d industries at or above those of %s", len(buckets), len(want), of)
			}
			byID := map[string]*model.Bucket{}
			for _, b := range buckets {
				byID[b.Entity.GetID()] = b
			}
			above := 0
			for _, b := range buckets {
				id := b.Entity.GetID()
				if b.Count != want[id] {
					t.Errorf("%s: %d, counted %d", id, b.Count, want[id])
				}
				if b.Level == nil {
					t.Fatalf("%s: no level", id)
				}
				if b.Parent == nil {
					if *b.Level != 0 {
						t.Errorf("%s: no parent at level %d", id, *b.Level)
					}
					continue
				}
				above++
				pid := b.Parent.GetID()
				if parents[id+" < "+pid] != 1 {
					t.Errorf("%s: parent %s, which it is no subsector of", id, pid)
				}
				p := byID[pid]
				switch {
				case p == nil:
					t.Errorf("%s: parent %s has no bucket", id, pid)
				case p.Count < b.Count:
					t.Errorf("%s (%d) counts more than its parent %s (%d)", id, b.Count, pid, p.Count)
				case *p.Level != *b.Level-1:
					t.Errorf("%s at level %d, its parent %s at %d", id, *b.Level, pid, *p.Level)
				}
			}
			if of == model.EntityTypePark && above == 0 {
				t.Error("no bucket below the top of the taxonomy: nothing was rolled up")
			}
		})
	}
}

func TestABreakdownCountsOnlyWhatItsWhereMatches(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	count := func(f model.EntityFilter) map[string]int {
		t.Helper()
		f.AsOf = "2025"
		buckets, err := store.Breakdown(ctx, f, model.BreakdownKeyIndustry, false, 500)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, b := range buckets {
			out[b.Entity.GetID()] = b.Count
		}
		return out
	}
	park := model.EntityTypePark
	want, err := neo4jdb.ReadCounts(ctx, store, `MATCH (n:Park)-[:PART_OF*1..8]->(:Zone {id: 'cross-straits-industrial-cooperation-zone-chongqing'})
MATCH (n)-[:FOCUSES_ON|TARGETS]->(g:Industry)
RETURN g.id AS k, count(DISTINCT n) AS n`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("no park of the Cross-Straits zone has an industry")
	}
	for name, f := range map[string]model.EntityFilter{
		"the zone by id":   {Type: park, Zone: "cross-straits-industrial-cooperation-zone-chongqing"},
		"the zone by name": {Type: park, Zone: strings.ToUpper("Cross-Straits Industrial Cooperation Zone in Chongqing")},
	} {
		if got := count(f); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: %v, counted %v", name, got, want)
		}
	}
	if got := count(model.EntityFilter{Type: park, Zone: "No Such Zone"}); len(got) != 0 {
		t.Errorf("an unknown zone: %v, want nothing", got)
	}
	taiwan := "Taiwanese"
	all, targeting := count(model.EntityFilter{Type: model.EntityTypeZone}), count(model.EntityFilter{Type: model.EntityTypeZone,
		Targets: &model.TargetFilter{InvestorOrigin: &taiwan}})
	if len(targeting) == 0 {
		t.Fatal("no zone targets Taiwanese investors")
	}
	for id, n := range targeting {
		if n > all[id] {
			t.Errorf("%s: %d zones targeting Taiwanese investors, %d in all", id, n, all[id])
		}
	}
}
