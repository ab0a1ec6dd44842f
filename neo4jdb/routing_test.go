package neo4jdb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
	"github.com/parkgraph/parkgraph/seeds"
)

// TestARoutingURILoadsAndReadsTheSameGraph checks the neo4j:// scheme that clusters and
// Aura need: the load's writes go to the writer, reads go to a reader in read
// transactions (a write sent on the read path is refused), and the answers are those of
// the direct bolt:// connection.
func TestARoutingURILoadsAndReadsTheSameGraph(t *testing.T) {
	cfg := neo4jtest.RoutingConfig(t)
	if !strings.HasPrefix(cfg.URI, "neo4j") {
		t.Fatalf("routing URI %q does not use the neo4j scheme", cfg.URI)
	}
	routed, err := neo4jdb.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer routed.Close(context.Background())
	ctx := context.Background()
	neo4jtest.Open(t) // waits until the database answers
	ds, err := seeds.Load(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	if err := routed.ApplySchema(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := routed.Load(ctx, ds, seeds.Mentions(ds)); err != nil {
		t.Fatalf("load through %s: %v", cfg.URI, err)
	}
	direct := neo4jtest.Open(t)
	for name, store := range map[string]*neo4jdb.Store{"routed": routed, "direct": direct} {
		page, err := store.FindEntities(ctx, model.EntityFilter{Type: model.EntityTypePark,
			Targets: &model.TargetFilter{Industry: ptr("biotech"), InvestorOrigin: ptr("Taiwan")}}, model.PageArgs{First: 10})
		if err != nil {
			t.Fatalf("%s read: %v", name, err)
		}
		if len(page.Entities) != 1 || page.Entities[0].GetID() != "fuling-district-industrial-park" {
			t.Errorf("%s: parks targeting Taiwanese biotech = %v, want the Fuling park alone", name, page.Entities)
		}
	}
	routedPrint, err := routed.Fingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	directPrint, err := direct.Fingerprint(ctx)
	if err != nil || routedPrint != directPrint {
		t.Errorf("fingerprints differ: routed %s, direct %s (%v)", routedPrint, directPrint, err)
	}
	if err := neo4jdb.TryWriteOnReadPath(ctx, routed); err == nil {
		t.Error("a write sent on the routed read path succeeded; reads must run in read transactions")
	}
}

func ptr(s string) *string { return &s }
