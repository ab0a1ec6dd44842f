package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/parkgraph/parkgraph/model"
)

// fakeStore is an in-memory Store for resolver tests. It implements one-hop neighbours
// and PART_OF walks; filters other than the type are ignored. It counts calls.
type fakeStore struct {
	mu       sync.Mutex
	entities map[string]model.Entity
	docs     map[string]*model.Document
	rels     []fakeRel
	calls    map[string]int
	fail     error                             // returned by every call when set
	facts    map[string][]*model.Fact          // by entity id, whatever the date
	filter   model.EntityFilter                // the last filter Breakdown or CrossTab was given
	nodeWith [][]model.Hop                     // the hops of each FindNode call
	matched  []model.MatchQuery                // the questions Match was asked
	kinds    map[string][]model.DerivationKind // the derivation kinds each method was last asked for
}

type fakeRel struct {
	typ, from, to string
	values        map[string]any
	evidence      []*model.Evidence
	derivation    *model.Derivation // nil: stated
}

// id is the relationship's id in the fake.
func (r fakeRel) id() string { return r.typ + ":" + r.from + ":" + r.to }

func newFakeStore() *fakeStore {
	return &fakeStore{entities: map[string]model.Entity{}, docs: map[string]*model.Document{}, calls: map[string]int{},
		kinds: map[string][]model.DerivationKind{}}
}

func (s *fakeStore) add(t model.EntityType, id, name string) {
	s.entities[id] = model.NewEntity(model.EntityBase{ID: id, Type: t, Name: name, Aliases: []string{},
		Evidence: []*model.Evidence{{DocumentID: "doc-1", Quote: name}}})
}

func (s *fakeStore) relate(typ, from, to string, values map[string]any) {
	s.rels = append(s.rels, fakeRel{typ, from, to, values, []*model.Evidence{{DocumentID: "doc-1", Quote: from + " " + typ + " " + to}}, nil})
}

// infer adds a relationship that rule derived from the relationships with ids from.
func (s *fakeStore) infer(typ, from, to string, values map[string]any, rule string, premises ...string) {
	s.relate(typ, from, to, values)
	s.rels[len(s.rels)-1].derivation = model.DerivedBy(model.DerivationInferred, model.Rule{Name: rule, Statement: rule + "."}, premises)
}

func (r fakeRel) derived() *model.Derivation {
	if r.derivation == nil {
		return model.Stated()
	}
	return r.derivation
}

// asked records the derivation kinds method was asked for.
func (s *fakeStore) asked(method string, kinds []model.DerivationKind) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kinds[method] = kinds
}

func (s *fakeStore) count(method string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[method]++
	return s.fail
}

func (s *fakeStore) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		n += c
	}
	return n
}

func (s *fakeStore) FindNodes(ctx context.Context, ids []string) (map[string]model.Node, error) {
	if err := s.count("FindNodes"); err != nil {
		return nil, err
	}
	out := map[string]model.Node{}
	for _, id := range ids {
		if e, ok := s.entities[id]; ok {
			out[id] = e
		} else if d, ok := s.docs[id]; ok {
			out[id] = d
		}
	}
	return out, nil
}

// FindNode answers the node alone: the hops fetch as usual.
func (s *fakeStore) FindNode(ctx context.Context, id, asOf string, with []model.Hop) (model.Node, [][]*model.Relation, error) {
	s.mu.Lock()
	s.nodeWith = append(s.nodeWith, with)
	s.mu.Unlock()
	m, err := s.FindNodes(ctx, []string{id})
	return m[id], nil, err
}

func (s *fakeStore) FindEntities(ctx context.Context, f model.EntityFilter, page model.PageArgs) (*model.EntityPage, error) {
	if err := s.count("FindEntities"); err != nil {
		return nil, err
	}
	p := &model.EntityPage{}
	for _, id := range sortedIDs(s.entities) {
		e := s.entities[id]
		if e.Base().Type != f.Type {
			continue
		}
		p.TotalCount++
		if len(p.Entities) < page.First {
			p.Entities = append(p.Entities, e)
			p.Cursors = append(p.Cursors, id)
		} else {
			p.HasNextPage = true
		}
	}
	return p, nil
}

func (s *fakeStore) FindDocuments(ctx context.Context, f model.DocumentFilter, page model.PageArgs) (*model.DocumentPage, error) {
	if err := s.count("FindDocuments"); err != nil {
		return nil, err
	}
	return &model.DocumentPage{}, nil
}

func (s *fakeStore) Neighbors(ctx context.Context, ids []string, h model.Hop) (map[string][]*model.Relation, error) {
	if err := s.count("Neighbors"); err != nil {
		return nil, err
	}
	s.asked("Neighbors", h.Kinds)
	out := map[string][]*model.Relation{}
	for _, id := range ids {
		frontier, seen := []string{id}, map[string]bool{id: true}
		for depth := 0; depth < max(h.MaxHops, 1); depth++ {
			var next []string
			for _, at := range frontier {
				for _, r := range s.rels {
					if !contains(h.Types, r.typ) {
						continue
					}
					far, dir := "", model.DirectionOut
					if r.from == at && h.Direction != model.DirectionIn {
						far = r.to
					} else if r.to == at && h.Direction != model.DirectionOut {
						far, dir = r.from, model.DirectionIn
					}
					if far == "" || seen[far] {
						continue
					}
					seen[far] = true
					next = append(next, far)
					e := s.entities[far]
					if h.Label == "" || e.Base().Type == h.Label {
						out[id] = append(out[id], &model.Relation{ID: r.id(), Type: r.typ, Direction: dir, Node: e, Values: r.values,
							Evidence: r.evidence, Derivation: r.derived()})
					}
				}
			}
			frontier = next
		}
	}
	return out, nil
}

func (s *fakeStore) Relationships(ctx context.Context, ids []string) (map[string]*model.Edge, error) {
	if err := s.count("Relationships"); err != nil {
		return nil, err
	}
	out := map[string]*model.Edge{}
	for _, r := range s.rels {
		if contains(ids, r.id()) && len(ids) > 0 {
			out[r.id()] = &model.Edge{ID: r.id(), Type: r.typ, Source: r.from, Target: r.to, Properties: []*model.Property{},
				Evidence: r.evidence, Derivation: r.derived()}
		}
	}
	return out, nil
}

func (s *fakeStore) Facts(ctx context.Context, ids []string, asOf string) (map[string][]*model.Fact, error) {
	out := map[string][]*model.Fact{}
	for _, id := range ids {
		if fs := s.facts[id]; len(fs) > 0 {
			out[id] = fs
		}
	}
	return out, s.count("Facts")
}

func (s *fakeStore) MentionedIn(ctx context.Context, ids []string) (map[string][]*model.Document, error) {
	return map[string][]*model.Document{}, s.count("MentionedIn")
}

func (s *fakeStore) Mentions(ctx context.Context, ids []string) (map[string][]model.Entity, error) {
	return map[string][]model.Entity{}, s.count("Mentions")
}

func (s *fakeStore) Search(ctx context.Context, query string, types []model.EntityType, first int) ([]*model.SearchHit, error) {
	return []*model.SearchHit{}, s.count("Search")
}

func (s *fakeStore) SearchDocuments(ctx context.Context, query string, first int) ([]*model.DocumentHit, error) {
	return []*model.DocumentHit{}, s.count("SearchDocuments")
}

func (s *fakeStore) Neighborhood(ctx context.Context, id string, depth int, types []string, kinds []model.DerivationKind, limit int, asOf string) (*model.Subgraph, error) {
	s.asked("Neighborhood", kinds)
	return &model.Subgraph{}, s.count("Neighborhood")
}

func (s *fakeStore) ShortestPath(ctx context.Context, from, to string, maxDepth int, types []string, kinds []model.DerivationKind, asOf string) (*model.Path, error) {
	s.asked("ShortestPath", kinds)
	return nil, s.count("ShortestPath")
}

func (s *fakeStore) Subgraph(ctx context.Context, ids []string, types []string, kinds []model.DerivationKind, asOf string) (*model.Subgraph, error) {
	s.asked("Subgraph", kinds)
	return &model.Subgraph{}, s.count("Subgraph")
}

func (s *fakeStore) Stats(ctx context.Context) (*model.GraphStats, error) {
	return &model.GraphStats{}, s.count("Stats")
}

// Match records the query it was asked (matched) and ranks nothing.
func (s *fakeStore) Match(ctx context.Context, q model.MatchQuery) ([]*model.MatchResult, error) {
	s.mu.Lock()
	s.matched = append(s.matched, q)
	s.mu.Unlock()
	return []*model.MatchResult{}, s.count("Match")
}

func (s *fakeStore) Contradictions(ctx context.Context, of *model.EntityType, property string, first int) ([]*model.Contradiction, error) {
	out := []*model.Contradiction{}
	for id, fs := range s.facts {
		e := s.entities[id]
		if e == nil || (of != nil && e.Base().Type != *of) {
			continue
		}
		byProp := map[string][]*model.Fact{}
		for _, f := range fs {
			if property == "" || f.Property == property {
				byProp[f.Property] = append(byProp[f.Property], f)
			}
		}
		for p, list := range byProp {
			if c := model.LinkConflicts(list); len(c) > 0 && len(out) < first {
				out = append(out, &model.Contradiction{Entity: e, Property: p, Facts: c})
			}
		}
	}
	return out, s.count("Contradictions")
}

func (s *fakeStore) Breakdown(ctx context.Context, f model.EntityFilter, by model.BreakdownKey, rollUp bool, first int) ([]*model.Bucket, error) {
	s.mu.Lock()
	s.filter = f
	s.mu.Unlock()
	return []*model.Bucket{}, s.count("Breakdown")
}

func (s *fakeStore) CrossTab(ctx context.Context, f model.EntityFilter, rows, columns model.BreakdownKey, firstRows, firstColumns int) (*model.CrossTab, error) {
	s.mu.Lock()
	s.filter = f
	s.mu.Unlock()
	return &model.CrossTab{Rows: []*model.Bucket{}, Columns: []*model.Bucket{}, Cells: [][]int{}}, s.count("CrossTab")
}

func sortedIDs[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	for i := range ids { // insertion sort keeps the fake free of extra imports
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
	return ids
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return len(list) == 0
}

type gqlResponse struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// post sends query to a handler over store and decodes the response.
func post(t *testing.T, store Store, query string) gqlResponse {
	t.Helper()
	_, resp := postWith(t, store, Limits{}, query, nil)
	return resp
}

// parksStore holds n parks, each part of one of two zones, with a sub-park and a target.
func parksStore(n int) *fakeStore {
	s := newFakeStore()
	s.docs["doc-1"] = &model.Document{ID: "doc-1", Title: "Doc one"}
	s.add(model.EntityTypeZone, "zone-a", "Zone A")
	s.add(model.EntityTypeZone, "zone-b", "Zone B")
	s.add(model.EntityTypeIndustry, "biotech", "Biotechnology")
	s.add(model.EntityTypeRegion, "taiwan", "Taiwan")
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("park-%03d", i)
		s.add(model.EntityTypePark, id, "Park "+id)
		s.add(model.EntityTypePark, "sub-"+id, "Sub-park "+id)
		s.relate("PART_OF", id, []string{"zone-a", "zone-b"}[i%2], nil)
		s.relate("PART_OF", "sub-"+id, id, nil)
		s.relate("TARGETS", id, "biotech", map[string]any{"investorOrigin": "taiwan"})
	}
	return s
}

func TestAListOfParksCostsTheSameNumberOfStoreCallsWhateverItsLength(t *testing.T) {
	const q = `{ parks(first: 100) { totalCount nodes { name
		zone { name parks { name } }
		subParks { name zone { id } }
		targets { industry { name } investorOrigin { name } evidence { quote document { title } } } } } }`
	calls := map[int]int{}
	for _, n := range []int{1, 10, 50} {
		s := parksStore(n)
		resp := post(t, s, q)
		if len(resp.Errors) > 0 {
			t.Fatalf("errors: %v", resp.Errors)
		}
		parks := resp.Data["parks"].(map[string]any)
		if got := int(parks["totalCount"].(float64)); got != 2*n {
			t.Fatalf("totalCount = %d, want %d (parks and sub-parks)", got, 2*n)
		}
		first := parks["nodes"].([]any)[0].(map[string]any)
		if first["zone"] == nil && first["subParks"] == nil {
			t.Fatalf("first park has neither zone nor sub-parks: %v", first)
		}
		calls[n] = s.total()
	}
	if calls[1] != calls[10] || calls[10] != calls[50] {
		t.Fatalf("store calls by list length = %v, want the same for every length", calls)
	}
}

func TestNodeAsksTheStoreForTheHopsOfItsSelectionNestedAndSlimWhereItCan(t *testing.T) {
	parks := zoneParks.Hop
	subParks := parkSubParks.Hop
	zone := parkZone.Hop
	targets := parkTargets.Hop
	slim := func(h model.Hop) model.Hop { h.Slim = true; return h }
	origins := func(h model.Hop) model.Hop { h.Origins = true; return h }
	with := func(h model.Hop, w ...model.Hop) model.Hop { h.With = w; return h }
	cases := []struct {
		name, selection string
		want            []model.Hop
	}{
		{"no hop field: the node alone", `... on Zone { name kind }`, nil},
		{"a zone's parks and their sub-parks' names", `... on Zone { parks { name subParks { id name } } }`,
			[]model.Hop{with(parks, slim(subParks))}},
		{"a field that asks more than names reads whole nodes", `... on Zone { parks { name evidence { quote } } }`,
			[]model.Hop{parks}},
		{"targets asked their industries' and origins' names: slim, with the origins", `... on Park { targets { derivation { kind } evidence { quote } industry { id name } investorOrigin { name } } }`,
			[]model.Hop{origins(slim(targets))}},
		{"targets whose origins are asked more than names: whole nodes", `... on Park { targets { industry { name } investorOrigin { name description } } }`,
			[]model.Hop{origins(targets)}},
		{"targets whose industries are asked more than names: whole nodes", `... on Park { targets { industry { name description } } }`,
			[]model.Hop{targets}},
		{"a field with arguments fetches on its own", `... on Zone { relations(types: [PART_OF]) { type } }`, nil},
		{"two fragments, two aliases, one hop each", `... on Park { zone { id } a: zone { kind } zones { name } } ... on Zone { parks { id } }`,
			[]model.Hop{slim(parks), zone}}, // in the order of model.AllEntityTypes
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := parksStore(2)
			resp := post(t, s, `{ node(id: "zone-a") { `+c.selection+` } }`)
			if len(resp.Errors) > 0 {
				t.Fatal(resp.Errors)
			}
			var got []model.Hop
			if len(s.nodeWith) == 1 {
				got = s.nodeWith[0]
			} else if c.want != nil || len(s.nodeWith) > 1 {
				t.Fatalf("FindNode calls with hops: %v", s.nodeWith)
			}
			for i := range c.want {
				c.want[i].AsOf = ""
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", c.want) {
				t.Errorf("hops\n got  %+v\n want %+v", got, c.want)
			}
		})
	}
}

func TestTheTargetKeepsIndustryAndInvestorOriginTogether(t *testing.T) {
	resp := post(t, parksStore(1), `{ parks(first: 1) { nodes { id zone { id } targets { industry { id } investorOrigin { id } } } } }`)
	if len(resp.Errors) > 0 {
		t.Fatal(resp.Errors)
	}
	got, _ := json.Marshal(resp.Data)
	want := `{"parks":{"nodes":[{"id":"park-000","targets":[{"industry":{"id":"biotech"},"investorOrigin":{"id":"taiwan"}}],"zone":{"id":"zone-a"}}]}}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestErrorsCarryACodeAndHideInternals(t *testing.T) {
	cases := []struct {
		name     string
		fail     error
		query    string
		wantCode string
		wantMsg  string
	}{
		{"an unreachable database is UNAVAILABLE", &model.Error{Code: model.CodeUnavailable, Message: "the graph database is unavailable", Err: errors.New("dial tcp 127.0.0.1:7687: connection refused")},
			`{ parks { nodes { id } } }`, "UNAVAILABLE", "the graph database is unavailable"},
		{"an unexpected error is INTERNAL with no detail", errors.New("Neo.ClientError.Statement.SyntaxError: MATCH (n:Secret)"),
			`{ parks { nodes { id } } }`, "INTERNAL", "internal error"},
		{"a page size over the cap is INVALID", nil, `{ parks(first: 101) { nodes { id } } }`, "INVALID", "first must be between 0 and 100"},
		{"a negative relations limit is INVALID", nil, `{ parks(first: 1) { nodes { relations(first: -1) { type } } } }`, "INVALID", "first must be between 0 and 500"},
		{"a string for a relationship type fails validation", nil, `{ parks(first: 1) { nodes { relations(types: ["PART_OF", "x' OR 1=1"]) { type } } } }`, "GRAPHQL_VALIDATION_FAILED", "RelationType"},
		{"an unknown relationship type fails validation", nil, `{ neighborhood(id: "zone-a", types: [MENTIONS]) { nodes { id } } }`, "GRAPHQL_VALIDATION_FAILED", "RelationType"},
		{"a neighbourhood deeper than 3 is INVALID", nil, `{ neighborhood(id: "zone-a", depth: 4) { nodes { id } } }`, "INVALID", "depth must be between 1 and 3"},
		{"a path longer than 6 is INVALID", nil, `{ shortestPath(from: "a", to: "b", maxDepth: 7) { length } }`, "INVALID", "maxDepth must be between 1 and 6"},
		{"ordering a park list by event date is INVALID", nil, `{ parks(orderBy: {field: HELD_ON}) { nodes { id } } }`, "INVALID", "cannot be ordered by HELD_ON"},
		{"a malformed date bound is INVALID", nil, `{ zones(where: {establishedOn: {from: "March 2023"}}) { nodes { id } } }`, "INVALID", "must be YYYY"},
		{"an unknown field fails validation", nil, `{ parks { nodes { secret } } }`, "GRAPHQL_VALIDATION_FAILED", "Cannot query field"},
		{"a syntax error fails parsing", nil, `{ parks { `, "GRAPHQL_PARSE_FAILED", ""},
		{"a query nested too deep is refused", nil, `{ parks { nodes { zone { parks { zone { parks { zone { parks { zone { parks { zone { parks { id } } } } } } } } } } } } }`, CodeDepthLimit, "deeper than the limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := parksStore(1)
			s.fail = c.fail
			resp := post(t, s, c.query)
			if len(resp.Errors) == 0 {
				t.Fatalf("no error; data %v", resp.Data)
			}
			e := resp.Errors[0]
			if e.Extensions["code"] != c.wantCode || !strings.Contains(e.Message, c.wantMsg) {
				t.Fatalf("got code %v message %q, want %s %q", e.Extensions["code"], e.Message, c.wantCode, c.wantMsg)
			}
			if strings.Contains(e.Message, "Neo.") || strings.Contains(e.Message, "dial tcp") {
				t.Fatalf("message leaks internals: %q", e.Message)
			}
		})
	}
}

func TestLimitsAreCheckedBeforeAnyDatabaseWork(t *testing.T) {
	s := parksStore(1)
	post(t, s, `{ parks { nodes { zone { parks { zone { parks { zone { parks { zone { parks { zone { parks { zone { id } } } } } } } } } } } } }`)
	if n := s.total(); n != 0 {
		t.Fatalf("store called %d times for a refused operation", n)
	}
}

func TestNodeReturnsNullForAnUnknownID(t *testing.T) {
	resp := post(t, parksStore(1), `{ node(id: "nope") { id } known: node(id: "zone-a") { id ... on Zone { name } } }`)
	if len(resp.Errors) > 0 {
		t.Fatal(resp.Errors)
	}
	if resp.Data["node"] != nil {
		t.Errorf("node(nope) = %v, want null", resp.Data["node"])
	}
	if k := resp.Data["known"].(map[string]any); k["name"] != "Zone A" {
		t.Errorf("node(zone-a) = %v", k)
	}
}

// inferredParksStore holds n parks in one district that targets biotech from Taiwan,
// each with a TARGETS inferred from the district's and its own LOCATED_IN.
func inferredParksStore(n int) *fakeStore {
	s := newFakeStore()
	s.docs["doc-1"] = &model.Document{ID: "doc-1", Title: "Doc one"}
	s.add(model.EntityTypeDistrict, "district", "District")
	s.add(model.EntityTypeIndustry, "biotech", "Biotechnology")
	s.add(model.EntityTypeRegion, "taiwan", "Taiwan")
	s.relate("TARGETS", "district", "biotech", map[string]any{"investorOrigin": "taiwan"})
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("park-%03d", i)
		s.add(model.EntityTypePark, id, "Park "+id)
		s.relate("LOCATED_IN", id, "district", nil)
		s.infer("TARGETS", id, "biotech", map[string]any{"investorOrigin": "taiwan"}, "district-rule",
			"TARGETS:district:biotech", "LOCATED_IN:"+id+":district")
	}
	return s
}

func TestADerivationNamesItsRuleAndItsPremisesInBoundedStoreCalls(t *testing.T) {
	const q = `{ parks(first: 100) { nodes { id targets { derivation { kind rule statement
		derivedFrom { id type source target evidence { quote } derivation { kind } } } } } } }`
	calls := map[int]int{}
	for _, n := range []int{1, 10, 50} {
		s := inferredParksStore(n)
		resp := post(t, s, q)
		if len(resp.Errors) > 0 {
			t.Fatalf("errors: %v", resp.Errors)
		}
		calls[n] = s.total()
		b, _ := json.Marshal(resp.Data["parks"].(map[string]any)["nodes"].([]any)[0])
		want := `{"id":"park-000","targets":[{"derivation":{"derivedFrom":[` +
			`{"derivation":{"kind":"STATED"},"evidence":[{"quote":"district TARGETS biotech"}],"id":"TARGETS:district:biotech","source":"district","target":"biotech","type":"TARGETS"},` +
			`{"derivation":{"kind":"STATED"},"evidence":[{"quote":"park-000 LOCATED_IN district"}],"id":"LOCATED_IN:park-000:district","source":"park-000","target":"district","type":"LOCATED_IN"}],` +
			`"kind":"INFERRED","rule":"district-rule","statement":"district-rule."}}]}`
		if string(b) != want {
			t.Fatalf("first park:\n got  %s\n want %s", b, want)
		}
	}
	if calls[1] != calls[10] || calls[10] != calls[50] {
		t.Fatalf("store calls by list length = %v, want the same for every length", calls)
	}
}

func TestAsOfIsCheckedBeforeTheStoreAndAPageForADateCostsNoMoreCalls(t *testing.T) {
	s := parksStore(10)
	resp := post(t, s, `{ parks(asOf: "2010-02-30") { nodes { id } } }`)
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "INVALID" || s.total() != 0 {
		t.Fatalf("an impossible asOf: errors %v after %d store calls, want INVALID before any", resp.Errors, s.total())
	}
	const q = `query($asOf: String) { parks(first: 100, asOf: $asOf) { nodes { name zone { name } subParks { name }
		targets { industry { name } } facts { property } } } }`
	calls := map[string]int{}
	for _, asOf := range []any{nil, "2009"} {
		s := parksStore(10)
		_, resp := postWith(t, s, Limits{}, q, map[string]any{"asOf": asOf})
		if len(resp.Errors) > 0 {
			t.Fatalf("asOf %v: %v", asOf, resp.Errors)
		}
		calls[fmt.Sprint(asOf)] = s.total()
	}
	if calls["<nil>"] != calls["2009"] {
		t.Errorf("store calls: %v, want the same with and without asOf", calls)
	}
}
