package web

import (
	"html"
	"os"
	"strings"
	"testing"
)

// The guide holds every cookbook query as a runnable block, escaped as HTML.
func TestTheBrowserGuideHoldsEveryCookbookQuery(t *testing.T) {
	cookbook, err := os.ReadFile("../neo4j/cookbook.cypher")
	if err != nil {
		t.Fatal(err)
	}
	recipes, err := Recipes(cookbook)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(cookbook), "\n// "); len(recipes) < 10 || len(recipes) > n {
		t.Fatalf("%d recipes read", len(recipes))
	}
	guide, err := Guide(cookbook)
	if err != nil {
		t.Fatal(err)
	}
	g := string(guide)
	if got := strings.Count(g, `<pre class="pre-scrollable code runnable">`); got != len(recipes) {
		t.Errorf("%d runnable blocks, want %d", got, len(recipes))
	}
	for _, r := range recipes {
		if !strings.HasSuffix(r.Query, ";") || r.About == "" || strings.Contains(r.Query, "// ") && !strings.Contains(r.Query, "http") {
			t.Errorf("recipe %q: about %q, query %q", r.Title, r.About, r.Query)
		}
		if !strings.Contains(html.UnescapeString(g), r.Query) {
			t.Errorf("the guide lacks %q", r.Title)
		}
	}
	if strings.Contains(g, "<script") || strings.Count(g, "<pre") != strings.Count(g, "</pre>") {
		t.Error("the guide has a script")
	}
	if _, err := Recipes([]byte("// 1. A\n// what\nMATCH (n) RETURN n\n")); err == nil {
		t.Error("a query without ; is taken")
	}
}
