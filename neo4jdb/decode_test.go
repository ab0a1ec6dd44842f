package neo4jdb

import (
	"errors"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// The decoders need no database: these tests hand them records of the wrong shape.

// isInternal fails t unless err is INTERNAL with the generic message and a cause that
// holds every one of want.
func isInternal(t *testing.T, what string, err error, want ...string) {
	t.Helper()
	var de *model.Error
	if !errors.As(err, &de) || de.Code != model.CodeInternal || de.Message != "internal error" || de.Err == nil {
		t.Errorf("%s: err = %v, want INTERNAL with a cause", what, err)
		return
	}
	for _, w := range want {
		if !strings.Contains(de.Err.Error(), w) {
			t.Errorf("%s: the cause %q does not say %q", what, de.Err, w)
		}
	}
}

func park(id string) neo4j.Node {
	return neo4j.Node{ElementId: "4:e:" + id, Labels: []string{"Entity", "Park"},
		Props: map[string]any{"id": id, "type": "PARK", "name": "Park " + id}}
}

func TestAnEntityOfAnUnknownTypeIsInternal(t *testing.T) {
	n := neo4j.Node{ElementId: "4:e:9", Labels: []string{"Entity"}, Props: map[string]any{"id": "x-9", "type": "Spaceship"}}
	e, err := entityOf(n)
	if e != nil {
		t.Errorf("entityOf gave %v", e)
	}
	isInternal(t, "entityOf", err, "x-9", "Spaceship")
	_, err = entityPageOf([]*neo4j.Record{pageRecord([]any{n, "k"})}, model.PageArgs{First: 5})
	isInternal(t, "a page with it", err, "x-9", "Spaceship")
	_, err = subgraphOf([]*neo4j.Record{{Keys: []string{"nodes", "rels"}, Values: []any{[]any{n}, []any{}}}})
	isInternal(t, "a subgraph with it", err, "x-9", "Spaceship")
}

func pageRecord(rows ...any) *neo4j.Record {
	return &neo4j.Record{Keys: []string{"total", "rows"}, Values: []any{int64(len(rows)), rows}}
}

func TestPageRowsOfAnotherShapeAreInternal(t *testing.T) {
	hop := model.Hop{Types: []string{"PART_OF"}, Direction: model.DirectionOut}
	walk := model.Hop{Types: []string{"PART_OF"}, Direction: model.DirectionOut, MaxHops: 3}
	cases := []struct {
		name string
		row  any
		with []model.Hop
		want string
	}{
		{"a row that is no list", "row", nil, "got string"},
		{"a row without its hop lists", []any{park("p1"), "k"}, []model.Hop{hop}, "want 3 columns, got 2"},
		{"an entity that is no node", []any{"p1", "k"}, nil, "got string"},
		{"a hop list that is no list", []any{park("p1"), "k", "list"}, []model.Hop{hop}, "list h0"},
		{"a hop item that is no map", []any{park("p1"), "k", []any{"item"}}, []model.Hop{hop}, "hop item"},
		{"a hop item without its relationship", []any{park("p1"), "k", []any{map[string]any{"b": park("p2"), "out": true}}}, []model.Hop{hop}, "relationship of a hop item"},
		{"a walk's far end that is no node", []any{park("p1"), "k", []any{int64(3)}}, []model.Hop{walk}, "far end of a hop"},
	}
	for _, c := range cases {
		_, err := entityPageOf([]*neo4j.Record{pageRecord(c.row)}, model.PageArgs{First: 5, With: c.with})
		isInternal(t, c.name, err, c.want)
	}
}

func TestAPageRowDecodes(t *testing.T) {
	hop := model.Hop{Types: []string{"PART_OF"}, Direction: model.DirectionOut}
	r := neo4j.Relationship{ElementId: "5:r:1", Type: "PART_OF", Props: map[string]any{"id": "r1", "role": "core"}}
	row := []any{park("p1"), "Park p1", []any{map[string]any{"r": r, "b": park("p2"), "out": true}}}
	p, err := entityPageOf([]*neo4j.Record{pageRecord(row)}, model.PageArgs{First: 5, With: []model.Hop{hop}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Entities) != 1 || p.Entities[0].GetID() != "p1" || p.TotalCount != 1 || len(p.Cursors) != 1 {
		t.Fatalf("page = %+v", p)
	}
	rels := p.With[0]["p1"]
	if len(rels) != 1 || rels[0].ID != "r1" || rels[0].Node.GetID() != "p2" || rels[0].Direction != model.DirectionOut || *rels[0].Value("role") != "core" {
		t.Errorf("hop = %+v", rels)
	}
}

func TestListItemsOfAnotherShapeAreInternal(t *testing.T) {
	_, err := documentItem("doc")
	isInternal(t, "a document", err, "document", "got string")
	_, err = entityItem(int64(1))
	isInternal(t, "an entity", err, "entity", "got int64")
	_, err = subgraphOf([]*neo4j.Record{{Keys: []string{"nodes", "rels"}, Values: []any{[]any{park("p1")}, []any{"r"}}}})
	isInternal(t, "a subgraph relationship", err, "relationship of a subgraph")
	_, err = column[int64](&neo4j.Record{Keys: []string{"total"}, Values: []any{"many"}}, "total")
	isInternal(t, "a column", err, `"total"`)
}
