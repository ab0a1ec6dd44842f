package graph

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/parkgraph/parkgraph/model"
)

// hopField is a field of an entity type that lists or picks the entities one hop (or a
// containment walk) away, such as Park.zone: the schema type and field name, and the hop
// behind it. Its resolver reads the hop from its variable below; list resolvers answer
// the hop fields asked on every item of a page in the page's own query (lookahead.go).
// TestEveryHopFieldIsInTheSchema checks the table against the schema both ways.
type hopField struct {
	Type model.EntityType
	Name string
	Hop  model.Hop
}

// The hop fields, one variable each.
var (
	companyHostedIn      = hopField{model.EntityTypeCompany, "hostedIn", hopIn(anyEntity, "HOSTS")}
	companyFocuses       = hopField{model.EntityTypeCompany, "focuses", hopOut(model.EntityTypeIndustry, "FOCUSES_ON")}
	districtRegions      = hopField{model.EntityTypeDistrict, "regions", containers(model.EntityTypeRegion, "LOCATED_IN")}
	districtParks        = hopField{model.EntityTypeDistrict, "parks", hopIn(model.EntityTypePark, "LOCATED_IN")}
	districtZones        = hopField{model.EntityTypeDistrict, "zones", hopIn(model.EntityTypeZone, "LOCATED_IN")}
	districtPlaces       = hopField{model.EntityTypeDistrict, "places", hopIn(model.EntityTypePlace, "LOCATED_IN", "PART_OF")}
	districtFocuses      = hopField{model.EntityTypeDistrict, "focuses", hopOut(model.EntityTypeIndustry, "FOCUSES_ON")}
	districtTargets      = hopField{model.EntityTypeDistrict, "targets", hopOut(model.EntityTypeIndustry, "TARGETS")}
	districtEvents       = hopField{model.EntityTypeDistrict, "events", hopOut(model.EntityTypeEvent, "PARTICIPATED_IN", "ORGANIZED")}
	eventParticipants    = hopField{model.EntityTypeEvent, "participants", hopIn(anyEntity, "PARTICIPATED_IN")}
	eventOrganizers      = hopField{model.EntityTypeEvent, "organizers", hopIn(anyEntity, "ORGANIZED")}
	eventSignedProjects  = hopField{model.EntityTypeEvent, "signedProjects", hopOut(anyEntity, "SIGNED_PROJECTS")}
	eventParent          = hopField{model.EntityTypeEvent, "parent", hopOut(model.EntityTypeEvent, "PART_OF")}
	eventSubEvents       = hopField{model.EntityTypeEvent, "subEvents", hopIn(model.EntityTypeEvent, "PART_OF")}
	industryParents      = hopField{model.EntityTypeIndustry, "parents", hopOut(model.EntityTypeIndustry, "SUBSECTOR_OF")}
	industrySubsectors   = hopField{model.EntityTypeIndustry, "subsectors", hopIn(model.EntityTypeIndustry, "SUBSECTOR_OF")}
	industryParks        = hopField{model.EntityTypeIndustry, "parks", withSubsectors(model.EntityTypePark)}
	industryZones        = hopField{model.EntityTypeIndustry, "zones", withSubsectors(model.EntityTypeZone)}
	organizationLeaders  = hopField{model.EntityTypeOrganization, "leaders", hopIn(model.EntityTypePerson, "LEADS")}
	organizationIssued   = hopField{model.EntityTypeOrganization, "issued", hopOut(model.EntityTypePolicy, "ISSUED")}
	organizationEvents   = hopField{model.EntityTypeOrganization, "events", hopOut(model.EntityTypeEvent, "PARTICIPATED_IN", "ORGANIZED")}
	organizationHostedIn = hopField{model.EntityTypeOrganization, "hostedIn", hopIn(anyEntity, "HOSTS")}
	parkZone             = hopField{model.EntityTypePark, "zone", containers(model.EntityTypeZone)}
	parkZones            = hopField{model.EntityTypePark, "zones", containers(model.EntityTypeZone)}
	parkParent           = hopField{model.EntityTypePark, "parent", hopOut(model.EntityTypePark, "PART_OF")}
	parkSubParks         = hopField{model.EntityTypePark, "subParks", hopIn(model.EntityTypePark, "PART_OF")}
	parkDistricts        = hopField{model.EntityTypePark, "districts", containers(model.EntityTypeDistrict, "LOCATED_IN")}
	parkPlaces           = hopField{model.EntityTypePark, "places", containers(model.EntityTypePlace, "LOCATED_IN")}
	parkFocuses          = hopField{model.EntityTypePark, "focuses", hopOut(model.EntityTypeIndustry, "FOCUSES_ON")}
	parkTargets          = hopField{model.EntityTypePark, "targets", hopOut(model.EntityTypeIndustry, "TARGETS")}
	parkCompanies        = hopField{model.EntityTypePark, "companies", hopOut(model.EntityTypeCompany, "HOSTS")}
	parkHosts            = hopField{model.EntityTypePark, "hosts", hopOut(anyEntity, "HOSTS")}
	personPositions      = hopField{model.EntityTypePerson, "positions", hopOut(anyEntity, "LEADS")}
	placePlaces          = hopField{model.EntityTypePlace, "places", containers(model.EntityTypePlace, "LOCATED_IN")}
	placeSubPlaces       = hopField{model.EntityTypePlace, "subPlaces", hopIn(model.EntityTypePlace, "LOCATED_IN", "PART_OF")}
	placeZones           = hopField{model.EntityTypePlace, "zones", containers(model.EntityTypeZone, "LOCATED_IN")}
	placeZonesWithin     = hopField{model.EntityTypePlace, "zonesWithin", hopIn(model.EntityTypeZone, "LOCATED_IN", "PART_OF")}
	placeDistricts       = hopField{model.EntityTypePlace, "districts", containers(model.EntityTypeDistrict, "LOCATED_IN")}
	placeRegions         = hopField{model.EntityTypePlace, "regions", containers(model.EntityTypeRegion, "LOCATED_IN")}
	placeHosts           = hopField{model.EntityTypePlace, "hosts", hopOut(anyEntity, "HOSTS")}
	policyIssuedBy       = hopField{model.EntityTypePolicy, "issuedBy", hopIn(model.EntityTypeOrganization, "ISSUED")}
	policyAppliesTo      = hopField{model.EntityTypePolicy, "appliesTo", hopOut(anyEntity, "APPLIES_TO")}
	policyParts          = hopField{model.EntityTypePolicy, "parts", hopIn(anyEntity, "PART_OF")}
	policyFocuses        = hopField{model.EntityTypePolicy, "focuses", hopOut(model.EntityTypeIndustry, "FOCUSES_ON")}
	policyTargets        = hopField{model.EntityTypePolicy, "targets", hopOut(model.EntityTypeIndustry, "TARGETS")}
	projectImplementedIn = hopField{model.EntityTypeProject, "implementedIn", hopOut(anyEntity, "IMPLEMENTED_IN")}
	projectHostedIn      = hopField{model.EntityTypeProject, "hostedIn", hopIn(anyEntity, "HOSTS")}
	projectPartOf        = hopField{model.EntityTypeProject, "partOf", hopOut(anyEntity, "PART_OF")}
	projectParts         = hopField{model.EntityTypeProject, "parts", hopIn(anyEntity, "PART_OF")}
	regionParents        = hopField{model.EntityTypeRegion, "parents", hopOut(model.EntityTypeRegion, "PART_OF")}
	regionSubregions     = hopField{model.EntityTypeRegion, "subregions", hopIn(model.EntityTypeRegion, "PART_OF")}
	regionDistricts      = hopField{model.EntityTypeRegion, "districts", hopIn(model.EntityTypeDistrict, "PART_OF", "LOCATED_IN")}
	zoneParks            = hopField{model.EntityTypeZone, "parks", hopIn(model.EntityTypePark, "PART_OF")}
	zoneParentZones      = hopField{model.EntityTypeZone, "parentZones", hopOut(model.EntityTypeZone, "PART_OF")}
	zoneSubZones         = hopField{model.EntityTypeZone, "subZones", hopIn(model.EntityTypeZone, "PART_OF")}
	zoneDistricts        = hopField{model.EntityTypeZone, "districts", containers(model.EntityTypeDistrict, "LOCATED_IN")}
	zoneRegions          = hopField{model.EntityTypeZone, "regions", containers(model.EntityTypeRegion, "LOCATED_IN")}
	zonePlaces           = hopField{model.EntityTypeZone, "places", containers(model.EntityTypePlace, "LOCATED_IN")}
	zoneFocuses          = hopField{model.EntityTypeZone, "focuses", hopOut(model.EntityTypeIndustry, "FOCUSES_ON")}
	zoneTargets          = hopField{model.EntityTypeZone, "targets", hopOut(model.EntityTypeIndustry, "TARGETS")}
	zoneCompanies        = hopField{model.EntityTypeZone, "companies", hopOut(model.EntityTypeCompany, "HOSTS")}
	zoneHosts            = hopField{model.EntityTypeZone, "hosts", hopOut(anyEntity, "HOSTS")}
	zoneManagedBy        = hopField{model.EntityTypeZone, "managedBy", hopIn(model.EntityTypeOrganization, "MANAGES")}
)

// hopFields lists every hop field, for the lookahead and the schema test.
var hopFields = []*hopField{
	&companyHostedIn,
	&companyFocuses,
	&districtRegions,
	&districtParks,
	&districtZones,
	&districtPlaces,
	&districtFocuses,
	&districtTargets,
	&districtEvents,
	&eventParticipants,
	&eventOrganizers,
	&eventSignedProjects,
	&eventParent,
	&eventSubEvents,
	&industryParents,
	&industrySubsectors,
	&industryParks,
	&industryZones,
	&organizationLeaders,
	&organizationIssued,
	&organizationEvents,
	&organizationHostedIn,
	&parkZone,
	&parkZones,
	&parkParent,
	&parkSubParks,
	&parkDistricts,
	&parkPlaces,
	&parkFocuses,
	&parkTargets,
	&parkCompanies,
	&parkHosts,
	&personPositions,
	&placePlaces,
	&placeSubPlaces,
	&placeZones,
	&placeZonesWithin,
	&placeDistricts,
	&placeRegions,
	&placeHosts,
	&policyIssuedBy,
	&policyAppliesTo,
	&policyParts,
	&policyFocuses,
	&policyTargets,
	&projectImplementedIn,
	&projectHostedIn,
	&projectPartOf,
	&projectParts,
	&regionParents,
	&regionSubregions,
	&regionDistricts,
	&zoneParks,
	&zoneParentZones,
	&zoneSubZones,
	&zoneDistricts,
	&zoneRegions,
	&zonePlaces,
	&zoneFocuses,
	&zoneTargets,
	&zoneCompanies,
	&zoneHosts,
	&zoneManagedBy,
}

// anyEntity as a hop's label: the far end may be an entity of any type.
const anyEntity = model.EntityType("")

// hopOut is one hop over types, from the entity to entities of label.
func hopOut(label model.EntityType, types ...string) model.Hop {
	return model.Hop{Types: types, Direction: model.DirectionOut, Label: label}
}

// hopIn is one hop over types, to the entity from entities of label.
func hopIn(label model.EntityType, types ...string) model.Hop {
	return model.Hop{Types: types, Direction: model.DirectionIn, Label: label}
}

// containers is the containment walk from the entity over PART_OF (and the given extra
// types) to the entities of label that contain it, up to model.ContainmentDepth hops,
// nearest first.
func containers(label model.EntityType, types ...string) model.Hop {
	return model.Hop{Types: append([]string{"PART_OF"}, types...), Direction: model.DirectionOut, Label: label,
		MaxHops: model.ContainmentDepth}
}

// withSubsectors is the hop from an industry to the entities of label that focus on or
// target it or any of its subsectors, in name order.
func withSubsectors(label model.EntityType) model.Hop {
	return model.Hop{Through: []string{"SUBSECTOR_OF"}, Types: []string{"FOCUSES_ON", "TARGETS"},
		Direction: model.DirectionIn, Label: label}
}

// neighbors returns the relations of the entity e reached by h, for the date e was asked
// for (its AsOf). The store is asked once for e's whole sibling group, and the far ends,
// which answer for the same date, become a sibling group in turn.
func (r *Resolver) neighbors(ctx context.Context, e model.Entity, h model.Hop) ([]*model.Relation, error) {
	h.AsOf = e.Base().AsOf
	return load(ctx, neighborsKey(h), e.GetID(), func(ids []string) (map[string][]*model.Relation, error) {
		m, err := r.Store.Neighbors(ctx, ids, h)
		if err != nil {
			return nil, err
		}
		var all []*model.Relation
		for _, rels := range m {
			all = append(all, rels...)
		}
		asOfRelations(all, h.AsOf)
		registerRelations(ctx, all)
		return m, nil
	})
}

// asOfRelations makes the far ends of rels answer for asOf.
func asOfRelations(rels []*model.Relation, asOf string) {
	for _, rel := range rels {
		rel.Node = withAsOf(rel.Node, asOf)
	}
}

// related returns the far ends of the relations of e reached by h that are of type T.
func related[T model.Entity](ctx context.Context, r *Resolver, e model.Entity, h model.Hop) ([]T, error) {
	rels, err := r.neighbors(ctx, e, h)
	if err != nil {
		return nil, err
	}
	return nodesOf[T](rels), nil
}

// nearest returns the first far end of type T, or T's nil when there is none.
func nearest[T model.Entity](ctx context.Context, r *Resolver, e model.Entity, h model.Hop) (T, error) {
	var zero T
	nodes, err := related[T](ctx, r, e, h)
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

// relations resolves Entity.relations for any entity: its stated relationships of types
// (every type when empty), and the inferred and computed ones when asked (see followed).
func (r *Resolver) relations(ctx context.Context, e model.Entity, types []string, inferred, computed *bool, direction *model.Direction, first *int) ([]*model.Relation, error) {
	dir := model.DirectionBoth
	if direction != nil {
		dir = *direction
	}
	n, err := bounded("first", first, model.RelationsPage)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return []*model.Relation{}, nil
	}
	return r.neighbors(ctx, e, model.Hop{Types: types, Direction: dir, First: n, Kinds: followed(types, inferred, computed)})
}

// followed returns the derivation kinds a traversal over types follows given its
// includeInferred and includeComputed arguments (absent is false): model.Followed. The
// schema's RelationType enum has already rejected unknown type names.
func followed(types []string, inferred, computed *bool) []model.DerivationKind {
	return model.Followed(types, inferred != nil && *inferred, computed != nil && *computed)
}

// facts resolves Entity.facts for any entity: the facts that hold at the date e was
// asked for.
func (r *Resolver) facts(ctx context.Context, e model.Entity) ([]*model.Fact, error) {
	asOf := e.Base().AsOf
	facts, err := load(ctx, fetchKey{kind: fetchFacts, asOf: asOf}, e.GetID(), func(ids []string) (map[string][]*model.Fact, error) {
		m, err := r.Store.Facts(ctx, ids, asOf)
		var refs []string
		for _, fs := range m {
			for _, f := range fs {
				refs = append(refs, evidenceDocs(f.Evidence)...)
			}
		}
		siblings(ctx, refs)
		for _, fs := range m {
			model.LinkConflicts(fs)
		}
		return m, err
	})
	return orEmpty(facts), err
}

// values returns the entity e as its typed fields see it at the date it was asked for:
// e itself when property has no facts of a period, and otherwise e with the values of
// the facts that hold then added, once each, to those that always do.
func (r *Resolver) values(ctx context.Context, e model.Entity, property string) (*model.EntityBase, error) {
	b := e.Base()
	if !slices.Contains(b.Periodic, property) {
		return b, nil
	}
	facts, err := r.facts(ctx, e)
	if err != nil {
		return nil, err
	}
	var vals []any
	switch v := b.Props[property].(type) {
	case nil:
	case []any:
		vals = append(vals, v...)
	default:
		vals = append(vals, v)
	}
	for _, f := range facts {
		if f.Property != property || (f.ValidFrom == nil && f.ValidTo == nil) || f.Typed == nil {
			continue
		}
		if !slices.ContainsFunc(vals, func(v any) bool { return model.FormatValue(v) == model.FormatValue(f.Typed) }) {
			vals = append(vals, f.Typed)
		}
	}
	out := *b
	out.Props = maps.Clone(b.Props)
	switch len(vals) {
	case 0:
		delete(out.Props, property)
	case 1:
		out.Props[property] = vals[0]
	default:
		out.Props[property] = vals
	}
	return &out, nil
}

// prop resolves a typed string field (Zone.kind, Event.heldOn, ...) of e at its date.
func (r *Resolver) prop(ctx context.Context, e model.Entity, property string) (*string, error) {
	b, err := r.values(ctx, e, property)
	if err != nil {
		return nil, err
	}
	return b.Prop(property), nil
}

// factsOf is facts, only those of property when it is given. It filters the facts of
// the one batched read, so asking for a property costs no round trip more. An empty
// property is INVALID.
func (r *Resolver) factsOf(ctx context.Context, e model.Entity, property *string) ([]*model.Fact, error) {
	if property != nil && strings.TrimSpace(*property) == "" {
		return nil, model.Errorf(model.CodeInvalid, "facts: property is empty; leave it out for every fact")
	}
	facts, err := r.facts(ctx, e)
	if err != nil || property == nil {
		return facts, err
	}
	out := []*model.Fact{}
	for _, f := range facts {
		if f.Property == *property {
			out = append(out, f)
		}
	}
	return out, nil
}

// ints resolves a typed count field (Event.projectCount) of e at its date: its numeric
// values, rounded to integers.
func (r *Resolver) ints(ctx context.Context, e model.Entity, property string) ([]int, error) {
	fs, err := r.floats(ctx, e, property)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(fs))
	for i, f := range fs {
		out[i] = int(math.Round(f))
	}
	return out, nil
}

// floats resolves a typed numeric field (Zone.areaKm2) of e at its date.
func (r *Resolver) floats(ctx context.Context, e model.Entity, property string) ([]float64, error) {
	b, err := r.values(ctx, e, property)
	if err != nil {
		return nil, err
	}
	return b.Floats(property), nil
}

// withAsOf returns a copy of e whose fields answer for asOf ("" the present). It copies,
// since the entities of one fetch may be asked for under several dates in one request.
func withAsOf(e model.Entity, asOf string) model.Entity {
	if e == nil || e.Base().AsOf == asOf {
		return e
	}
	b := *e.Base()
	b.AsOf = asOf
	return model.NewEntity(b)
}

// bucketsAsOf sets the entity and parent of every bucket of bs to answer for asOf, and
// registers the entities as siblings for batching; it returns bs.
func bucketsAsOf(ctx context.Context, bs []*model.Bucket, asOf string) []*model.Bucket {
	ents := make([]model.Entity, 0, len(bs))
	for _, b := range bs {
		b.Entity, b.Parent = withAsOf(b.Entity, asOf), withAsOf(b.Parent, asOf)
		ents = append(ents, b.Entity)
	}
	registerEntities(ctx, ents)
	return bs
}

// allAsOf is withAsOf for every entity of es.
func allAsOf[T model.Entity](es []T, asOf string) []T {
	out := make([]T, len(es))
	for i, e := range es {
		out[i] = withAsOf(e, asOf).(T)
	}
	return out
}

// asOfArg checks the argument asOf: absent is the present (""), anything else must be a
// date YYYY, YYYY-MM or YYYY-MM-DD that exists, or it is INVALID.
func asOfArg(asOf *string) (string, error) {
	if asOf == nil {
		return "", nil
	}
	if !model.IsDate(*asOf) {
		return "", model.Errorf(model.CodeInvalid, "asOf %q must be a date YYYY, YYYY-MM or YYYY-MM-DD", *asOf)
	}
	return *asOf, nil
}

// mentionedIn resolves Entity.mentionedIn for any entity.
func (r *Resolver) mentionedIn(ctx context.Context, id string) ([]*model.Document, error) {
	docs, err := load(ctx, fetchKey{kind: fetchMentionedIn}, id, func(ids []string) (map[string][]*model.Document, error) {
		return r.Store.MentionedIn(ctx, ids)
	})
	return orEmpty(docs), err
}

// node returns the entity or document with id, or nil.
func (r *Resolver) node(ctx context.Context, id string) (model.Node, error) {
	return load(ctx, fetchKey{kind: fetchNode}, id, func(ids []string) (map[string]model.Node, error) {
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
	var n model.Node = rel.Origin // read with the relationship (model.Hop.Origins), or else now
	if rel.Origin == nil {
		var err error
		if n, err = r.node(ctx, *id); err != nil {
			return nil, err
		}
	}
	region, ok := n.(*model.Region)
	if !ok || rel.Node == nil {
		return region, nil
	}
	return withAsOf(region, rel.Node.Base().AsOf).(*model.Region), nil
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
