package neo4jdb_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// Every cypher string the API returns is one statement that Neo4j Browser runs as it is
// pasted: no :param lines, no parameter left, one ";" at the end. It plans without any
// notification (a cartesian product would earn one), and, run as it is, it returns the
// very nodes and relationships of the API's answer, which is what Browser draws.
func TestEveryCypherTheAPIReturnsIsOneStatementThatDrawsTheSameGraph(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	ctx := context.Background()
	cfg := neo4jtest.Config(t)
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)

	const fuling = "fuling-district-industrial-park"
	type answer struct {
		name   string
		cypher string
		nodes  []string // entity ids
		edges  []string // relationship ids
	}
	var answers []answer
	ofSubgraph := func(name string, g *model.Subgraph, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		a := answer{name: name, cypher: g.Cypher}
		for _, n := range g.Nodes {
			a.nodes = append(a.nodes, n.GetID())
		}
		for _, e := range g.Edges {
			a.edges = append(a.edges, e.ID)
		}
		answers = append(answers, a)
	}
	// Each traversal as the API asks it by default (stated relationships only) and with
	// the inferred and computed ones: the Browser form carries the same filter.
	stated, every := model.Followed(nil, false, false), model.Followed(nil, true, true)
	for _, k := range []struct {
		name  string
		kinds []model.DerivationKind
	}{{"stated", stated}, {"every kind", every}} {
		g, err := store.Neighborhood(ctx, "cross-straits-industrial-cooperation-zone-chongqing", 2, nil, k.kinds, 50, "")
		ofSubgraph("neighborhood, "+k.name, g, err)
		g, err = store.Neighborhood(ctx, fuling, 1, []string{"TARGETS"}, k.kinds, 100, "")
		ofSubgraph("neighborhood of one type, "+k.name, g, err)
		g, err = store.Subgraph(ctx, []string{fuling, "biotechnology", "taiwan", "no-such-id", "it's \"quoted\" \\ here"}, nil, k.kinds, "")
		ofSubgraph("subgraph, "+k.name, g, err)
		p, err := store.ShortestPath(ctx, "taiwan", fuling, 6, nil, k.kinds, "")
		if err != nil || p == nil {
			t.Fatalf("shortest path, %s: %v %v", k.name, p, err)
		}
		a := answer{name: "shortest path, " + k.name, cypher: p.Cypher}
		for _, n := range p.Nodes {
			a.nodes = append(a.nodes, n.GetID())
		}
		for _, s := range p.Steps {
			a.edges = append(a.edges, s.Relation.ID)
		}
		answers = append(answers, a)
	}
	// The two forms differ where derived relationships are: the filter is no no-op.
	if byName := map[string]answer{}; true {
		for _, a := range answers {
			byName[a.name] = a
		}
		for _, name := range []string{"neighborhood of one type", "shortest path"} {
			if slices.Equal(sorted(byName[name+", stated"].edges), sorted(byName[name+", every kind"].edges)) {
				t.Errorf("%s: stated and every kind answer the same relationships %v", name, byName[name+", stated"].edges)
			}
		}
	}

	for _, a := range answers {
		t.Run(a.name, func(t *testing.T) {
			body, ok := strings.CutSuffix(a.cypher, ";\n")
			if !ok || strings.Contains(body, ";") || strings.Contains(body, ":param") || strings.Contains(body, "$") {
				t.Fatalf("not one statement without parameters:\n%s", a.cypher)
			}
			explained, err := neo4j.ExecuteQuery(ctx, driver, "EXPLAIN "+body, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
			if err != nil {
				t.Fatalf("does not plan: %v\n%s", err, body)
			}
			for _, n := range explained.Summary.Notifications() {
				t.Errorf("notification %s: %s\n%s", n.Code(), n.Description(), body)
			}
			res, err := neo4j.ExecuteQuery(ctx, driver, a.cypher, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
			if err != nil {
				t.Fatalf("does not run as pasted: %v\n%s", err, a.cypher)
			}
			nodes, edges := map[string]bool{}, map[string]bool{}
			var collect func(v any)
			collect = func(v any) {
				switch x := v.(type) {
				case neo4j.Node:
					nodes[x.Props["id"].(string)] = true
				case neo4j.Relationship:
					edges[x.Props["id"].(string)] = true
				case neo4j.Path:
					for _, n := range x.Nodes {
						collect(n)
					}
					for _, r := range x.Relationships {
						collect(r)
					}
				case []any:
					for _, y := range x {
						collect(y)
					}
				}
			}
			for _, r := range res.Records {
				for _, v := range r.Values {
					collect(v)
				}
			}
			if got, want := keys(nodes), sorted(a.nodes); !slices.Equal(got, want) {
				t.Errorf("Browser would draw the nodes %v, the API answers %v", got, want)
			}
			if got, want := keys(edges), sorted(a.edges); !slices.Equal(got, want) {
				t.Errorf("Browser would draw the relationships %v, the API answers %v", got, want)
			}
			if len(a.nodes) == 0 {
				t.Error("the API answered nothing: the case tests nothing")
			}
		})
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}
