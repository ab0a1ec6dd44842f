package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/parkgraph/parkgraph/web"
)

// get fetches url and returns the response (body read) and its body.
func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func TestPagesAndAssetsComeFromThisServerWithAStrictPolicy(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	for _, path := range []string{"/", "/explore", "/schema.graphql", "/assets/graphiql.js",
		"/assets/vendor/graphiql/graphiql.min.js", "/assets/vendor/cytoscape/dist/cytoscape.esm.min.mjs", "/assets/no-such-file.js"} {
		res, body := get(t, srv.URL+path)
		want := 200
		if strings.Contains(path, "no-such") {
			want = 404
		}
		if res.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, res.StatusCode, want)
		}
		if got := res.Header.Get("Content-Security-Policy"); got != web.CSP {
			t.Errorf("GET %s: Content-Security-Policy %q", path, got)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", path)
		}
		if strings.HasSuffix(path, ".js") && want == 200 && !strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") {
			t.Errorf("GET %s: Content-Type %q", path, res.Header.Get("Content-Type"))
		}
		if strings.HasSuffix(path, ".mjs") && !strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") {
			t.Errorf("GET %s: Content-Type %q", path, res.Header.Get("Content-Type"))
		}
		if path == "/" && !strings.Contains(body, `href="/explore"`) {
			t.Errorf("GraphiQL does not link the explorer:\n%s", body)
		}
	}
	// An unchanged asset is revalidated, not sent again.
	res, _ := get(t, srv.URL+"/assets/graphiql.js")
	req, _ := http.NewRequest("GET", srv.URL+"/assets/graphiql.js", nil)
	req.Header.Set("If-None-Match", res.Header.Get("ETag"))
	if res2, err := http.DefaultClient.Do(req); err != nil || res2.StatusCode != http.StatusNotModified {
		t.Errorf("revalidating an asset: %v %v", res2.StatusCode, err)
	}
}

func TestSchemaGraphQLServesTheSchemaTheServerRuns(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	res, sdl := get(t, srv.URL+"/schema.graphql")
	if res.StatusCode != 200 {
		t.Fatalf("GET /schema.graphql = %d", res.StatusCode)
	}
	schema, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: sdl})
	if err != nil {
		t.Fatalf("the SDL does not load: %v", err)
	}
	for _, name := range []string{"Query", "Entity", "Park", "Subgraph", "Path", "SearchHit", "Bucket"} {
		if schema.Types[name] == nil {
			t.Errorf("the SDL has no type %s", name)
		}
	}
	if d := schema.Types["Entity"].Description; !strings.Contains(d, "evidence") {
		t.Errorf("descriptions are lost: Entity is %q", d)
	}
	if !strings.Contains(sdl, "search(query: String!") {
		t.Errorf("no search field in the SDL")
	}
}

func TestExplorerAndGraphiQLAreSwitchedOnAndOffApart(t *testing.T) {
	dev := newTestServer(t, serverOptions{})
	cases := []struct {
		env  map[string]string
		want map[string]int
	}{
		{map[string]string{"GRAPHIQL": "false"}, map[string]int{"/": 404, "/explore": 200, "/assets/explore/main.js": 200, "/schema.graphql": 200}},
		{map[string]string{"EXPLORER": "false"}, map[string]int{"/": 200, "/explore": 404, "/assets/graphiql.js": 200}},
		{map[string]string{"EXPLORER": "false", "GRAPHIQL": "false", "INTROSPECTION": "false"},
			map[string]int{"/": 404, "/explore": 404, "/assets/graphiql.js": 404, "/schema.graphql": 404}},
	}
	for _, c := range cases {
		srv := newTestServer(t, serverOptions{env: c.env, store: dev.store})
		for path, want := range c.want {
			if got := status(t, srv.URL+path); got != want {
				t.Errorf("%v: GET %s = %d, want %d", c.env, path, got, want)
			}
		}
	}
	if _, body := get(t, newTestServer(t, serverOptions{env: map[string]string{"EXPLORER": "false"}, store: dev.store}).URL+"/"); strings.Contains(body, `href="/explore"`) {
		t.Errorf("GraphiQL links the explorer that is switched off")
	}
}

// The GraphiQL tabs are the README examples, named; each runs as it is.
func TestEveryGraphiQLTabRuns(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	tabs, err := web.ReadmeExamples()
	if err != nil {
		t.Fatal(err)
	}
	for _, tab := range tabs {
		var data map[string]any
		query(t, srv.URL, tab.Query, nil, &data)
		if len(data) == 0 {
			t.Errorf("%s: no data", tab.Title)
		}
	}
}

// Neo4j Browser, on its own origin, loads the style and the guide after connecting
// (browser.post_connect_cmd, written by neo4j/neo4j.sh): both are served readable from
// any origin, preflight included.
func TestTheBrowserStyleAndGuideAreServedToNeo4jBrowser(t *testing.T) {
	srv := newTestServer(t, serverOptions{env: map[string]string{"GRAPHIQL": "false", "EXPLORER": "false"}})
	res, grass := get(t, srv.URL+"/browser/graphstyle.grass")
	if res.StatusCode != 200 || !strings.Contains(grass, "node.Park {") || res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("style: %d %q, CORS %q", res.StatusCode, grass[:min(len(grass), 40)], res.Header.Get("Access-Control-Allow-Origin"))
	}
	res, guide := get(t, srv.URL+"/browser/guide.html")
	if res.StatusCode != 200 || !strings.Contains(guide, `<pre class="pre-scrollable code runnable">`) || !strings.Contains(guide, "Parks targeting Taiwanese biotech") {
		t.Errorf("guide: %d\n%s", res.StatusCode, guide)
	}
	req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/browser/guide.html", nil)
	req.Header.Set("Origin", "http://127.0.0.1:7474")
	req.Header.Set("Access-Control-Request-Method", "GET")
	req.Header.Set("Access-Control-Request-Headers", "pragma,cache-control")
	pre, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	pre.Body.Close()
	if pre.StatusCode != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(pre.Header.Get("Access-Control-Allow-Headers"), "pragma") {
		t.Errorf("preflight: %d %v", pre.StatusCode, pre.Header)
	}
	post, err := http.Post(srv.URL+"/browser/guide.html", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	post.Body.Close()
	if post.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /browser/guide.html = %d", post.StatusCode)
	}
}
