package neo4jdb

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

//go:embed schema.cypher
var schemaCypher string

// batchSize is how many rows one UNWIND statement writes.
const batchSize = 2000

// loadWorkers is how many batches a load of more than SingleTransactionRows rows writes
// at once, each in a transaction and session of its own.
const loadWorkers = 2

// LoadReport counts what a load wrote.
type LoadReport struct {
	Documents, Entities, Facts, Relations, Mentions int // rows written
	NodesCreated, NodesDeleted                      int
	RelationshipsCreated, RelationshipsDeleted      int
	PropertiesSet                                   int
}

// ApplySchema creates the constraints and indexes of schema.cypher and waits until they
// are online; it is idempotent. A full-text index whose labels, properties or analyzer
// differ from its statement (one an older schema created) is dropped and created anew;
// it is an error when a full-text index still differs afterwards (Neo4j skips an index
// whose labels and properties another index already covers).
func (s *Store) ApplySchema(ctx context.Context) error {
	for _, stmt := range strings.Split(schemaCypher, ";") {
		stmt = strings.TrimSpace(stripComments(stmt))
		if stmt == "" {
			continue
		}
		name, found, current, err := s.fulltextIndex(ctx, stmt)
		if err != nil {
			return err
		}
		if found && !current {
			s.queries.Add(1)
			_, err = neo4j.ExecuteQuery(ctx, s.driver, "DROP INDEX "+name, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithWritersRouting())
			if err != nil {
				return fmt.Errorf("drop index %s: %w", name, dbError(err))
			}
		}
		s.queries.Add(1)
		_, err = neo4j.ExecuteQuery(ctx, s.driver, stmt, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithWritersRouting())
		if err != nil {
			return fmt.Errorf("schema %q: %w", stmt, dbError(err))
		}
		if name, found, current, err = s.fulltextIndex(ctx, stmt); err != nil {
			return err
		} else if name != "" && !(found && current) {
			return model.Errorf(model.CodeInternal, "schema %q: index %s is not as stated", stmt, name)
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

// fulltextStatement matches the CREATE FULLTEXT INDEX statements of schema.cypher: the
// index name, the label, the properties and the analyzer when one is named.
var fulltextStatement = regexp.MustCompile("^CREATE FULLTEXT INDEX (\\w+) IF NOT EXISTS FOR \\(\\w+:(\\w+)\\) " +
	"ON EACH \\[([^\\]]*)\\](?: OPTIONS \\{indexConfig: \\{`fulltext.analyzer`: '([\\w-]+)'\\}\\})?$")

// defaultAnalyzer is the analyzer of a full-text index created without one.
const defaultAnalyzer = "standard-no-stop-words"

// fulltextIndex looks up the full-text index that stmt creates: its name, whether the
// database holds an index of that name, and whether that index has the statement's
// label, properties (in order) and analyzer. The name is "" for any other statement.
func (s *Store) fulltextIndex(ctx context.Context, stmt string) (name string, found, current bool, err error) {
	m := fulltextStatement.FindStringSubmatch(stmt)
	if m == nil {
		return "", false, false, nil
	}
	name, label, analyzer := m[1], m[2], cmp.Or(m[4], defaultAnalyzer)
	var props []string
	for _, p := range strings.Split(m[3], ",") {
		_, prop, _ := strings.Cut(strings.TrimSpace(p), ".")
		props = append(props, prop)
	}
	s.queries.Add(1)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, `SHOW FULLTEXT INDEXES
YIELD name, labelsOrTypes, properties, options
WHERE name = $name
RETURN labelsOrTypes = [$label] AND properties = $props AND options.indexConfig.`+"`fulltext.analyzer`"+` = $analyzer AS current`,
		map[string]any{"name": name, "label": label, "props": props, "analyzer": analyzer}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return name, false, false, fmt.Errorf("index %s: %w", name, dbError(err))
	}
	if len(res.Records) == 0 {
		return name, false, false, nil
	}
	current, err = column[bool](res.Records[0], "current")
	if err != nil {
		return name, false, false, fmt.Errorf("index %s: %w", name, err)
	}
	return name, true, current, nil
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

// Load writes ds and its mentions so that the database holds exactly ds: what is not
// in ds (entities, facts, documents, curated relationships, mentions) is deleted, and
// loading the same dataset twice gives the same graph. Everything written carries the
// property dataset, a digest of the whole dataset; pruning deletes what carries another.
// Last, once everything else is written and pruned, Load records the load as the one
// (:Dataset {digest, loadedAt, loaderVersion}) node (see datasetWrite).
//
// A dataset of up to SingleTransactionRows rows is written in one transaction, so a
// failure leaves the database as it was. A larger one is written one batch per
// transaction, loadWorkers batches at once: first documents and entities, then facts,
// relationships and mentions, which match the nodes of the first. A failure part-way (or
// a killed process) leaves a partial load that running Load again with the same dataset
// completes (the digest tells old from new).
//
// Into a database that holds no node when the load begins (checked in the load's
// transaction, or before the first batch of a batched load), every row is written with
// CREATE instead of MERGE, which skips looking for what is already there, and there is
// nothing to prune. A batch that the driver retries is written with MERGE, so a batch
// whose commit went through but was not acknowledged is not written twice. A partial
// load leaves nodes, so the load that repairs it merges.
func (s *Store) Load(ctx context.Context, ds *model.Dataset, mentions []model.Mention) (*LoadReport, error) {
	return s.LoadWithProgress(ctx, ds, mentions, nil)
}

// LoadProgress says how far a load has come.
type LoadProgress struct {
	Dataset        string // the digest stamped on everything the load writes
	Written, Total int    // rows committed so far, rows of the dataset
	Deleted        int    // nodes and relationships of other datasets deleted so far
}

// LoadWithProgress is Load that calls progress, when not nil, after every committed
// transaction: after each batch and each prune step of a batched load, once at the end
// of a load in one transaction.
func (s *Store) LoadWithProgress(ctx context.Context, ds *model.Dataset, mentions []model.Mention, progress func(LoadProgress)) (*LoadReport, error) {
	stmts, facts := plan(ds, mentions)
	digest := stamp(stmts)
	total := 0
	for _, st := range stmts {
		total += len(st.rows)
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	w := &writer{ctx: ctx, session: session, store: s, progress: progress, at: LoadProgress{Dataset: digest, Total: total}}
	newReport := func() {
		w.rep = &LoadReport{Documents: len(ds.Documents), Entities: len(ds.Entities), Facts: facts,
			Relations: len(ds.Relations), Mentions: len(mentions)}
	}
	if total <= SingleTransactionRows {
		_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			newReport() // a retried transaction starts over
			w.tx, w.err = tx, nil
			if w.fresh, w.err = empty(ctx, tx); w.err != nil {
				return nil, w.err
			}
			w.write(stmts, digest)
			return nil, w.err
		})
		if err != nil {
			return nil, fmt.Errorf("load: %w", dbError(err))
		}
		if progress != nil {
			progress(LoadProgress{Dataset: digest, Written: total, Total: total,
				Deleted: w.rep.NodesDeleted + w.rep.RelationshipsDeleted})
		}
		return w.rep, nil
	}
	newReport()
	w.fresh, w.err = neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (bool, error) { return empty(ctx, tx) })
	w.write(stmts, digest)
	if w.err != nil {
		return nil, fmt.Errorf("load: %w", dbError(w.err))
	}
	return w.rep, nil
}

// SingleTransactionRows is the largest dataset, in rows, that Load writes in one
// transaction.
const SingleTransactionRows = 20000

// statement is one parameterised write and the rows it is run with, in batches.
type statement struct {
	cypher string // MERGE: rewrites what is there, creates the rest; part of the digest
	create string // the same write with CREATE, for a database that held no node
	links  bool   // it matches nodes that the statements without links write
	rows   []map[string]any
}

// empty reports whether the database holds no node (from Neo4j's count store).
func empty(ctx context.Context, tx neo4j.ManagedTransaction) (bool, error) {
	res, err := tx.Run(ctx, `MATCH (n) RETURN count(n) = 0 AS empty`, nil)
	if err != nil {
		return false, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return false, err
	}
	return column[bool](rec, "empty")
}

// The writes whose Cypher names a label or type. Their text is part of the dataset digest
// (see stamp): a change to it makes the next load rewrite every row.
const (
	// entityWrite writes entities of one {{label}} and removes the labels of the other
	// entity types ({{others}}, such as n:Zone:District), so that an entity whose type
	// changed loses its old label.
	entityWrite = `UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props, n:{{label}} REMOVE {{others}}`
	// entityCreate is entityWrite into a database that held no node ({{props}}: see
	// propsPattern).
	entityCreate = `UNWIND $rows AS row CREATE (n:Entity:{{label}} {{props}})`
	// relationWrite writes relationships of one {{type}}.
	relationWrite = `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:{{type}} {id: row.id}]->(b) SET r = row.props`
	// relationCreate is relationWrite into a database that held no node.
	relationCreate = `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:{{type}} {{props}}]->(b)`
)

// plan turns a dataset into the statements that write it. Every row has a props map
// that becomes the properties of what it writes. It also returns the number of facts.
func plan(ds *model.Dataset, ms []model.Mention) ([]statement, int) {
	var stmts []statement
	docs := make([]map[string]any, len(ds.Documents))
	for i, d := range ds.Documents {
		p := map[string]any{"id": d.ID, "file": d.File, "title": d.Title, "text": d.Text,
			"compounds": compounds(d.Title, d.Text)}
		for k, v := range map[string]*string{"publisher": d.Publisher, "author": d.Author, "publishedOn": d.PublishedOn, "url": d.URL} {
			if v != nil {
				p[k] = *v
			}
		}
		docs[i] = map[string]any{"id": d.ID, "props": p}
	}
	stmts = append(stmts, statement{cypher: `UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET d = row.props`,
		create: fill(`UNWIND $rows AS row CREATE (d:Document {{props}})`, "props", propsPattern(docs)), rows: docs})

	byType := map[model.EntityType][]map[string]any{}
	var facts []map[string]any
	for _, e := range ds.Entities {
		keys := []string{strings.ToLower(e.ID), strings.ToLower(e.Name)}
		for _, a := range e.Aliases {
			keys = append(keys, strings.ToLower(a))
		}
		p := evidenceProps(map[string]any{
			"id": e.ID, "type": string(e.Type), "name": e.Name, "aliases": e.Aliases, "keys": keys,
			"aliasText": strings.Join(e.Aliases, " | "),
		}, e.Evidence)
		texts := append([]string{e.Name}, e.Aliases...)
		if e.Description != nil {
			p["description"] = *e.Description
			texts = append(texts, *e.Description)
		}
		p["compounds"] = compounds(texts...)
		values, periodic := factValues(e.Facts)
		for prop, v := range values {
			p[prop] = v
		}
		if len(periodic) > 0 {
			p[model.PropPeriodic] = periodic
		}
		byType[e.Type] = append(byType[e.Type], map[string]any{"id": e.ID, "props": p})
		for _, f := range e.Facts {
			facts = append(facts, map[string]any{"entity": e.ID, "id": f.ID, "props": periodProps(evidenceProps(map[string]any{
				"id": f.ID, "property": f.Property, "value": model.FormatValue(f.Value), "typedValue": f.Value,
			}, f.Evidence), f.Period)})
		}
	}
	for _, t := range model.AllEntityTypes {
		if rows := byType[t]; len(rows) > 0 {
			stmts = append(stmts, statement{cypher: fill(entityWrite, "label", t.Label(), "others", otherLabels(t)),
				create: fill(entityCreate, "label", t.Label(), "props", propsPattern(rows)), rows: rows})
		}
	}
	stmts = append(stmts, statement{cypher: `UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
MERGE (f:Fact {id: row.id}) SET f = row.props
MERGE (e)-[:HAS_FACT]->(f)`, create: fill(`UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
CREATE (e)-[:HAS_FACT]->(f:Fact {{props}})`, "props", propsPattern(facts)), links: true, rows: facts})

	byRel := map[string][]map[string]any{}
	for _, r := range ds.Relations {
		p := periodProps(derivationProps(evidenceProps(map[string]any{"id": r.ID}, r.Evidence), r.Derivation), r.Period)
		for k, v := range r.Props {
			p[k] = v
		}
		byRel[r.Type] = append(byRel[r.Type], map[string]any{"from": r.From, "to": r.To, "id": r.ID, "props": p})
	}
	for _, t := range sortedKeys(model.RelationTypes) { // only known types reach Cypher
		if rows := byRel[t]; len(rows) > 0 {
			stmts = append(stmts, statement{cypher: fill(relationWrite, "type", t), create: fill(relationCreate, "type", t, "props", propsPattern(rows)),
				links: true, rows: rows})
		}
	}

	mentions := make([]map[string]any, len(ms))
	for i, m := range ms {
		d := &model.Derivation{Kind: model.DerivationComputed}
		if m.Rule != nil {
			d = model.DerivedBy(model.DerivationComputed, *m.Rule, nil)
		}
		mentions[i] = map[string]any{"doc": m.DocumentID, "entity": m.EntityID,
			"props": derivationProps(map[string]any{"count": m.Count}, d)}
	}
	stmts = append(stmts, statement{cypher: `UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (e:Entity {id: row.entity})
MERGE (d)-[m:MENTIONS]->(e) SET m = row.props`, create: fill(`UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (e:Entity {id: row.entity})
CREATE (d)-[m:MENTIONS {{props}}]->(e)`, "props", propsPattern(mentions)), links: true, rows: mentions})
	return stmts, len(facts)
}

// datasetProp is the property stamp sets on every row: the digest of the load.
const datasetProp = "dataset"

// propsPattern is the map of a CREATE pattern that gives what it creates the properties
// row.props holds, for rows: every key of any row's props and datasetProp (which stamp
// sets later), each read from row.props (a key a row lacks is null, which CREATE leaves
// unset). Written as SET x = row.props, the write gets an Eager step (a read/set
// conflict the planner cannot rule out for a map it does not know) that holds a batch's
// rows before it sets any property.
func propsPattern(rows []map[string]any) string {
	keys := map[string]bool{datasetProp: true}
	for _, row := range rows {
		for k := range row["props"].(map[string]any) {
			keys[k] = true
		}
	}
	fields := make([]string, 0, len(keys))
	for _, k := range sortedKeys(keys) {
		q := "`" + strings.ReplaceAll(k, "`", "``") + "`"
		fields = append(fields, q+": row.props."+q)
	}
	return "{" + strings.Join(fields, ", ") + "}"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// stamp returns a digest of every statement and row, and sets it as the dataset
// property of every row. Each statement is hashed on a goroutine of its own (a million
// relationships took 9 s of CPU through encoding/json), and the digest is the hash of
// those hashes in order.
func stamp(stmts []statement) string {
	sums := make([][]byte, len(stmts))
	var wg sync.WaitGroup
	for i, st := range stmts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := sha256.New()
			b := bufio.NewWriterSize(h, 64<<10)
			b.WriteString(st.cypher)
			for _, row := range st.rows {
				hashValue(b, row)
			}
			b.Flush()
			sums[i] = h.Sum(nil)
		}()
	}
	wg.Wait()
	h := sha256.New()
	for _, sum := range sums {
		h.Write(sum)
	}
	digest := hex.EncodeToString(h.Sum(nil))[:16]
	for _, st := range stmts {
		for _, row := range st.rows {
			row["props"].(map[string]any)[datasetProp] = digest
		}
	}
	return digest
}

// hashValue writes v to b so that two values write the same bytes only if they are
// equal: each value is tagged with its kind and strings with their length; maps are
// written in key order. Kinds other than those of plan's rows are written as JSON.
func hashValue(b *bufio.Writer, v any) {
	var buf [24]byte
	str := func(s string) {
		b.Write(strconv.AppendInt(buf[:0], int64(len(s)), 10))
		b.WriteByte(':')
		b.WriteString(s)
	}
	switch v := v.(type) {
	case nil:
		b.WriteByte('n')
	case string:
		b.WriteByte('s')
		str(v)
	case bool:
		b.WriteByte('b')
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteByte('i')
		b.Write(strconv.AppendInt(buf[:0], int64(v), 10))
	case int64:
		b.WriteByte('i')
		b.Write(strconv.AppendInt(buf[:0], v, 10))
	case float64:
		b.WriteByte('f')
		b.Write(strconv.AppendFloat(buf[:0], v, 'g', -1, 64))
	case []string:
		b.WriteByte('[')
		b.Write(strconv.AppendInt(buf[:0], int64(len(v)), 10))
		for _, x := range v {
			b.WriteByte(',')
			str(x)
		}
	case []any:
		b.WriteByte('(')
		b.Write(strconv.AppendInt(buf[:0], int64(len(v)), 10))
		for _, x := range v {
			b.WriteByte(',')
			hashValue(b, x)
		}
	case map[string]any:
		b.WriteByte('{')
		b.Write(strconv.AppendInt(buf[:0], int64(len(v)), 10))
		for _, k := range sortedKeys(v) {
			b.WriteByte(',')
			str(k)
			hashValue(b, v[k])
		}
	default:
		j, _ := json.Marshal(v)
		b.WriteByte('j')
		str(string(j))
	}
}

// pruneStatements delete, 10,000 at a time, what an earlier dataset wrote.
var pruneStatements = []string{
	`MATCH (d:Document) WHERE d.dataset IS NULL OR d.dataset <> $digest WITH d LIMIT 10000 DETACH DELETE d`,
	`MATCH (n:Entity) WHERE n.dataset IS NULL OR n.dataset <> $digest WITH n LIMIT 10000 DETACH DELETE n`,
	`MATCH (f:Fact) WHERE f.dataset IS NULL OR f.dataset <> $digest WITH f LIMIT 10000 DETACH DELETE f`,
	`MATCH (:Entity)-[r]->(:Entity) WHERE r.dataset IS NULL OR r.dataset <> $digest WITH r LIMIT 10000 DELETE r`,
	`MATCH (:Document)-[m:MENTIONS]->() WHERE m.dataset IS NULL OR m.dataset <> $digest WITH m LIMIT 10000 DELETE m`,
}

type writer struct {
	ctx     context.Context
	session neo4j.SessionWithContext
	tx      neo4j.ManagedTransaction // nil: each batch and prune step in its own transaction
	store   *Store
	fresh   bool // the database held no node when the load began: batches CREATE

	mu  sync.Mutex // guards what follows while batches are written at once
	rep *LoadReport
	err error

	progress func(LoadProgress) // nil: no reports
	at       LoadProgress       // what is committed so far, when each statement commits alone
}

// datasetWrite records a load: the one Dataset node, of the load's $digest, with when it
// was written ($loadedAt) and by which build of the loader ($loaderVersion); the Dataset
// nodes of earlier loads are deleted. It runs after the prune, so a load that stopped
// part-way leaves the node of the last complete load.
const datasetWrite = `MERGE (d:Dataset {digest: $digest})
SET d.dataset = $digest, d.loadedAt = $loadedAt, d.loaderVersion = $loaderVersion
WITH d
OPTIONAL MATCH (old:Dataset) WHERE old <> d
DETACH DELETE old`

// write runs every statement in batches, those without links before those with, then
// prunes (unless the load is fresh), then records the load.
func (w *writer) write(stmts []statement, digest string) {
	for _, links := range []bool{false, true} {
		var batches []batch
		for _, st := range stmts {
			if st.links != links {
				continue
			}
			first := st.cypher
			if w.fresh {
				first = st.create
			}
			for start := 0; start < len(st.rows); start += batchSize {
				batches = append(batches, batch{first: first, again: st.cypher, rows: st.rows[start:min(start+batchSize, len(st.rows))]})
			}
		}
		w.writeBatches(batches)
	}
	for _, q := range pruneStatements {
		for !w.fresh && w.failed() == nil && w.exec(q, map[string]any{"digest": digest}) > 0 {
			w.committed(0)
		}
	}
	w.exec(datasetWrite, map[string]any{"digest": digest, "loadedAt": time.Now().UTC().Format(time.RFC3339),
		"loaderVersion": LoaderVersion()})
	w.committed(0)
}

// batch is one run of a statement: first is its Cypher, again the Cypher of a retried
// transaction (the MERGE, which does not write twice what a first try committed).
type batch struct {
	first, again string
	rows         []map[string]any
}

// writeBatches writes bs in order in w.tx, or else loadWorkers at a time, each in a
// transaction of its own on a session of its own. After the first error it starts no
// other batch.
func (w *writer) writeBatches(bs []batch) {
	if w.tx != nil {
		for _, b := range bs {
			w.execIn(w.session, b.first, b.again, map[string]any{"rows": b.rows})
		}
		return
	}
	next := make(chan batch)
	var wg sync.WaitGroup
	for range loadWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			session := w.store.driver.NewSession(w.ctx, neo4j.SessionConfig{DatabaseName: w.store.database, AccessMode: neo4j.AccessModeWrite})
			defer session.Close(w.ctx)
			for b := range next {
				if w.failed() != nil {
					continue
				}
				w.execIn(session, b.first, b.again, map[string]any{"rows": b.rows})
				w.committed(len(b.rows))
			}
		}()
	}
	for _, b := range bs {
		next <- b
	}
	close(next)
	wg.Wait()
}

// deadlockTries bounds the runs of one batch that end in a deadlock.
const deadlockTries = 5

// deadlocked reports whether err, or the last error of the driver's retries, is Neo4j's
// deadlock.
func deadlocked(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(lastCause(err), &ne) && ne.Code == "Neo.TransientError.Transaction.DeadlockDetected"
}

// failed returns the first error of the load, or nil.
func (w *writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// LoaderVersion is the version Load records: the VCS revision the running program was
// built from (runtime/debug.ReadBuildInfo), with "-modified" when its work tree had
// changes, or "devel" when the build has none (go run, go test).
var LoaderVersion = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	revision, modified := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	switch {
	case revision == "":
		return "devel"
	case modified:
		return revision + "-modified"
	}
	return revision
})

// committed reports, after a statement that ran in a transaction of its own, the rows
// written so far and the items deleted so far.
func (w *writer) committed(rows int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil || w.tx != nil || w.progress == nil {
		return
	}
	w.at.Written += rows
	w.at.Deleted = w.rep.NodesDeleted + w.rep.RelationshipsDeleted
	w.progress(w.at)
}

// exec runs one statement on w.session; see execIn.
func (w *writer) exec(cypher string, params map[string]any) int {
	return w.execIn(w.session, cypher, cypher, params)
}

// execIn runs one statement, in w.tx or in a transaction of its own on session (first,
// or again when the driver retries the transaction), adds its counters to the report and
// returns how many nodes and relationships it deleted. After the first error it does
// nothing.
func (w *writer) execIn(session neo4j.SessionWithContext, first, again string, params map[string]any) int {
	if w.failed() != nil {
		return 0
	}
	w.store.queries.Add(1)
	cypher := first
	run := func(tx neo4j.ManagedTransaction) (neo4j.ResultSummary, error) {
		res, err := tx.Run(w.ctx, cypher, params)
		cypher = again
		if err != nil {
			return nil, err
		}
		return res.Consume(w.ctx)
	}
	var sum neo4j.ResultSummary
	var err error
	if w.tx != nil {
		sum, err = run(w.tx)
	} else {
		// Batches written at once may deadlock on the nodes they share: Neo4j then rolls
		// one back. The driver retries for a second only (the store's read bound), so a
		// deadlock gets deadlockTries of its own, a little apart.
		for try := 1; ; try++ {
			sum, err = neo4j.ExecuteWrite(w.ctx, session, run)
			if try == deadlockTries || !deadlocked(err) || w.ctx.Err() != nil {
				break
			}
			time.Sleep(time.Duration(try) * 100 * time.Millisecond)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		if w.err == nil {
			w.err = err
		}
		return 0
	}
	c := sum.Counters()
	w.rep.NodesCreated += c.NodesCreated()
	w.rep.NodesDeleted += c.NodesDeleted()
	w.rep.RelationshipsCreated += c.RelationshipsCreated()
	w.rep.RelationshipsDeleted += c.RelationshipsDeleted()
	w.rep.PropertiesSet += c.PropertiesSet()
	return c.NodesDeleted() + c.RelationshipsDeleted()
}

func evidenceProps(props map[string]any, ev []*model.Evidence) map[string]any {
	docs, quotes := make([]string, len(ev)), make([]string, len(ev))
	for i, e := range ev {
		docs[i], quotes[i] = e.DocumentID, e.Quote
	}
	props["evidenceDocs"], props["evidenceQuotes"] = docs, quotes
	return props
}

// periodProps records p in props as validFrom and validTo, each when set.
func periodProps(props map[string]any, p model.Period) map[string]any {
	if p.ValidFrom != "" {
		props[model.PropValidFrom] = p.ValidFrom
	}
	if p.ValidTo != "" {
		props[model.PropValidTo] = p.ValidTo
	}
	return props
}

// derivationProps records d (stated when nil) in props: derivation ("stated",
// "inferred" or "computed"), and for a derived relationship rule, ruleStatement and
// derivedFrom (the ids of the relationships it came from).
func derivationProps(props map[string]any, d *model.Derivation) map[string]any {
	if d == nil || !d.Kind.IsValid() {
		d = model.Stated()
	}
	props[model.PropDerivation] = d.Kind.Stored()
	if d.Rule != nil {
		props[model.PropRule] = *d.Rule
	}
	if d.Statement != nil {
		props[model.PropRuleStatement] = *d.Statement
	}
	if d.Kind != model.DerivationStated {
		props[model.PropDerivedFrom] = append([]string{}, d.DerivedFrom...)
	}
	return props
}

// otherLabels lists the entity labels other than t's as a label expression of n,
// "n:A:B:...".
func otherLabels(t model.EntityType) string {
	ls := []string{"n"}
	for _, o := range model.AllEntityTypes {
		if o != t {
			ls = append(ls, o.Label())
		}
	}
	return strings.Join(ls, ":")
}

// factValues turns the facts that hold always (no period) into typed node properties:
// one value stays a scalar, values that disagree become a list, so no source is silently
// overwritten. It also returns, sorted, the properties with facts of a period: their
// values stay on the Fact nodes, for the date a question asks about.
func factValues(facts []*model.FactRecord) (map[string]any, []string) {
	byProp := map[string][]any{}
	var periodic []string
	for _, f := range facts {
		if !f.Period.IsZero() {
			if !slices.Contains(periodic, f.Property) {
				periodic = append(periodic, f.Property)
			}
			continue
		}
		byProp[f.Property] = append(byProp[f.Property], f.Value)
	}
	sort.Strings(periodic)
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
	return out, periodic
}
