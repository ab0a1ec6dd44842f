package neo4jdb

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/parkgraph/parkgraph/model"
)

// namedFilter is one filter of model.EntityFilter that names a single entity, which the
// caller may give by id, name or alias: the field, its name in messages, and the entity
// types it expects (those that can be at the other end of the filter's relationships).
type namedFilter struct {
	field *string
	name  string
	types []model.EntityType
}

// namedFilters lists the filters of f that name one entity, by pointer so that
// resolveNames can replace each name with the id it stands for.
func namedFilters(f *model.EntityFilter) []namedFilter {
	zo, pa, di, re := model.EntityTypeZone, model.EntityTypePark, model.EntityTypeDistrict, model.EntityTypeRegion
	co, or, ev := model.EntityTypeCompany, model.EntityTypeOrganization, model.EntityTypeEvent
	pr, pe, pl := model.EntityTypeProject, model.EntityTypePerson, model.EntityTypePlace
	return []namedFilter{
		{&f.Zone, "zone", []model.EntityType{zo}},
		{&f.District, "district", []model.EntityType{di}},
		{&f.Company, "company", []model.EntityType{co, or, pr}},
		{&f.HostedIn, "hostedIn", []model.EntityType{zo, pa, di, re, pl}},
		{&f.Participant, "participant", []model.EntityType{di, zo, pa, re, or, co, pe}},
		{&f.ParticipatedIn, "participatedIn", []model.EntityType{ev}},
		{&f.IssuedBy, "issuedBy", []model.EntityType{or, re}},
	}
}

// resolveTemplate finds, for each of $names (a filter, its lower-cased key and the types
// it expects), the entities of those types whose id, name or alias is the key.
const resolveTemplate = `UNWIND $names AS name
MATCH (e:Entity) WHERE name.key IN e.keys AND e.type IN name.types
WITH name, e ORDER BY e.id
RETURN name.filter AS filter, collect([e.id, e.name]) AS hits`

// resolveQuery is the query resolveNames runs for f, or "" when f names no entity.
func resolveQuery(f model.EntityFilter) (string, map[string]any) {
	var names []any
	for _, n := range namedFilters(&f) {
		if *n.field == "" {
			continue
		}
		types := make([]any, len(n.types))
		for i, t := range n.types {
			types[i] = string(t)
		}
		names = append(names, map[string]any{"filter": n.name, "key": matchKey(*n.field), "types": types})
	}
	if len(names) == 0 {
		return "", nil
	}
	return resolveTemplate, map[string]any{"names": names}
}

// resolveNames replaces each name or alias in f's single-entity filters with the id of
// the entity it stands for, in one read for all of them (none when f names no entity).
// A value that is an entity's id stays as it is; one that is the name or alias of
// several entities of the expected types gives an INVALID error listing them; one that
// matches nothing stays as it is and so matches nothing.
func (s *Store) resolveNames(ctx context.Context, f model.EntityFilter) (model.EntityFilter, error) {
	q, params := resolveQuery(f)
	if q == "" {
		return f, nil
	}
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return f, fmt.Errorf("resolve names: %w", err)
	}
	hits := map[string][][2]string{}
	for _, rec := range recs {
		name, err := column[string](rec, "filter")
		if err != nil {
			return f, err
		}
		list, err := column[[]any](rec, "hits")
		if err != nil {
			return f, err
		}
		for _, x := range list {
			pair, err := as[[]any](x, "resolved entity")
			if err != nil {
				return f, err
			}
			if len(pair) == 2 {
				hits[name] = append(hits[name], [2]string{str(pair[0]), str(pair[1])})
			}
		}
	}
	return applyResolved(f, hits)
}

// applyResolved replaces the names in f by the ids of hits (by filter name: the id and
// name of each entity the value matched), as resolveNames describes.
func applyResolved(f model.EntityFilter, hits map[string][][2]string) (model.EntityFilter, error) {
	for _, n := range namedFilters(&f) {
		v, found := *n.field, hits[n.name]
		if v == "" || len(found) == 0 {
			continue
		}
		exact := ""
		for _, h := range found {
			if strings.EqualFold(h[0], strings.TrimSpace(v)) {
				exact = h[0]
			}
		}
		switch {
		case exact != "":
			*n.field = exact
		case len(found) == 1:
			*n.field = found[0][0]
		default:
			sort.Slice(found, func(i, j int) bool { return found[i][0] < found[j][0] })
			list := make([]string, len(found))
			for i, h := range found {
				list[i] = fmt.Sprintf("%s (%s)", h[0], h[1])
			}
			return f, model.Errorf(model.CodeInvalid, "%s: %q is the name or alias of %d entities; give one id: %s",
				n.name, v, len(found), strings.Join(list, ", "))
		}
	}
	return f, nil
}
