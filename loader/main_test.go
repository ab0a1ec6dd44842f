package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
	"github.com/parkgraph/parkgraph/seeds"
)

// envOf returns a getenv for the test Neo4j.
func envOf(t *testing.T) func(string) string {
	cfg := neo4jtest.Config(t)
	env := map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USERNAME": cfg.Username, "NEO4J_PASSWORD": cfg.Password, "NEO4J_DATABASE": cfg.Database}
	return func(k string) string { return env[k] }
}

// copySeeds writes the built-in dataset to a temporary directory.
func copySeeds(t *testing.T) string {
	dir := t.TempDir()
	err := fs.WalkDir(seeds.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(seeds.FS, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadThenReloadReportsNothingCreated(t *testing.T) {
	env := envOf(t)
	var out bytes.Buffer
	if err := run(context.Background(), nil, env, &out); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(context.Background(), nil, env, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "nodes 0 created") || !strings.Contains(out.String(), "relationships 0 created") {
		t.Fatalf("reload output: %s", out.String())
	}
}

func TestADatasetWithOneAlteredQuoteIsRefusedAndTheDatabaseIsUnchanged(t *testing.T) {
	env := envOf(t)
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	before, err := store.Fingerprint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dir := copySeeds(t)
	file := filepath.Join(dir, "graph", "relations-hosts.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	at := -1
	for i, l := range lines {
		if strings.Contains(l, "quote: \"") {
			at = i
			lines[i] = strings.Replace(l, "quote: \"", "quote: \"Reportedly ", 1)
			break
		}
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	err = run(context.Background(), []string{"-dir", dir}, env, &bytes.Buffer{})
	var ps seeds.Problems
	if !errors.As(err, &ps) || len(ps) != 1 {
		t.Fatalf("run = %v, want exactly one problem", err)
	}
	if ps[0].File != "graph/relations-hosts.yaml" || ps[0].Line != at+1 {
		t.Errorf("problem at %s:%d, want graph/relations-hosts.yaml:%d", ps[0].File, ps[0].Line, at+1)
	}
	after, err := store.Fingerprint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Error("the refused dataset changed the database")
	}
}

func TestDryRunValidatesWithoutADatabase(t *testing.T) {
	var out bytes.Buffer
	env := func(string) string { return "" }
	if err := run(context.Background(), []string{"-dry-run"}, env, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "valid: 5 documents") {
		t.Fatalf("output %q", out.String())
	}
}
