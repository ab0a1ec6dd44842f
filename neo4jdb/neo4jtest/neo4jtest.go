// Package neo4jtest connects tests to the real Neo4j that `make test` starts.
package neo4jtest

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/seeds"
)

// Config returns the test database's connection settings from NEO4J_URI,
// NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE. Without NEO4J_URI the test is
// skipped, except under CI=true, where it fails: CI never turns a missing database into
// skipped tests.
func Config(t testing.TB) neo4jdb.Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI is not set: under CI=true the database tests must run (use `make test`)")
		}
		t.Skip("NEO4J_URI is not set; `make test` starts a Neo4j and sets it")
	}
	cfg := neo4jdb.Config{
		URI:      uri,
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	if cfg.Username == "" {
		cfg.Username = "neo4j"
	}
	return cfg
}

// Open returns a store on the test database, closed when the test ends. It fails the
// test when the database does not answer within 30 s.
func Open(t testing.TB) *neo4jdb.Store {
	t.Helper()
	store, err := neo4jdb.Open(Config(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		err := store.Ping(ctx)
		if err == nil {
			return store
		}
		select {
		case <-ctx.Done():
			t.Fatalf("Neo4j at %s does not answer: %v", Config(t).URI, err)
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// LoadSeeds validates the real seed dataset and loads it into store, replacing whatever
// the database held. It returns the dataset.
func LoadSeeds(t testing.TB, store *neo4jdb.Store) *model.Dataset {
	t.Helper()
	ds, err := seeds.Load(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := store.ApplySchema(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Load(ctx, ds, seeds.Mentions(ds)); err != nil {
		t.Fatal(err)
	}
	return ds
}

// RoutingConfig is Config with the URI's scheme made neo4j:// (bolt+s:// becomes
// neo4j+s://, bolt+ssc:// neo4j+ssc://): the driver then asks the server for a routing
// table and sends reads to readers and writes to the writer, as against a cluster or
// Aura. A standalone Neo4j serves a routing table naming itself.
func RoutingConfig(t testing.TB) neo4jdb.Config {
	t.Helper()
	cfg := Config(t)
	if scheme, rest, ok := strings.Cut(cfg.URI, "://"); ok && strings.HasPrefix(scheme, "bolt") {
		cfg.URI = "neo4j" + strings.TrimPrefix(scheme, "bolt") + "://" + rest
	}
	return cfg
}
