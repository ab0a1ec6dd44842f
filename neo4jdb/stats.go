package neo4jdb

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// counts returns how many nodes carry each label and how many relationships have each
// type, in two queries.
func (s *Store) counts(ctx context.Context) (labels, rels map[string]int, err error) {
	const byLabel = `MATCH (n) UNWIND labels(n) AS label RETURN label AS k, count(*) AS n`
	const byType = `MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS n`
	recs, err := s.read(ctx, byLabel, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("count labels: %w", err)
	}
	more, err := s.read(ctx, byType, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("count relationships: %w", err)
	}
	labels, rels = map[string]int{}, map[string]int{}
	for i, rec := range append(recs, more...) {
		k, err := column[string](rec, "k")
		if err != nil {
			return nil, nil, err
		}
		n, err := column[int64](rec, "n")
		if err != nil {
			return nil, nil, err
		}
		if i < len(recs) {
			labels[k] = int(n)
		} else {
			rels[k] = int(n)
		}
	}
	return labels, rels, nil
}

// Stats counts the whole graph: nodes and relationships by label and type, documents,
// facts and evidence items, and says which load wrote it (the latest Dataset node).
func (s *Store) Stats(ctx context.Context) (*model.GraphStats, error) {
	labels, rels, err := s.counts(ctx)
	if err != nil {
		return nil, err
	}
	st := &model.GraphStats{Labels: sortedCounts(labels), RelationshipTypes: sortedCounts(rels),
		Documents: labels["Document"], Facts: labels["Fact"]}
	for _, n := range rels {
		st.Relationships += n
	}
	const q = `
CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(coalesce(n.evidenceDocs, []))) AS onNodes }
CALL () { MATCH ()-[r]->() RETURN sum(size(coalesce(r.evidenceDocs, []))) AS onRels }
CALL () { OPTIONAL MATCH (d:Dataset) WITH d ORDER BY d.loadedAt DESC LIMIT 1 RETURN d }
RETURN nodes, onNodes + onRels AS evidence, d`
	recs, err := s.read(ctx, q, nil)
	if err != nil {
		return nil, fmt.Errorf("count evidence: %w", err)
	}
	if len(recs) == 1 {
		nodes, err := column[int64](recs[0], "nodes")
		if err != nil {
			return nil, err
		}
		ev, err := column[int64](recs[0], "evidence")
		if err != nil {
			return nil, err
		}
		st.Nodes, st.Evidence = int(nodes), int(ev)
		d, err := column[neo4j.Node](recs[0], "d")
		if err != nil {
			return nil, err
		}
		if d.Props != nil {
			st.Dataset = &model.LoadedDataset{Digest: str(d.Props["digest"]), LoadedAt: str(d.Props["loadedAt"]),
				LoaderVersion: str(d.Props["loaderVersion"])}
		}
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
// is counted under, over relationships that hold at $asOf.
var breakdownPatterns = map[model.BreakdownKey]string{
	model.BreakdownKeyIndustry:       timed("(n)-[r:FOCUSES_ON|TARGETS]->(g:Industry)\nWHERE {{valid}}"),
	model.BreakdownKeyDistrict:       contained("(n)-[rs:PART_OF|LOCATED_IN*1..{{depth}}]->(g:District)\nWHERE {{validPath}}"),
	model.BreakdownKeyInvestorOrigin: timed("(n)-[r:{{derived}}]->(g:Region)\nWHERE {{valid}}", "derived", model.DerivedInvestorOrigin),
	model.BreakdownKeyZone:           contained("(n)-[rs:PART_OF*1..{{depth}}]->(g:Zone)\nWHERE {{validPath}}"),
	model.BreakdownKeyRegion:         contained("(n)-[rs:PART_OF|LOCATED_IN*1..{{depth}}]->(g:Region)\nWHERE {{validPath}}"),
}

// breakdownTemplate counts the entities n of one {{label}} under each g they reach by
// {{pattern}}, most first.
const breakdownTemplate = `MATCH (n:Entity:{{label}})
MATCH {{pattern}}
WITH g, count(DISTINCT n) AS n
RETURN g, n ORDER BY n DESC, g.name, g.id LIMIT $first`

// breakdownQuery is the Breakdown query. An invalid type or key gives an INVALID error.
func breakdownQuery(of model.EntityType, by model.BreakdownKey, first int, asOf string) (string, map[string]any, error) {
	pattern, ok := breakdownPatterns[by]
	if !ok || !of.IsValid() {
		return "", nil, model.Errorf(model.CodeInvalid, "cannot break %s down by %s", of, by)
	}
	return fill(breakdownTemplate, "label", of.Label(), "pattern", pattern), map[string]any{"first": first, "asOf": asOf}, nil
}

// Breakdown counts the entities of type of under each industry, district, investor
// origin, zone or region they relate to at asOf (the present when empty), most first, at
// most first buckets.
func (s *Store) Breakdown(ctx context.Context, of model.EntityType, by model.BreakdownKey, first int, asOf string) ([]*model.Bucket, error) {
	q, params, err := breakdownQuery(of, by, first, present(asOf))
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("breakdown of %s by %s: %w", of, by, err)
	}
	out := make([]*model.Bucket, 0, len(recs))
	for _, rec := range recs {
		g, err := column[neo4j.Node](rec, "g")
		if err != nil {
			return nil, err
		}
		n, err := column[int64](rec, "n")
		if err != nil {
			return nil, err
		}
		e, err := entityOf(g)
		if err != nil {
			return nil, fmt.Errorf("breakdown of %s by %s: %w", of, by, err)
		}
		out = append(out, &model.Bucket{Entity: e, Count: int(n)})
	}
	return out, nil
}
