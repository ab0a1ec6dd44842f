package seeds

import (
	"strings"
	"testing"
	"testing/fstest"
)

const fixtureDoc = "documents/a.txt"

// excusedAsFurniture is a ledger that excuses the sentence "Visit our site." of doc-a.
const excusedAsFurniture = `excused:
  - doc: doc-a
    reason: page-furniture
    sentences:
      - "Visit our site."
`

// withText returns the valid fixture with text appended to its document.
func withText(t *testing.T, text string) fstest.MapFS {
	fsys := fixture(t)
	fsys[fixtureDoc] = &fstest.MapFile{Data: append(append([]byte{}, fsys[fixtureDoc].Data...), text...)}
	return fsys
}

func TestEverySentenceOfTheValidFixtureIsCited(t *testing.T) {
	_, cov, err := LoadWithCoverage(fixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(cov) != 1 || len(cov[0].Sentences) != 3 || len(cov[0].Cited) != 3 || len(cov[0].Excused) != 0 || len(cov[0].Unaccounted) != 0 {
		t.Fatalf("coverage = %+v, want 3 sentences, all cited", cov)
	}
}

func TestASentenceNeitherCitedNorExcusedIsRefusedWithItsLineAndTheEntitiesItNames(t *testing.T) {
	ps := problemsOf(t, withText(t, "\nVisit our site. The Example Park grew fast.\n"))
	if len(ps) != 2 {
		t.Fatalf("want 2 problems, got %v", ps)
	}
	for i, want := range []string{`sentence 4 is neither cited nor excused in ledger.yaml: "Visit our site."`,
		`sentence 5 is neither cited nor excused in ledger.yaml: "The Example Park grew fast."; it names example-park`} {
		if ps[i].File != fixtureDoc || ps[i].Line != 4 || ps[i].Msg != want {
			t.Errorf("problem %d = %s, want %s:4: %s", i, ps[i], fixtureDoc, want)
		}
	}
}

func TestAnExcusedSentenceIsAccountedFor(t *testing.T) {
	fsys := withText(t, "\nVisit our site.\n")
	fsys[ledgerFile] = &fstest.MapFile{Data: []byte(excusedAsFurniture)}
	_, cov, err := LoadWithCoverage(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := cov[0].Excused[3]; got != "page-furniture" || len(cov[0].Unaccounted) != 0 {
		t.Errorf("sentence 4 excused as %q, unaccounted %v; want page-furniture and none", got, cov[0].Unaccounted)
	}
}

func TestABadLedgerIsRefusedWithFileAndLine(t *testing.T) {
	for _, tc := range []struct {
		name, ledger string
		line         int
		want         string
	}{
		{"an unknown reason", "excused:\n  - doc: doc-a\n    reason: boring\n    sentences: [\"Visit our site.\"]\n", 3, `unknown reason "boring"`},
		{"an unknown document", "excused:\n  - doc: doc-z\n    reason: title\n    sentences: [\"Visit our site.\"]\n", 2, `unknown document "doc-z"`},
		{"a text that is no whole sentence", "excused:\n  - doc: doc-a\n    reason: page-furniture\n    sentences:\n      - \"Visit our\"\n      - \"Visit our site.\"\n", 5, `not a sentence of doc-a`},
		{"a sentence that is cited after all", "excused:\n  - doc: doc-a\n    reason: promotional\n    sentences:\n      - \"Visit our site.\"\n      - \"It focuses on biotechnology.\"\n", 6, `is cited, so it needs no excuse`},
		{"a sentence excused twice", "excused:\n  - doc: doc-a\n    reason: page-furniture\n    sentences:\n      - \"Visit our site.\"\n      - \"Visit our site.\"\n", 6, `excused twice`},
		{"an unknown key", "excused:\n  - doc: doc-a\n    reason: page-furniture\n    why: none\n    sentences: [\"Visit our site.\"]\n", 4, `unknown key`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := withText(t, "\nVisit our site.\n")
			fsys[ledgerFile] = &fstest.MapFile{Data: []byte(tc.ledger)}
			ps := problemsOf(t, fsys)
			for _, p := range ps {
				if p.File == ledgerFile && p.Line == tc.line && strings.Contains(p.Msg, tc.want) {
					return
				}
			}
			t.Errorf("want a problem at %s:%d containing %q, got:\n%v", ledgerFile, tc.line, tc.want, ps)
		})
	}
}

func TestARepeatedSentenceMayBeExcusedAsADuplicateOfItsCitedOriginalOnly(t *testing.T) {
	fsys := withText(t, "\nIt focuses on biotechnology.\nVisit our site.\n")
	fsys[ledgerFile] = &fstest.MapFile{Data: []byte(`excused:
  - doc: doc-a
    reason: duplicate
    sentences:
      - "It focuses on biotechnology."
` + excusedAsFurniture[len("excused:\n"):])}
	_, cov, err := LoadWithCoverage(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !cov[0].Cited[1] || cov[0].Excused[3] != "duplicate" || len(cov[0].Unaccounted) != 0 {
		t.Errorf("coverage = %+v, want the original cited and its repeat excused", cov[0])
	}

	fsys[ledgerFile] = &fstest.MapFile{Data: []byte("excused:\n  - doc: doc-a\n    reason: duplicate\n    sentences: [\"Visit our site.\"]\n")}
	for _, p := range problemsOf(t, fsys) {
		if p.File == ledgerFile && p.Line == 4 && strings.Contains(p.Msg, "no occurrence of it in doc-a is cited") {
			return
		}
	}
	t.Error("excusing an uncited sentence as a duplicate was not refused at ledger.yaml:4")
}
