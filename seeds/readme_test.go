package seeds

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
)

// readmeTable returns the rows of the table under the README heading "## heading", each
// row's cells trimmed, without the header and separator rows.
func readmeTable(t *testing.T, heading string) [][]string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	in, header := false, true
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "#") {
			if in {
				break
			}
			in = strings.TrimLeft(line, "# ") == heading
			continue
		}
		if !in || !strings.HasPrefix(line, "|") {
			continue
		}
		if strings.HasPrefix(line, "|---") {
			header = false
			continue
		}
		if header {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows = append(rows, cells)
	}
	if len(rows) == 0 {
		t.Fatalf("seeds/README.md has no table under %q", heading)
	}
	return rows
}

// TestTheReadmeListsEveryEntityType checks the "Entity types" table of seeds/README.md
// against model.AllEntityTypes, both ways.
func TestTheReadmeListsEveryEntityType(t *testing.T) {
	documented := map[string]bool{}
	for _, row := range readmeTable(t, "Entity types") {
		documented[row[0]] = true
		if _, ok := model.EntityTypeOfLabel(row[0]); !ok {
			t.Errorf("the README documents %q, which is not an entity type", row[0])
		}
	}
	for _, et := range model.AllEntityTypes {
		if !documented[et.Label()] {
			t.Errorf("entity type %s is not in the README's table", et.Label())
		}
	}
}

// TestTheReadmeStatesEveryRelationTypeAsTheLoaderChecksIt checks the "Relation types"
// table of seeds/README.md against model.RelationTypes: the same types, and for each
// the entity types of its ends ("any entity" for none) and its properties.
func TestTheReadmeStatesEveryRelationTypeAsTheLoaderChecksIt(t *testing.T) {
	aside := regexp.MustCompile(`\([^)]*\)`)
	list := func(cell string) string {
		var out []string
		for _, x := range strings.Split(aside.ReplaceAllString(cell, ""), ",") {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
		sort.Strings(out)
		return strings.Join(out, ", ")
	}
	ends := func(types []model.EntityType) string {
		if types == nil {
			return "any entity"
		}
		labels := make([]string, len(types))
		for i, et := range types {
			labels[i] = et.Label()
		}
		sort.Strings(labels)
		return strings.Join(labels, ", ")
	}
	documented := map[string]bool{}
	for _, row := range readmeTable(t, "Relation types") {
		name := row[0]
		documented[name] = true
		rt, ok := model.RelationTypes[name]
		if !ok || name == model.DerivedInvestorOrigin {
			t.Errorf("the README documents %q, which is not a curated relation type", name)
			continue
		}
		if len(row) != 4 {
			t.Errorf("%s: want 4 cells, got %q", name, row)
			continue
		}
		props := append([]string(nil), rt.Props...)
		sort.Strings(props)
		for i, want := range []string{ends(rt.From), ends(rt.To), strings.Join(props, ", ")} {
			if got := list(row[1+i]); got != want {
				t.Errorf("%s, %s: the README says %q, the code %q", name, []string{"from", "to", "properties"}[i], got, want)
			}
		}
	}
	for name := range model.RelationTypes {
		if name != model.DerivedInvestorOrigin && !documented[name] {
			t.Errorf("relation type %s is not in the README's table", name)
		}
	}
}
