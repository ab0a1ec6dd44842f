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
	for k, dst := range map[string]**string{"publisher": &d.Publisher, "author": &d.Author, "publishedOn": &d.PublishedOn} {
		if v, ok := p[k].(string); ok {
			*dst = &v
		}
	}
	return d
}

// FindDocuments returns one page of the documents that match f, ordered by id, and the
// total number that match.
func (s *Store) FindDocuments(ctx context.Context, f model.DocumentFilter, page model.PageArgs) (*model.DocumentPage, error) {
	params := map[string]any{
		"titleContains": strings.ToLower(f.TitleContains),
		"mentions":      nil,
		"limit":         page.First + 1,
	}
	if f.Mentions != "" {
		params["mentions"] = f.Mentions
	}
	if err := afterParams(page.After, model.Order{Property: "id"}, params); err != nil {
		return nil, err
	}
	const match = `MATCH (d:Document)
  WHERE toLower(d.title) CONTAINS $titleContains
    AND ($mentions IS NULL OR EXISTS { MATCH (d)-[:MENTIONS]->(:Entity {id: $mentions}) })`
	const q = `
CALL () { ` + match + ` RETURN count(d) AS total }
CALL () {
  ` + match + `
    AND ($afterId IS NULL OR d.id > $afterId)
  WITH d ORDER BY d.id LIMIT $limit
  RETURN collect(d) AS docs
}
RETURN total, docs`
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("find documents: %w", err)
	}
	p := &model.DocumentPage{}
	if len(recs) == 0 {
		return p, nil
	}
	total, err := value[int64](recs[0], "total")
	if err != nil {
		return nil, err
	}
	docs, err := value[[]any](recs[0], "docs")
	if err != nil {
		return nil, err
	}
	p.TotalCount = int(total)
	for i, x := range docs {
		if i == page.First {
			p.HasNextPage = true
			break
		}
		d := documentOf(x.(neo4j.Node))
		p.Documents = append(p.Documents, d)
		p.Cursors = append(p.Cursors, cursor{Property: "id", Key: d.ID, ID: d.ID}.encode())
	}
	return p, nil
}

// MentionedIn returns, for each of ids, the documents that mention it ordered by id, in
// one query. Entities mentioned nowhere are absent from the map.
func (s *Store) MentionedIn(ctx context.Context, ids []string) (map[string][]*model.Document, error) {
	const q = `
UNWIND $ids AS id
MATCH (d:Document)-[:MENTIONS]->(:Entity {id: id})
WITH id, d ORDER BY d.id
RETURN id, collect(d) AS list`
	out, err := readLists(ctx, s, q, map[string]any{"ids": ids}, func(x any) *model.Document {
		n, _ := x.(neo4j.Node)
		return documentOf(n)
	})
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
	out, err := readLists(ctx, s, q, map[string]any{"ids": docIDs}, func(x any) model.Entity {
		n, _ := x.(neo4j.Node)
		return entityOf(n)
	})
	if err != nil {
		return nil, fmt.Errorf("mentions: %w", err)
	}
	return out, nil
}
