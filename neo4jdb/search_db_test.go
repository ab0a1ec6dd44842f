package neo4jdb_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// documentIDs returns the ids of the documents SearchDocuments finds for query.
func documentIDs(t *testing.T, store *neo4jdb.Store, query string) []string {
	t.Helper()
	hits, err := store.SearchDocuments(context.Background(), query, 100)
	if err != nil {
		t.Fatalf("search documents %q: %v", query, err)
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Document.ID
	}
	return ids
}

// entityIDs returns the ids of the entities Search finds for query.
func entityIDs(t *testing.T, store *neo4jdb.Store, query string) []string {
	t.Helper()
	hits, err := store.Search(context.Background(), query, nil, 100)
	if err != nil {
		t.Fatalf("search %q: %v", query, err)
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Entity.Base().ID
	}
	return ids
}

// documentsMatching returns the ids of the seed documents whose title or text match re.
func documentsMatching(ds *model.Dataset, re *regexp.Regexp) []string {
	var ids []string
	for _, d := range ds.Documents {
		if re.MatchString(d.Title + "\n" + d.Text) {
			ids = append(ids, d.ID)
		}
	}
	return ids
}

// entitiesMatching returns the ids of the seed entities whose name, aliases or
// description match re.
func entitiesMatching(ds *model.Dataset, re *regexp.Regexp) []string {
	var ids []string
	for _, e := range ds.Entities {
		text := append([]string{e.Name}, e.Aliases...)
		if e.Description != nil {
			text = append(text, *e.Description)
		}
		if re.MatchString(strings.Join(text, "\n")) {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// descriptionsMatching returns the ids of the seed entities whose description matches re.
func descriptionsMatching(ds *model.Dataset, re *regexp.Regexp) []string {
	var ids []string
	for _, e := range ds.Entities {
		if e.Description != nil && re.MatchString(*e.Description) {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// missing returns the ids of want that got lacks.
func missing(want, got []string) []string {
	var out []string
	for _, id := range want {
		if !slices.Contains(got, id) {
			out = append(out, id)
		}
	}
	return out
}

func TestSearchFindsWordsByTheirEnglishStem(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := neo4jtest.LoadSeeds(t, store)
	cases := []struct {
		query    string
		asTyped  *regexp.Regexp // what the words-as-written index finds, whole or as a prefix
		stemmed  *regexp.Regexp // the other writings the stem stands for
		entities bool
	}{
		{"parks", regexp.MustCompile(`(?i)\bparks`), regexp.MustCompile(`(?i)\bpark\b`), false},
		{"parks", regexp.MustCompile(`(?i)\bparks`), regexp.MustCompile(`(?i)\bpark\b`), true},
		{"manufacturers", regexp.MustCompile(`(?i)\bmanufacturers`), regexp.MustCompile(`(?i)\bmanufactur(e|es|ed|ing)\b`), false},
		{"manufacturers", regexp.MustCompile(`(?i)\bmanufacturers`), regexp.MustCompile(`(?i)\bmanufactur(e|es|ed|ing)\b`), true},
	}
	for _, c := range cases {
		kind, found, all, written := "documents", documentIDs, documentsMatching(ds, c.stemmed), documentsMatching(ds, c.asTyped)
		if c.entities {
			// Only descriptions are stemmed: names and aliases keep whole and prefix matches.
			kind, found, all, written = "entities", entityIDs, descriptionsMatching(ds, c.stemmed), entitiesMatching(ds, c.asTyped)
		}
		t.Run(c.query+" finds the "+kind+" that hold only another form of the word", func(t *testing.T) {
			byStem := missing(all, written) // found by no whole or prefix match
			if len(byStem) == 0 {
				t.Fatalf("no seed %s hold %v without %v: the case shows nothing", kind, c.stemmed, c.asTyped)
			}
			if m := missing(byStem, found(t, store, c.query)); len(m) > 0 {
				t.Errorf("%q misses %v, which hold %v", c.query, m, c.stemmed)
			}
		})
	}
}

func TestSearchFindsEveryWritingOfACompound(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := neo4jtest.LoadSeeds(t, store)
	writings := regexp.MustCompile(`(?i)\bmicro[- ]?electronics\b`)
	docs, ents := documentsMatching(ds, writings), entitiesMatching(ds, writings)
	joined := regexp.MustCompile(`(?i)\bmicroelectronics\b`)
	if len(missing(docs, documentsMatching(ds, joined))) == 0 || len(documentsMatching(ds, joined)) == 0 {
		t.Fatalf("the seed documents do not write the compound both hyphenated and joined: %v", docs)
	}
	for _, q := range []string{"microelectronics", "micro-electronics", "micro electronics", "Micro-Electronics", `"micro-electronics"`} {
		t.Run(q, func(t *testing.T) {
			if m := missing(docs, documentIDs(t, store, q)); len(m) > 0 {
				t.Errorf("documents %v hold %v but %q does not find them", m, writings, q)
			}
			if m := missing(ents, entityIDs(t, store, q)); len(m) > 0 {
				t.Errorf("entities %v hold %v but %q does not find them", m, writings, q)
			}
		})
	}
}

func TestAPhraseFindsOnlyItsWordsSideBySide(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := neo4jtest.LoadSeeds(t, store)
	adjacent := documentsMatching(ds, regexp.MustCompile(`(?i)\bhigh[-\s]tech\s+zones?\b`))
	for _, q := range []string{`"high-tech zone"`, `"high tech zone"`, `"High-tech Zones"`} {
		t.Run(q, func(t *testing.T) {
			phrase := documentIDs(t, store, q)
			slices.Sort(phrase)
			if !slices.Equal(phrase, adjacent) {
				t.Errorf("%s finds %v, want the documents with the words side by side %v", q, phrase, adjacent)
			}
		})
	}
	words := documentIDs(t, store, "high tech zone")
	if extra := missing(words, adjacent); len(extra) == 0 {
		t.Errorf("the words without quotes find %v, no more than the phrase: the case shows nothing", words)
	}
	if m := missing(adjacent, words); len(m) > 0 {
		t.Errorf("the words without quotes miss %v", m)
	}
	for _, q := range []string{`"high tech`, `high tech"`} {
		if got := documentIDs(t, store, q); !slices.Equal(got, documentIDs(t, store, "high tech")) {
			t.Errorf("%s finds %v, want what the words without the unbalanced quote find", q, got)
		}
	}
}

func TestAnExactNameStillComesFirst(t *testing.T) {
	store := neo4jtest.Open(t)
	ds := neo4jtest.LoadSeeds(t, store)
	for _, q := range []string{"High-tech Zone", `"High-tech Zone"`, "manufacturing", "Parks"} {
		t.Run(q, func(t *testing.T) {
			key := strings.ToLower(strings.Trim(q, `"`))
			var want string
			for _, e := range ds.Entities {
				for _, k := range append([]string{e.ID, e.Name}, e.Aliases...) {
					if strings.ToLower(k) == key && want == "" {
						want = e.ID
					}
				}
			}
			hits, err := store.Search(context.Background(), q, nil, 10)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case want == "" && len(hits) > 0 && hits[0].Exact:
				t.Errorf("%q: %s is marked exact, but no entity is named so", q, hits[0].Entity.Base().ID)
			case want == "":
			case len(hits) == 0 || hits[0].Entity.Base().ID != want || !hits[0].Exact:
				t.Errorf("%q: first hit %+v, want %s marked exact", q, hits, want)
			}
		})
	}
}

func TestApplySchemaReplacesFullTextIndexesOfAnOlderSchema(t *testing.T) {
	store := neo4jtest.Open(t)
	ctx := context.Background()
	if err := store.ApplySchema(ctx); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{ // the indexes as the schema before stemming and compounds defined them
		"DROP INDEX entity_text", "DROP INDEX document_text", "DROP INDEX entity_english", "DROP INDEX document_english",
		"CREATE FULLTEXT INDEX entity_text FOR (n:Entity) ON EACH [n.name, n.aliasText, n.description]",
		"CREATE FULLTEXT INDEX document_text FOR (d:Document) ON EACH [d.title, d.text]",
		"CREATE FULLTEXT INDEX document_english FOR (d:Document) ON EACH [d.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard'}}",
	} {
		if err := neo4jdb.RunSchema(ctx, store, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	ds := neo4jtest.LoadSeeds(t, store) // applies the schema, then loads
	got, err := neo4jdb.FullTextIndexes(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"entity_text":      "Entity[name aliasText description compounds] standard-no-stop-words",
		"document_text":    "Document[title text compounds] standard-no-stop-words",
		"entity_english":   "Entity[description] english",
		"document_english": "Document[title text] english",
	}
	for name, def := range want {
		if got[name] != def {
			t.Errorf("index %s is %q, want %q", name, got[name], def)
		}
	}
	hyphenated := documentsMatching(ds, regexp.MustCompile(`(?i)\bmicro-electronics\b`))
	if m := missing(hyphenated, documentIDs(t, store, "microelectronics")); len(hyphenated) == 0 || len(m) > 0 {
		t.Errorf("after the upgrade microelectronics misses %v of %v", m, hyphenated)
	}
}
