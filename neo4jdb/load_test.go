package neo4jdb_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
	"github.com/parkgraph/parkgraph/seeds"
	"github.com/parkgraph/parkgraph/seeds/synth"
)

// graphOf is what two loads are compared by: nodes per label, relationships per type,
// dataset stamps and the content fingerprint.
type graphOf struct {
	counts      *neo4jdb.Counts
	stamps      map[string]int
	fingerprint string
}

func snapshotOf(t *testing.T, store *neo4jdb.Store) graphOf {
	t.Helper()
	ctx := context.Background()
	c, err := store.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Stamps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fp, err := store.Fingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return graphOf{c, st, fp}
}

// withUnstorableRelation returns ds with one more relation whose property is a map,
// which Neo4j refuses to store: a load of it fails after its documents, entities and
// facts are written, at its relationships.
func withUnstorableRelation(ds *model.Dataset) *model.Dataset {
	bad := *ds
	r := *ds.Relations[0]
	r.ID += ":unstorable"
	r.Props = map[string]any{"nested": map[string]any{"not": "storable"}}
	bad.Relations = append(append([]*model.RelationRecord{}, ds.Relations...), &r)
	return &bad
}

func TestALoadThatFailsPartWayLeavesTheDatabaseAsItWas(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	ds := neo4jtest.LoadSeeds(t, store)
	defer neo4jtest.LoadSeeds(t, store)
	bad := withUnstorableRelation(ds)
	if rows := len(bad.Documents) + len(bad.Entities) + len(bad.Relations); rows > neo4jdb.SingleTransactionRows {
		t.Fatalf("the seeds have %d rows, above the single-transaction limit", rows)
	}
	for _, c := range []struct {
		name  string
		clear bool
	}{
		{"over the loaded seeds, where the load merges", false},
		{"into an empty database, where the load creates", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.clear {
				if err := store.Clear(ctx); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshotOf(t, store)
			if _, err := store.Load(ctx, bad, seeds.Mentions(bad)); err == nil {
				t.Fatal("the load of a relation with a map property succeeded")
			}
			after := snapshotOf(t, store)
			if !reflect.DeepEqual(before, after) {
				t.Errorf("the failed load changed the database:\nbefore %+v %v\nafter  %+v %v",
					before.counts, before.stamps, after.counts, after.stamps)
			}
			if c.clear && len(after.counts.Labels) != 0 {
				t.Errorf("nodes per label after a failed load into an empty database: %v", after.counts.Labels)
			}
		})
	}
}

// TestALoadIntoAnEmptyDatabaseEqualsALoadOverAnother checks that the CREATE path of a
// load into an empty database writes the graph that the MERGE path writes over another
// dataset (and prunes), in one transaction (the seeds) and in parallel batches (a
// synthetic dataset above SingleTransactionRows rows).
func TestALoadIntoAnEmptyDatabaseEqualsALoadOverAnother(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	seedsDS := neo4jtest.LoadSeeds(t, store)
	defer neo4jtest.LoadSeeds(t, store)
	dir := filepath.Join(t.TempDir(), "synth")
	if _, err := synth.Write(dir, 10000, 3); err != nil {
		t.Fatal(err)
	}
	large, err := seeds.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	facts := 0
	for _, e := range large.Entities {
		facts += len(e.Facts)
	}
	largeMentions := seeds.Mentions(large)
	if rows := len(large.Documents) + len(large.Entities) + facts + len(large.Relations) + len(largeMentions); rows <= neo4jdb.SingleTransactionRows {
		t.Fatalf("the synthetic dataset has %d rows, not above the single-transaction limit", rows)
	}
	for _, c := range []struct {
		name       string
		ds, before *model.Dataset
	}{
		{"the seeds, in one transaction", seedsDS, large},
		{"a synthetic dataset, in parallel batches", large, seedsDS},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := store.Clear(ctx); err != nil {
				t.Fatal(err)
			}
			mentions := seeds.Mentions(c.ds)
			rep, err := store.Load(ctx, c.ds, mentions)
			if err != nil {
				t.Fatal(err)
			}
			if want := rep.Documents + rep.Entities + rep.Facts + 1; rep.NodesCreated != want { // and the Dataset node
				t.Errorf("a load into an empty database created %d nodes, want %d", rep.NodesCreated, want)
			}
			if want := rep.Relations + rep.Facts + rep.Mentions; rep.RelationshipsCreated != want {
				t.Errorf("a load into an empty database created %d relationships, want %d", rep.RelationshipsCreated, want)
			}
			fresh := snapshotOf(t, store)

			if _, err := store.Load(ctx, c.before, seeds.Mentions(c.before)); err != nil {
				t.Fatal(err)
			}
			if _, err := store.Load(ctx, c.ds, mentions); err != nil {
				t.Fatal(err)
			}
			over := snapshotOf(t, store)
			if !reflect.DeepEqual(fresh.counts, over.counts) || !reflect.DeepEqual(fresh.stamps, over.stamps) {
				t.Errorf("into an empty database %+v %v, over another dataset %+v %v", fresh.counts, fresh.stamps, over.counts, over.stamps)
			}
			if fresh.fingerprint != over.fingerprint {
				t.Errorf("fingerprint into an empty database %s, over another dataset %s", fresh.fingerprint, over.fingerprint)
			}

			rep, err = store.Load(ctx, c.ds, mentions)
			if err != nil {
				t.Fatal(err)
			}
			if rep.NodesCreated != 0 || rep.RelationshipsCreated != 0 || rep.NodesDeleted != 0 || rep.RelationshipsDeleted != 0 {
				t.Errorf("a reload of the same dataset changed the graph: %+v", rep)
			}
		})
	}
}
