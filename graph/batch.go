package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/parkgraph/parkgraph/model"
)

// batch makes a field asked on every item of a list cost one store call, not one per
// item. Resolvers register the ids of each list they return as a sibling group; the first
// time a field is asked on any member, load fetches it for the whole group and the other
// members read the result. This is deterministic (no timing window): the number of store
// calls per request depends on the shape of the query, not on the number of results.
type batch struct {
	mu     sync.Mutex
	groups map[string]*group
	calls  map[callKey]*call
}

type group struct{ ids []string }

type callKey struct {
	field fetchKey
	group *group
}

// fetchKey names one batched store call: which method, and for Store.Neighbors, which
// hop. Two fields with the same key share one fetch per sibling group.
type fetchKey struct {
	kind fetchKind
	hop  hopKey
	asOf string // Store.Facts: the date the facts hold at
}

// fetchKind is the store method behind a batched field.
type fetchKind int

const (
	fetchNode          fetchKind = iota // Store.FindNodes
	fetchFacts                          // Store.Facts
	fetchMentionedIn                    // Store.MentionedIn
	fetchMentions                       // Store.Mentions
	fetchNeighbors                      // Store.Neighbors, with a hop
	fetchRelationships                  // Store.Relationships
)

// hopKey is a model.Hop in comparable form.
type hopKey struct {
	types, through string
	direction      model.Direction
	label          model.EntityType
	maxHops, first int
	asOf, kinds    string
}

// neighborsKey is the fetchKey of Store.Neighbors over h.
func neighborsKey(h model.Hop) fetchKey {
	return fetchKey{kind: fetchNeighbors, hop: hopKey{
		types: strings.Join(h.Types, "|"), through: strings.Join(h.Through, "|"),
		direction: h.Direction, label: h.Label, maxHops: h.MaxHops, first: h.First, asOf: h.AsOf,
		kinds: strings.Join(model.StoredKinds(h.Kinds), "|"),
	}}
}

type call struct {
	done   chan struct{}
	result any // map[string]T
	err    error
}

// run calls fetch and records its result, then releases the members waiting for it,
// also when fetch panics: they get an INTERNAL error at once (instead of waiting until
// the request deadline), and the panic goes on up to the field that ran the fetch.
func (c *call) run(ids []string, fetch func(ids []string) (any, error)) {
	defer close(c.done)
	c.err = &model.Error{Code: model.CodeInternal, Message: "internal error", Err: errors.New("a batched fetch panicked")}
	c.result, c.err = fetch(ids)
}

type batchKey struct{}

// WithBatch returns ctx with a fresh batch; the handler calls it once per operation.
func WithBatch(ctx context.Context) context.Context {
	return context.WithValue(ctx, batchKey{}, &batch{groups: map[string]*group{}, calls: map[callKey]*call{}})
}

func batchFrom(ctx context.Context) *batch {
	if b, ok := ctx.Value(batchKey{}).(*batch); ok {
		return b
	}
	return &batch{groups: map[string]*group{}, calls: map[callKey]*call{}}
}

// siblings registers ids as one group. An id keeps the first group it was registered
// in, so each id belongs to one group for the whole operation, and a field is fetched
// once per group however the lists that contain an id overlap.
func siblings(ctx context.Context, ids []string) {
	b := batchFrom(ctx)
	b.mu.Lock()
	defer b.mu.Unlock()
	g := &group{}
	for _, id := range ids {
		if _, ok := b.groups[id]; !ok && id != "" {
			b.groups[id] = g
			g.ids = append(g.ids, id)
		}
	}
}

// load returns fetch's result for id. fetch is called at most once per field and sibling
// group, with all ids of id's group; an id in no group is fetched alone.
func load[T any](ctx context.Context, field fetchKey, id string, fetch func(ids []string) (map[string]T, error)) (T, error) {
	b := batchFrom(ctx)
	b.mu.Lock()
	g, ok := b.groups[id]
	if !ok {
		g = &group{ids: []string{id}}
		b.groups[id] = g
	}
	k := callKey{field, g}
	c, started := b.calls[k]
	if !started {
		c = &call{done: make(chan struct{})}
		b.calls[k] = c
	}
	b.mu.Unlock()
	if !started {
		c.run(g.ids, func(ids []string) (any, error) { return fetch(ids) })
	} else {
		select {
		case <-c.done:
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
	}
	var zero T
	if c.err != nil {
		return zero, c.err
	}
	m, ok := c.result.(map[string]T)
	if !ok {
		return zero, fmt.Errorf("batch %v: result type %T", field, c.result)
	}
	return m[id], nil
}

// prime records result as field's answer for the sibling group of ids, as if load had
// fetched it, and reports whether it did: only when ids are exactly one group and the
// field was not fetched for it yet (otherwise load fetches as usual).
func prime[T any](ctx context.Context, field fetchKey, ids []string, result map[string]T) bool {
	if len(ids) == 0 {
		return false
	}
	b := batchFrom(ctx)
	b.mu.Lock()
	defer b.mu.Unlock()
	g, ok := b.groups[ids[0]]
	if !ok || len(g.ids) != len(ids) {
		return false
	}
	for _, id := range ids {
		if b.groups[id] != g {
			return false
		}
	}
	k := callKey{field, g}
	if _, started := b.calls[k]; started {
		return false
	}
	c := &call{done: make(chan struct{}), result: result}
	close(c.done)
	b.calls[k] = c
	return true
}

// registerEntities registers es as siblings, and the documents cited as their evidence.
func registerEntities[T model.Entity](ctx context.Context, es []T) {
	ids := make([]string, 0, len(es))
	var refs []string
	for _, e := range es {
		ids = append(ids, e.GetID())
		refs = append(refs, evidenceDocs(e.Base().Evidence)...)
	}
	siblings(ctx, ids)
	siblings(ctx, refs)
}

// registerRelations registers the far ends of rels as siblings, the nodes the
// relations refer to (evidence documents, investor origins) as another group, and the
// relationships their derivations come from as a third.
func registerRelations(ctx context.Context, rels []*model.Relation) {
	ids := make([]string, 0, len(rels))
	var refs, premises []string
	for _, r := range rels {
		ids = append(ids, r.Node.GetID())
		refs = append(refs, evidenceDocs(r.Evidence)...)
		refs = append(refs, evidenceDocs(r.Node.Base().Evidence)...)
		if o := r.Value(model.PropInvestorOrigin); o != nil {
			refs = append(refs, *o)
		}
		premises = append(premises, derivedFrom(r.Derivation)...)
	}
	siblings(ctx, ids)
	siblings(ctx, refs)
	siblings(ctx, premises)
}

// registerEdges registers the documents cited by edges as siblings, and the
// relationships their derivations come from as another group.
func registerEdges(ctx context.Context, edges []*model.Edge) {
	var docs, premises []string
	for _, e := range edges {
		docs = append(docs, evidenceDocs(e.Evidence)...)
		premises = append(premises, derivedFrom(e.Derivation)...)
	}
	siblings(ctx, docs)
	siblings(ctx, premises)
}

func derivedFrom(d *model.Derivation) []string {
	if d == nil {
		return nil
	}
	return d.DerivedFrom
}

func evidenceDocs(ev []*model.Evidence) []string {
	ids := make([]string, len(ev))
	for i, e := range ev {
		ids[i] = e.DocumentID
	}
	return ids
}
