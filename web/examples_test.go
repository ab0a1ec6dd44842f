package web

import (
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite examples.json from the README")

// GraphiQL opens with the README's examples as tabs; examples.json is their embedded
// copy, and this test keeps it equal to the README (go test ./web -run Tabs -update
// rewrites it).
func TestGraphiQLTabsAreTheReadmeExamples(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := Examples(string(readme))
	if len(want) < 8 {
		t.Fatalf("the README has %d GraphQL examples, want at least 8", len(want))
	}
	const headline = `{ parks(where: {targets: {industry: "biotech", investorOrigin: "Taiwan"}}) { nodes { id name } } }`
	if !strings.Contains(want[0].Query, headline) {
		t.Errorf("the first example is not the headline query:\n%s", want[0].Query)
	}
	for _, e := range want {
		if e.Title == "" {
			t.Errorf("example without a title:\n%s", e.Query)
		}
	}
	if *update {
		b, err := json.MarshalIndent(want, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("examples.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []Example
	b, err := os.ReadFile("examples.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("examples.json is not the README's examples: run go test ./web -run Tabs -update")
	}
}
