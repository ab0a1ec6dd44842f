// Package synth writes synthetic datasets in the seed format (documents.yaml,
// documents/*.txt, graph/*.yaml) at a chosen size, so that the real loader and API can be
// measured on graphs far larger than the curated seeds. The same size and seed number
// always give the same files.
package synth

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Counts says how many entities and curated relationships a dataset holds.
type Counts struct {
	Documents, Entities, Relations int
}

// Shape derives entity counts from a target number of curated relationships. Parks carry
// about four relationships each (PART_OF, LOCATED_IN, TARGETS, FOCUSES_ON) and each
// company one (HOSTS).
type Shape struct {
	Regions, Industries, Zones, Districts, Parks, Companies int
}

// ShapeFor returns the shape whose dataset holds about rels curated relationships.
func ShapeFor(rels int) Shape {
	parks := max(rels/5, 4)
	return Shape{
		Regions:    20,
		Industries: 60,
		Zones:      max(parks/50, 2),
		Districts:  max(parks/40, 3),
		Parks:      parks,
		Companies:  max(rels/5-rels/50, 2),
	}
}

const sentencesPerDocument = 400

// Write writes a dataset of about rels curated relationships into dir (which must not
// exist yet or be empty), deterministically for seed.
func Write(dir string, rels int, seed uint64) (Counts, error) {
	w, err := newWriter(dir)
	if err != nil {
		return Counts{}, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	sh := ShapeFor(rels)

	region := func(i int) string { return fmt.Sprintf("region-%02d", i) }
	industry := func(i int) string { return fmt.Sprintf("industry-%02d", i) }
	zone := func(i int) string { return fmt.Sprintf("zone-%05d", i) }
	district := func(i int) string { return fmt.Sprintf("district-%05d", i) }
	park := func(i int) string { return fmt.Sprintf("park-%07d", i) }

	for i := 0; i < sh.Regions; i++ {
		name, aliases := fmt.Sprintf("Region %02d", i), []string{fmt.Sprintf("R%02d", i)}
		if i == 0 {
			name, aliases = "Taiwan", []string{"Taiwanese"}
		}
		q := w.sentence(fmt.Sprintf("%s is a region that invests in parks.", name))
		w.entity(region(i), "Region", name, aliases, q)
	}
	for i := 0; i < sh.Industries; i++ {
		name, aliases := fmt.Sprintf("Industry %02d", i), []string{fmt.Sprintf("ind%02d", i)}
		if i == 0 {
			name, aliases = "Biotechnology", []string{"biotech"}
		}
		if i < 10 {
			w.entity(industry(i), "Industry", name, aliases, w.sentence(name+" is a sector."))
			continue
		}
		parent := i % 10
		q := w.sentence(fmt.Sprintf("%s is a subsector of industry %02d.", name, parent))
		w.entity(industry(i), "Industry", name, aliases, q)
		w.relation("SUBSECTOR_OF", industry(i), industry(parent), nil, q)
	}
	for i := 0; i < sh.Districts; i++ {
		r := rng.IntN(sh.Regions)
		q := w.sentence(fmt.Sprintf("District %05d is part of region %02d.", i, r))
		w.entity(district(i), "District", fmt.Sprintf("District %05d", i), nil, q)
		w.relation("PART_OF", district(i), region(r), nil, q)
	}
	for i := 0; i < sh.Zones; i++ {
		d, ind := rng.IntN(sh.Districts), rng.IntN(sh.Industries)
		q := w.sentence(fmt.Sprintf("Zone %05d lies in district %05d and focuses on industry %02d.", i, d, ind))
		w.entity(zone(i), "Zone", fmt.Sprintf("Zone %05d", i), []string{fmt.Sprintf("Z%05d", i)}, q)
		w.fact("areaKm2", strconv.Itoa(10+rng.IntN(90)), q)
		w.relation("LOCATED_IN", zone(i), district(d), nil, q)
		w.relation("FOCUSES_ON", zone(i), industry(ind), nil, q)
	}
	for i := 0; i < sh.Parks; i++ {
		parent := zone(rng.IntN(sh.Zones))
		if i > 10 && rng.IntN(10) < 3 { // three in ten are sub-parks of an earlier park
			parent = park(rng.IntN(i))
		}
		d, t, f := rng.IntN(sh.Districts), rng.IntN(sh.Industries), rng.IntN(sh.Industries)
		origin := rng.IntN(sh.Regions)
		q := w.sentence(fmt.Sprintf("Park %07d is part of %s, lies in district %05d, focuses on industry %02d and attracts investors from region %02d in industry %02d.",
			i, parent, d, f, origin, t))
		w.entity(park(i), "Park", fmt.Sprintf("Park %07d", i), []string{fmt.Sprintf("P%07d", i)}, q)
		w.relation("PART_OF", park(i), parent, nil, q)
		w.relation("LOCATED_IN", park(i), district(d), nil, q)
		w.relation("FOCUSES_ON", park(i), industry(f), nil, q)
		w.relation("TARGETS", park(i), industry(t), map[string]string{"investorOrigin": region(origin)}, q)
	}
	for i := 0; i < sh.Companies; i++ {
		p := rng.IntN(sh.Parks)
		q := w.sentence(fmt.Sprintf("Company %07d settled in park %07d.", i, p))
		w.entity(fmt.Sprintf("company-%07d", i), "Company", fmt.Sprintf("Company %07d", i), nil, q)
		w.relation("HOSTS", park(p), fmt.Sprintf("company-%07d", i), nil, q)
	}
	return w.close()
}

// writer streams entities and relations into chunked YAML files and sentences into
// documents, so that memory stays flat at any size.
type writer struct {
	dir                string
	ents, rels         *chunked
	doc                strings.Builder
	docs               []string
	sentences          int
	counts             Counts
	pendingFacts       []string
	entityOpen         bool
	lastEntityEvidence string
}

type chunked struct {
	dir, prefix, key string
	n, file          int
	f                *os.File
	b                *bufio.Writer
}

const itemsPerFile = 20000

func (c *chunked) next() error {
	if c.b != nil && c.n%itemsPerFile != 0 {
		return nil
	}
	if err := c.close(); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(c.dir, fmt.Sprintf("%s-%04d.yaml", c.prefix, c.file)))
	if err != nil {
		return err
	}
	c.file++
	c.f, c.b = f, bufio.NewWriterSize(f, 1<<16)
	_, err = c.b.WriteString(c.key + ":\n")
	return err
}

func (c *chunked) close() error {
	if c.b == nil {
		return nil
	}
	if err := c.b.Flush(); err != nil {
		return err
	}
	err := c.f.Close()
	c.b, c.f = nil, nil
	return err
}

func newWriter(dir string) (*writer, error) {
	graph := filepath.Join(dir, "graph")
	if err := os.MkdirAll(graph, 0o755); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "documents"), 0o755); err != nil {
		return nil, err
	}
	return &writer{dir: dir,
		ents: &chunked{dir: graph, prefix: "entities", key: "entities"},
		rels: &chunked{dir: graph, prefix: "relations", key: "relations"}}, nil
}

// sentence adds s to the current document and returns it as a quote with its document.
func (w *writer) sentence(s string) string {
	if w.sentences%sentencesPerDocument == 0 {
		w.flushDocument()
	}
	w.sentences++
	w.doc.WriteString(s)
	w.doc.WriteString("\n")
	return fmt.Sprintf("%s|%s", w.docID(len(w.docs)), s)
}

func (w *writer) docID(i int) string { return fmt.Sprintf("doc-%06d", i) }

func (w *writer) flushDocument() {
	if w.doc.Len() > 0 {
		w.docs = append(w.docs, w.doc.String())
		w.doc.Reset()
	}
}

func evidence(b *bufio.Writer, indent, quote string) {
	doc, text, _ := strings.Cut(quote, "|")
	fmt.Fprintf(b, "%sevidence:\n%s  - doc: %s\n%s    quote: %s\n", indent, indent, doc, indent, strconv.Quote(text))
}

func (w *writer) entity(id, typ, name string, aliases []string, quote string) {
	w.endEntity()
	if w.ents.next() != nil {
		return
	}
	w.ents.n++
	w.counts.Entities++
	b := w.ents.b
	fmt.Fprintf(b, "  - id: %s\n    type: %s\n    name: %s\n", id, typ, strconv.Quote(name))
	if len(aliases) > 0 {
		quoted := make([]string, len(aliases))
		for i, a := range aliases {
			quoted[i] = strconv.Quote(a)
		}
		fmt.Fprintf(b, "    aliases: [%s]\n", strings.Join(quoted, ", "))
	}
	evidence(b, "    ", quote)
	w.entityOpen, w.lastEntityEvidence = true, quote
}

// fact adds a fact to the entity written last.
func (w *writer) fact(property, value, quote string) {
	w.pendingFacts = append(w.pendingFacts, property, value, quote)
}

func (w *writer) endEntity() {
	if !w.entityOpen || len(w.pendingFacts) == 0 {
		w.entityOpen = false
		return
	}
	b := w.ents.b
	b.WriteString("    facts:\n")
	for i := 0; i < len(w.pendingFacts); i += 3 {
		fmt.Fprintf(b, "      - property: %s\n        value: %s\n", w.pendingFacts[i], w.pendingFacts[i+1])
		evidence(b, "        ", w.pendingFacts[i+2])
	}
	w.pendingFacts, w.entityOpen = nil, false
}

func (w *writer) relation(typ, from, to string, props map[string]string, quote string) {
	if w.rels.next() != nil {
		return
	}
	w.rels.n++
	w.counts.Relations++
	b := w.rels.b
	fmt.Fprintf(b, "  - type: %s\n    from: %s\n    to: %s\n", typ, from, to)
	for k, v := range props {
		fmt.Fprintf(b, "    properties: {%s: %s}\n", k, v)
	}
	evidence(b, "    ", quote)
}

func (w *writer) close() (Counts, error) {
	w.endEntity()
	w.flushDocument()
	if err := w.ents.close(); err != nil {
		return w.counts, err
	}
	if err := w.rels.close(); err != nil {
		return w.counts, err
	}
	var meta strings.Builder
	meta.WriteString("documents:\n")
	for i, text := range w.docs {
		file := w.docID(i) + ".txt"
		if err := os.WriteFile(filepath.Join(w.dir, "documents", file), []byte(text), 0o644); err != nil {
			return w.counts, err
		}
		fmt.Fprintf(&meta, "  - id: %s\n    file: %s\n    title: \"Synthetic document %d\"\n", w.docID(i), file, i)
	}
	w.counts.Documents = len(w.docs)
	return w.counts, os.WriteFile(filepath.Join(w.dir, "documents.yaml"), []byte(meta.String()), 0o644)
}
