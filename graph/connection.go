package graph

import (
	"context"

	"github.com/parkgraph/parkgraph/graph/model"
)

// Page sizes of every list field.
const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// pageArgs validates first and after. first defaults to 20; a negative first or one
// above 100 is INVALID.
func pageArgs(first *int, after *string) (model.PageArgs, error) {
	p := model.PageArgs{First: defaultPageSize}
	if first != nil {
		if *first < 0 || *first > maxPageSize {
			return p, model.Errorf(model.CodeInvalid, "first must be between 0 and %d", maxPageSize)
		}
		p.First = *first
	}
	if after != nil {
		p.After = *after
	}
	return p, nil
}

// findPage fetches one page of entities of f.Type and registers them as siblings.
func (r *Resolver) findPage(ctx context.Context, f model.EntityFilter, first *int, after *string) (*model.EntityPage, error) {
	args, err := pageArgs(first, after)
	if err != nil {
		return nil, err
	}
	page, err := r.Store.FindEntities(ctx, f, args)
	if err != nil {
		return nil, err
	}
	registerEntities(ctx, page.Entities)
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
