package neo4jdb

import (
	"context"
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/graph/model"
)

//go:embed schema.cypher
var schemaCypher string

// batchSize is how many rows one UNWIND statement writes.
const batchSize = 1000

// LoadReport counts what a load wrote.
type LoadReport struct {
	Documents, Entities, Facts, Relations, Mentions int // rows written
	NodesCreated, NodesDeleted                      int
	RelationshipsCreated, RelationshipsDeleted      int
	PropertiesSet                                   int
}

// ApplySchema creates the constraints and indexes of schema.cypher and waits until they
// are online; it is idempotent.
func (s *Store) ApplySchema(ctx context.Context) error {
	for _, stmt := range strings.Split(schemaCypher, ";") {
		stmt = strings.TrimSpace(stripComments(stmt))
		if stmt == "" {
			continue
		}
		s.queries.Add(1)
		_, err := neo4j.ExecuteQuery(ctx, s.driver, stmt, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithWritersRouting())
		if err != nil {
			return fmt.Errorf("schema %q: %w", stmt, dbError(err))
		}
	}
	s.queries.Add(1)
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "CALL db.awaitIndexes(120)", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database))
	if err != nil {
		return fmt.Errorf("await indexes: %w", dbError(err))
	}
	return nil
}

func stripComments(stmt string) string {
	var keep []string
	for _, line := range strings.Split(stmt, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "//") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// Load writes ds and its mentions in one write transaction, so a failure leaves the
// database as it was. The result is exactly ds: entities, facts, documents and curated
// relationships that are not in ds are deleted. Loading the same dataset twice gives the
// same graph.
func (s *Store) Load(ctx context.Context, ds *model.Dataset, mentions []model.Mention) (*LoadReport, error) {
	rep := &LoadReport{Documents: len(ds.Documents), Entities: len(ds.Entities),
		Relations: len(ds.Relations), Mentions: len(mentions)}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		*rep = LoadReport{Documents: rep.Documents, Entities: rep.Entities, Relations: rep.Relations, Mentions: rep.Mentions}
		w := &writer{ctx: ctx, tx: tx, rep: rep, store: s}
		w.documents(ds.Documents)
		w.entities(ds.Entities)
		w.relations(ds.Relations)
		w.mentions(mentions)
		w.prune(ds, mentions)
		return nil, w.err
	})
	if err != nil {
		return nil, fmt.Errorf("load: %w", dbError(err))
	}
	return rep, nil
}

type writer struct {
	ctx   context.Context
	tx    neo4j.ManagedTransaction
	rep   *LoadReport
	store *Store
	err   error
}

// run executes cypher once per batch of rows (as $rows).
func (w *writer) run(cypher string, rows []map[string]any) {
	for start := 0; start < len(rows); start += batchSize {
		w.exec(cypher, map[string]any{"rows": rows[start:min(start+batchSize, len(rows))]})
	}
}

// exec executes one statement, adding its counters to the report. After the first
// error it does nothing.
func (w *writer) exec(cypher string, params map[string]any) {
	if w.err != nil {
		return
	}
	w.store.queries.Add(1)
	res, err := w.tx.Run(w.ctx, cypher, params)
	if err != nil {
		w.err = err
		return
	}
	sum, err := res.Consume(w.ctx)
	if err != nil {
		w.err = err
		return
	}
	c := sum.Counters()
	w.rep.NodesCreated += c.NodesCreated()
	w.rep.NodesDeleted += c.NodesDeleted()
	w.rep.RelationshipsCreated += c.RelationshipsCreated()
	w.rep.RelationshipsDeleted += c.RelationshipsDeleted()
	w.rep.PropertiesSet += c.PropertiesSet()
}

func evidenceProps(props map[string]any, ev []*model.Evidence) map[string]any {
	docs, quotes := make([]string, len(ev)), make([]string, len(ev))
	for i, e := range ev {
		docs[i], quotes[i] = e.DocumentID, e.Quote
	}
	props["evidenceDocs"], props["evidenceQuotes"] = docs, quotes
	return props
}

func (w *writer) documents(docs []*model.Document) {
	rows := make([]map[string]any, len(docs))
	for i, d := range docs {
		p := map[string]any{"id": d.ID, "file": d.File, "title": d.Title, "text": d.Text}
		for k, v := range map[string]*string{"publisher": d.Publisher, "author": d.Author, "publishedOn": d.PublishedOn} {
			if v != nil {
				p[k] = *v
			}
		}
		rows[i] = p
	}
	w.run(`UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET d = row`, rows)
}

func (w *writer) entities(ents []*model.EntityRecord) {
	byType := map[model.EntityType][]map[string]any{}
	var facts []map[string]any
	for _, e := range ents {
		keys := []string{strings.ToLower(e.ID), strings.ToLower(e.Name)}
		for _, a := range e.Aliases {
			keys = append(keys, strings.ToLower(a))
		}
		p := evidenceProps(map[string]any{
			"id": e.ID, "type": string(e.Type), "name": e.Name, "aliases": e.Aliases, "keys": keys,
			"aliasText": strings.Join(e.Aliases, " | "),
		}, e.Evidence)
		if e.Description != nil {
			p["description"] = *e.Description
		}
		for prop, v := range factValues(e.Facts) {
			p[prop] = v
		}
		byType[e.Type] = append(byType[e.Type], map[string]any{"id": e.ID, "props": p})
		for _, f := range e.Facts {
			facts = append(facts, map[string]any{"entity": e.ID, "id": f.ID, "props": evidenceProps(map[string]any{
				"id": f.ID, "property": f.Property, "value": model.FormatValue(f.Value),
			}, f.Evidence)})
		}
	}
	for _, t := range model.AllEntityTypes {
		if rows := byType[t]; len(rows) > 0 {
			w.run(`UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props, n:`+t.Label()+
				` REMOVE `+otherLabels(t), rows)
		}
	}
	w.rep.Facts = len(facts)
	w.run(`UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
MERGE (f:Fact {id: row.id}) SET f = row.props
MERGE (e)-[:HAS_FACT]->(f)`, facts)
}

// otherLabels lists the entity labels other than t's, as "n:A:B:...", so that an entity
// whose type changed loses its old label.
func otherLabels(t model.EntityType) string {
	var ls []string
	for _, o := range model.AllEntityTypes {
		if o != t {
			ls = append(ls, o.Label())
		}
	}
	return "n:" + strings.Join(ls, ":")
}

// factValues turns facts into typed node properties: one value stays a scalar, values
// that disagree become a list, so no source is silently overwritten.
func factValues(facts []*model.FactRecord) map[string]any {
	byProp := map[string][]any{}
	for _, f := range facts {
		byProp[f.Property] = append(byProp[f.Property], f.Value)
	}
	out := map[string]any{}
	for k, vs := range byProp {
		if len(vs) == 1 {
			out[k] = vs[0]
			continue
		}
		// Neo4j lists are homogeneous: numbers stay numbers, anything else becomes strings.
		nums := make([]float64, 0, len(vs))
		for _, v := range vs {
			if f, ok := model.Number(v); ok {
				nums = append(nums, f)
			}
		}
		if len(nums) == len(vs) {
			out[k] = nums
			continue
		}
		ss := make([]string, len(vs))
		for i, v := range vs {
			ss[i] = model.FormatValue(v)
		}
		out[k] = ss
	}
	return out
}

func (w *writer) relations(rels []*model.RelationRecord) {
	byType := map[string][]map[string]any{}
	for _, r := range rels {
		p := evidenceProps(map[string]any{"id": r.ID}, r.Evidence)
		for k, v := range r.Props {
			p[k] = v
		}
		byType[r.Type] = append(byType[r.Type], map[string]any{"from": r.From, "to": r.To, "id": r.ID, "props": p})
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		if _, ok := model.RelationTypes[t]; !ok {
			w.err = fmt.Errorf("unknown relation type %q", t)
			return
		}
		w.run(`UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:`+t+` {id: row.id}]->(b) SET r = row.props`, byType[t])
	}
}

func (w *writer) mentions(ms []model.Mention) {
	rows := make([]map[string]any, len(ms))
	for i, m := range ms {
		rows[i] = map[string]any{"doc": m.DocumentID, "entity": m.EntityID, "count": m.Count}
	}
	w.run(`UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (e:Entity {id: row.entity})
MERGE (d)-[m:MENTIONS]->(e) SET m.count = row.count`, rows)
}

// prune deletes what the dataset no longer holds.
func (w *writer) prune(ds *model.Dataset, ms []model.Mention) {
	var docs, ents, facts, rels, mentions []string
	for _, d := range ds.Documents {
		docs = append(docs, d.ID)
	}
	for _, e := range ds.Entities {
		ents = append(ents, e.ID)
		for _, f := range e.Facts {
			facts = append(facts, f.ID)
		}
	}
	for _, r := range ds.Relations {
		rels = append(rels, r.ID)
	}
	for _, m := range ms {
		mentions = append(mentions, m.DocumentID+">"+m.EntityID)
	}
	params := map[string]any{"docs": docs, "ents": ents, "facts": facts, "rels": rels, "mentions": mentions}
	w.exec(`MATCH (d:Document) WHERE NOT d.id IN $docs DETACH DELETE d`, params)
	w.exec(`MATCH (n:Entity) WHERE NOT n.id IN $ents DETACH DELETE n`, params)
	w.exec(`MATCH (f:Fact) WHERE NOT f.id IN $facts DETACH DELETE f`, params)
	w.exec(`MATCH (:Entity)-[r]->(:Entity) WHERE NOT r.id IN $rels DELETE r`, params)
	w.exec(`MATCH (d:Document)-[m:MENTIONS]->(e:Entity) WHERE NOT d.id + '>' + e.id IN $mentions DELETE m`, params)
}
