package neo4jdb

import (
	"strings"
	"testing"
)

func TestTermsReadQueriesAsPeopleWriteThem(t *testing.T) {
	cases := []struct {
		name, text      string
		lucene, stemmed string
	}{
		{"a word matches whole or as a prefix, its stem whole", "Parks",
			"parks OR parks*", "parks"},
		{"two words also match joined", "micro electronics",
			"micro OR micro* OR electronics OR electronics* OR microelectronics", "micro OR electronics OR microelectronics"},
		{"a hyphenated word matches its parts as a phrase or joined", "Micro-electronics",
			`"micro electronics" OR microelectronics OR microelectronics*`, `"micro electronics" OR microelectronics`},
		{"a hyphenated word is not joined with its neighbour", "micro-electronics park",
			`"micro electronics" OR microelectronics OR microelectronics* OR park OR park*`, `"micro electronics" OR microelectronics OR park`},
		{"words in quotes are a phrase", `"high tech zone"`,
			`"high tech zone"`, `"high tech zone"`},
		{"a hyphenated word in a phrase is its parts or joined", `"High-tech Zone"`,
			`"high tech zone" OR "hightech zone"`, `"high tech zone" OR "hightech zone"`},
		{"one word in quotes matches only whole", `"Fuling"`, "fuling", "fuling"},
		{"phrases and words mix", `biotech "new area" fuling`,
			`biotech OR biotech* OR "new area" OR fuling OR fuling*`, `biotech OR "new area" OR fuling`},
		{"an unbalanced quote is a space", `"new area" "fuling park`,
			`"new area" OR fuling OR fuling* OR park OR park* OR fulingpark`, `"new area" OR fuling OR park OR fulingpark`},
		{"Lucene syntax is text", `name:(biotech) AND type:"x"~2 \`,
			`name OR name* OR biotech OR biotech* OR namebiotech OR and OR and* OR biotechand OR type OR type* OR andtype OR x OR 2 OR 2*`,
			`name OR biotech OR namebiotech OR and OR biotechand OR type OR andtype OR x OR 2`},
		{"stray hyphens and quotes hold no word", `- "" -- "`, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := terms(c.text)
			if got := luceneQuery(ts, true); got != c.lucene {
				t.Errorf("luceneQuery(%q, prefix) = %q, want %q", c.text, got, c.lucene)
			}
			if got := luceneQuery(ts, false); got != c.stemmed {
				t.Errorf("luceneQuery(%q) = %q, want %q", c.text, got, c.stemmed)
			}
		})
	}
}

func TestTermsReadAtMostMaxSearchWords(t *testing.T) {
	text := strings.Repeat("a-b ", maxSearchWords) + strings.Repeat("w ", maxSearchWords)
	read := 0
	for _, tm := range terms(text) {
		if len(tm.variants) == 2 {
			read += len(tm.variants[0])
		}
	}
	if read != maxSearchWords {
		t.Errorf("terms read %d parts of hyphenated words, want %d", read, maxSearchWords)
	}
}

func TestCompoundsJoinsHyphenatedWordsOnce(t *testing.T) {
	got := compounds("Micro-electronics and high-tech zones", "the High-Tech Zone, co-construction‐plans and e-commerce.")
	if want := "Microelectronics hightech coconstructionplans ecommerce"; got != want {
		t.Errorf("compounds = %q, want %q", got, want)
	}
	if got := compounds("no compound here - nor -here"); got != "" {
		t.Errorf("compounds of text without one = %q", got)
	}
}

func TestEveryFullTextIndexOfTheSchemaIsCheckedForItsDefinition(t *testing.T) {
	n := 0
	for _, stmt := range strings.Split(schemaCypher, ";") {
		stmt = strings.TrimSpace(stripComments(stmt))
		if !strings.Contains(stmt, "FULLTEXT") {
			continue
		}
		n++
		if !fulltextStatement.MatchString(stmt) {
			t.Errorf("ApplySchema cannot read the definition of %q", stmt)
		}
	}
	if n < 4 {
		t.Errorf("%d full-text indexes in schema.cypher, want the four the searches name", n)
	}
}
