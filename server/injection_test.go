package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// hostileInputs are sent through every string argument and string input field of the
// schema: Cypher and Lucene fragments, escapes, control and bidirectional characters,
// long text, and cursors forged to carry Cypher or non-scalar sort keys.
func hostileInputs() []string {
	forged := func(json string) string { return base64.RawURLEncoding.EncodeToString([]byte(json)) }
	return []string{
		"",
		"   ",
		`' OR 1=1 //`,
		`"}) MATCH (n) DETACH DELETE n //`,
		`'}) WITH 1 AS x MATCH (m) DETACH DELETE m RETURN count(*) //`,
		"x\u0000y",
		"`Entity`) DETACH DELETE n //",
		"$param",
		"{id: $id}) SET n.name = $ids //",
		"*:*",
		"name:x~",
		`title:"a b"^2 AND NOT (c OR d) [a TO z] {x TO y} /re.*/ \+ -e !f && g || h ?`,
		`\'; \"; \\ \u0027`,
		"CALL db.clearQueryCaches() //\nMATCH (n) SET n.pwned = true",
		"重庆 两江新区 Zoné İSTANBUL \u202egnp.exe\u2028\ufeff 🚀",
		strings.Repeat(`' OR 1=1 // `, 700),
		strings.Repeat("a", 8192),
		forged(`{"p":"name","k":"\"}) MATCH (n) DETACH DELETE n //","i":"' OR 1=1 //"}`),
		forged(`{"p":"name","k":{"$ne":1},"i":"x"}`),
		forged(`{"p":"name","k":[1,"a"],"i":"x"}`),
		forged("{\"p\":\"name` DETACH DELETE n //\",\"i\":\"x\"}"),
	}
}

// leakMarkers are pieces of Cypher, Lucene, driver and runtime text that no response
// may contain once the client's own input is taken out of it.
var leakMarkers = []string{"neo4j", "neo.", "cypher", "match (", "detach", "unwind", "return ", "$after",
	"syntax", "invalid input", "lucene", "parseexception", "driver", "bolt", "goroutine", "panic",
	"runtime error", "internal error"}

// acceptedCodes are the extensions.code a hostile input may produce: it is refused as
// the client's mistake, never an internal error, a timeout or a limit of the query's own.
var acceptedCodes = map[string]bool{"INVALID": true, "NOT_FOUND": true, "BAD_USER_INPUT": true}

// aliasesPerRequest keeps each operation well under the alias and root-field limits.
const aliasesPerRequest = 11

// TestHostileStringsInEveryStringArgumentAreHarmless sends each hostile input through
// every string argument and input field the schema offers (found by introspection, so a
// new argument is covered without changing this test). Every response must be data or
// errors with a client-error code, carry no Cypher, Lucene or driver text besides the
// input itself, and answer an unknown id with nothing; and the graph must be unchanged.
func TestHostileStringsInEveryStringArgumentAreHarmless(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	store := srv.store
	ctx := context.Background()
	before, err := store.Fingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := introspect(t, srv.URL)
	slots := s.stringSlots()
	names := map[string]bool{}
	for _, sl := range slots {
		names[sl.String()] = true
	}
	for _, want := range []string{"Query.node(id)", "Query.search(query)", "Query.searchDocuments(query)",
		"Query.neighborhood(id)", "Query.shortestPath(from)", "Query.shortestPath(to)", "Query.subgraph(ids)",
		"Query.parks(after)", "Query.parks(where.targets.industry)", "Query.zones(where.establishedOn.from)",
		"Query.companies(where.hostedIn)", "Query.documents(where.titleContains)"} {
		if !names[want] {
			t.Errorf("introspection found no string argument %s", want)
		}
	}
	t.Logf("%d string arguments and input fields, %d hostile inputs each", len(slots), len(hostileInputs()))

	inputs := hostileInputs()
	var requests atomic.Int64
	t.Run("every argument", func(t *testing.T) {
		for _, sl := range slots {
			t.Run(sl.String(), func(t *testing.T) {
				t.Parallel()
				for start := 0; start < len(inputs); start += aliasesPerRequest {
					chunk := inputs[start:min(start+aliasesPerRequest, len(inputs))]
					q, vars, err := s.operation(sl, chunk)
					if err != nil {
						t.Fatal(err)
					}
					requests.Add(1)
					checkHostileResponse(t, srv.URL, sl, q, vars, chunk)
				}
			})
		}
	})
	t.Logf("%d requests", requests.Load())

	after, err := store.Fingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Fatalf("the graph changed: fingerprint %s before, %s after", before, after)
	}
}

// checkHostileResponse posts one operation whose aliases h0, h1, ... each carry one of
// inputs, and checks the response.
func checkHostileResponse(t *testing.T, base string, sl slot, q string, vars map[string]any, inputs []string) {
	t.Helper()
	r := graphQL(t, base, gqlRequest{query: q, variables: vars})
	var data map[string]any
	if err := json.Unmarshal(r.Data, &data); len(r.Data) > 0 && err != nil || r.status != http.StatusOK {
		t.Fatalf("status %d, %v:\n%.2000s\nquery: %s", r.status, err, r.raw, q)
	}
	inputOf := func(alias string) (string, bool) {
		i, err := strconv.Atoi(strings.TrimPrefix(alias, "h"))
		if err != nil || !strings.HasPrefix(alias, "h") || i >= len(inputs) {
			return "", false
		}
		return inputs[i], true
	}
	failed := map[string]bool{} // aliases with an error
	for _, e := range r.Errors {
		code, _ := e.Extensions["code"].(string)
		alias := ""
		if len(e.Path) > 0 {
			alias, _ = e.Path[0].(string)
		}
		failed[alias] = true
		input, _ := inputOf(alias)
		if !acceptedCodes[code] {
			t.Errorf("input %.60q: error %q with code %q, want a client error", input, e.Message, code)
		}
		checkNoLeak(t, "error message", e.Message, inputs)
	}
	for alias, v := range data {
		input, ok := inputOf(alias)
		if !ok {
			t.Errorf("unexpected field %s in data", alias)
			continue
		}
		forEachString(v, func(s string) { checkNoLeak(t, "data of "+alias, s, inputs) })
		if !failed[alias] && len(sl.route) > 1 && !reaches(v, sl.route) {
			t.Errorf("input %.60q: %s returned no %s, so the argument was never used: %.300v", input, alias, sl.owner, v)
		}
		if sl.scalar == "ID" && input != "" && !empty(v) {
			t.Errorf("input %.60q as an id matched something: %.500v", input, v)
		}
	}
}

// checkNoLeak fails when text, with every input removed from it, still holds a leak marker.
func checkNoLeak(t *testing.T, what, text string, inputs []string) {
	t.Helper()
	byLength := append([]string(nil), inputs...)
	sort.Slice(byLength, func(i, j int) bool { return len(byLength[i]) > len(byLength[j]) })
	for _, in := range byLength {
		if in != "" {
			text = strings.ReplaceAll(text, strconv.Quote(in), "")
			text = strings.ReplaceAll(text, in, "")
		}
	}
	lower := strings.ToLower(text)
	for _, m := range leakMarkers {
		if strings.Contains(lower, m) {
			t.Errorf("%s holds %q: %.300s", what, m, text)
		}
	}
}

func forEachString(v any, each func(string)) {
	switch x := v.(type) {
	case string:
		each(x)
	case []any:
		for _, y := range x {
			forEachString(y, each)
		}
	case map[string]any:
		for _, y := range x {
			forEachString(y, each)
		}
	}
}

// empty reports whether v holds nothing: null, empty lists, zero counts, false flags;
// __typename does not count.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case float64:
		return x == 0
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		for k, y := range x {
			if k != "__typename" && !empty(y) {
				return false
			}
		}
		return true
	}
	return false
}

// reaches reports whether following route's fields from v, the value of its root field
// route[1], finds at least one object: the object type that owns the argument was reached.
func reaches(v any, route []string) bool {
	objs := []any{v}
	for _, field := range route[2:] {
		if strings.HasPrefix(field, "...") {
			continue
		}
		name, _, _ := strings.Cut(field, "(")
		var next []any
		for _, o := range objs {
			m, _ := o.(map[string]any)
			switch x := m[name].(type) {
			case []any:
				next = append(next, x...)
			case map[string]any:
				next = append(next, x)
			}
		}
		objs = next
	}
	for _, o := range objs {
		if _, ok := o.(map[string]any); ok {
			return true
		}
	}
	return false
}

// TestLuceneSyntaxInSearchIsTakenAsWords checks that search reads Lucene syntax as plain
// words: "*:*" has none and finds nothing (as Lucene it would match everything), and a
// query with operators, fields and fuzziness finds exactly what its words find.
func TestLuceneSyntaxInSearchIsTakenAsWords(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	type hits struct {
		Search []struct {
			Entity struct {
				ID string `json:"id"`
			} `json:"entity"`
		} `json:"search"`
		SearchDocuments []struct {
			Document struct {
				ID string `json:"id"`
			} `json:"document"`
		} `json:"searchDocuments"`
	}
	ask := func(text string) (entities, documents []string) {
		var h hits
		query(t, srv.URL, `query($q: String!) { search(query: $q, first: 100) { entity { id } } searchDocuments(query: $q, first: 100) { document { id } } }`,
			map[string]any{"q": text}, &h)
		for _, x := range h.Search {
			entities = append(entities, x.Entity.ID)
		}
		for _, x := range h.SearchDocuments {
			documents = append(documents, x.Document.ID)
		}
		return entities, documents
	}
	if e, d := ask("*:*"); len(e) != 0 || len(d) != 0 {
		t.Errorf(`search("*:*") found %d entities and %d documents, want none`, len(e), len(d))
	}
	// Double quotes are the one syntax search reads (a phrase; see TestSearchReadsTheQueryAsPeopleWriteIt).
	e1, d1 := ask(`name:biotech~ AND NOT taiwan^3 OR (fuling*) "`)
	e2, d2 := ask("name biotech and not taiwan 3 or fuling")
	if len(e1) == 0 || len(d1) == 0 {
		t.Fatalf("the words of the query found %d entities and %d documents, want some of each", len(e1), len(d1))
	}
	if fmt.Sprint(e1) != fmt.Sprint(e2) || fmt.Sprint(d1) != fmt.Sprint(d2) {
		t.Errorf("Lucene syntax changed the result:\n entities %v\n want     %v\n documents %v\n want      %v", e1, e2, d1, d2)
	}
}

// The schema as introspection describes it, and the operations built from it.

type typeRef struct {
	Kind   string   `json:"kind"`
	Name   string   `json:"name"`
	OfType *typeRef `json:"ofType"`
}

// named returns the name of the type under any list and non-null wrappers.
func (r typeRef) named() string {
	if r.OfType != nil {
		return r.OfType.named()
	}
	return r.Name
}

// String writes the type as in a variable definition, e.g. [String!]!.
func (r typeRef) String() string {
	switch r.Kind {
	case "NON_NULL":
		return r.OfType.String() + "!"
	case "LIST":
		return "[" + r.OfType.String() + "]"
	}
	return r.Name
}

type inputValue struct {
	Name         string  `json:"name"`
	Type         typeRef `json:"type"`
	DefaultValue *string `json:"defaultValue"`
}

func (v inputValue) required() bool { return v.Type.Kind == "NON_NULL" && v.DefaultValue == nil }

type schemaField struct {
	Name string       `json:"name"`
	Args []inputValue `json:"args"`
	Type typeRef      `json:"type"`
}

type schemaType struct {
	Name          string        `json:"name"`
	Kind          string        `json:"kind"`
	Fields        []schemaField `json:"fields"`
	InputFields   []inputValue  `json:"inputFields"`
	PossibleTypes []struct {
		Name string `json:"name"`
	} `json:"possibleTypes"`
	EnumValues []struct {
		Name string `json:"name"`
	} `json:"enumValues"`
}

type schema struct {
	query string
	types map[string]*schemaType
	order []string // type names, sorted
}

// introspect reads the schema the server runs; types are read six wrappers deep, enough
// for a matrix such as CrossTab.cells ([[Int!]!]!).
func introspect(t *testing.T, base string) *schema {
	t.Helper()
	const q = `{ __schema { queryType { name } types { name kind
		fields { name args { name defaultValue type { ...T } } type { ...T } }
		inputFields { name defaultValue type { ...T } }
		possibleTypes { name } enumValues { name } } } }
	fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } }`
	var data struct {
		Schema struct {
			QueryType struct {
				Name string `json:"name"`
			} `json:"queryType"`
			Types []*schemaType `json:"types"`
		} `json:"__schema"`
	}
	query(t, base, q, nil, &data)
	s := &schema{query: data.Schema.QueryType.Name, types: map[string]*schemaType{}}
	for _, ty := range data.Schema.Types {
		s.types[ty.Name] = ty
		s.order = append(s.order, ty.Name)
	}
	sort.Strings(s.order)
	if s.types[s.query] == nil {
		t.Fatalf("introspection gave no query type")
	}
	return s
}

// slot is one place for a string: an argument of a field, possibly an input field
// nested in it (path), whose type is String or ID, possibly in a list.
type slot struct {
	owner  string      // the object type whose field takes the argument
	field  schemaField // that field
	arg    inputValue  // the argument
	path   []string    // input fields from the argument down to the string
	scalar string      // String or ID
	route  []string    // the query type, then the fields from it to owner
}

func (sl slot) String() string {
	return fmt.Sprintf("%s.%s(%s)", sl.owner, sl.field.Name, strings.Join(append([]string{sl.arg.Name}, sl.path...), "."))
}

// stringSlots lists every string argument and string input field of the object types
// reachable from the query type. Interface fields are left out: the object types that
// implement them take the same arguments.
func (s *schema) stringSlots() []slot {
	routes := s.routes()
	var out []slot
	for _, name := range s.order {
		ty := s.types[name]
		route, reachable := routes[name]
		if ty.Kind != "OBJECT" || strings.HasPrefix(name, "__") || !reachable {
			continue
		}
		for _, f := range ty.Fields {
			for _, a := range f.Args {
				s.walkInput(a.Type, nil, map[string]bool{}, func(path []string, scalar string) {
					out = append(out, slot{owner: name, field: f, arg: a, path: path, scalar: scalar, route: route})
				})
			}
		}
	}
	return out
}

// walkInput calls found for every String or ID position in an input of type r.
func (s *schema) walkInput(r typeRef, path []string, seen map[string]bool, found func(path []string, scalar string)) {
	name := r.named()
	ty := s.types[name]
	switch {
	case ty == nil:
	case ty.Kind == "SCALAR" && (name == "String" || name == "ID"):
		found(append([]string(nil), path...), name)
	case ty.Kind == "INPUT_OBJECT" && !seen[name]:
		seen[name] = true
		for _, f := range ty.InputFields {
			s.walkInput(f.Type, append(path, f.Name), seen, found)
		}
		delete(seen, name)
	}
}

// routes finds, for each object type, a shortest chain of fields from the query type
// that returns objects of it, preferring fields without required arguments. A route
// starts with the query type's name; fields are written with their arguments, and
// abstract types are narrowed with inline fragments.
func (s *schema) routes() map[string][]string {
	routes := map[string][]string{s.query: {s.query}}
	for _, allowRequired := range []bool{false, true} {
		queue := []string{s.query}
		for len(queue) > 0 {
			name := queue[0]
			queue = queue[1:]
			for _, f := range s.types[name].Fields {
				if strings.HasPrefix(f.Name, "__") || !allowRequired && hasRequired(f.Args) {
					continue
				}
				to := s.types[f.Type.named()]
				if to == nil {
					continue
				}
				step := f.Name + s.routeArgs(f.Args)
				var targets [][2]string // object type, extra step
				switch to.Kind {
				case "OBJECT":
					targets = append(targets, [2]string{to.Name, ""})
				case "INTERFACE", "UNION":
					for _, p := range to.PossibleTypes {
						targets = append(targets, [2]string{p.Name, "... on " + p.Name})
					}
				}
				for _, tg := range targets {
					if _, done := routes[tg[0]]; done {
						continue
					}
					r := append(append([]string(nil), routes[name]...), step)
					if tg[1] != "" {
						r = append(r, tg[1])
					}
					routes[tg[0]] = r
					queue = append(queue, tg[0])
				}
			}
		}
	}
	return routes
}

func hasRequired(args []inputValue) bool {
	for _, a := range args {
		if a.required() {
			return true
		}
	}
	return false
}

// routeArgs writes the arguments of a field on a route: required ones with harmless
// values, and first: 2 where a field pages, to keep the operation cheap.
func (s *schema) routeArgs(args []inputValue) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.required():
			parts = append(parts, a.Name+": "+literal(s.harmless(a.Type)))
		case a.Name == "first" && a.Type.named() == "Int":
			parts = append(parts, "first: 2")
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// enumValue is an enum value in an argument: written without quotes.
type enumValue string

// harmlessID is the id given to required id arguments that are not under test.
const harmlessID = "chongqing-high-tech-zone"

// harmless returns a valid value of type r, for required arguments not under test.
func (s *schema) harmless(r typeRef) any {
	switch r.Kind {
	case "NON_NULL":
		return s.harmless(*r.OfType)
	case "LIST":
		return []any{s.harmless(*r.OfType)}
	}
	ty := s.types[r.Name]
	switch {
	case ty.Kind == "ENUM":
		return enumValue(ty.EnumValues[0].Name)
	case ty.Kind == "INPUT_OBJECT":
		m := map[string]any{}
		for _, f := range ty.InputFields {
			if f.required() {
				m[f.Name] = s.harmless(f.Type)
			}
		}
		return m
	case r.Name == "Int" || r.Name == "Float":
		return 1
	case r.Name == "Boolean":
		return false
	}
	return harmlessID
}

// value returns the value of type r that holds text at path (input fields below r).
func (s *schema) value(r typeRef, path []string, text string) any {
	switch r.Kind {
	case "NON_NULL":
		return s.value(*r.OfType, path, text)
	case "LIST":
		return []any{s.value(*r.OfType, path, text)}
	}
	if len(path) == 0 {
		return text
	}
	m := s.harmless(r).(map[string]any)
	for _, f := range s.types[r.Name].InputFields {
		if f.Name == path[0] {
			m[f.Name] = s.value(f.Type, path[1:], text)
		}
	}
	return m
}

// literal writes a value as a GraphQL literal.
func literal(v any) string {
	switch x := v.(type) {
	case enumValue:
		return string(x)
	case []any:
		parts := make([]string, len(x))
		for i, y := range x {
			parts[i] = literal(y)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + literal(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// skippedFields are left out of selections: the Cypher written for Neo4j Browser (it
// quotes its parameters by design) and whole document texts (large).
var skippedFields = map[string]bool{"cypher": true, "text": true}

// selection selects __typename and the argument-free scalar fields of type name, and
// of the object fields below it down to depth more levels.
func (s *schema) selection(name string, depth int) string {
	ty := s.types[name]
	if ty == nil || ty.Kind != "OBJECT" && ty.Kind != "INTERFACE" && ty.Kind != "UNION" {
		return ""
	}
	parts := []string{"__typename"}
	for _, f := range ty.Fields {
		if len(f.Args) > 0 || skippedFields[f.Name] {
			continue
		}
		switch s.types[f.Type.named()].Kind {
		case "SCALAR", "ENUM":
			parts = append(parts, f.Name)
		default:
			if depth > 0 {
				parts = append(parts, f.Name+" "+s.selection(f.Type.named(), depth-1))
			}
		}
	}
	return "{ " + strings.Join(parts, " ") + " }"
}

// operation builds one query with an alias h<i> per input, each passing inputs[i] at
// sl through the variable $v<i>; other required arguments get harmless values.
func (s *schema) operation(sl slot, inputs []string) (string, map[string]any, error) {
	var defs, fields []string
	vars := map[string]any{}
	for i, in := range inputs {
		v := fmt.Sprintf("v%d", i)
		defs = append(defs, "$"+v+": "+sl.arg.Type.String())
		vars[v] = s.value(sl.arg.Type, sl.path, in)
		args := []string{sl.arg.Name + ": $" + v}
		for _, a := range sl.field.Args {
			if a.Name != sl.arg.Name && a.required() {
				args = append(args, a.Name+": "+literal(s.harmless(a.Type)))
			}
		}
		call := sl.field.Name + "(" + strings.Join(args, ", ") + ") " + s.selection(sl.field.Type.named(), 1)
		route := sl.route[1:]
		if len(route) == 0 {
			fields = append(fields, fmt.Sprintf("h%d: %s", i, call))
			continue
		}
		nested := call
		for j := len(route) - 1; j >= 1; j-- {
			nested = route[j] + " { " + nested + " }"
		}
		fields = append(fields, fmt.Sprintf("h%d: %s { %s }", i, route[0], nested))
	}
	if len(fields) > 15 {
		return "", nil, fmt.Errorf("%d aliases in one operation", len(fields))
	}
	return "query Hostile(" + strings.Join(defs, ", ") + ") {\n  " + strings.Join(fields, "\n  ") + "\n}", vars, nil
}
