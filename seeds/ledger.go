package seeds

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/parkgraph/parkgraph/model"
)

// ledgerFile lists the sentences that cite nothing, each with its reason. It is optional:
// a dataset whose every sentence is cited needs none.
const ledgerFile = "ledger.yaml"

// ExcuseReasons are the reasons a sentence may cite nothing, with what each covers.
var ExcuseReasons = map[string]string{
	"title":          "the document's title or a section heading (the title is kept in documents.yaml)",
	"byline":         "the author and date line (kept in documents.yaml)",
	"photo-credit":   "a photo caption or credit",
	"credit":         "a note on who else contributed to the report",
	"page-furniture": "the web page around the article: site name, navigation, banners, cookie and privacy notices, licence numbers, contact lines",
	"promotional":    "a promotional phrase with no checkable claim",
	"duplicate":      "repeats, word for word, a sentence of the same document that is cited",
}

// DocumentCoverage says how the sentences of one document are accounted for. Cited and
// Excused hold sentence indexes; a sentence is cited when the first occurrence of some
// quote of an entity, fact or relation overlaps it.
type DocumentCoverage struct {
	Document    *model.Document
	Sentences   []Sentence
	Cited       map[int]bool
	Excused     map[int]string // sentence index -> reason
	Unaccounted []int
}

// excuse is one sentence of ledger.yaml, where it was listed.
type excuse struct {
	doc, text, reason string
	at                pos
}

// readLedger reads ledger.yaml, if there is one, checking documents and reasons.
func (r *reader) readLedger() []excuse {
	if _, err := fs.Stat(r.fsys, ledgerFile); err != nil {
		return nil
	}
	root := r.parse(ledgerFile)
	if root == nil {
		return nil
	}
	var out []excuse
	top := r.fields(ledgerFile, root, "ledger.yaml", "excused")
	for _, n := range r.list(ledgerFile, top["excused"], "excused") {
		f := r.fields(ledgerFile, n, "excused group", "doc", "reason", "sentences")
		doc, reason := r.str(ledgerFile, f, "doc", true, n), r.str(ledgerFile, f, "reason", true, n)
		if _, ok := r.docs[doc]; doc != "" && !ok {
			r.add(ledgerFile, f["doc"].Line, "unknown document %q", doc)
		}
		if _, ok := ExcuseReasons[reason]; reason != "" && !ok {
			r.add(ledgerFile, f["reason"].Line, "unknown reason %q (known: %s)", reason, strings.Join(sortedReasons(), ", "))
		}
		for _, s := range r.list(ledgerFile, f["sentences"], "sentences") {
			if s.Kind != 0 && s.Tag != "!!str" {
				r.add(ledgerFile, s.Line, "a sentence must be a string")
				continue
			}
			out = append(out, excuse{doc: doc, text: s.Value, reason: reason, at: pos{ledgerFile, s.Line}})
		}
	}
	return out
}

func sortedReasons() []string {
	out := make([]string, 0, len(ExcuseReasons))
	for k := range ExcuseReasons {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// cover accounts for every sentence of every document of ds against its evidence and
// the excuses, and reports as problems: an excuse that is not a sentence of its
// document, one listed twice, one for a sentence that is cited after all, and, when
// unaccounted is true, every sentence neither cited nor excused (with the entities it
// names, as a curator's to-do list). Load asks for the last only when the rest of the
// dataset is valid: a quote that is not found would leave its sentence uncited too.
func (r *reader) cover(ds *model.Dataset, excuses []excuse, unaccounted bool) []DocumentCoverage {
	byDoc := map[string]*DocumentCoverage{}
	var out []DocumentCoverage
	for _, d := range ds.Documents {
		out = append(out, DocumentCoverage{Document: d, Sentences: Sentences(d.Text), Cited: map[int]bool{}, Excused: map[int]string{}})
	}
	for i := range out {
		byDoc[out[i].Document.ID] = &out[i]
	}
	cite := func(evidence []*model.Evidence) {
		for _, ev := range evidence {
			c, ok := byDoc[ev.DocumentID]
			if !ok {
				continue
			}
			at := r.quoteAt(c.Document, ev.Quote)
			if at < 0 {
				continue
			}
			// the first sentence that ends after the quote starts, and those after it
			// that start before the quote ends
			first := sort.Search(len(c.Sentences), func(i int) bool { return c.Sentences[i].End > at })
			for i := first; i < len(c.Sentences) && c.Sentences[i].Start < at+len(ev.Quote); i++ {
				c.Cited[i] = true
			}
		}
	}
	for _, e := range ds.Entities {
		cite(e.Evidence)
		for _, f := range e.Facts {
			cite(f.Evidence)
		}
	}
	for _, rel := range ds.Relations {
		cite(rel.Evidence)
	}
	for _, x := range excuses {
		c, ok := byDoc[x.doc]
		if !ok {
			continue
		}
		found, original := false, false
		for i, s := range c.Sentences {
			if s.Text != x.text {
				continue
			}
			found = true
			switch {
			case x.reason == "duplicate" && c.Cited[i]:
				original = true // the cited occurrence; the others are its repeats
			case c.Excused[i] != "":
				r.add(x.at.file, x.at.line, "sentence excused twice in %s: %q", x.doc, x.text)
			case c.Cited[i]:
				r.add(x.at.file, x.at.line, "sentence of %s is cited, so it needs no excuse: %q", x.doc, x.text)
			default:
				c.Excused[i] = x.reason
			}
		}
		switch {
		case !found:
			r.add(x.at.file, x.at.line, "not a sentence of %s (sentences are whole, as seeds.Sentences cuts them): %q", x.doc, x.text)
		case x.reason == "duplicate" && !original:
			r.add(x.at.file, x.at.line, "excused as a duplicate, but no occurrence of it in %s is cited: %q", x.doc, x.text)
		}
	}
	names := entityNamer(ds)
	for i := range out {
		c := &out[i]
		for j, s := range c.Sentences {
			if c.Cited[j] || c.Excused[j] != "" {
				continue
			}
			c.Unaccounted = append(c.Unaccounted, j)
			if !unaccounted {
				continue
			}
			msg := fmt.Sprintf("sentence %d is neither cited nor excused in %s: %q", j+1, ledgerFile, s.Text)
			if named := names(s.Text); len(named) > 0 {
				msg += "; it names " + strings.Join(named, ", ")
			}
			r.add(path.Join("documents", c.Document.File), s.Line, "%s", msg)
		}
	}
	return out
}

// entityNamer returns a function that lists the ids of the entities of ds whose name or
// alias a text contains as a whole word, longest names first (see Mentions).
func entityNamer(ds *model.Dataset) func(text string) []string {
	termsOf := make([][]string, len(ds.Entities))
	for i, e := range ds.Entities {
		termsOf[i] = terms(e)
	}
	idx := newTermIndex(termsOf)
	return func(text string) []string {
		var ids []string
		for i, n := range idx.count(strings.ToLower(text)) {
			if n > 0 {
				ids = append(ids, ds.Entities[i].ID)
			}
		}
		return ids
	}
}
