package neo4jdb

import (
	"context"
	"fmt"
	"sort"
	"strings"

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

// rolledUpPattern is the INDUSTRY pattern of breakdownPatterns rolled up: n reaches
// every industry g at or above one it focuses on or targets, along SUBSECTOR_OF.
const rolledUpPattern = `(n)-[r:FOCUSES_ON|TARGETS]->(:Industry)-[rs:SUBSECTOR_OF*0..{{depth}}]->(g:Industry)
WHERE {{valid}} AND {{validPath}}`

// filteredEntities binds n to the entities that match a filter: {{sets}} are the sets the
// filter computes once, {{imports}} their names, {{match}} filterMatch of the filter.
const filteredEntities = `{{sets}}
CALL ({{imports}}) {
  {{match}}
  RETURN n
}`

// filtered is the filteredEntities clause for f, with its parameters and $asOf. A filter
// of the type alone is the bare MATCH (n:Label): outside a subquery the planner may start
// from the other end of the pattern that follows (from 60 industries rather than 200,000
// parks, and aggregate in order: half the time of a breakdown at a million relationships).
func filtered(f model.EntityFilter) (string, map[string]any) {
	w := entityWhere(f)
	w.params["asOf"] = f.AsOf
	if all := fill(allCandidates, "label", f.Type.Label()); len(w.sets) == 0 && len(w.clauses) == 0 && candidates(f) == all {
		return all, w.params
	}
	return fill(filteredEntities, "sets", strings.Join(w.sets, "\n"), "imports", strings.Join(w.names, ", "),
		"match", filterMatch(f, w.clauses)), w.params
}

// breakdownTemplate counts the {{entities}} n under each g they reach by {{pattern}},
// most first.
const breakdownTemplate = `{{entities}}
MATCH {{pattern}}
WITH g, count(DISTINCT n) AS n
RETURN g, n ORDER BY n DESC, g.name, g.id LIMIT $first`

// rolledUpTemplate is breakdownTemplate over rolledUpPattern, with the parent p of each
// industry g (the first by id) and its level: the most SUBSECTOR_OF steps up from g.
const rolledUpTemplate = `{{entities}}
MATCH {{pattern}}
WITH g, count(DISTINCT n) AS n
ORDER BY n DESC, g.name, g.id LIMIT $first
CALL (g) {
  OPTIONAL MATCH (g)-[r:SUBSECTOR_OF]->(p:Industry)
  WHERE {{valid}}
  RETURN p ORDER BY p.id LIMIT 1
}
CALL (g) {
  MATCH (g)-[rs:SUBSECTOR_OF*0..{{depth}}]->(:Industry)
  WHERE {{validPath}}
  RETURN max(size(rs)) AS level
}
RETURN g, n, p, level ORDER BY n DESC, g.name, g.id`

// breakdownQuery is the Breakdown query: the entities of f counted by by, rolled up the
// industry taxonomy when rollUp. An invalid type or key, or rollUp with a key other than
// INDUSTRY, gives an INVALID error.
func breakdownQuery(f model.EntityFilter, by model.BreakdownKey, rollUp bool, first int) (string, map[string]any, error) {
	pattern, ok := breakdownPatterns[by]
	if !ok || !f.Type.IsValid() {
		return "", nil, model.Errorf(model.CodeInvalid, "cannot break %s down by %s", f.Type, by)
	}
	entities, params := filtered(f)
	params["first"] = first
	if !rollUp {
		return fill(breakdownTemplate, "entities", entities, "pattern", pattern), params, nil
	}
	if by != model.BreakdownKeyIndustry {
		return "", nil, model.Errorf(model.CodeInvalid,
			"rollUp applies to by: INDUSTRY; %s already counts what is contained at every depth", by)
	}
	return contained(rolledUpTemplate, "entities", entities, "pattern", contained(rolledUpPattern)), params, nil
}

// Breakdown counts the entities that match f (of type f.Type, at f.AsOf: the present
// when empty) under each industry, district, investor origin, zone or region they relate
// to, most first, at most first buckets. With rollUp (by INDUSTRY only), an entity counts
// once under every industry at or above those it focuses on or targets, and each bucket
// has its parent and level. Names in f resolve as FindEntities resolves them.
func (s *Store) Breakdown(ctx context.Context, f model.EntityFilter, by model.BreakdownKey, rollUp bool, first int) ([]*model.Bucket, error) {
	f.AsOf = present(f.AsOf)
	f, err := s.resolveNames(ctx, f)
	if err != nil {
		return nil, err
	}
	q, params, err := breakdownQuery(f, by, rollUp, first)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("breakdown of %s by %s: %w", f.Type, by, err)
	}
	out := make([]*model.Bucket, 0, len(recs))
	for _, rec := range recs {
		g, _ := rec.Get("g")
		n, _ := rec.Get("n")
		b, err := bucketOf(g, n)
		if err != nil {
			return nil, fmt.Errorf("breakdown of %s by %s: %w", f.Type, by, err)
		}
		if rollUp {
			if b.Parent, err = parentOf(rec); err != nil {
				return nil, err
			}
			level, err := column[int64](rec, "level")
			if err != nil {
				return nil, err
			}
			b.Level = new(int)
			*b.Level = int(level)
		}
		out = append(out, b)
	}
	return out, nil
}

// bucketOf decodes a bucket from its entity node g and count n.
func bucketOf(g, n any) (*model.Bucket, error) {
	node, err := as[neo4j.Node](g, "bucket entity")
	if err != nil {
		return nil, err
	}
	count, err := as[int64](n, "bucket count")
	if err != nil {
		return nil, err
	}
	e, err := entityOf(node)
	if err != nil {
		return nil, err
	}
	return &model.Bucket{Entity: e, Count: int(count)}, nil
}

// parentOf decodes the column p of a rolled-up breakdown: nil for an industry at the top.
func parentOf(rec *neo4j.Record) (model.Entity, error) {
	p, err := column[neo4j.Node](rec, "p")
	if err != nil || p.Props == nil {
		return nil, err
	}
	return entityOf(p)
}

// crossTabTemplate counts the {{entities}} n per pair of a row key, reached by {{rows}},
// and a column key, reached by {{columns}}, in one pass that holds a count per key and
// per pair of keys, never a list of the entities (a list of every entity's keys ran out
// of transaction memory at a million relationships). Each entity with at least one key
// of each kind adds one to the total (r and c null), to each of its row keys (c null),
// to each of its column keys (r null) and to each of its pairs; rows and columns are
// the $firstRows and $firstColumns keys most entities have, and cells the counts of the
// pairs among them.
const crossTabTemplate = `{{entities}}
CALL (n) {
  MATCH {{rows}}
  RETURN collect(DISTINCT g) AS rowKeys
}
CALL (n) {
  MATCH {{columns}}
  RETURN collect(DISTINCT g) AS columnKeys
}
WITH rowKeys, columnKeys WHERE size(rowKeys) > 0 AND size(columnKeys) > 0
UNWIND [null] + rowKeys AS r
UNWIND [null] + columnKeys AS c
WITH r, c, count(*) AS n
WITH collect({r: r, c: c, n: n}) AS counts
CALL (counts) {
  UNWIND counts AS x
  WITH x WHERE x.r IS NOT NULL AND x.c IS NULL
  WITH x.r AS g, x.n AS n ORDER BY n DESC, g.name, g.id LIMIT $firstRows
  RETURN collect([g, n]) AS rows
}
CALL (counts) {
  UNWIND counts AS x
  WITH x WHERE x.r IS NULL AND x.c IS NOT NULL
  WITH x.c AS g, x.n AS n ORDER BY n DESC, g.name, g.id LIMIT $firstColumns
  RETURN collect([g, n]) AS columns
}
WITH counts, rows, columns, [x IN rows | x[0]] AS rowKeys, [x IN columns | x[0]] AS columnKeys
RETURN coalesce(head([x IN counts WHERE x.r IS NULL AND x.c IS NULL | x.n]), 0) AS total, rows, columns,
  [x IN counts WHERE x.r IN rowKeys AND x.c IN columnKeys | [x.r.id, x.c.id, x.n]] AS cells`

// crossTabQuery is the CrossTab query. An invalid type or key gives an INVALID error.
func crossTabQuery(f model.EntityFilter, rows, columns model.BreakdownKey, firstRows, firstColumns int) (string, map[string]any, error) {
	rowPattern, okRows := breakdownPatterns[rows]
	columnPattern, okColumns := breakdownPatterns[columns]
	if !okRows || !okColumns || !f.Type.IsValid() {
		return "", nil, model.Errorf(model.CodeInvalid, "cannot tabulate %s by %s and %s", f.Type, rows, columns)
	}
	entities, params := filtered(f)
	params["firstRows"], params["firstColumns"] = firstRows, firstColumns
	return fill(crossTabTemplate, "entities", entities, "rows", rowPattern, "columns", columnPattern), params, nil
}

// CrossTab counts the entities that match f (of type f.Type, at f.AsOf: the present when
// empty) per pair of a rows key and a columns key, in one read: the firstRows row keys
// and firstColumns column keys most entities have, most first, the cells among them, and
// the totals model.CrossTab describes. rows and columns may be the same key: a cell then
// counts the entities under both of its keys, and the diagonal is the breakdown. Names
// in f resolve as FindEntities resolves them.
func (s *Store) CrossTab(ctx context.Context, f model.EntityFilter, rows, columns model.BreakdownKey, firstRows, firstColumns int) (*model.CrossTab, error) {
	f.AsOf = present(f.AsOf)
	f, err := s.resolveNames(ctx, f)
	if err != nil {
		return nil, err
	}
	q, params, err := crossTabQuery(f, rows, columns, firstRows, firstColumns)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("cross-tabulate %s by %s and %s: %w", f.Type, rows, columns, err)
	}
	if len(recs) != 1 {
		return nil, internal(fmt.Errorf("cross-tabulate: want one record, got %d", len(recs)))
	}
	tab, err := crossTabOf(recs[0])
	if err != nil {
		return nil, fmt.Errorf("cross-tabulate %s by %s and %s: %w", f.Type, rows, columns, err)
	}
	return tab, nil
}

// crossTabOf decodes the record of crossTabQuery.
func crossTabOf(rec *neo4j.Record) (*model.CrossTab, error) {
	total, err := column[int64](rec, "total")
	if err != nil {
		return nil, err
	}
	tab := &model.CrossTab{Total: int(total)}
	index := [2]map[string]int{{}, {}}
	for d, name := range []string{"rows", "columns"} {
		list, err := column[[]any](rec, name)
		if err != nil {
			return nil, err
		}
		headers := make([]*model.Bucket, len(list))
		for i, x := range list {
			pair, err := as[[]any](x, name+" header")
			if err != nil {
				return nil, err
			}
			if len(pair) != 2 {
				return nil, internal(fmt.Errorf("%s header: want 2 values, got %d", name, len(pair)))
			}
			if headers[i], err = bucketOf(pair[0], pair[1]); err != nil {
				return nil, err
			}
			index[d][headers[i].Entity.GetID()] = i
		}
		if d == 0 {
			tab.Rows = headers
		} else {
			tab.Columns = headers
		}
	}
	tab.Cells = make([][]int, len(tab.Rows))
	for i := range tab.Cells {
		tab.Cells[i] = make([]int, len(tab.Columns))
	}
	cells, err := column[[]any](rec, "cells")
	if err != nil {
		return nil, err
	}
	for _, x := range cells {
		cell, err := as[[]any](x, "cell")
		if err != nil {
			return nil, err
		}
		if len(cell) != 3 {
			return nil, internal(fmt.Errorf("cell: want 3 values, got %d", len(cell)))
		}
		n, err := as[int64](cell[2], "cell count")
		if err != nil {
			return nil, err
		}
		i, okRow := index[0][str(cell[0])]
		j, okColumn := index[1][str(cell[1])]
		if !okRow || !okColumn {
			return nil, internal(fmt.Errorf("cell %v: not among the headers", cell[:2]))
		}
		tab.Cells[i][j] = int(n)
	}
	return tab, nil
}
