package main

import (
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

func TestTheServerAnswersThroughARoutingURI(t *testing.T) {
	neo4jtest.LoadSeeds(t, neo4jtest.Open(t))
	cfg := neo4jtest.RoutingConfig(t)
	srv := startServer(t, map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USERNAME": cfg.Username, "NEO4J_PASSWORD": cfg.Password})
	if code := status(t, srv.URL+"/readyz"); code != 200 {
		t.Errorf("/readyz through %s = %d, want 200", cfg.URI, code)
	}
	r := graphQL(t, srv.URL, gqlRequest{query: `{ parks(where: {targets: {industry: "biotech", investorOrigin: "Taiwan"}}) { nodes { id } } }`})
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), "fuling-district-industrial-park") {
		t.Errorf("the headline through %s answered %s", cfg.URI, r.raw)
	}
}
