package neo4jdb

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// contradictionsTemplate finds the facts of every entity of a {{label}} grouped by
// property, where a property (or $property alone, when given) that is not one of
// $multiValued has more than one value; in entity type, id and property order. Which
// of them conflict (their periods meet) Contradictions decides.
const contradictionsTemplate = `MATCH (n:{{label}})-[:HAS_FACT]->(f:Fact)
WHERE ($property IS NULL OR f.property = $property) AND NOT f.property IN $multiValued
WITH n, f ORDER BY f.value, f.validFrom
WITH n, f.property AS property, collect(f) AS facts, count(DISTINCT f.value) AS values
WHERE values > 1
RETURN n, property, facts
ORDER BY n.type, n.id, property`

// contradictionsQuery is the Contradictions query for entities of of (every type when
// nil) and property ("" every one).
func contradictionsQuery(of *model.EntityType, property string) (string, map[string]any, error) {
	label := "Entity"
	if of != nil {
		if !of.IsValid() {
			return "", nil, model.Errorf(model.CodeInvalid, "unknown entity type %q", *of)
		}
		label = of.Label()
	}
	multi := make([]string, 0, len(model.MultiValued))
	for p := range model.MultiValued {
		multi = append(multi, p)
	}
	slices.Sort(multi)
	params := map[string]any{"property": nil, "multiValued": multi}
	if property != "" {
		params["property"] = property
	}
	return fill(contradictionsTemplate, "label", label), params, nil
}

// Contradictions returns, in one read, the properties of entities of of (every type when
// nil) on which sources disagree: facts of one property with different values whose
// periods meet (model.FactsConflict), property "" meaning every property, at most first
// of them in entity type, id and property order. Each fact's ConflictsWith is set.
func (s *Store) Contradictions(ctx context.Context, of *model.EntityType, property string, first int) ([]*model.Contradiction, error) {
	q, params, err := contradictionsQuery(of, property)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("contradictions: %w", err)
	}
	out := []*model.Contradiction{}
	for _, rec := range recs {
		if len(out) == first {
			break
		}
		n, err := column[neo4j.Node](rec, "n")
		if err != nil {
			return nil, err
		}
		prop, err := column[string](rec, "property")
		if err != nil {
			return nil, err
		}
		list, err := column[[]any](rec, "facts")
		if err != nil {
			return nil, err
		}
		facts := make([]*model.Fact, len(list))
		for i, x := range list {
			if facts[i], err = factOf(x); err != nil {
				return nil, err
			}
		}
		conflicting := model.LinkConflicts(facts)
		if len(conflicting) == 0 {
			continue
		}
		e, err := entityOf(n)
		if err != nil {
			return nil, fmt.Errorf("contradictions: %w", err)
		}
		out = append(out, &model.Contradiction{Entity: e, Property: prop, Facts: conflicting})
	}
	return out, nil
}
