package graph

import (
	"slices"
	"strings"

	"github.com/parkgraph/parkgraph/model"
)

// matchArgs checks the arguments of Query.match: industry is not blank, investorOrigin
// is absent or not blank, of lists only place types (model.MatchPlaceTypes; the default
// when absent), first is within model.MatchPage and asOf is a date. Anything else is
// INVALID.
func matchArgs(industry string, investorOrigin *string, of []model.EntityType, first *int, asOf *string) (model.MatchQuery, error) {
	q := model.MatchQuery{Industry: industry}
	if strings.TrimSpace(industry) == "" {
		return q, model.Errorf(model.CodeInvalid, "match: industry is empty")
	}
	if investorOrigin != nil {
		if strings.TrimSpace(*investorOrigin) == "" {
			return q, model.Errorf(model.CodeInvalid, "match: investorOrigin is empty; leave it out for investors from anywhere")
		}
		q.InvestorOrigin = *investorOrigin
	}
	if of == nil {
		of = model.MatchPlaceTypes
	}
	if len(of) == 0 {
		return q, model.Errorf(model.CodeInvalid, "match: of lists no type; leave it out for parks, zones and districts")
	}
	for _, t := range of {
		if !slices.Contains(model.MatchPlaceTypes, t) {
			return q, model.Errorf(model.CodeInvalid, "match: of may list only PARK, ZONE and DISTRICT, not %s", t)
		}
		if !slices.Contains(q.Of, t) {
			q.Of = append(q.Of, t)
		}
	}
	var err error
	if q.First, err = bounded("first", first, model.MatchPage); err != nil {
		return q, err
	}
	q.AsOf, err = asOfArg(asOf)
	return q, err
}
