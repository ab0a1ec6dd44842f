package seeds

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// fixture reads testdata/valid into memory so that a case can change one file.
func fixture(t *testing.T) fstest.MapFS {
	return inMemory(t, os.DirFS("testdata/valid"))
}

// inMemory copies every file of fsys into a MapFS.
func inMemory(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, path)
		m[path] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func problemsOf(t *testing.T, fsys fs.FS) Problems {
	t.Helper()
	ds, err := Load(fsys)
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load returned %v (dataset %v), want Problems", err, ds != nil)
	}
	if ds != nil {
		t.Fatal("Load returned a dataset together with problems")
	}
	return ps
}

func TestLoadAcceptsTheValidFixture(t *testing.T) {
	ds, err := Load(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Documents) != 1 || len(ds.Entities) != 4 || len(ds.Relations) != 3 {
		t.Fatalf("got %d documents, %d entities, %d relations; want 1, 4, 2 curated + 1 derived", len(ds.Documents), len(ds.Entities), len(ds.Relations))
	}
	derived := ds.Relations[2]
	if derived.Type != "TARGETS_INVESTORS_FROM" || derived.From != "example-park" || derived.To != "taiwan" ||
		len(derived.Evidence) != 1 || derived.Evidence[0].Quote != "attracts Taiwanese biotech investment" {
		t.Errorf("derived relation = %+v", derived)
	}
	if got := ds.Entities[0].Facts[0].Value; got != "2023-03-09" {
		t.Errorf("establishedOn = %v", got)
	}
	if got := ds.Relations[1].Props["investorOrigin"]; got != "taiwan" {
		t.Errorf("investorOrigin = %v", got)
	}
}

func TestLoadRefusesBadInput(t *testing.T) {
	const ents, rels, docs = "graph/entities.yaml", "graph/relations.yaml", "documents.yaml"
	cases := []struct {
		name      string
		file      string
		old, new  string
		wantFile  string
		wantLine  int // 0: any line
		wantInMsg string
	}{
		{"malformed YAML is reported with its line", rels, "    to: example-zone\n", "    to: [example-zone\n", rels, 0, "malformed YAML"},
		{"a misspelt key is an unknown key", ents, "    name: Example Park", "    nmae: Example Park", ents, 16, `unknown key "nmae"`},
		{"a missing name is reported", ents, "    name: Example Zone\n", "", ents, 2, `missing "name"`},
		{"an unknown entity type is refused", ents, "    type: Park", "    type: Parc", ents, 15, `unknown entity type "Parc"`},
		{"an unknown relation type is refused", rels, "  - type: PART_OF", "  - type: PART_0F", rels, 2, `unknown relation type "PART_0F"`},
		{"a duplicate id is refused", ents, "  - id: taiwan", "  - id: biotechnology", ents, 28, `duplicate id "biotechnology"`},
		{"a malformed id is refused", ents, "  - id: example-park", "  - id: Example_Park", ents, 14, "must match"},
		{"a dangling relation end is refused", rels, "    to: example-zone", "    to: example-zon", rels, 4, `unknown entity "example-zon"`},
		{"evidence citing an unknown document is refused", rels, "      - doc: doc-a", "      - doc: doc-b", rels, 6, `unknown document "doc-b"`},
		{"a relation without evidence is refused", rels, "    evidence:\n      - doc: doc-a\n        quote: \"The Example Park is part of the Example Zone\"\n", "", rels, 2, "has no evidence"},
		{"a fact without evidence is refused", ents, "        evidence:\n          - doc: doc-a\n            quote: \"launched on March 9\"\n", "", ents, 9, "fact establishedOn has no evidence"},
		{"an altered quote is refused", rels, "attracts Taiwanese biotech investment", "attracts Taiwanese biotechnology investment", rels, 15, "quote not found verbatim in doc-a"},
		{"endpoint types the relation does not allow are refused", rels, "    to: biotechnology", "    to: taiwan", rels, 8, "TARGETS may not go from Park to Region"},
		{"an investorOrigin that is not a region is refused", rels, "      investorOrigin: taiwan", "      investorOrigin: example-zone", rels, 12, "not a Region id"},
		{"a property the relation does not take is refused", rels, "      investorOrigin: taiwan", "      origin: taiwan", rels, 12, `takes no property "origin"`},
		{"a reserved fact property is refused", ents, "      - property: establishedOn", "      - property: name", ents, 9, "not reserved"},
		{"a malformed date is refused", ents, `        value: "2023-03-09"`, `        value: "March 9"`, ents, 10, "must be YYYY-MM-DD"},
		{"a derived relation type cannot be curated", rels, "  - type: PART_OF", "  - type: TARGETS_INVESTORS_FROM", rels, 2, "derived from TARGETS"},
		{"a missing document file is refused", docs, "    file: a.txt", "    file: b.txt", docs, 3, `document file "b.txt" not found`},
		{"a document url that is not an absolute web address is refused", docs, "    file: a.txt\n", "    file: a.txt\n    url: \"www.example.com/a\"\n", docs, 4, "absolute http or https URL"},
		{"a malformed validFrom of a relation is refused", rels, "    to: example-zone\n", "    to: example-zone\n    validFrom: \"2007/12\"\n", rels, 5, `validFrom "2007/12" must be a date`},
		{"a month that does not exist is refused", rels, "    to: example-zone\n", "    to: example-zone\n    validTo: \"2010-13\"\n", rels, 5, `validTo "2010-13" must be a date`},
		{"a day that does not exist is refused", ents, "        value: \"2023-03-09\"\n", "        value: \"2023-03-09\"\n        validFrom: \"2023-02-30\"\n", ents, 11, `validFrom "2023-02-30" must be a date`},
		{"a relation that ends before it starts is refused", rels, "    to: example-zone\n", "    to: example-zone\n    validFrom: \"2010-06\"\n    validTo: \"2009\"\n", rels, 6, "validTo 2009 is before validFrom 2010-06"},
		{"a fact that ends before it starts is refused", ents, "        value: \"2023-03-09\"\n", "        value: \"2023-03-09\"\n        validFrom: \"2023-03\"\n        validTo: \"2023-02-28\"\n", ents, 12, "validTo 2023-02-28 is before validFrom 2023-03"},
		{"the same relation listed twice is refused", rels, "relations:\n", "relations:\n  - type: PART_OF\n    from: example-park\n    to: example-zone\n    evidence:\n      - doc: doc-a\n        quote: \"The Example Park\"\n", rels, 8, "given twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fixture(t)
			data := string(fsys[c.file].Data)
			if !strings.Contains(data, c.old) {
				t.Fatalf("fixture %s has no %q", c.file, c.old)
			}
			fsys[c.file] = &fstest.MapFile{Data: []byte(strings.Replace(data, c.old, c.new, 1))}
			ps := problemsOf(t, fsys)
			for _, p := range ps {
				if p.File == c.wantFile && (c.wantLine == 0 || p.Line == c.wantLine) && strings.Contains(p.Msg, c.wantInMsg) {
					if c.wantLine == 0 && p.Line == 0 {
						t.Errorf("problem %q has no line", p)
					}
					return
				}
			}
			t.Errorf("want a problem %s:%d containing %q, got:\n%v", c.wantFile, c.wantLine, c.wantInMsg, ps)
		})
	}
}

func TestADocumentKeepsTheURLItsMetadataGives(t *testing.T) {
	fsys := fixture(t)
	const url = "https://www.example.com/news/a.html"
	data := strings.Replace(string(fsys["documents.yaml"].Data), "    file: a.txt\n", "    file: a.txt\n    url: "+url+"\n", 1)
	fsys["documents.yaml"] = &fstest.MapFile{Data: []byte(data)}
	ds, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if u := ds.Documents[0].URL; u == nil || *u != url {
		t.Errorf("url = %v, want %s", u, url)
	}
}

func TestPeriodsAreReadWithTheirBoundsAndAnEndWithinTheStartIsAccepted(t *testing.T) {
	fsys := fixture(t)
	const rels = "graph/relations.yaml"
	data := strings.Replace(string(fsys[rels].Data), "    to: example-zone\n", "    to: example-zone\n    validFrom: 2010-06\n    validTo: 2010\n", 1)
	fsys[rels] = &fstest.MapFile{Data: []byte(data)}
	ds, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if p := ds.Relations[0].Period; p.ValidFrom != "2010-06" || p.ValidTo != "2010" {
		t.Errorf("period = %+v, want 2010-06 to 2010 (the end includes the start)", p)
	}
	if ds.Relations[0].ID == "part_of:example-park:example-zone" {
		t.Errorf("a relation with a period has the id of one without: %s", ds.Relations[0].ID)
	}
}

func TestTheRealSeedsAreValid(t *testing.T) {
	ds, err := Load(FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Documents) != 5 {
		t.Errorf("got %d documents, want the 5 source documents", len(ds.Documents))
	}
}

func TestOneAlteredQuoteInTheRealSeedsIsRefusedWithFileAndLine(t *testing.T) {
	m := inMemory(t, FS)
	const file = "graph/relations-targets.yaml"
	lines := strings.Split(string(m[file].Data), "\n")
	at := -1
	for i, l := range lines {
		if strings.Contains(l, "quote:") {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatalf("%s has no quote", file)
	}
	lines[at] = strings.Replace(lines[at], "quote: \"", "quote: \"Allegedly, ", 1)
	m[file] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n"))}
	ps := problemsOf(t, m)
	if len(ps) != 1 || ps[0].File != file || ps[0].Line != at+1 || !strings.Contains(ps[0].Msg, "quote not found verbatim") {
		t.Fatalf("want exactly one problem at %s:%d, got:\n%v", file, at+1, ps)
	}
}

func TestMentionsFindNamesAndAliasesAsWholeWords(t *testing.T) {
	ds, err := Load(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, m := range Mentions(ds) {
		got[m.EntityID] = m.Count
	}
	want := map[string]int{
		"example-zone":  2, // "Example Zone" twice
		"example-park":  1, // "Example Park" once
		"biotechnology": 2, // "biotechnology" and "biotech"
		"taiwan":        1, // "Taiwanese"
	}
	for id, n := range want {
		if got[id] != n {
			t.Errorf("mentions of %s = %d, want %d", id, got[id], n)
		}
	}
}

func TestMentionCountsTakeTheLongestNameFirst(t *testing.T) {
	cases := []struct {
		text  string
		terms [][]string
		want  []int
	}{
		{"biotechnology and biotech", [][]string{{"biotech"}}, []int{1}},
		{"taiwan, taiwanese", [][]string{{"taiwan"}}, []int{1}},
		{"(fuling) fuling-district", [][]string{{"fuling"}}, []int{2}},
		{"fuling district industrial park in fuling", [][]string{{"fuling district industrial park"}, {"fuling"}}, []int{1, 1}},
		{"the chongqing high-tech zone of chongqing", [][]string{{"chongqing"}, {"chongqing high-tech zone", "high-tech zone"}}, []int{1, 1}},
		{"", [][]string{{"x"}}, []int{0}},
	}
	for _, c := range cases {
		got := mentionCounts(c.text, c.terms)
		for i := range c.want {
			if got[i] != c.want[i] {
				t.Errorf("mentionCounts(%q, %q) = %v, want %v", c.text, c.terms, got, c.want)
				break
			}
		}
	}
}
