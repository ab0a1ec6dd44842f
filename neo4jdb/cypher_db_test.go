package neo4jdb_test

import (
	"context"
	"testing"

	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// TestTheBuiltQueriesPlanInNeo4j plans every query of the golden files with EXPLAIN in a
// read transaction, so the golden files cannot drift into Cypher that Neo4j refuses.
func TestTheBuiltQueriesPlanInNeo4j(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	if err := store.ApplySchema(ctx); err != nil { // the full-text indexes the searches name
		t.Fatal(err)
	}
	queries, err := neo4jdb.GoldenQueries()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		if err := neo4jdb.Explain(ctx, store, q.Cypher, q.Params); err != nil {
			t.Errorf("%s does not plan: %v\n%s", q.Name, err, q.Cypher)
		}
	}
}
