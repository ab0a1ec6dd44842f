package neo4jdb

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// Facts returns the facts of each of ids with their evidence, ordered by property then
// value, in one query. Entities without facts are absent from the map.
func (s *Store) Facts(ctx context.Context, ids []string) (map[string][]*model.Fact, error) {
	const q = `
UNWIND $ids AS id
MATCH (:Entity {id: id})-[:HAS_FACT]->(f:Fact)
WITH id, f ORDER BY f.property, f.value
RETURN id, collect(f) AS list`
	out, err := readLists(ctx, s, q, map[string]any{"ids": ids}, func(x any) (*model.Fact, error) {
		n, err := as[neo4j.Node](x, "fact")
		if err != nil {
			return nil, err
		}
		return &model.Fact{
			ID:       str(n.Props["id"]),
			Property: str(n.Props["property"]),
			Value:    str(n.Props["value"]),
			Evidence: evidenceOf(n.Props),
		}, nil
	})
	if err != nil {
		return nil, fmt.Errorf("facts: %w", err)
	}
	return out, nil
}
