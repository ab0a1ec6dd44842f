package web

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The explorer draws each label and relationship type in the colours of the Neo4j
// Browser style sheet, so a node looks the same in both.
func TestExplorerColoursAreTheBrowserStyle(t *testing.T) {
	grass, err := os.ReadFile("../neo4j/browser/graphstyle.grass")
	if err != nil {
		t.Fatal(err)
	}
	type nodeStyle struct{ Color, Border, Text string }
	want := struct {
		Nodes         map[string]nodeStyle `json:"nodes"`
		Relationships map[string]string    `json:"relationships"`
	}{map[string]nodeStyle{}, map[string]string{}}
	rule := regexp.MustCompile(`(node|relationship)\.(\w+)\s*\{([^}]*)\}`)
	for _, m := range rule.FindAllStringSubmatch(string(grass), -1) {
		props := map[string]string{}
		for _, p := range strings.Split(m[3], ";") {
			if k, v, ok := strings.Cut(p, ":"); ok {
				props[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		switch {
		case m[1] == "relationship":
			want.Relationships[m[2]] = props["color"]
		case m[2] != "Entity" && m[2] != "Document" && m[2] != "Fact":
			want.Nodes[m[2]] = nodeStyle{props["color"], props["border-color"], props["text-color-internal"]}
		}
	}
	if len(want.Nodes) < 11 {
		t.Fatalf("read %d node styles from the grass file", len(want.Nodes))
	}
	js, err := files.ReadFile("pages/explore/colors.js")
	if err != nil {
		t.Fatal(err)
	}
	_, obj, ok := strings.Cut(string(js), "export default ")
	if !ok {
		t.Fatal("colors.js has no export default")
	}
	got := want
	got.Nodes, got.Relationships = nil, nil
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimSpace(obj), ";")), &got); err != nil {
		t.Fatalf("colors.js: %v", err)
	}
	for k, w := range want.Nodes {
		if got.Nodes[k] != w {
			t.Errorf("node %s: explorer %+v, Browser style %+v", k, got.Nodes[k], w)
		}
	}
	for k, w := range want.Relationships {
		if got.Relationships[k] != w {
			t.Errorf("relationship %s: explorer %q, Browser style %q", k, got.Relationships[k], w)
		}
	}
	if len(got.Nodes) != len(want.Nodes) || len(got.Relationships) != len(want.Relationships) {
		t.Errorf("explorer has %d node and %d relationship styles, the Browser style %d and %d",
			len(got.Nodes), len(got.Relationships), len(want.Nodes), len(want.Relationships))
	}
}
