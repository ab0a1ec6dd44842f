package neo4jdb_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
	"github.com/parkgraph/parkgraph/seeds"
)

func TestLoadingTheSeedsTwiceGivesTheSameGraph(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	before, err := store.Fingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	counts, err := store.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := store.Load(ctx, ds, seeds.Mentions(ds))
	if err != nil {
		t.Fatal(err)
	}
	if rep.NodesCreated != 0 || rep.RelationshipsCreated != 0 || rep.NodesDeleted != 0 || rep.RelationshipsDeleted != 0 {
		t.Errorf("second load changed the graph: %+v", rep)
	}
	after, err := store.Fingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("fingerprint changed on reload: %s -> %s", before, after)
	}
	if got := counts.Labels["Entity"]; got != len(ds.Entities) {
		t.Errorf("Entity nodes = %d, want %d", got, len(ds.Entities))
	}
	if got := counts.Labels["Document"]; got != len(ds.Documents) {
		t.Errorf("Document nodes = %d, want %d", got, len(ds.Documents))
	}
	curated := 0
	for typ, n := range counts.Relationships {
		if _, ok := model.RelationTypes[typ]; ok {
			curated += n
		}
	}
	if curated != len(ds.Relations) {
		t.Errorf("curated relationships = %d, want %d", curated, len(ds.Relations))
	}
}

func TestLoadRemovesWhatTheDatasetNoLongerHolds(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	const gone = "asus"
	smaller := &model.Dataset{Documents: ds.Documents}
	for _, e := range ds.Entities {
		if e.ID != gone {
			smaller.Entities = append(smaller.Entities, e)
		}
	}
	for _, r := range ds.Relations {
		if r.From != gone && r.To != gone {
			smaller.Relations = append(smaller.Relations, r)
		}
	}
	if _, err := store.Load(ctx, smaller, seeds.Mentions(smaller)); err != nil {
		t.Fatal(err)
	}
	nodes, err := store.FindNodes(ctx, []string{gone, "chongqing-high-tech-zone"})
	if err != nil {
		t.Fatal(err)
	}
	stamps, err := store.Stamps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Dataset == nil || stamps[st.Dataset.Digest] == 0 || len(stamps) != 2 {
		t.Errorf("stats.dataset = %+v with stamps %v, want the one digest the smaller load left", st.Dataset, stamps)
	}
	if n, err := neo4jdb.ReadRows(ctx, store, "MATCH (d:Dataset) RETURN d"); err != nil || n != 1 {
		t.Errorf("%d Dataset nodes (%v), want the one of the last load", n, err)
	}
	if _, ok := nodes[gone]; ok {
		t.Errorf("%s is still in the graph after a load without it", gone)
	}
	if _, ok := nodes["chongqing-high-tech-zone"]; !ok {
		t.Errorf("an entity still in the dataset disappeared")
	}
	neo4jtest.LoadSeeds(t, store)
	nodes, err = store.FindNodes(ctx, []string{gone})
	if err != nil || nodes[gone] == nil {
		t.Fatalf("%s not back after reloading the seeds: %v", gone, err)
	}
}

// TestALoadRecordsItsDatasetAndTheDocumentsTheirURL checks the provenance a load writes:
// one Dataset node with the digest everything carries, when it was loaded and by which
// loader, and each document's url where its metadata gives one.
func TestALoadRecordsItsDatasetAndTheDocumentsTheirURL(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	defer neo4jtest.LoadSeeds(t, store)
	const url = "https://www.example.com/doc-000.html"
	docs := make([]*model.Document, len(ds.Documents))
	for i, d := range ds.Documents {
		c := *d
		if i == 0 {
			u := url
			c.URL = &u
		}
		docs[i] = &c
	}
	withURL := *ds
	withURL.Documents = docs
	before := time.Now().UTC().Add(-time.Second)
	if _, err := store.Load(ctx, &withURL, seeds.Mentions(&withURL)); err != nil {
		t.Fatal(err)
	}
	st, err := store.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stamps, err := store.Stamps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Dataset == nil {
		t.Fatal("stats.dataset is nil after a load")
	}
	loadedAt, err := time.Parse(time.RFC3339, st.Dataset.LoadedAt)
	if err != nil || loadedAt.Before(before.Truncate(time.Second)) || loadedAt.After(time.Now().Add(time.Second)) {
		t.Errorf("loadedAt %q (%v), want the time of the load", st.Dataset.LoadedAt, err)
	}
	if st.Dataset.LoaderVersion != neo4jdb.LoaderVersion() || st.Dataset.LoaderVersion == "" {
		t.Errorf("loaderVersion %q, want %q", st.Dataset.LoaderVersion, neo4jdb.LoaderVersion())
	}
	if len(stamps) != 2 || stamps[st.Dataset.Digest] == 0 {
		t.Errorf("digest %s, stamps %v: want the digest everything carries", st.Dataset.Digest, stamps)
	}
	nodes, err := store.FindNodes(ctx, []string{docs[0].ID, docs[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	first, second := nodes[docs[0].ID].(*model.Document), nodes[docs[1].ID].(*model.Document)
	if first.URL == nil || *first.URL != url || second.URL != nil {
		t.Errorf("urls %v and %v, want %s and none", first.URL, second.URL, url)
	}
}

func TestFindEntitiesPagesThroughAllParksWithoutRepeatOrSkip(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := neo4jtest.LoadSeeds(t, store)
	want := map[string]bool{}
	for _, e := range ds.Entities {
		if e.Type == model.EntityTypePark {
			want[e.ID] = true
		}
	}
	seen := map[string]bool{}
	after := ""
	for pages := 0; ; pages++ {
		page, err := store.FindEntities(context.Background(), model.EntityFilter{Type: model.EntityTypePark}, model.PageArgs{First: 4, After: after})
		if err != nil {
			t.Fatal(err)
		}
		if page.TotalCount != len(want) {
			t.Fatalf("totalCount = %d, want %d", page.TotalCount, len(want))
		}
		for _, e := range page.Entities {
			if seen[e.GetID()] {
				t.Fatalf("page %d repeats %s", pages, e.GetID())
			}
			seen[e.GetID()] = true
		}
		if !page.HasNextPage {
			break
		}
		after = page.Cursors[len(page.Cursors)-1]
	}
	if len(seen) != len(want) {
		t.Fatalf("walk saw %d parks, want %d", len(seen), len(want))
	}
}

func TestFiltersMatchSynonymsAndKeepTargetConditionsOnOneEdge(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	str := func(s string) *string { return &s }
	cases := []struct {
		name string
		f    model.EntityFilter
		want []string
	}{
		{"Taiwanese biotech parks", model.EntityFilter{Type: model.EntityTypePark, Targets: &model.TargetFilter{Industry: str("biotech"), InvestorOrigin: str("Taiwanese")}},
			[]string{"fuling-district-industrial-park"}},
		{"the same by id and in capitals", model.EntityFilter{Type: model.EntityTypePark, Targets: &model.TargetFilter{Industry: str("BIOTECHNOLOGY"), InvestorOrigin: str("taiwan")}},
			[]string{"fuling-district-industrial-park"}},
		{"parks of the Cross-Straits zone at any depth", model.EntityFilter{Type: model.EntityTypePark, Zone: "cross-straits-industrial-cooperation-zone-chongqing"},
			[]string{"chongqing-high-tech-zone-industrial-park", "fuling-district-industrial-park", "fuling-high-tech-industrial-development-zone",
				"jinfeng-electronic-information-industrial-park", "phoenix-lake-industrial-park", "xiyong-micro-electronics-park", "yongchuan-district-industrial-park"}},
		{"name contains matches aliases case-insensitively", model.EntityFilter{Type: model.EntityTypePark, NameContains: "PHOENIX LAKE"},
			[]string{"phoenix-lake-industrial-park"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page, err := store.FindEntities(context.Background(), c.f, model.PageArgs{First: 100})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, e := range page.Entities {
				got[e.GetID()] = true
			}
			for _, id := range c.want {
				if !got[id] {
					t.Errorf("missing %s; got %v", id, got)
				}
			}
			if len(got) != len(c.want) {
				t.Errorf("got %d results %v, want %d", len(got), got, len(c.want))
			}
		})
	}
}

func TestAnInvalidCursorIsInvalid(t *testing.T) {
	store := neo4jtest.Open(t)
	_, err := store.FindEntities(context.Background(), model.EntityFilter{Type: model.EntityTypePark}, model.PageArgs{First: 1, After: "not a cursor!"})
	if model.ErrorCode(err) != model.CodeInvalid {
		t.Fatalf("err = %v, want INVALID", err)
	}
}

func TestReadsRunInReadTransactions(t *testing.T) {
	store := neo4jtest.Open(t)
	err := neo4jdb.TryWriteOnReadPath(context.Background(), store)
	if err == nil {
		t.Fatal("a write on the read path succeeded")
	}
	counts, cerr := store.Counts(context.Background())
	if cerr != nil {
		t.Fatal(cerr)
	}
	if counts.Labels["ReadPathProbe"] != 0 {
		t.Fatal("the write on the read path left a node behind")
	}
}

func TestAnUnreachableDatabaseIsUnavailable(t *testing.T) {
	store, err := neo4jdb.Open(neo4jdb.Config{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = store.Ping(ctx)
	var de *model.Error
	if !errors.As(err, &de) || de.Code != model.CodeUnavailable {
		t.Fatalf("Ping on a closed port = %v, want UNAVAILABLE", err)
	}
}

func TestAPageDoesNotShiftWhenDataIsAdded(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	f := model.EntityFilter{Type: model.EntityTypePark}
	first, err := store.FindEntities(ctx, f, model.PageArgs{First: 5})
	if err != nil {
		t.Fatal(err)
	}
	// A park whose name sorts before every page seen so far arrives.
	grown := *ds
	grown.Entities = append(append([]*model.EntityRecord{}, ds.Entities...), &model.EntityRecord{EntityBase: model.EntityBase{
		ID: "aaa-new-park", Type: model.EntityTypePark, Name: "AAA New Park", Aliases: []string{}, Evidence: ds.Entities[0].Evidence}})
	if _, err := store.Load(ctx, &grown, seeds.Mentions(&grown)); err != nil {
		t.Fatal(err)
	}
	defer neo4jtest.LoadSeeds(t, store)
	rest, err := store.FindEntities(ctx, f, model.PageArgs{First: 100, After: first.Cursors[len(first.Cursors)-1]})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range append(first.Entities, rest.Entities...) {
		if seen[e.GetID()] {
			t.Errorf("%s appears on both pages", e.GetID())
		}
		seen[e.GetID()] = true
	}
	for _, e := range ds.Entities {
		if e.Type == model.EntityTypePark && !seen[e.ID] {
			t.Errorf("%s was skipped", e.ID)
		}
	}
	if seen["aaa-new-park"] {
		t.Error("the new park, sorting before the cursor, appeared after it")
	}
}

// slowQuery counts for many seconds on any machine: it stands for a read that runs away.
const slowQuery = `UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n`

func TestNeo4jStopsAReadThatPassesItsTimeLimit(t *testing.T) {
	cfg := neo4jtest.Config(t)
	cfg.QueryTimeout = 300 * time.Millisecond
	store, err := neo4jdb.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	if err := store.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	// No client deadline: only the transaction timeout sent to Neo4j can end this read.
	start := time.Now()
	_, err = store.Read(context.Background(), slowQuery, nil)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the read ran %v with a 300 ms limit", took)
	}
	if code := model.ErrorCode(err); code != model.CodeTimeout {
		t.Fatalf("err = %v (code %s), want TIMEOUT", err, code)
	}
}

func TestAReadThatRunsOutOfTransactionMemoryIsOutOfMemory(t *testing.T) {
	store := neo4jtest.Open(t)
	// A list of 200 million numbers needs gigabytes: more than the test instance's heap,
	// and so more than any transaction memory limit derived from it.
	start := time.Now()
	_, err := store.Read(context.Background(), `UNWIND range(1, 200000000) AS x RETURN size(collect(x)) AS n`, nil)
	if code := model.ErrorCode(err); code != model.CodeOutOfMemory {
		t.Fatalf("err = %v (code %s), want OUT_OF_MEMORY", err, code)
	}
	t.Logf("refused after %v: %v", time.Since(start).Round(time.Millisecond), err)
	// The database is fine afterwards.
	if err := store.Ping(context.Background()); err != nil {
		t.Fatalf("after the refused read: %v", err)
	}
}

func TestARequestDeadlineBoundsTheTransaction(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := store.Read(ctx, slowQuery, nil)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the read ran %v past a 300 ms deadline", took)
	}
	if code := model.ErrorCode(err); code != model.CodeTimeout {
		t.Fatalf("err = %v (code %s), want TIMEOUT", err, code)
	}
	// Neo4j itself stopped the transaction: no query of ours is still running there.
	n, err := store.Read(context.Background(), `SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'range(1, 2000000000)' AND NOT currentQuery CONTAINS 'SHOW' RETURN currentQuery`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d runaway transactions still run in Neo4j", n)
	}
}

func TestHopsAnsweredWithAPageEqualNeighbors(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	cases := []struct {
		of   model.EntityType
		hops []model.Hop
	}{
		{model.EntityTypePark, []model.Hop{
			{Types: []string{"PART_OF"}, Direction: model.DirectionOut, Label: model.EntityTypeZone, MaxHops: 8},
			{Types: []string{"PART_OF", "LOCATED_IN"}, Direction: model.DirectionOut, Label: model.EntityTypeDistrict, MaxHops: 8},
			{Types: []string{"TARGETS"}, Direction: model.DirectionOut, Label: model.EntityTypeIndustry},
			{Types: []string{"PART_OF"}, Direction: model.DirectionIn, Label: model.EntityTypePark},
			{Types: []string{"NO_SUCH_TYPE"}, Direction: model.DirectionOut},
			// Two hops of their own derivation kinds in one page: each its own parameter.
			{Types: []string{"TARGETS"}, Direction: model.DirectionOut, Kinds: []model.DerivationKind{model.DerivationInferred}},
			{Types: []string{"PART_OF", "LOCATED_IN"}, Direction: model.DirectionOut, MaxHops: 3, Kinds: []model.DerivationKind{model.DerivationStated}},
		}},
		{model.EntityTypeIndustry, []model.Hop{
			{Through: []string{"SUBSECTOR_OF"}, Types: []string{"FOCUSES_ON", "TARGETS"}, Direction: model.DirectionIn, Label: model.EntityTypePark},
			{Direction: model.DirectionBoth, First: 3},
		}},
	}
	for _, c := range cases {
		page, err := store.FindEntities(ctx, model.EntityFilter{Type: c.of}, model.PageArgs{First: 100, With: c.hops})
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(page.Entities))
		for i, e := range page.Entities {
			ids[i] = e.GetID()
		}
		nonEmpty := 0
		for i, h := range c.hops {
			want, err := store.Neighbors(ctx, ids, h)
			if err != nil {
				t.Fatal(err)
			}
			got := page.With[i]
			if len(got) != len(want) {
				t.Errorf("%s hop %+v: %d entities with results, Neighbors %d", c.of, h, len(got), len(want))
			}
			for id, rels := range want {
				nonEmpty++
				for _, r := range rels {
					if len(h.Kinds) > 0 && r.Derivation != nil && !slices.Contains(h.Kinds, r.Derivation.Kind) {
						t.Errorf("%s %s hop %+v: a %s relation", c.of, id, h, r.Derivation.Kind)
					}
				}
				if describe(got[id]) != describe(rels) {
					t.Errorf("%s %s hop %+v:\n got  %s\n want %s", c.of, id, h, describe(got[id]), describe(rels))
				}
			}
		}
		if nonEmpty == 0 {
			t.Errorf("%s: no hop found anything; the comparison proves nothing", c.of)
		}
	}
}

func TestANodeWithNestedAndSlimHopsEqualsNeighbors(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	const zone = "cross-straits-industrial-cooperation-zone-chongqing"
	subParks := model.Hop{Types: []string{"PART_OF"}, Direction: model.DirectionIn, Label: model.EntityTypePark}
	districts := model.Hop{Types: []string{"PART_OF", "LOCATED_IN"}, Direction: model.DirectionOut, Label: model.EntityTypeDistrict, MaxHops: 8}
	parks := subParks
	parks.With = []model.Hop{subParks, districts}
	slim := subParks
	slim.Slim = true
	n, lists, err := store.FindNode(ctx, zone, "", []model.Hop{parks, slim})
	if err != nil {
		t.Fatal(err)
	}
	if n == nil || n.GetID() != zone || len(lists) != 2 {
		t.Fatalf("FindNode = %v with %d lists", n, len(lists))
	}
	want, err := store.Neighbors(ctx, []string{zone}, parks)
	if err != nil {
		t.Fatal(err)
	}
	if describe(lists[0]) != describe(want[zone]) || len(lists[0]) < 2 {
		t.Fatalf("zone parks:\n got  %s\n want %s", describe(lists[0]), describe(want[zone]))
	}
	nested := 0
	for _, rel := range lists[0] {
		id := rel.Node.GetID()
		for j, h := range parks.With {
			want, err := store.Neighbors(ctx, []string{id}, h)
			if err != nil {
				t.Fatal(err)
			}
			if len(rel.With) != 2 || describe(rel.With[j]) != describe(want[id]) {
				t.Errorf("park %s hop %d:\n got  %v\n want %s", id, j, rel.With, describe(want[id]))
			}
			nested += len(want[id])
		}
	}
	if nested == 0 {
		t.Error("no park of the zone has a sub-park or district; the comparison proves nothing")
	}
	// The slim read of the zone's parks gives the same parks, with only their names.
	for i, rel := range lists[1] {
		if b := rel.Node.Base(); b.ID != want[zone][i].Node.GetID() || b.Name != want[zone][i].Node.Base().Name || len(b.Evidence) != 0 {
			t.Errorf("slim park %d: %s %q, %d evidence; want %s, its name and no evidence read", i, b.ID, b.Name, len(b.Evidence), want[zone][i].Node.GetID())
		}
	}
	if len(lists[1]) != len(want[zone]) || len(want[zone][0].Node.Base().Evidence) == 0 {
		t.Errorf("slim parks: %d, want %d, and the full read with evidence", len(lists[1]), len(want[zone]))
	}
	if n, _, err := store.FindNode(ctx, "no-such-node", "", []model.Hop{parks}); n != nil || err != nil {
		t.Errorf("FindNode of an unknown id = %v, %v; want nil, nil", n, err)
	}
}

// describe writes relations as type, direction, far end and evidence, in order.
func describe(rels []*model.Relation) string {
	var b strings.Builder
	for _, r := range rels {
		fmt.Fprintf(&b, "%s %s %s %d; ", r.Type, r.Direction, r.Node.GetID(), len(r.Evidence))
	}
	return b.String()
}

// TestEveryRelationshipRecordsItsDerivation checks what the load stores: every
// relationship of the seeds records whether it is stated, inferred or computed, derived
// ones with their rule and premises, and the Relationships lookup finds the premises.
func TestEveryRelationshipRecordsItsDerivation(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	want := map[string]int{"stated": 0, "inferred": 0, "computed": len(seeds.Mentions(ds))}
	var inferred *model.RelationRecord
	for _, r := range ds.Relations {
		want[r.Derivation.Kind.Stored()]++
		if r.Derivation.Kind == model.DerivationInferred && inferred == nil {
			inferred = r
		}
	}
	if want["inferred"] == 0 {
		t.Fatal("the seeds hold no inferred relation")
	}
	for kind, n := range want {
		got, err := neo4jdb.ReadRows(ctx, store, fmt.Sprintf(
			"MATCH ()-[r]->() WHERE r.derivation = '%s' AND (r.derivation = 'stated') = (r.rule IS NULL) AND (r.derivation = 'stated') = (r.derivedFrom IS NULL) RETURN r", kind))
		if err != nil {
			t.Fatal(err)
		}
		if got != n {
			t.Errorf("%d %s relationships with their rule and premises, want %d", got, kind, n)
		}
	}
	if n, err := neo4jdb.ReadRows(ctx, store, "MATCH ()-[r]->() WHERE r.derivation IS NULL AND type(r) <> 'HAS_FACT' RETURN r"); err != nil || n != 0 {
		t.Errorf("%d relationships record no derivation (%v)", n, err)
	}
	edges, err := store.Relationships(ctx, append(inferred.Derivation.DerivedFrom, "no:such:relationship", "not-an-id"))
	if err != nil {
		t.Fatal(err)
	}
	if len(edges) != len(inferred.Derivation.DerivedFrom) {
		t.Fatalf("Relationships found %d of the %d premises of %s: %v", len(edges), len(inferred.Derivation.DerivedFrom), inferred.ID, edges)
	}
	for _, id := range inferred.Derivation.DerivedFrom {
		e := edges[id]
		if e == nil || e.ID != id || e.Derivation.Kind != model.DerivationStated || len(e.Evidence) == 0 || e.Source == "" || e.Target == "" {
			t.Errorf("premise %s = %+v", id, e)
		}
	}
}
