package graph

import (
	"context"
	"fmt"

	"github.com/parkgraph/parkgraph/model"
)

// hop describes a one-hop step over the given relationship types to entities of label.
func hop(dir model.Direction, label model.EntityType, types ...string) model.Hop {
	return model.Hop{Types: types, Direction: dir, Label: label}
}

// within describes a containment walk over PART_OF (and the given extra types) of up to
// eight hops, nearest first.
func within(dir model.Direction, label model.EntityType, types ...string) model.Hop {
	return model.Hop{Types: append([]string{"PART_OF"}, types...), Direction: dir, Label: label, MaxHops: 8}
}

// fieldHops are the hops behind the fields that list or pick related entities, keyed by
// "Type.field". Resolvers read them here, and list resolvers use them to fetch those
// fields of a whole page in the page's own query (see lookahead.go).
var fieldHops = map[string]model.Hop{
	"Company.hostedIn":     hop(in, any_, "HOSTS"),
	"Company.focuses":      hop(out, model.EntityTypeIndustry, "FOCUSES_ON"),
	"District.regions":     within(out, model.EntityTypeRegion, "LOCATED_IN"),
	"District.parks":       hop(in, model.EntityTypePark, "LOCATED_IN"),
	"District.zones":       hop(in, model.EntityTypeZone, "LOCATED_IN"),
	"District.focuses":     hop(out, model.EntityTypeIndustry, "FOCUSES_ON"),
	"District.targets":     hop(out, model.EntityTypeIndustry, "TARGETS"),
	"District.events":      hop(out, model.EntityTypeEvent, "PARTICIPATED_IN", "ORGANIZED"),
	"Event.participants":   hop(in, any_, "PARTICIPATED_IN"),
	"Event.organizers":     hop(in, any_, "ORGANIZED"),
	"Event.signedProjects": hop(out, any_, "SIGNED_PROJECTS"),
	"Event.parent":         hop(out, model.EntityTypeEvent, "PART_OF"),
	"Event.subEvents":      hop(in, model.EntityTypeEvent, "PART_OF"),
	"Industry.parents":     hop(out, model.EntityTypeIndustry, "SUBSECTOR_OF"),
	"Industry.subsectors":  hop(in, model.EntityTypeIndustry, "SUBSECTOR_OF"),
	// An industry's parks and zones include those of its subsectors.
	"Industry.parks":        {Through: []string{"SUBSECTOR_OF"}, Types: []string{"FOCUSES_ON", "TARGETS"}, Direction: in, Label: model.EntityTypePark},
	"Industry.zones":        {Through: []string{"SUBSECTOR_OF"}, Types: []string{"FOCUSES_ON", "TARGETS"}, Direction: in, Label: model.EntityTypeZone},
	"Organization.leaders":  hop(in, model.EntityTypePerson, "LEADS"),
	"Organization.issued":   hop(out, model.EntityTypePolicy, "ISSUED"),
	"Organization.events":   hop(out, model.EntityTypeEvent, "PARTICIPATED_IN", "ORGANIZED"),
	"Organization.hostedIn": hop(in, any_, "HOSTS"),
	"Park.zone":             within(out, model.EntityTypeZone),
	"Park.zones":            within(out, model.EntityTypeZone),
	"Park.parent":           hop(out, model.EntityTypePark, "PART_OF"),
	"Park.subParks":         hop(in, model.EntityTypePark, "PART_OF"),
	"Park.districts":        within(out, model.EntityTypeDistrict, "LOCATED_IN"),
	"Park.focuses":          hop(out, model.EntityTypeIndustry, "FOCUSES_ON"),
	"Park.targets":          hop(out, model.EntityTypeIndustry, "TARGETS"),
	"Park.companies":        hop(out, model.EntityTypeCompany, "HOSTS"),
	"Park.hosts":            hop(out, any_, "HOSTS"),
	"Person.positions":      hop(out, any_, "LEADS"),
	"Policy.issuedBy":       hop(in, model.EntityTypeOrganization, "ISSUED"),
	"Policy.appliesTo":      hop(out, any_, "APPLIES_TO"),
	"Policy.focuses":        hop(out, model.EntityTypeIndustry, "FOCUSES_ON"),
	"Policy.targets":        hop(out, model.EntityTypeIndustry, "TARGETS"),
	"Project.implementedIn": hop(out, any_, "IMPLEMENTED_IN"),
	"Project.hostedIn":      hop(in, any_, "HOSTS"),
	"Region.parents":        hop(out, model.EntityTypeRegion, "PART_OF"),
	"Region.subregions":     hop(in, model.EntityTypeRegion, "PART_OF"),
	"Region.districts":      hop(in, model.EntityTypeDistrict, "PART_OF", "LOCATED_IN"),
	"Zone.parks":            hop(in, model.EntityTypePark, "PART_OF"),
	"Zone.parentZones":      hop(out, model.EntityTypeZone, "PART_OF"),
	"Zone.subZones":         hop(in, model.EntityTypeZone, "PART_OF"),
	"Zone.districts":        within(out, model.EntityTypeDistrict, "LOCATED_IN"),
	"Zone.regions":          within(out, model.EntityTypeRegion, "LOCATED_IN"),
	"Zone.focuses":          hop(out, model.EntityTypeIndustry, "FOCUSES_ON"),
	"Zone.targets":          hop(out, model.EntityTypeIndustry, "TARGETS"),
	"Zone.companies":        hop(out, model.EntityTypeCompany, "HOSTS"),
	"Zone.hosts":            hop(out, any_, "HOSTS"),
	"Zone.managedBy":        hop(in, model.EntityTypeOrganization, "MANAGES"),
}

const (
	out  = model.DirectionOut
	in   = model.DirectionIn
	both = model.DirectionBoth
	any_ = model.EntityType("")
)

// neighbors returns the relations of entity id reached by h. The store is asked once for
// id's whole sibling group, and the far ends become a sibling group in turn.
func (r *Resolver) neighbors(ctx context.Context, id string, h model.Hop) ([]*model.Relation, error) {
	return load(ctx, hopKey(h), id, func(ids []string) (map[string][]*model.Relation, error) {
		m, err := r.Store.Neighbors(ctx, ids, h)
		if err != nil {
			return nil, err
		}
		var all []*model.Relation
		for _, rels := range m {
			all = append(all, rels...)
		}
		registerRelations(ctx, all)
		return m, nil
	})
}

// hopKey names the batched field of a hop.
func hopKey(h model.Hop) string {
	return fmt.Sprintf("hop:%v:%s:%s:%d:%d:%v", h.Types, h.Direction, h.Label, h.MaxHops, h.First, h.Through)
}

// related returns the far ends of the relations of id reached by h that are of type T.
func related[T model.Entity](ctx context.Context, r *Resolver, id string, h model.Hop) ([]T, error) {
	rels, err := r.neighbors(ctx, id, h)
	if err != nil {
		return nil, err
	}
	return nodesOf[T](rels), nil
}

// nearest returns the first far end of type T, or T's nil when there is none.
func nearest[T model.Entity](ctx context.Context, r *Resolver, id string, h model.Hop) (T, error) {
	var zero T
	nodes, err := related[T](ctx, r, id, h)
	if err != nil || len(nodes) == 0 {
		return zero, err
	}
	return nodes[0], nil
}

func nodesOf[T model.Entity](rels []*model.Relation) []T {
	out := make([]T, 0, len(rels))
	for _, rel := range rels {
		if t, ok := rel.Node.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// relations resolves Entity.relations for any entity.
func (r *Resolver) relations(ctx context.Context, id string, types []string, direction *model.Direction, first *int) ([]*model.Relation, error) {
	dir := model.DirectionBoth
	if direction != nil {
		dir = *direction
	}
	n, err := bounded("first", first, model.RelationsPage)
	if err != nil {
		return nil, err
	}
	if err := checkTypes(types); err != nil {
		return nil, err
	}
	if n == 0 {
		return []*model.Relation{}, nil
	}
	return r.neighbors(ctx, id, model.Hop{Types: types, Direction: dir, First: n})
}

// checkTypes returns an INVALID error naming the first of types that is not a curated
// relationship type, and nil when all are.
func checkTypes(types []string) error {
	for _, t := range types {
		if _, ok := model.RelationTypes[t]; !ok {
			return model.Errorf(model.CodeInvalid, "unknown relationship type %q", t)
		}
	}
	return nil
}

// facts resolves Entity.facts for any entity.
func (r *Resolver) facts(ctx context.Context, id string) ([]*model.Fact, error) {
	facts, err := load(ctx, "facts", id, func(ids []string) (map[string][]*model.Fact, error) {
		m, err := r.Store.Facts(ctx, ids)
		var refs []string
		for _, fs := range m {
			for _, f := range fs {
				refs = append(refs, evidenceDocs(f.Evidence)...)
			}
		}
		siblings(ctx, refs)
		return m, err
	})
	return orEmpty(facts), err
}

// mentionedIn resolves Entity.mentionedIn for any entity.
func (r *Resolver) mentionedIn(ctx context.Context, id string) ([]*model.Document, error) {
	docs, err := load(ctx, "mentionedIn", id, func(ids []string) (map[string][]*model.Document, error) {
		return r.Store.MentionedIn(ctx, ids)
	})
	return orEmpty(docs), err
}

// node returns the entity or document with id, or nil.
func (r *Resolver) node(ctx context.Context, id string) (model.Node, error) {
	return load(ctx, "node", id, func(ids []string) (map[string]model.Node, error) {
		return r.Store.FindNodes(ctx, ids)
	})
}

// document returns the document id, which evidence refers to and so must exist.
func (r *Resolver) document(ctx context.Context, id string) (*model.Document, error) {
	n, err := r.node(ctx, id)
	if err != nil {
		return nil, err
	}
	d, ok := n.(*model.Document)
	if !ok {
		return nil, &model.Error{Code: model.CodeInternal, Message: "internal error", Err: fmt.Errorf("evidence document %q missing", id)}
	}
	return d, nil
}

// industryOf returns the far end of a FOCUSES_ON or TARGETS relation.
func industryOf(rel *model.Relation) (*model.Industry, error) {
	i, ok := rel.Node.(*model.Industry)
	if !ok {
		return nil, &model.Error{Code: model.CodeInternal, Message: "internal error", Err: fmt.Errorf("relation %s ends at %T", rel.ID, rel.Node)}
	}
	return i, nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// investorOrigin resolves Target.investorOrigin: the Region named by the relation's
// investorOrigin property, or nil when the source names none.
func (r *Resolver) investorOrigin(ctx context.Context, rel *model.Relation) (*model.Region, error) {
	id := rel.Value(model.PropInvestorOrigin)
	if id == nil {
		return nil, nil
	}
	n, err := r.node(ctx, *id)
	if err != nil {
		return nil, err
	}
	region, _ := n.(*model.Region)
	return region, nil
}

// intValue returns a numeric relation property as an int, or nil when absent.
func intValue(rel *model.Relation, key string) *int {
	if f := floatValue(rel, key); f != nil {
		n := int(*f)
		return &n
	}
	return nil
}

// floatValue returns a numeric relation property as a float, or nil when absent.
func floatValue(rel *model.Relation, key string) *float64 {
	f, ok := model.Number(rel.Values[key])
	if !ok {
		return nil
	}
	return &f
}
