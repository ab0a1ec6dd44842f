package neo4jdb

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

func documentOf(n neo4j.Node) *model.Document {
	p := n.Props
	d := &model.Document{ID: str(p["id"]), File: str(p["file"]), Title: str(p["title"]), Text: str(p["text"])}
	for k, dst := range map[string]**string{"publisher": &d.Publisher, "author": &d.Author, "publishedOn": &d.PublishedOn, "url": &d.URL} {
		if v, ok := p[k].(string); ok {
			*dst = &v
		}
	}
	return d
}

// documentMatch binds d to the documents whose title contains $titleContains and that
// mention the entity $mentions (any when null).
const documentMatch = `MATCH (d:Document)
WHERE toLower(d.title) CONTAINS $titleContains
  AND ($mentions IS NULL OR EXISTS { MATCH (d)-[:MENTIONS]->(:Entity {id: $mentions}) })`

// documentPage is the FindDocuments query: the total, and one more than a page of the
// documents of {{match}} after the cursor $afterId, by id.
const documentPage = `CALL () {
  {{match}}
  RETURN count(d) AS total
}
CALL () {
  {{match}}
    AND ($afterId IS NULL OR d.id > $afterId)
  WITH d ORDER BY d.id LIMIT $limit
  RETURN collect(d) AS docs
}
RETURN total, docs`

// documentQuery is the FindDocuments query. An invalid page.After gives an INVALID error.
func documentQuery(f model.DocumentFilter, page model.PageArgs) (string, map[string]any, error) {
	params := map[string]any{
		"titleContains": strings.ToLower(f.TitleContains),
		"mentions":      nil,
		"limit":         page.First + 1,
	}
	if f.Mentions != "" {
		params["mentions"] = f.Mentions
	}
	if err := afterParams(page.After, model.Order{Property: "id"}, params); err != nil {
		return "", nil, err
	}
	return fill(documentPage, "match", documentMatch), params, nil
}

// FindDocuments returns one page of the documents that match f, ordered by id, and the
// total number that match.
func (s *Store) FindDocuments(ctx context.Context, f model.DocumentFilter, page model.PageArgs) (*model.DocumentPage, error) {
	q, params, err := documentQuery(f, page)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("find documents: %w", err)
	}
	p := &model.DocumentPage{}
	if len(recs) == 0 {
		return p, nil
	}
	total, err := column[int64](recs[0], "total")
	if err != nil {
		return nil, err
	}
	docs, err := column[[]any](recs[0], "docs")
	if err != nil {
		return nil, err
	}
	p.TotalCount = int(total)
	for i, x := range docs {
		if i == page.First {
			p.HasNextPage = true
			break
		}
		d, err := documentItem(x)
		if err != nil {
			return nil, fmt.Errorf("find documents: %w", err)
		}
		p.Documents = append(p.Documents, d)
		p.Cursors = append(p.Cursors, cursor{Property: "id", Key: d.ID, ID: d.ID}.encode())
	}
	return p, nil
}

// documentItem decodes a document of a list.
func documentItem(x any) (*model.Document, error) {
	n, err := as[neo4j.Node](x, "document")
	if err != nil {
		return nil, err
	}
	return documentOf(n), nil
}

// entityItem decodes an entity of a list.
func entityItem(x any) (model.Entity, error) {
	n, err := as[neo4j.Node](x, "entity")
	if err != nil {
		return nil, err
	}
	return entityOf(n)
}

// MentionedIn returns, for each of ids, the documents that mention it ordered by id, in
// one query. Entities mentioned nowhere are absent from the map.
func (s *Store) MentionedIn(ctx context.Context, ids []string) (map[string][]*model.Document, error) {
	const q = `
UNWIND $ids AS id
MATCH (d:Document)-[:MENTIONS]->(:Entity {id: id})
WITH id, d ORDER BY d.id
RETURN id, collect(d) AS list`
	out, err := readLists(ctx, s, q, map[string]any{"ids": ids}, documentItem)
	if err != nil {
		return nil, fmt.Errorf("mentioned in: %w", err)
	}
	return out, nil
}

// Mentions returns, for each of the document ids, the entities it mentions ordered by
// name, in one query. Documents that mention nothing are absent from the map.
func (s *Store) Mentions(ctx context.Context, docIDs []string) (map[string][]model.Entity, error) {
	const q = `
UNWIND $ids AS id
MATCH (:Document {id: id})-[:MENTIONS]->(e:Entity)
WITH id, e ORDER BY e.name, e.id
RETURN id, collect(e) AS list`
	out, err := readLists(ctx, s, q, map[string]any{"ids": docIDs}, entityItem)
	if err != nil {
		return nil, fmt.Errorf("mentions: %w", err)
	}
	return out, nil
}
