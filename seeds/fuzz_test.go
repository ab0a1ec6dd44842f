package seeds

import (
	"errors"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parkgraph/parkgraph/model"
)

// fuzzFiles are the files FuzzLoad replaces with fuzzed text, by the fuzzed index modulo
// their number. graph/extra.yaml is not in the fixture: it is added beside the fixture's
// two graph files, so it can refer to, or collide with, what they define.
var fuzzFiles = []string{"documents.yaml", "graph/entities.yaml", "graph/relations.yaml", "graph/extra.yaml"}

// FuzzLoad feeds Load the valid fixture with one file replaced by fuzzed text. Load must
// not panic; it returns either a dataset and no error, or nil and Problems whose every
// entry names a file and a line, in file and line order; and a dataset it returns keeps
// the rules it promises: unique ids, relation ends that exist, evidence that cites a
// known document and occurs in it verbatim, investor origins that are regions.
func FuzzLoad(f *testing.F) {
	base := fuzzFixture(f)
	for _, name := range fuzzFiles[:3] {
		f.Add(uint8(indexOf(name)), string(base[name].Data))
	}
	f.Fuzz(func(t *testing.T, which uint8, text string) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		name := fuzzFiles[int(which)%len(fuzzFiles)]
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
		ds, err := Load(fsys)
		if err != nil {
			checkProblems(t, err, ds)
			return
		}
		checkDataset(t, ds)
	})
}

func indexOf(name string) int {
	for i, n := range fuzzFiles {
		if n == name {
			return i
		}
	}
	panic(name)
}

// fuzzFixture reads testdata/valid into memory.
func fuzzFixture(tb testing.TB) fstest.MapFS {
	tb.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{"documents.yaml", "documents/a.txt", "graph/entities.yaml", "graph/relations.yaml"} {
		data, err := os.ReadFile("testdata/valid/" + name)
		if err != nil {
			tb.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}

func checkProblems(t *testing.T, err error, ds *model.Dataset) {
	t.Helper()
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load returned %T %v, want Problems", err, err)
	}
	if ds != nil {
		t.Fatal("Load returned a dataset together with problems")
	}
	if len(ps) == 0 {
		t.Fatal("Load returned empty Problems")
	}
	for _, p := range ps {
		if p.File == "" || p.Line < 1 || p.Msg == "" {
			t.Errorf("problem %+v lacks a file, a line or a message", p)
		}
	}
	if !sort.SliceIsSorted(ps, func(i, j int) bool {
		return ps[i].File < ps[j].File || ps[i].File == ps[j].File && ps[i].Line < ps[j].Line
	}) {
		t.Errorf("problems are not in file and line order:\n%v", ps)
	}
}

func checkDataset(t *testing.T, ds *model.Dataset) {
	t.Helper()
	docs := map[string]string{}
	for _, d := range ds.Documents {
		if _, dup := docs[d.ID]; dup {
			t.Errorf("document id %q twice", d.ID)
		}
		docs[d.ID] = d.Text
	}
	checkEvidence := func(what string, evs []*model.Evidence) {
		if len(evs) == 0 {
			t.Errorf("%s has no evidence", what)
		}
		for _, ev := range evs {
			text, ok := docs[ev.DocumentID]
			if !ok {
				t.Errorf("%s cites unknown document %q", what, ev.DocumentID)
			} else if ev.Quote == "" || !strings.Contains(text, ev.Quote) {
				t.Errorf("%s: quote %q does not occur in %s", what, ev.Quote, ev.DocumentID)
			}
		}
	}
	types := map[string]model.EntityType{}
	for _, e := range ds.Entities {
		if _, dup := types[e.ID]; dup || docs[e.ID] != "" {
			t.Errorf("id %q defined twice", e.ID)
		}
		if !idPattern.MatchString(e.ID) || !e.Type.IsValid() || strings.TrimSpace(e.Name) == "" {
			t.Errorf("entity %+v has a bad id, type or name", e.EntityBase)
		}
		types[e.ID] = e.Type
		checkEvidence("entity "+e.ID, e.Evidence)
		for _, fact := range e.Facts {
			checkEvidence("fact "+fact.ID, fact.Evidence)
		}
	}
	rels := map[string]bool{}
	for _, r := range ds.Relations {
		what := "relation " + r.ID
		if rels[r.ID] {
			t.Errorf("%s twice", what)
		}
		rels[r.ID] = true
		from, okFrom := types[r.From]
		to, okTo := types[r.To]
		if !okFrom || !okTo {
			t.Errorf("%s: an end does not exist", what)
		} else if rt, ok := model.RelationTypes[r.Type]; ok && !rt.Allows(from, to) {
			t.Errorf("%s goes from %s to %s", what, from, to)
		}
		if o, ok := r.Props["investorOrigin"]; ok {
			if id, _ := o.(string); types[id] != model.EntityTypeRegion {
				t.Errorf("%s: investorOrigin %v is not a region", what, o)
			}
		}
		checkEvidence(what, r.Evidence)
	}
	for _, m := range Mentions(ds) {
		if _, ok := docs[m.DocumentID]; !ok || m.Count < 1 {
			t.Errorf("mention %+v names an unknown document or counts nothing", m)
		}
		if _, ok := types[m.EntityID]; !ok {
			t.Errorf("mention %+v names an unknown entity", m)
		}
	}
}

// TestProblemsThatYAMLGivesNoLineForAreLocated checks the cases FuzzLoad found where the
// YAML parser names no line: the problem still points at the line of the cause.
func TestProblemsThatYAMLGivesNoLineForAreLocated(t *testing.T) {
	cases := []struct {
		name, file, text string
		wantLine         int
		wantInMsg        string
	}{
		{"a control character is located on its line", "graph/extra.yaml", "entities:\n  - id: x\n    name: a\x01b\n", 3, "control characters"},
		{"invalid UTF-8 is located on its line", "graph/extra.yaml", "entities:\n\n  - id: \xff\n", 3, "UTF-8"},
		{"an unknown alias is located where it is used", "graph/extra.yaml", "entities:\n  - id: x\n  - *nope\n", 3, "unknown anchor"},
		{"an error on the first line is on line 1", "graph/extra.yaml", "entities: a: b\n", 1, "malformed YAML"},
		{"a documents file without documents is refused at line 1", "documents.yaml", "# nothing\n", 1, "no documents"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fuzzFixture(t)
			fsys[c.file] = &fstest.MapFile{Data: []byte(c.text)}
			_, err := Load(fsys)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Load returned %v, want Problems", err)
			}
			for _, p := range ps {
				if p.File == c.file && p.Line == c.wantLine && strings.Contains(p.Msg, c.wantInMsg) {
					return
				}
			}
			t.Errorf("want a problem %s:%d containing %q, got:\n%v", c.file, c.wantLine, c.wantInMsg, ps)
		})
	}
}
