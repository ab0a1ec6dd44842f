package graph

import (
	"context"
	"slices"

	"github.com/parkgraph/parkgraph/model"
)

// pageArgs validates first (model.PageSize) and after.
func pageArgs(first *int, after *string) (model.PageArgs, error) {
	n, err := bounded("first", first, model.PageSize)
	return model.PageArgs{First: n, After: deref(after)}, err
}

// bounded returns the argument name's value *v, or b.Default when v is nil; a value
// outside b is INVALID.
func bounded(name string, v *int, b model.Bound) (int, error) {
	if v == nil {
		return b.Default, nil
	}
	if *v < b.Min || *v > b.Max {
		return 0, model.Errorf(model.CodeInvalid, "%s must be between %d and %d", name, b.Min, b.Max)
	}
	return *v, nil
}

// orderFields maps each OrderField to the property it sorts by and the entity types that
// have it (nil: every type).
var orderFields = map[OrderField]struct {
	property string
	types    []model.EntityType
}{
	OrderFieldName:          {model.PropName, nil},
	OrderFieldApprovedOn:    {model.PropApprovedOn, []model.EntityType{model.EntityTypeZone}},
	OrderFieldEstablishedOn: {model.PropEstablishedOn, []model.EntityType{model.EntityTypeZone}},
	OrderFieldAreaKm2:       {model.PropAreaKm2, []model.EntityType{model.EntityTypeZone, model.EntityTypePark, model.EntityTypeDistrict}},
	OrderFieldHeldOn:        {model.PropHeldOn, []model.EntityType{model.EntityTypeEvent}},
	OrderFieldProjectCount:  {model.PropProjectCount, []model.EntityType{model.EntityTypeEvent}},
	OrderFieldAmountCny:     {model.PropAmountCny, []model.EntityType{model.EntityTypeEvent}},
}

// orderOf validates orderBy for a list of t; nil orders by name.
func orderOf(t model.EntityType, orderBy *OrderBy) (model.Order, error) {
	if orderBy == nil {
		return model.Order{Property: model.PropName}, nil
	}
	f, ok := orderFields[orderBy.Field]
	if !ok || (f.types != nil && !slices.Contains(f.types, t)) {
		return model.Order{}, model.Errorf(model.CodeInvalid, "%s lists cannot be ordered by %s", t.Label(), orderBy.Field)
	}
	return model.Order{Property: f.property, Desc: orderBy.Direction == OrderDirectionDesc}, nil
}

// findPage validates the arguments, fetches one page of entities of f.Type that match
// at asOf (the present when nil) together with the fields asked on every entity that
// lookahead finds, and registers them as siblings. The entities answer for asOf.
func (r *Resolver) findPage(ctx context.Context, f model.EntityFilter, orderBy *OrderBy, first *int, after *string, asOf *string) (*model.EntityPage, error) {
	args, err := pageArgs(first, after)
	if err != nil {
		return nil, err
	}
	if f.AsOf, err = asOfArg(asOf); err != nil {
		return nil, err
	}
	if args.Order, err = orderOf(f.Type, orderBy); err != nil {
		return nil, err
	}
	for _, rg := range f.Ranges {
		for _, b := range []any{rg.Min, rg.Max} {
			if s, ok := b.(string); ok && rg.Date && !model.DatePattern.MatchString(s) {
				return nil, model.Errorf(model.CodeInvalid, "%s bound %q must be YYYY, YYYY-MM or YYYY-MM-DD", rg.Property, s)
			}
		}
	}
	var total bool
	args.With, total, args.Slim = lookahead(ctx, f.Type, f.AsOf)
	args.SkipTotal = !total
	page, err := r.Store.FindEntities(ctx, f, args)
	if err != nil {
		return nil, err
	}
	page.Entities = allAsOf(page.Entities, f.AsOf)
	registerEntities(ctx, page.Entities)
	primeHops(ctx, args.With, page)
	return page, nil
}

// connection splits page into the typed nodes, edges and page info of a connection.
func connection[T model.Entity, E any](page *model.EntityPage, edge func(cursor string, node T) E) ([]T, []E, *PageInfo) {
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

func pageInfo(cursors []string, hasNext bool) *PageInfo {
	info := &PageInfo{HasNextPage: hasNext}
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
func (r *Resolver) documents(ctx context.Context, where *DocumentWhere, first *int, after *string) (*DocumentConnection, error) {
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
	edges := make([]*DocumentEdge, len(page.Documents))
	for i, d := range page.Documents {
		ids[i] = d.ID
		edges[i] = &DocumentEdge{Cursor: page.Cursors[i], Node: d}
	}
	siblings(ctx, ids)
	return &DocumentConnection{Nodes: orEmpty(page.Documents), Edges: edges,
		PageInfo: pageInfo(page.Cursors, page.HasNextPage), TotalCount: page.TotalCount}, nil
}

// documentMentions resolves Document.mentions.
func (r *Resolver) documentMentions(ctx context.Context, docID string) ([]model.Entity, error) {
	ents, err := load(ctx, fetchKey{kind: fetchMentions}, docID, func(ids []string) (map[string][]model.Entity, error) {
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
