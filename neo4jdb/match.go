package neo4jdb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/parkgraph/parkgraph/model"
)

// matchTemplate is the Match query, one read: it resolves $industry and $origin (lower-
// cased keys; $origin may be null) to the industries and regions whose id, name or alias
// they are (an exact id wins), then, when each names one entity, finds every path of every
// rule ({{paths}}) from a place of {{labels}} whose relationships all hold at $asOf, scores
// each place and returns the first $first. Each part takes the points of its best path
// ($weights[rule], times $inferred when the path has a relationship that is not stated)
// and lists its paths, stated and shortest first, at most $paths. Places are ordered by
// score, then name, then id; parts by points, then the rule's place in $rules.
const matchTemplate = `CALL () {
  OPTIONAL MATCH (i:Industry) WHERE $industry IN i.keys
  WITH i ORDER BY i.id
  RETURN collect(i) AS industries
}
CALL () {
  OPTIONAL MATCH (o:Region) WHERE $origin IN o.keys
  WITH o ORDER BY o.id
  RETURN collect(o) AS origins
}
WITH industries, origins, [x IN industries WHERE x.id = $industry] AS exactIndustry, [x IN origins WHERE x.id = $origin] AS exactOrigin
WITH CASE WHEN size(exactIndustry) = 1 THEN exactIndustry ELSE industries END AS industries,
  CASE WHEN size(exactOrigin) = 1 THEN exactOrigin ELSE origins END AS origins
CALL (industries, origins) {
  WITH industries[0] AS i, origins[0] AS o
  WHERE size(industries) = 1 AND size(origins) = CASE WHEN $origin IS NULL THEN 0 ELSE 1 END
  CALL (i, o) {
    {{paths}}
  }
  WITH p, rule, path, all(r IN relationships(path) WHERE coalesce(r.derivation, 'stated') = 'stated') AS stated
  WHERE {{valid}}
  WITH p, rule, path, stated ORDER BY stated DESC, length(path), [r IN relationships(path) | r.id]
  WITH p, rule, collect(path)[..$paths] AS paths, max(CASE WHEN stated THEN 1.0 ELSE $inferred END) AS factor
  WITH p, rule, paths, factor, $weights[rule] * factor AS points
  ORDER BY points DESC, $rules[rule]
  WITH p, sum(points) AS score, collect([rule, points, factor = 1.0, paths]) AS parts
  ORDER BY score DESC, p.name, p.id
  LIMIT $first
  RETURN collect([p, score, parts]) AS results
}
RETURN [x IN industries | [x.id, x.name]] AS industries, [x IN origins | [x.id, x.name]] AS origins, results`

// The paths of each rule (see model.MatchRule), from a place p of {{labels}} to the
// industry i or the region o. Branches that need o match nothing when o is null.
const (
	matchTargets = `MATCH path = (p:{{labels}})-[t:TARGETS]->(:Industry)-[:SUBSECTOR_OF*0..{{depth}}]->(i)
RETURN p, CASE WHEN o IS NOT NULL AND t.investorOrigin = o.id THEN '{{fromOrigin}}' ELSE '{{targets}}' END AS rule, path`
	matchFocuses = `MATCH path = (p:{{labels}})-[:FOCUSES_ON]->(i)
RETURN p, '{{rule}}' AS rule, path`
	matchFocusesSubsector = `MATCH path = (p:{{labels}})-[:FOCUSES_ON]->(:Industry)-[:SUBSECTOR_OF*1..{{depth}}]->(i)
RETURN p, '{{rule}}' AS rule, path`
	matchFocusesParent = `MATCH path = (p:{{labels}})-[:FOCUSES_ON]->(:Industry)<-[:SUBSECTOR_OF*1..{{depth}}]-(i)
RETURN p, '{{rule}}' AS rule, path`
	matchHosts = `MATCH path = (p:{{labels}})-[:HOSTS]->(:Entity)-[:FOCUSES_ON]->(:Industry)-[:SUBSECTOR_OF*0..{{depth}}]->(i)
RETURN p, '{{rule}}' AS rule, path`
	matchCooperates = `MATCH path = (p:{{labels}})-[:COOPERATES_WITH]-(o)
RETURN p, '{{rule}}' AS rule, path`
	matchMatchmaking = `MATCH path = (p:{{labels}})-[:PARTICIPATED_IN]->(:Event)-[:FOCUSES_ON|TARGETS|SIGNED_PROJECTS]->(:Industry)-[:SUBSECTOR_OF*0..{{depth}}]->(i)
RETURN p, '{{rule}}' AS rule, path`
)

// matchQuery is the Match query for q (q.Of checked to be place types, q.First within
// model.MatchPage, q.AsOf a date). The only text it writes in are the labels of q.Of,
// the rule names and model.ContainmentDepth; the names asked for are parameters.
func matchQuery(q model.MatchQuery) (string, map[string]any) {
	labels := make([]string, len(q.Of))
	for i, t := range q.Of {
		labels[i] = t.Label()
	}
	sort.Strings(labels)
	l := strings.Join(labels, "|")
	rule := func(template string, r model.MatchRule) string {
		return contained(template, "labels", l, "rule", string(r))
	}
	branches := []string{
		contained(matchTargets, "labels", l, "fromOrigin", string(model.MatchTargetsFromOrigin), "targets", string(model.MatchTargets)),
		rule(matchFocuses, model.MatchFocuses),
		rule(matchCooperates, model.MatchCooperates),
		rule(matchFocusesSubsector, model.MatchFocusesRelated),
		rule(matchFocusesParent, model.MatchFocusesRelated),
		rule(matchHosts, model.MatchHosts),
		rule(matchMatchmaking, model.MatchMatchmaking),
	}
	weights, order := map[string]any{}, map[string]any{}
	for i, r := range model.MatchRules {
		weights[string(r.Rule)] = r.Weight
		order[string(r.Rule)] = i
	}
	var origin any
	if strings.TrimSpace(q.InvestorOrigin) != "" {
		origin = matchKey(q.InvestorOrigin)
	}
	cypher := fill(matchTemplate,
		"paths", strings.Join(branches, "\nUNION\n"),
		"valid", fill(allValidAt, "list", "relationships(path)", "valid", fill(validAt, "x", "step")))
	return cypher, map[string]any{
		"industry": matchKey(q.Industry), "origin": origin, "asOf": q.AsOf, "first": q.First,
		"paths": model.MatchPathsPerPart, "inferred": model.MatchInferredFactor, "weights": weights, "rules": order,
	}
}

// Match ranks the places of q.Of by how well the graph says they fit an investor in
// q.Industry from q.InvestorOrigin (see model.MatchRule), at q.AsOf (the present when
// empty), best first, at most q.First, in one read. A place no rule applies to is left
// out. An industry or origin that names nothing gives no results; one that is the name or
// alias of several entities gives an INVALID error listing their ids and names.
func (s *Store) Match(ctx context.Context, q model.MatchQuery) ([]*model.MatchResult, error) {
	q.AsOf = present(q.AsOf)
	cypher, params := matchQuery(q)
	recs, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("match %q from %q: %w", q.Industry, q.InvestorOrigin, err)
	}
	out, err := matchResultsOf(recs, q)
	if err != nil {
		return nil, fmt.Errorf("match %q from %q: %w", q.Industry, q.InvestorOrigin, err)
	}
	return out, nil
}

// matchResultsOf decodes the one record of the Match query for q.
func matchResultsOf(recs []*neo4j.Record, q model.MatchQuery) ([]*model.MatchResult, error) {
	out := []*model.MatchResult{}
	if len(recs) == 0 {
		return out, nil
	}
	for _, c := range []struct{ column, arg, value string }{
		{"industries", "industry", q.Industry}, {"origins", "investorOrigin", q.InvestorOrigin}} {
		hits, err := column[[]any](recs[0], c.column)
		if err != nil {
			return nil, err
		}
		if len(hits) > 1 {
			list := make([]string, len(hits))
			for i, h := range hits {
				pair, err := as[[]any](h, "resolved entity")
				if err != nil || len(pair) != 2 {
					return nil, internal(fmt.Errorf("resolved entity %v: %v", h, err))
				}
				list[i] = fmt.Sprintf("%s (%s)", str(pair[0]), str(pair[1]))
			}
			return nil, model.Errorf(model.CodeInvalid, "%s: %q is the name or alias of %d entities; give one id: %s",
				c.arg, c.value, len(hits), strings.Join(list, ", "))
		}
	}
	rows, err := column[[]any](recs[0], "results")
	if err != nil {
		return nil, err
	}
	for _, x := range rows {
		row, err := as[[]any](x, "match row")
		if err != nil {
			return nil, err
		}
		if len(row) != 3 {
			return nil, internal(fmt.Errorf("match row: want 3 columns, got %d", len(row)))
		}
		n, err := as[neo4j.Node](row[0], "place of a match row")
		if err != nil {
			return nil, err
		}
		place, err := entityOf(n)
		if err != nil {
			return nil, err
		}
		score, ok := model.Number(row[1])
		if !ok {
			return nil, internal(fmt.Errorf("score of a match row: %T", row[1]))
		}
		parts, err := as[[]any](row[2], "parts of a match row")
		if err != nil {
			return nil, err
		}
		res := &model.MatchResult{Place: place, Score: score, Parts: make([]*model.MatchReason, 0, len(parts))}
		for _, p := range parts {
			part, err := matchReasonOf(p)
			if err != nil {
				return nil, err
			}
			res.Parts = append(res.Parts, part)
		}
		out = append(out, res)
	}
	return out, nil
}

// matchReasonOf decodes one part of a match row: [rule, points, stated, paths].
func matchReasonOf(x any) (*model.MatchReason, error) {
	part, err := as[[]any](x, "part of a match row")
	if err != nil {
		return nil, err
	}
	if len(part) != 4 {
		return nil, internal(fmt.Errorf("part of a match row: want 4 items, got %d", len(part)))
	}
	rule, err := as[string](part[0], "rule of a match part")
	if err != nil {
		return nil, err
	}
	points, ok := model.Number(part[1])
	if !ok {
		return nil, internal(fmt.Errorf("points of a match part: %T", part[1]))
	}
	stated, err := as[bool](part[2], "derivation of a match part")
	if err != nil {
		return nil, err
	}
	paths, err := as[[]any](part[3], "paths of a match part")
	if err != nil {
		return nil, err
	}
	r := &model.MatchReason{Rule: model.MatchRule(rule), Points: points, Derivation: model.DerivationInferred,
		Paths: make([]*model.MatchPath, 0, len(paths))}
	if stated {
		r.Derivation = model.DerivationStated
	}
	for _, m := range model.MatchRules {
		if m.Rule == r.Rule {
			r.Weight = m.Weight
		}
	}
	for _, y := range paths {
		p, err := as[neo4j.Path](y, "path of a match part")
		if err != nil {
			return nil, err
		}
		mp := &model.MatchPath{Nodes: make([]model.Entity, 0, len(p.Nodes)), Edges: make([]*model.Edge, 0, len(p.Relationships))}
		ids := map[string]string{}
		for _, n := range p.Nodes {
			e, err := entityOf(n)
			if err != nil {
				return nil, err
			}
			ids[n.ElementId] = e.GetID()
			mp.Nodes = append(mp.Nodes, e)
		}
		for _, rel := range p.Relationships {
			mp.Edges = append(mp.Edges, edgeOf(rel, ids))
		}
		r.Paths = append(r.Paths, mp)
	}
	return r, nil
}
