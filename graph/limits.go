package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/parkgraph/parkgraph/model"
)

// Limits bound what one operation may ask for. A violation is answered with a GraphQL
// error carrying its own extensions.code before any database work starts.
type Limits struct {
	// MaxDepth is the deepest selection nesting allowed (fragments add no depth).
	MaxDepth int
	// MaxComplexity is the largest cost allowed. A field costs 1 plus its children's
	// cost, times its page size when it returns many items: the value of its first or
	// limit argument (or the argument's default), and DefaultListSize for other lists.
	// Introspection fields cost nothing: the schema bounds them. The cost bounds the
	// objects an operation could return; the default admits a page of 100 parks with
	// their relations, evidence and documents, and refuses lists nested five deep.
	MaxComplexity int
	// MaxAliases is the most aliased fields an operation may hold (counting fragments
	// at every place they are spread).
	MaxAliases int
	// MaxRootFields is the most top-level fields an operation may select.
	MaxRootFields int
	// MaxTokens is the most lexical tokens the parser reads from a query document.
	MaxTokens int
	// Introspection allows __schema and __type queries (tools like GraphiQL need it).
	Introspection bool
	// Suggestions lets validation errors suggest field names ("Did you mean ...?").
	Suggestions bool
}

// DefaultLimits are the limits used when a field of Limits is zero.
var DefaultLimits = Limits{
	MaxDepth:      12,
	MaxComplexity: 2000000,
	MaxAliases:    30,
	MaxRootFields: 20,
	MaxTokens:     5000,
	Introspection: true,
	Suggestions:   true,
}

// DefaultListSize is the number of items assumed, when costing an operation, for a list
// field that takes no first or limit argument.
const DefaultListSize = 10

// maxListSize is the largest page any list field serves; larger arguments are refused
// by the resolvers anyway.
var maxListSize = max(model.PageSize.Max, model.RelationsPage.Max, model.SearchPage.Max,
	model.BreakdownPage.Max, model.NeighborhoodLimit.Max, model.CrossTabRows.Max, model.CrossTabColumns.Max)

// The extensions.code of each limit.
const (
	CodeDepthLimit      = "DEPTH_LIMIT_EXCEEDED"
	CodeComplexityLimit = "COMPLEXITY_LIMIT_EXCEEDED"
	CodeAliasLimit      = "ALIAS_LIMIT_EXCEEDED"
	CodeRootFieldLimit  = "ROOT_FIELD_LIMIT_EXCEEDED"
	CodeTokenLimit      = "TOKEN_LIMIT_EXCEEDED"
	// CodeIntrospectionDisabled: __schema or __type asked while introspection is off.
	CodeIntrospectionDisabled = "INTROSPECTION_DISABLED"
)

func init() {
	// Limit violations are request errors: HTTP 400 like parse and validation failures.
	for _, c := range []string{CodeDepthLimit, CodeComplexityLimit, CodeAliasLimit, CodeRootFieldLimit, CodeTokenLimit, CodeIntrospectionDisabled} {
		errcode.RegisterErrorType(c, errcode.KindProtocol)
	}
}

// withDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) withDefaults() Limits {
	for _, f := range []struct{ v, def *int }{
		{&l.MaxDepth, &DefaultLimits.MaxDepth}, {&l.MaxComplexity, &DefaultLimits.MaxComplexity},
		{&l.MaxAliases, &DefaultLimits.MaxAliases}, {&l.MaxRootFields, &DefaultLimits.MaxRootFields},
		{&l.MaxTokens, &DefaultLimits.MaxTokens},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	return l
}

// operationLimits checks depth, cost, aliases and root fields of the operation about to
// run. It walks each fragment once, so a document that spreads fragments many times
// over costs no more to check than to read.
type operationLimits Limits

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = operationLimits{}

func (operationLimits) ExtensionName() string                          { return "OperationLimits" }
func (operationLimits) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l operationLimits) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if op.Operation == nil {
		return nil
	}
	m := measure(op.Operation.SelectionSet, op.Variables)
	switch {
	case m.introspects && !l.Introspection:
		return limitError(CodeIntrospectionDisabled, "introspection is disabled on this server")
	case m.roots > l.MaxRootFields:
		return limitError(CodeRootFieldLimit, "operation selects %d top-level fields; the limit is %d", m.roots, l.MaxRootFields)
	case m.aliases > l.MaxAliases:
		return limitError(CodeAliasLimit, "operation uses %d aliases; the limit is %d", m.aliases, l.MaxAliases)
	case m.depth > l.MaxDepth:
		return limitError(CodeDepthLimit, "operation is nested deeper than the limit of %d", l.MaxDepth)
	case m.cost > l.MaxComplexity:
		return limitError(CodeComplexityLimit, "operation costs %d; the limit is %d (lower first/limit arguments or select fewer lists)", m.cost, l.MaxComplexity)
	}
	return nil
}

func limitError(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, code)
	return err
}

// shape is what the limits need to know of a selection set.
type shape struct {
	depth, cost, aliases, roots int
	introspects                 bool // a top-level __schema or __type
}

// costCap keeps cost arithmetic far from overflow; anything above it is over every limit.
const costCap = 1 << 40

// measure returns the shape of an operation's selection set under vars.
func measure(set ast.SelectionSet, vars map[string]any) shape {
	w := walker{vars: vars, fragments: map[string]shape{}}
	s := w.set(set, "")
	s.roots, s.introspects = w.roots(set, map[string]bool{})
	return s
}

type walker struct {
	vars      map[string]any
	fragments map[string]shape // by fragment name, measured once
}

// set measures a selection set whose parent type is named parent.
func (w *walker) set(set ast.SelectionSet, parent string) shape {
	var out shape
	for _, sel := range set {
		var s shape
		switch x := sel.(type) {
		case *ast.Field:
			s = w.field(x, parent)
		case *ast.InlineFragment:
			s = w.set(x.SelectionSet, parent)
		case *ast.FragmentSpread:
			if x.Definition == nil {
				continue
			}
			var ok bool
			if s, ok = w.fragments[x.Name]; !ok {
				w.fragments[x.Name] = shape{} // a cycle (refused by validation) adds nothing
				s = w.set(x.Definition.SelectionSet, parent)
				w.fragments[x.Name] = s
			}
		}
		out.depth = max(out.depth, s.depth)
		out.cost = min(out.cost+s.cost, costCap)
		out.aliases = min(out.aliases+s.aliases, costCap)
	}
	return out
}

func (w *walker) field(f *ast.Field, parent string) shape {
	if strings.HasPrefix(f.Name, "__") {
		return shape{depth: 1}
	}
	child := ""
	if f.Definition != nil && f.Definition.Type != nil {
		child = f.Definition.Type.Name()
	}
	kids := w.set(f.SelectionSet, child)
	s := shape{depth: kids.depth + 1, aliases: kids.aliases, cost: min(1+w.size(f, parent)*kids.cost, costCap)}
	if f.Alias != "" && f.Alias != f.Name {
		s.aliases++
	}
	return s
}

// size is how many items f is assumed to return: its first or limit argument (with its
// default), for a crossTab the larger of firstRows and firstColumns, DefaultListSize for
// other list fields except a connection's or a crossTab's own lists (their size is the
// connection's or the crossTab's), and 1 for everything else.
func (w *walker) size(f *ast.Field, parent string) int {
	if f.Definition == nil {
		return 1
	}
	args := f.ArgumentMap(w.vars)
	if f.Definition.Arguments.ForName("firstRows") != nil {
		rows, okRows := toInt(args["firstRows"])
		columns, okColumns := toInt(args["firstColumns"])
		if !okRows || !okColumns {
			return DefaultListSize
		}
		return max(0, min(max(rows, columns), maxListSize))
	}
	for _, name := range []string{"first", "limit"} {
		if f.Definition.Arguments.ForName(name) == nil {
			continue
		}
		if n, ok := toInt(args[name]); ok {
			return max(0, min(n, maxListSize))
		}
		return DefaultListSize
	}
	if f.Definition.Type.Elem != nil && !strings.HasSuffix(parent, "Connection") && parent != "CrossTab" {
		return DefaultListSize
	}
	return 1
}

// roots counts the top-level fields of set, looking through fragments, and says whether
// one of them is __schema or __type.
func (w *walker) roots(set ast.SelectionSet, seen map[string]bool) (n int, introspects bool) {
	for _, sel := range set {
		var m int
		var in bool
		switch x := sel.(type) {
		case *ast.Field:
			switch x.Name {
			case "__schema", "__type":
				in = true
			case "__typename":
			default:
				m = 1
			}
		case *ast.InlineFragment:
			m, in = w.roots(x.SelectionSet, seen)
		case *ast.FragmentSpread:
			if x.Definition != nil && !seen[x.Name] {
				seen[x.Name] = true
				m, in = w.roots(x.Definition.SelectionSet, seen)
			}
		}
		n += m
		introspects = introspects || in
	}
	return n, introspects
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(min(max(n, -1), costCap)), true
	case float64:
		return int(min(max(n, -1), costCap)), true
	case interface{ Int64() (int64, error) }: // json.Number
		i, err := n.Int64()
		return int(min(max(i, -1), costCap)), err == nil
	}
	return 0, false
}
