package neo4jdb

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

// Stats counts the whole graph: nodes and relationships by label and type, documents,
// facts and evidence items, in two queries.
func (s *Store) Stats(ctx context.Context) (*model.GraphStats, error) {
	c, err := s.Counts(ctx)
	if err != nil {
		return nil, err
	}
	st := &model.GraphStats{Labels: sortedCounts(c.Labels), RelationshipTypes: sortedCounts(c.Relationships),
		Documents: c.Labels["Document"], Facts: c.Labels["Fact"]}
	for _, n := range c.Relationships {
		st.Relationships += n
	}
	const q = `
CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(coalesce(n.evidenceDocs, []))) AS onNodes }
CALL () { MATCH ()-[r]->() RETURN sum(size(coalesce(r.evidenceDocs, []))) AS onRels }
RETURN nodes, onNodes + onRels AS evidence`
	recs, err := s.read(ctx, q, nil)
	if err != nil {
		return nil, fmt.Errorf("count evidence: %w", err)
	}
	if len(recs) == 1 {
		nodes, err := value[int64](recs[0], "nodes")
		if err != nil {
			return nil, err
		}
		ev, err := value[int64](recs[0], "evidence")
		if err != nil {
			return nil, err
		}
		st.Nodes, st.Evidence = int(nodes), int(ev)
	}
	return st, nil
}

func sortedCounts(m map[string]int) []*model.Count {
	out := make([]*model.Count, 0, len(m))
	for k, n := range m {
		out = append(out, &model.Count{Key: k, Count: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// breakdownPatterns says, for each breakdown key, how an entity n reaches the entity g it
// is counted under.
var breakdownPatterns = map[model.BreakdownKey]string{
	model.BreakdownKeyIndustry:       `(n)-[:FOCUSES_ON|TARGETS]->(g:Industry)`,
	model.BreakdownKeyDistrict:       `(n)-[:PART_OF|LOCATED_IN*1..8]->(g:District)`,
	model.BreakdownKeyInvestorOrigin: `(n)-[:` + model.DerivedInvestorOrigin + `]->(g:Region)`,
	model.BreakdownKeyZone:           `(n)-[:PART_OF*1..8]->(g:Zone)`,
	model.BreakdownKeyRegion:         `(n)-[:PART_OF|LOCATED_IN*1..8]->(g:Region)`,
}

// Breakdown counts the entities of type of under each industry, district, investor
// origin, zone or region they relate to, most first, at most first buckets.
func (s *Store) Breakdown(ctx context.Context, of model.EntityType, by model.BreakdownKey, first int) ([]*model.Bucket, error) {
	pattern, ok := breakdownPatterns[by]
	if !ok || !of.IsValid() {
		return nil, model.Errorf(model.CodeInvalid, "cannot break %s down by %s", of, by)
	}
	q := `
MATCH (n:Entity:` + of.Label() + `)
MATCH ` + pattern + `
WITH g, count(DISTINCT n) AS n
RETURN g, n ORDER BY n DESC, g.name, g.id LIMIT $first`
	recs, err := s.read(ctx, q, map[string]any{"first": first})
	if err != nil {
		return nil, fmt.Errorf("breakdown of %s by %s: %w", of, by, err)
	}
	out := make([]*model.Bucket, 0, len(recs))
	for _, rec := range recs {
		g, err := value[neo4j.Node](rec, "g")
		if err != nil {
			return nil, err
		}
		n, err := value[int64](rec, "n")
		if err != nil {
			return nil, err
		}
		out = append(out, &model.Bucket{Entity: entityOf(g), Count: int(n)})
	}
	return out, nil
}
