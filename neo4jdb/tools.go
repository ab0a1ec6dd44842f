package neo4jdb

// The methods of this file serve the loader's tests, the benchmarks and the crash tests,
// not the API: they count and fingerprint what a load wrote, load the naive way, clear
// the database and run arbitrary read-only Cypher. No resolver calls them.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// Counts is the number of nodes by label and relationships by type.
type Counts struct {
	Labels        map[string]int
	Relationships map[string]int
}

// Counts returns how many nodes carry each label and how many relationships have each type.
func (s *Store) Counts(ctx context.Context) (*Counts, error) {
	labels, rels, err := s.counts(ctx)
	if err != nil {
		return nil, err
	}
	return &Counts{Labels: labels, Relationships: rels}, nil
}

// Fingerprint returns a SHA-256 over every node (labels and properties) and every
// relationship (type, end ids and properties) of the database, independent of storage
// order. Two databases with the same content have the same fingerprint: when and by which
// build they were loaded (the Dataset node's loadedAt and loaderVersion) is left out.
func (s *Store) Fingerprint(ctx context.Context) (string, error) {
	nodes, err := s.read(ctx, `MATCH (n)
RETURN [labels(n), CASE WHEN n:Dataset THEN n {.*, loadedAt: null, loaderVersion: null} ELSE properties(n) END] AS row`, nil)
	if err != nil {
		return "", fmt.Errorf("fingerprint nodes: %w", err)
	}
	rels, err := s.read(ctx, `MATCH (a)-[r]->(b) RETURN [a.id, type(r), b.id, properties(r)] AS row`, nil)
	if err != nil {
		return "", fmt.Errorf("fingerprint relationships: %w", err)
	}
	lines := make([]string, 0, len(nodes)+len(rels))
	for _, rec := range append(nodes, rels...) {
		row, err := column[[]any](rec, "row")
		if err != nil {
			return "", err
		}
		if len(row) > 0 {
			if labels, ok := row[0].([]any); ok {
				sort.Slice(labels, func(i, j int) bool { return fmt.Sprint(labels[i]) < fmt.Sprint(labels[j]) })
			}
		}
		b, err := json.Marshal(row) // map keys are sorted by encoding/json
		if err != nil {
			return "", err
		}
		lines = append(lines, string(b))
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Stamps counts the nodes and relationships that carry each dataset digest (see Load);
// those that carry none (HAS_FACT relationships, anything the loader did not write) are
// counted under "". After a completed load there is one digest besides ""; a load that
// stopped part-way leaves its own digest on what it committed and the earlier digest on
// what it had not yet rewritten or pruned.
func (s *Store) Stamps(ctx context.Context) (map[string]int, error) {
	const q = `
CALL () { MATCH (n) RETURN n.dataset AS d UNION ALL MATCH ()-[r]->() RETURN r.dataset AS d }
RETURN coalesce(d, '') AS d, count(*) AS n`
	recs, err := s.read(ctx, q, nil)
	if err != nil {
		return nil, fmt.Errorf("count dataset stamps: %w", err)
	}
	out := make(map[string]int, len(recs))
	for _, rec := range recs {
		d, err := column[string](rec, "d")
		if err != nil {
			return nil, err
		}
		n, err := column[int64](rec, "n")
		if err != nil {
			return nil, err
		}
		out[d] = int(n)
	}
	return out, nil
}

// LoadRowByRow writes ds the naive way, one row per statement and transaction, for at most
// maxRows rows (0: all), and returns how many rows it wrote. It is the baseline the
// batched Load is measured against; it does not prune.
func (s *Store) LoadRowByRow(ctx context.Context, ds *model.Dataset, mentions []model.Mention, maxRows int) (int, error) {
	stmts, _ := plan(ds, mentions)
	stamp(stmts)
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	w := &writer{ctx: ctx, session: session, store: s, rep: &LoadReport{}}
	rows := 0
	for _, st := range stmts {
		for _, row := range st.rows {
			if maxRows > 0 && rows == maxRows {
				return rows, nil
			}
			w.exec(st.cypher, map[string]any{"rows": []map[string]any{row}})
			if w.err != nil {
				return 0, fmt.Errorf("row-by-row load: %w", dbError(w.err))
			}
			rows++
		}
	}
	return rows, nil
}

// Clear deletes every relationship, then every node, 10,000 at a time, each batch in its
// own transaction (relationships first: detaching a node of a million relationships in
// one transaction passes Neo4j's transaction memory limit). It is for benchmarks that
// start from an empty database.
func (s *Store) Clear(ctx context.Context) error {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	w := &writer{ctx: ctx, session: session, store: s, rep: &LoadReport{}}
	for w.exec(`MATCH ()-[r]->() WITH r LIMIT 10000 DELETE r`, nil) > 0 {
	}
	for w.exec(`MATCH (n) WITH n LIMIT 10000 DETACH DELETE n`, nil) > 0 {
	}
	if w.err != nil {
		return fmt.Errorf("clear: %w", dbError(w.err))
	}
	return nil
}

// Read runs a read-only query in a read transaction with the store's driver and
// settings and returns how many records it gave. It is for tools that measure the store
// (benchmarks); the API never calls it with user text.
func (s *Store) Read(ctx context.Context, cypher string, params map[string]any) (int, error) {
	recs, err := s.read(ctx, cypher, params)
	return len(recs), err
}
