package graph

import (
	"context"
	"regexp"
	"slices"

	"github.com/parkgraph/parkgraph/graph/model"
)

var datePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// Page sizes of every list field.
const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// pageArgs validates first and after. first defaults to 20; a negative first or one
// above 100 is INVALID.
func pageArgs(first *int, after *string) (model.PageArgs, error) {
	n, err := bounded("first", first, defaultPageSize, 0, maxPageSize)
	return model.PageArgs{First: n, After: deref(after)}, err
}

// bounded returns *v, or def when v is nil; a value outside [lo, hi] is INVALID.
func bounded(name string, v *int, def, lo, hi int) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < lo || *v > hi {
		return 0, model.Errorf(model.CodeInvalid, "%s must be between %d and %d", name, lo, hi)
	}
	return *v, nil
}

// orderFields maps each OrderField to the property it sorts by and the entity types that
// have it (nil: every type).
var orderFields = map[model.OrderField]struct {
	property string
	types    []model.EntityType
}{
	model.OrderFieldName:          {"name", nil},
	model.OrderFieldApprovedOn:    {"approvedOn", []model.EntityType{model.EntityTypeZone}},
	model.OrderFieldEstablishedOn: {"establishedOn", []model.EntityType{model.EntityTypeZone}},
	model.OrderFieldAreaKm2:       {"areaKm2", []model.EntityType{model.EntityTypeZone, model.EntityTypePark, model.EntityTypeDistrict}},
	model.OrderFieldHeldOn:        {"heldOn", []model.EntityType{model.EntityTypeEvent}},
	model.OrderFieldProjectCount:  {"projectCount", []model.EntityType{model.EntityTypeEvent}},
	model.OrderFieldAmountCny:     {"amountCny", []model.EntityType{model.EntityTypeEvent}},
}

// orderOf validates orderBy for a list of t; nil orders by name.
func orderOf(t model.EntityType, orderBy *model.OrderBy) (model.Order, error) {
	if orderBy == nil {
		return model.Order{Property: "name"}, nil
	}
	f, ok := orderFields[orderBy.Field]
	if !ok || (f.types != nil && !slices.Contains(f.types, t)) {
		return model.Order{}, model.Errorf(model.CodeInvalid, "%s lists cannot be ordered by %s", t.Label(), orderBy.Field)
	}
	return model.Order{Property: f.property, Desc: orderBy.Direction == model.OrderDirectionDesc}, nil
}

// findPage validates the arguments, fetches one page of entities of f.Type together with
// the fields asked on every entity that lookahead finds, and registers them as siblings.
func (r *Resolver) findPage(ctx context.Context, f model.EntityFilter, orderBy *model.OrderBy, first *int, after *string) (*model.EntityPage, error) {
	args, err := pageArgs(first, after)
	if err != nil {
		return nil, err
	}
	if args.Order, err = orderOf(f.Type, orderBy); err != nil {
		return nil, err
	}
	for _, rg := range f.Ranges {
		for _, b := range []any{rg.Min, rg.Max} {
			if s, ok := b.(string); ok && rg.Date && !datePattern.MatchString(s) {
				return nil, model.Errorf(model.CodeInvalid, "%s bound %q must be YYYY, YYYY-MM or YYYY-MM-DD", rg.Property, s)
			}
		}
	}
	var total bool
	args.With, total = lookahead(ctx, f.Type)
	args.SkipTotal = !total
	page, err := r.Store.FindEntities(ctx, f, args)
	if err != nil {
		return nil, err
	}
	registerEntities(ctx, page.Entities)
	primeHops(ctx, args.With, page)
	return page, nil
}

// connection splits page into the typed nodes, edges and page info of a connection.
func connection[T model.Entity, E any](page *model.EntityPage, edge func(cursor string, node T) E) ([]T, []E, *model.PageInfo) {
	nodes := make([]T, 0, len(page.Entities))
	edges := make([]E, 0, len(page.Entities))
	for i, e := range page.Entities {
		if t, ok := e.(T); ok {
			nodes = append(nodes, t)
			edges = append(edges, edge(page.Cursors[i], t))
		}
	}
	return nodes, edges, pageInfo(page.Cursors, page.HasNextPage)
}

func pageInfo(cursors []string, hasNext bool) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: hasNext}
	if len(cursors) > 0 {
		info.EndCursor = &cursors[len(cursors)-1]
	}
	return info
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// documents resolves Query.documents.
func (r *Resolver) documents(ctx context.Context, where *model.DocumentWhere, first *int, after *string) (*model.DocumentConnection, error) {
	args, err := pageArgs(first, after)
	if err != nil {
		return nil, err
	}
	var f model.DocumentFilter
	if where != nil {
		f.TitleContains, f.Mentions = deref(where.TitleContains), deref(where.Mentions)
	}
	page, err := r.Store.FindDocuments(ctx, f, args)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(page.Documents))
	edges := make([]*model.DocumentEdge, len(page.Documents))
	for i, d := range page.Documents {
		ids[i] = d.ID
		edges[i] = &model.DocumentEdge{Cursor: page.Cursors[i], Node: d}
	}
	siblings(ctx, ids)
	return &model.DocumentConnection{Nodes: orEmpty(page.Documents), Edges: edges,
		PageInfo: pageInfo(page.Cursors, page.HasNextPage), TotalCount: page.TotalCount}, nil
}

// documentMentions resolves Document.mentions.
func (r *Resolver) documentMentions(ctx context.Context, docID string) ([]model.Entity, error) {
	ents, err := load(ctx, "mentions", docID, func(ids []string) (map[string][]model.Entity, error) {
		m, err := r.Store.Mentions(ctx, ids)
		var all []model.Entity
		for _, es := range m {
			all = append(all, es...)
		}
		registerEntities(ctx, all)
		return m, err
	})
	return orEmpty(ents), err
}
