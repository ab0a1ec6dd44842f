// Package seeds reads and validates the curated dataset: documents.yaml, the source
// texts in documents/, and the entities and relations in graph/*.yaml. The real seed data
// is embedded as FS; Load reads any directory of the same layout.
package seeds

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/parkgraph/parkgraph/model"
)

// FS holds the project's curated seed dataset.
//
//go:embed documents.yaml ledger.yaml documents/*.txt graph/*.yaml
var FS embed.FS

// Problem is one validation error, located in a seed file.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is every validation error of a dataset, in file and line order.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return fmt.Sprintf("%d problem(s) in the seed data:\n%s", len(ps), strings.Join(lines, "\n"))
}

var (
	idPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	keyPattern = regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)
)

// Load reads and validates the dataset in fsys. It returns every problem it finds as
// Problems (each naming file and line), or the dataset when there is none.
func Load(fsys fs.FS) (*model.Dataset, error) {
	ds, _, err := LoadWithCoverage(fsys)
	return ds, err
}

// LoadWithCoverage is Load that also says how every sentence of every document is
// accounted for (see ledger.go). A sentence that is neither cited by an entity, fact or
// relation nor excused in ledger.yaml is a problem; the coverage is returned with the
// problems too (nil only when the documents could not be read), so that a curator sees
// what is left to do.
func LoadWithCoverage(fsys fs.FS) (*model.Dataset, []DocumentCoverage, error) {
	r := &reader{fsys: fsys, ids: map[string]string{}, rels: map[string]string{}, quoteOffsets: map[model.Evidence]int{}}
	ds := &model.Dataset{}
	r.readDocuments(ds)
	files, err := fs.Glob(fsys, "graph/*.yaml")
	if err != nil {
		return nil, nil, err
	}
	if len(files) == 0 {
		r.add("graph", 0, "no *.yaml files")
	}
	sort.Strings(files)
	var pending []pendingRelation
	for _, f := range files {
		pending = append(pending, r.readGraphFile(f, ds)...)
	}
	r.checkEntities(ds)
	r.checkRelations(ds, pending)
	coverage := r.cover(ds, r.readLedger(), len(r.problems) == 0)
	if len(r.problems) > 0 {
		sort.SliceStable(r.problems, func(i, j int) bool {
			a, b := r.problems[i], r.problems[j]
			if a.File != b.File {
				return a.File < b.File
			}
			return a.Line < b.Line
		})
		return nil, coverage, r.problems
	}
	derive(ds)
	return ds, coverage, nil
}

func containsEvidence(list []*model.Evidence, ev *model.Evidence) bool {
	for _, x := range list {
		if *x == *ev {
			return true
		}
	}
	return false
}

type reader struct {
	fsys         fs.FS
	problems     Problems
	ids          map[string]string // id -> where it was defined
	docs         map[string]*model.Document
	types        map[string]model.EntityType
	rels         map[string]string      // relation id -> where
	quoteOffsets map[model.Evidence]int // see quoteAt
}

// quoteAt returns the offset of the first occurrence of quote in doc's text, or -1 when
// it does not occur, remembering the answer: the same sentence is often cited for
// several relations, and the ledger reads the offsets again.
func (r *reader) quoteAt(doc *model.Document, quote string) int {
	k := model.Evidence{DocumentID: doc.ID, Quote: quote}
	at, seen := r.quoteOffsets[k]
	if !seen {
		at = strings.Index(doc.Text, quote)
		r.quoteOffsets[k] = at
	}
	return at
}

type pos struct {
	file string
	line int
}

type pendingRelation struct {
	rec  *model.RelationRecord
	at   pos
	ends [2]int // lines of from and to
	ev   []int  // line of each evidence item
	prop map[string]int
}

func (r *reader) add(file string, line int, format string, args ...any) {
	r.problems = append(r.problems, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// parse decodes file into a YAML node tree, reporting a malformed file as a problem.
func (r *reader) parse(file string) *yaml.Node {
	data, err := fs.ReadFile(r.fsys, file)
	if err != nil {
		r.add(file, 0, "cannot read: %v", errors.Unwrap(err))
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if _, err := fmt.Sscanf(msg, "line %d:", &line); err != nil {
			line = yamlErrorLine(string(data), msg)
		}
		r.add(file, line, "malformed YAML: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		r.add(file, root.Line, "top level must be a mapping")
		return nil
	}
	return root
}

// yamlErrorLine returns the line of a YAML error whose message names none: yaml.v3 leaves
// the line out of errors on the first line, of unknown aliases and of bytes its reader
// refuses (invalid UTF-8, control characters). It returns the line of the alias or of the
// first refused byte, and 1 otherwise.
func yamlErrorLine(data, msg string) int {
	lineAt := func(i int) int { return 1 + strings.Count(data[:i], "\n") }
	if rest, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		name, _, _ := strings.Cut(rest, "' referenced")
		if i := strings.Index(data, "*"+name); i >= 0 {
			return lineAt(i)
		}
	}
	for i, c := range data {
		invalid := c == utf8.RuneError && !strings.HasPrefix(data[i:], "\uFFFD")
		printable := c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7e || c == 0x85 ||
			c >= 0xa0 && c <= 0xd7ff || c >= 0xe000 && c <= 0xfffd || c >= 0x10000
		if invalid || !printable {
			return lineAt(i)
		}
	}
	return 1
}

// fields checks that mapping node n has only keys from allowed and returns the value
// node of each key present.
func (r *reader) fields(file string, n *yaml.Node, what string, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		r.add(file, n.Line, "%s must be a mapping", what)
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ok := false
		for _, a := range allowed {
			ok = ok || k.Value == a
		}
		if !ok {
			r.add(file, k.Line, "unknown key %q in %s (allowed: %s)", k.Value, what, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			r.add(file, k.Line, "key %q given twice in %s", k.Value, what)
		}
		out[k.Value] = n.Content[i+1]
	}
	return out
}

// str returns the scalar string of field key, reporting when it is required and missing.
func (r *reader) str(file string, f map[string]*yaml.Node, key string, required bool, parent *yaml.Node) string {
	n, ok := f[key]
	if !ok || n.Tag == "!!null" {
		if required {
			r.add(file, parent.Line, "missing %q", key)
		}
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.add(file, n.Line, "%q must be a single value", key)
		return ""
	}
	if required && strings.TrimSpace(n.Value) == "" {
		r.add(file, n.Line, "%q is empty", key)
	}
	return n.Value
}

func (r *reader) list(file string, n *yaml.Node, what string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.add(file, n.Line, "%s must be a list", what)
		return nil
	}
	return n.Content
}

func (r *reader) defineID(file string, line int, id string) {
	if !idPattern.MatchString(id) {
		r.add(file, line, "id %q must match %s", id, idPattern)
		return
	}
	if where, dup := r.ids[id]; dup {
		r.add(file, line, "duplicate id %q (first defined at %s)", id, where)
		return
	}
	r.ids[id] = fmt.Sprintf("%s:%d", file, line)
}

func (r *reader) readDocuments(ds *model.Dataset) {
	const file = "documents.yaml"
	r.docs = map[string]*model.Document{}
	root := r.parse(file)
	if root == nil {
		if len(r.problems) == 0 {
			r.add(file, 1, "no documents")
		}
		return
	}
	top := r.fields(file, root, "documents.yaml", "documents")
	for _, n := range r.list(file, top["documents"], "documents") {
		f := r.fields(file, n, "document", "id", "file", "title", "publisher", "author", "publishedOn", "url")
		d := &model.Document{
			ID:    r.str(file, f, "id", true, n),
			File:  r.str(file, f, "file", true, n),
			Title: r.str(file, f, "title", true, n),
		}
		d.Publisher = optional(r.str(file, f, "publisher", false, n))
		d.Author = optional(r.str(file, f, "author", false, n))
		d.PublishedOn = optional(r.str(file, f, "publishedOn", false, n))
		if d.PublishedOn != nil && !model.DatePattern.MatchString(*d.PublishedOn) {
			r.add(file, f["publishedOn"].Line, "publishedOn %q must be YYYY-MM-DD, YYYY-MM or YYYY", *d.PublishedOn)
		}
		d.URL = optional(r.str(file, f, "url", false, n))
		if d.URL != nil && !isWebURL(*d.URL) {
			r.add(file, f["url"].Line, "url %q must be an absolute http or https URL", *d.URL)
		}
		if d.ID == "" {
			continue
		}
		r.defineID(file, n.Line, d.ID)
		if d.File != "" {
			text, err := fs.ReadFile(r.fsys, path.Join("documents", d.File))
			if err != nil {
				r.add(file, f["file"].Line, "document file %q not found in documents/", d.File)
			}
			d.Text = string(text)
		}
		r.docs[d.ID] = d
		ds.Documents = append(ds.Documents, d)
	}
	if len(ds.Documents) == 0 && len(r.problems) == 0 {
		r.add(file, root.Line, "no documents")
	}
}

// readEvidence reads an evidence list and checks each quote against its document.
func (r *reader) readEvidence(file string, n *yaml.Node, parent *yaml.Node, what string) []*model.Evidence {
	if n == nil || (n.Kind == yaml.SequenceNode && len(n.Content) == 0) {
		r.add(file, parent.Line, "%s has no evidence", what)
		return nil
	}
	var out []*model.Evidence
	for _, item := range r.list(file, n, "evidence") {
		f := r.fields(file, item, "evidence", "doc", "quote")
		ev := &model.Evidence{DocumentID: r.str(file, f, "doc", true, item), Quote: r.str(file, f, "quote", true, item)}
		if ev.DocumentID == "" || ev.Quote == "" {
			continue
		}
		doc, ok := r.docs[ev.DocumentID]
		switch {
		case !ok:
			r.add(file, f["doc"].Line, "evidence cites unknown document %q", ev.DocumentID)
		case r.quoteAt(doc, ev.Quote) < 0:
			r.add(file, f["quote"].Line, "quote not found verbatim in %s: %q", ev.DocumentID, ev.Quote)
		}
		out = append(out, ev)
	}
	return out
}

func (r *reader) readGraphFile(file string, ds *model.Dataset) []pendingRelation {
	root := r.parse(file)
	if root == nil {
		return nil
	}
	top := r.fields(file, root, "graph file", "entities", "relations")
	for _, n := range r.list(file, top["entities"], "entities") {
		if e := r.readEntity(file, n); e != nil {
			ds.Entities = append(ds.Entities, e)
		}
	}
	var pending []pendingRelation
	for _, n := range r.list(file, top["relations"], "relations") {
		if p, ok := r.readRelation(file, n); ok {
			pending = append(pending, p)
		}
	}
	return pending
}

func (r *reader) readEntity(file string, n *yaml.Node) *model.EntityRecord {
	f := r.fields(file, n, "entity", "id", "type", "name", "aliases", "description", "evidence", "facts")
	e := &model.EntityRecord{}
	e.ID = r.str(file, f, "id", true, n)
	label := r.str(file, f, "type", true, n)
	e.Name = r.str(file, f, "name", true, n)
	e.Description = optional(r.str(file, f, "description", false, n))
	if e.ID == "" {
		return nil
	}
	r.defineID(file, n.Line, e.ID)
	if t, ok := model.EntityTypeOfLabel(label); ok {
		e.Type = t
	} else if label != "" {
		r.add(file, f["type"].Line, "unknown entity type %q", label)
	}
	e.Aliases = []string{}
	for _, a := range r.list(file, f["aliases"], "aliases") {
		if a.Kind != yaml.ScalarNode || strings.TrimSpace(a.Value) == "" {
			r.add(file, a.Line, "an alias must be a non-empty string")
			continue
		}
		e.Aliases = append(e.Aliases, a.Value)
	}
	e.Evidence = r.readEvidence(file, f["evidence"], n, "entity "+e.ID)
	seen := map[string]bool{}
	for _, fn := range r.list(file, f["facts"], "facts") {
		ff := r.fields(file, fn, "fact", "property", "value", "evidence", "validFrom", "validTo")
		fact := &model.FactRecord{Property: r.str(file, ff, "property", true, fn)}
		if fact.Property != "" && (!keyPattern.MatchString(fact.Property) || model.StoredKeys[fact.Property]) {
			r.add(file, ff["property"].Line, "fact property %q must be lowerCamelCase and not reserved", fact.Property)
		}
		fact.Value = r.scalar(file, ff["value"], fn, "fact value")
		if s, ok := fact.Value.(string); ok && strings.HasSuffix(fact.Property, "On") && !model.DatePattern.MatchString(s) {
			r.add(file, ff["value"].Line, "date %s %q must be YYYY-MM-DD, YYYY-MM or YYYY", fact.Property, s)
		}
		fact.Evidence = r.readEvidence(file, ff["evidence"], fn, "fact "+fact.Property)
		fact.Period = r.period(file, ff)
		key := fact.Property + "=" + model.FormatValue(fact.Value)
		if !fact.Period.IsZero() {
			key += "@" + fact.Period.ValidFrom + ".." + fact.Period.ValidTo
		}
		if seen[key] {
			r.add(file, fn.Line, "fact %s given twice: list its evidence under one entry", key)
		}
		seen[key] = true
		fact.ID = e.ID + "/" + fact.Property + "/" + shortHash(key)
		e.Facts = append(e.Facts, fact)
	}
	return e
}

// scalar decodes a scalar value node into a string, float64 or bool.
func (r *reader) scalar(file string, n *yaml.Node, parent *yaml.Node, what string) any {
	if n == nil || n.Tag == "!!null" {
		r.add(file, parent.Line, "missing %s", what)
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		r.add(file, n.Line, "%s must be a string, number or boolean", what)
		return nil
	}
	switch n.Tag {
	case "!!int":
		var v int64
		if err := n.Decode(&v); err != nil {
			r.add(file, n.Line, "%s: %v", what, err)
		}
		return v
	case "!!float":
		var v float64
		if err := n.Decode(&v); err != nil {
			r.add(file, n.Line, "%s: %v", what, err)
		}
		return v
	case "!!bool":
		var v bool
		_ = n.Decode(&v)
		return v
	}
	return n.Value
}

func (r *reader) readRelation(file string, n *yaml.Node) (pendingRelation, bool) {
	f := r.fields(file, n, "relation", "type", "from", "to", "properties", "evidence", "validFrom", "validTo")
	rec := &model.RelationRecord{
		Type:       r.str(file, f, "type", true, n),
		From:       r.str(file, f, "from", true, n),
		To:         r.str(file, f, "to", true, n),
		Props:      map[string]any{},
		Derivation: model.Stated(),
	}
	p := pendingRelation{rec: rec, at: pos{file, n.Line}, prop: map[string]int{}}
	if x := f["from"]; x != nil {
		p.ends[0] = x.Line
	}
	if x := f["to"]; x != nil {
		p.ends[1] = x.Line
	}
	rt, known := model.RelationTypes[rec.Type]
	if !known && rec.Type != "" {
		r.add(file, f["type"].Line, "unknown relation type %q", rec.Type)
	}
	if rec.Type == model.DerivedInvestorOrigin {
		r.add(file, f["type"].Line, "%s is derived from TARGETS investorOrigin; do not list it", rec.Type)
	}
	if pn := f["properties"]; pn != nil {
		if pn.Kind != yaml.MappingNode {
			r.add(file, pn.Line, "properties must be a mapping")
		}
		for i := 0; pn.Kind == yaml.MappingNode && i+1 < len(pn.Content); i += 2 {
			k := pn.Content[i]
			if known && !contains(rt.Props, k.Value) {
				r.add(file, k.Line, "%s takes no property %q (allowed: %s)", rec.Type, k.Value, strings.Join(rt.Props, ", "))
				continue
			}
			rec.Props[k.Value] = r.scalar(file, pn.Content[i+1], pn, "property "+k.Value)
			p.prop[k.Value] = k.Line
		}
	}
	rec.Evidence = r.readEvidence(file, f["evidence"], n, "relation "+rec.Type)
	rec.Period = r.period(file, f)
	if rec.Type == "" || rec.From == "" || rec.To == "" {
		return p, false
	}
	rec.ID = RelationID(rec)
	if where, dup := r.rels[rec.ID]; dup {
		r.add(file, n.Line, "relation %s %s -> %s given twice (first at %s): list its evidence under one entry", rec.Type, rec.From, rec.To, where)
		return p, false
	}
	r.rels[rec.ID] = fmt.Sprintf("%s:%d", file, n.Line)
	return p, true
}

func (r *reader) checkEntities(ds *model.Dataset) {
	r.types = map[string]model.EntityType{}
	for _, e := range ds.Entities {
		r.types[e.ID] = e.Type
	}
}

func (r *reader) checkRelations(ds *model.Dataset, pending []pendingRelation) {
	for _, p := range pending {
		rec := p.rec
		from, okFrom := r.types[rec.From]
		to, okTo := r.types[rec.To]
		if !okFrom {
			r.add(p.at.file, p.ends[0], "relation %s: unknown entity %q", rec.Type, rec.From)
		}
		if !okTo {
			r.add(p.at.file, p.ends[1], "relation %s: unknown entity %q", rec.Type, rec.To)
		}
		rt, known := model.RelationTypes[rec.Type]
		if known && okFrom && okTo && from.IsValid() && to.IsValid() && !rt.Allows(from, to) {
			r.add(p.at.file, p.at.line, "%s may not go from %s to %s", rec.Type, from.Label(), to.Label())
		}
		if o, ok := rec.Props[model.PropInvestorOrigin]; ok {
			if id, _ := o.(string); r.types[id] != model.EntityTypeRegion {
				r.add(p.at.file, p.prop[model.PropInvestorOrigin], "investorOrigin %v is not a Region id", o)
			}
		}
		if rec.From == rec.To {
			r.add(p.at.file, p.at.line, "relation %s from %q to itself", rec.Type, rec.From)
		}
		ds.Relations = append(ds.Relations, rec)
	}
}

// period reads the validFrom and validTo of a relation or fact: each a date that exists
// (YYYY, YYYY-MM or YYYY-MM-DD), the end not before the start.
func (r *reader) period(file string, f map[string]*yaml.Node) model.Period {
	var p model.Period
	ok := true
	for key, dst := range map[string]*string{"validFrom": &p.ValidFrom, "validTo": &p.ValidTo} {
		n, given := f[key]
		if !given {
			continue
		}
		if n.Kind != yaml.ScalarNode || !model.IsDate(n.Value) {
			r.add(file, n.Line, "%s %q must be a date YYYY, YYYY-MM or YYYY-MM-DD", key, n.Value)
			ok = false
			continue
		}
		*dst = n.Value
	}
	if ok && p.EndsBeforeItStarts() {
		r.add(file, f["validTo"].Line, "validTo %s is before validFrom %s", p.ValidTo, p.ValidFrom)
	}
	return p
}

// RelationID derives the stable id of a relationship from its type, ends, properties
// and period: "type:from:to", then ":" and a hash of the properties and the period when
// it has any.
func RelationID(rec *model.RelationRecord) string {
	id := strings.ToLower(rec.Type) + ":" + rec.From + ":" + rec.To
	if len(rec.Props) == 0 && rec.Period.IsZero() {
		return id
	}
	keys := make([]string, 0, len(rec.Props))
	for k := range rec.Props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s;", k, model.FormatValue(rec.Props[k]))
	}
	if !rec.Period.IsZero() {
		fmt.Fprintf(&b, "@%s..%s", rec.Period.ValidFrom, rec.Period.ValidTo)
	}
	return id + ":" + shortHash(b.String())
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}

// isWebURL reports whether s is an absolute http or https URL with a host.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\n")
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
