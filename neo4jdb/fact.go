package neo4jdb

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// factsTemplate finds the facts of the entities of $ids that hold at $asOf.
const factsTemplate = `UNWIND $ids AS id
MATCH (:Entity {id: id})-[:HAS_FACT]->(f:Fact)
WHERE {{validFact}}
WITH id, f ORDER BY f.property, f.value, f.validFrom
RETURN id, collect(f) AS list`

// factsQuery is the Facts query.
func factsQuery(ids []string, asOf string) (string, map[string]any) {
	return timed(factsTemplate), map[string]any{"ids": ids, "asOf": asOf}
}

// Facts returns the facts of each of ids that hold at asOf (the present when empty),
// with their evidence and period, ordered by property then value, in one query.
// Entities without such facts are absent from the map.
func (s *Store) Facts(ctx context.Context, ids []string, asOf string) (map[string][]*model.Fact, error) {
	q, params := factsQuery(ids, present(asOf))
	out, err := readLists(ctx, s, q, params, func(x any) (*model.Fact, error) {
		return factOf(x)
	})
	if err != nil {
		return nil, fmt.Errorf("facts: %w", err)
	}
	return out, nil
}

// factOf decodes a stored :Fact node.
func factOf(x any) (*model.Fact, error) {
	n, err := as[neo4j.Node](x, "fact")
	if err != nil {
		return nil, err
	}
	return &model.Fact{
		ID:        str(n.Props["id"]),
		Property:  str(n.Props["property"]),
		Value:     str(n.Props["value"]),
		Evidence:  evidenceOf(n.Props),
		ValidFrom: optionalString(n.Props[model.PropValidFrom]),
		ValidTo:   optionalString(n.Props[model.PropValidTo]),
		Typed:     n.Props["typedValue"],
	}, nil
}
