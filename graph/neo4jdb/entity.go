package neo4jdb

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/graph/model"
)

// nodeKeys are the stored properties that are not facts.
var nodeKeys = map[string]bool{
	"id": true, "type": true, "name": true, "aliases": true, "description": true,
	"keys": true, "evidenceDocs": true, "evidenceQuotes": true,
}

// entityOf maps a stored :Entity node to its model type. It returns nil for a node that
// is not an entity.
func entityOf(n neo4j.Node) model.Entity {
	p := n.Props
	b := model.EntityBase{
		ID:       str(p["id"]),
		Type:     model.EntityType(str(p["type"])),
		Name:     str(p["name"]),
		Aliases:  strs(p["aliases"]),
		Evidence: evidenceOf(p),
		Props:    map[string]any{},
	}
	if d, ok := p["description"].(string); ok {
		b.Description = &d
	}
	for k, v := range p {
		if !nodeKeys[k] {
			b.Props[k] = v
		}
	}
	return model.NewEntity(b)
}

// evidenceOf reads the parallel evidenceDocs and evidenceQuotes lists of a node or
// relationship.
func evidenceOf(p map[string]any) []*model.Evidence {
	docs, quotes := strs(p["evidenceDocs"]), strs(p["evidenceQuotes"])
	out := make([]*model.Evidence, 0, len(docs))
	for i := range docs {
		if i < len(quotes) {
			out = append(out, &model.Evidence{DocumentID: docs[i], Quote: quotes[i]})
		}
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// FindNodes returns the entities and documents with the given ids, keyed by id. Ids
// that match nothing are absent from the map.
func (s *Store) FindNodes(ctx context.Context, ids []string) (map[string]model.Node, error) {
	const q = `
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
OPTIONAL MATCH (d:Document {id: id})
WITH coalesce(e, d) AS n
WHERE n IS NOT NULL
RETURN n`
	recs, err := s.read(ctx, q, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("find nodes: %w", err)
	}
	out := make(map[string]model.Node, len(recs))
	for _, rec := range recs {
		n, err := value[neo4j.Node](rec, "n")
		if err != nil {
			return nil, err
		}
		if hasLabel(n, "Document") {
			d := documentOf(n)
			out[d.ID] = d
		} else if e := entityOf(n); e != nil {
			out[e.GetID()] = e
		}
	}
	return out, nil
}

func hasLabel(n neo4j.Node, label string) bool {
	for _, l := range n.Labels {
		if l == label {
			return true
		}
	}
	return false
}

// FindEntities returns one page of the entities of f.Type that match f, ordered by name
// then id, and the total number that match. An invalid page.After gives an INVALID error.
func (s *Store) FindEntities(ctx context.Context, f model.EntityFilter, page model.PageArgs) (*model.EntityPage, error) {
	if !f.Type.IsValid() {
		return nil, model.Errorf(model.CodeInvalid, "unknown entity type %q", f.Type)
	}
	where, params := entityWhere(f)
	if err := afterParams(page.After, params); err != nil {
		return nil, err
	}
	params["limit"] = page.First + 1
	match := "MATCH (n:Entity:" + f.Type.Label() + ") WHERE " + where
	q := `
CALL () { ` + match + ` RETURN count(n) AS total }
CALL () {
  ` + match + `
    AND ($afterKey IS NULL OR n.name > $afterKey OR (n.name = $afterKey AND n.id > $afterId))
  WITH n ORDER BY n.name, n.id LIMIT $limit
  RETURN collect(n) AS nodes
}
RETURN total, nodes`
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("find %s entities: %w", f.Type.Label(), err)
	}
	p := &model.EntityPage{}
	if len(recs) == 0 {
		return p, nil
	}
	total, err := value[int64](recs[0], "total")
	if err != nil {
		return nil, err
	}
	nodes, err := value[[]any](recs[0], "nodes")
	if err != nil {
		return nil, err
	}
	p.TotalCount = int(total)
	for i, x := range nodes {
		if i == page.First {
			p.HasNextPage = true
			break
		}
		n, _ := x.(neo4j.Node)
		e := entityOf(n)
		p.Entities = append(p.Entities, e)
		p.Cursors = append(p.Cursors, EncodeCursor(e.Base().Name, e.GetID()))
	}
	return p, nil
}

// entityWhere compiles f into a Cypher predicate over n and its parameters. Every
// filter is a constant fragment; user input travels only in parameters.
func entityWhere(f model.EntityFilter) (string, map[string]any) {
	clauses := []string{"true"}
	params := map[string]any{}
	add := func(clause, key string, v any) {
		clauses = append(clauses, clause)
		params[key] = v
	}
	if f.NameContains != "" {
		add(`(toLower(n.name) CONTAINS $nameContains OR any(a IN n.aliases WHERE toLower(a) CONTAINS $nameContains))`,
			"nameContains", strings.ToLower(f.NameContains))
	}
	if f.Industry != "" {
		add(`EXISTS { MATCH (n)-[:FOCUSES_ON|TARGETS]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i:Industry) WHERE $industry IN i.keys }`,
			"industry", key(f.Industry))
	}
	if t := f.Targets; t != nil {
		clauses = append(clauses, `EXISTS {
    MATCH (n)-[t:TARGETS]->(:Industry)-[:SUBSECTOR_OF*0..8]->(i:Industry)
    WHERE ($targetIndustry IS NULL OR $targetIndustry IN i.keys)
      AND ($targetOrigin IS NULL OR EXISTS { MATCH (o:Region {id: t.investorOrigin}) WHERE $targetOrigin IN o.keys }) }`)
		params["targetIndustry"] = optionalKey(t.Industry)
		params["targetOrigin"] = optionalKey(t.InvestorOrigin)
	}
	if f.Zone != "" {
		add(`EXISTS { MATCH (n)-[:PART_OF*1..8]->(:Zone {id: $zone}) }`, "zone", f.Zone)
	}
	if f.District != "" {
		add(`EXISTS { MATCH (n)-[:PART_OF|LOCATED_IN*1..8]->(:District {id: $district}) }`, "district", f.District)
	}
	if f.Region != "" {
		add(`EXISTS { MATCH (n)-[:PART_OF|LOCATED_IN*1..8]->(r:Region) WHERE $region IN r.keys }`, "region", key(f.Region))
	}
	if f.Company != "" {
		add(`EXISTS { MATCH (n)<-[:PART_OF*0..8]-(:Entity)-[:HOSTS]->(:Entity {id: $company}) }`, "company", f.Company)
	}
	if f.HostedIn != "" {
		add(`EXISTS { MATCH (:Entity {id: $hostedIn})<-[:PART_OF*0..8]-(:Entity)-[:HOSTS]->(n) }`, "hostedIn", f.HostedIn)
	}
	if f.SubsectorOf != "" {
		add(`EXISTS { MATCH (n)-[:SUBSECTOR_OF*1..8]->(i:Industry) WHERE $subsectorOf IN i.keys }`, "subsectorOf", key(f.SubsectorOf))
	}
	if f.Participant != "" {
		add(`EXISTS { MATCH (:Entity {id: $participant})-[:PARTICIPATED_IN|ORGANIZED]->(n) }`, "participant", f.Participant)
	}
	if f.ParticipatedIn != "" {
		add(`EXISTS { MATCH (n)-[:PARTICIPATED_IN|ORGANIZED]->(:Event)-[:PART_OF*0..8]->(:Event {id: $participatedIn}) }`,
			"participatedIn", f.ParticipatedIn)
	}
	if f.IssuedBy != "" {
		add(`EXISTS { MATCH (:Entity {id: $issuedBy})-[:ISSUED]->(n) }`, "issuedBy", f.IssuedBy)
	}
	return strings.Join(clauses, "\n    AND "), params
}

// key normalises an id, name or alias for matching against the stored keys list.
func key(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func optionalKey(s *string) any {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nil
	}
	return key(*s)
}

// EncodeCursor returns the opaque cursor of a list item ordered by sortKey then id.
func EncodeCursor(sortKey, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(sortKey + "\x00" + id))
}

// afterParams decodes cursor into the afterKey and afterId parameters (both null when
// cursor is empty). A cursor that was not made by EncodeCursor gives an INVALID error.
func afterParams(cursor string, params map[string]any) error {
	params["afterKey"], params["afterId"] = nil, nil
	if cursor == "" {
		return nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	k, id, ok := strings.Cut(string(raw), "\x00")
	if err != nil || !ok || id == "" {
		return model.Errorf(model.CodeInvalid, "invalid cursor %q", cursor)
	}
	params["afterKey"], params["afterId"] = k, id
	return nil
}
