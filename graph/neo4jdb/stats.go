package neo4jdb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
)

// Counts is the number of nodes by label and relationships by type.
type Counts struct {
	Labels        map[string]int
	Relationships map[string]int
}

// Counts returns how many nodes carry each label and how many relationships have each type.
func (s *Store) Counts(ctx context.Context) (*Counts, error) {
	c := &Counts{Labels: map[string]int{}, Relationships: map[string]int{}}
	recs, err := s.read(ctx, `MATCH (n) UNWIND labels(n) AS label RETURN label AS k, count(*) AS n`, nil)
	if err != nil {
		return nil, fmt.Errorf("count labels: %w", err)
	}
	more, err := s.read(ctx, `MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS n`, nil)
	if err != nil {
		return nil, fmt.Errorf("count relationships: %w", err)
	}
	for i, rec := range append(recs, more...) {
		k, err := value[string](rec, "k")
		if err != nil {
			return nil, err
		}
		n, err := value[int64](rec, "n")
		if err != nil {
			return nil, err
		}
		if i < len(recs) {
			c.Labels[k] = int(n)
		} else {
			c.Relationships[k] = int(n)
		}
	}
	return c, nil
}

// Fingerprint returns a SHA-256 over every node (labels and properties) and every
// relationship (type, end ids and properties) of the database, independent of storage
// order. Two databases with the same content have the same fingerprint.
func (s *Store) Fingerprint(ctx context.Context) (string, error) {
	nodes, err := s.read(ctx, `MATCH (n) RETURN [labels(n), properties(n)] AS row`, nil)
	if err != nil {
		return "", fmt.Errorf("fingerprint nodes: %w", err)
	}
	rels, err := s.read(ctx, `MATCH (a)-[r]->(b) RETURN [a.id, type(r), b.id, properties(r)] AS row`, nil)
	if err != nil {
		return "", fmt.Errorf("fingerprint relationships: %w", err)
	}
	lines := make([]string, 0, len(nodes)+len(rels))
	for _, rec := range append(nodes, rels...) {
		row, err := value[[]any](rec, "row")
		if err != nil {
			return "", err
		}
		if labels, ok := row[0].([]any); ok {
			sort.Slice(labels, func(i, j int) bool { return fmt.Sprint(labels[i]) < fmt.Sprint(labels[j]) })
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
