package model

// Direction is the direction of a relationship seen from the entity it is asked on.
type Direction string

// The directions.
const (
	DirectionOut  Direction = "OUT"
	DirectionIn   Direction = "IN"
	DirectionBoth Direction = "BOTH"
)

// IsValid reports whether d is OUT, IN or BOTH.
func (d Direction) IsValid() bool {
	return d == DirectionOut || d == DirectionIn || d == DirectionBoth
}

// RelationType describes one curated relationship type: the entity types it may connect
// and the property keys it may carry.
type RelationType struct {
	Name  string
	From  []EntityType // nil means any entity type
	To    []EntityType // nil means any entity type
	Props []string
}

// Allows reports whether a relationship of this type may go from from to to.
func (rt RelationType) Allows(from, to EntityType) bool {
	return allowed(rt.From, from) && allowed(rt.To, to)
}

func allowed(types []EntityType, t EntityType) bool {
	if types == nil {
		return true
	}
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

// The relationship properties the code reads by name.
const (
	PropInvestorOrigin = "investorOrigin"
	PropRole           = "role"
	PropFacility       = "facility"
	PropDate           = "date"
	PropCount          = "count"
	PropAmountUsd      = "amountUsd"
	PropTitle          = "title"
)

// RelationTypes are the curated relationship types, keyed by name. MENTIONS
// (Document -> entity) is computed by the loader and is not among them.
var RelationTypes = relationTypes()

func relationTypes() map[string]RelationType {
	zo, pa, di, re := EntityTypeZone, EntityTypePark, EntityTypeDistrict, EntityTypeRegion
	in, co, or, ev := EntityTypeIndustry, EntityTypeCompany, EntityTypeOrganization, EntityTypeEvent
	pr, po, pe, pl := EntityTypeProject, EntityTypePolicy, EntityTypePerson, EntityTypePlace
	return map[string]RelationType{
		// PART_OF is containment of places and bodies, and membership of a project or
		// zone in the programme or platform system it belongs to.
		"PART_OF":         {"PART_OF", []EntityType{pa, zo, di, re, or, ev, pl, pr}, []EntityType{pa, zo, di, re, or, ev, pl, pr, po}, nil},
		"LOCATED_IN":      {"LOCATED_IN", []EntityType{zo, pa, di, co, or, pr, ev, pl}, []EntityType{zo, pa, di, re, pl}, nil},
		"FOCUSES_ON":      {"FOCUSES_ON", []EntityType{zo, pa, di, re, co, or, pr, po, ev}, []EntityType{in}, []string{PropRole}},
		"TARGETS":         {"TARGETS", []EntityType{zo, pa, di, re, po, ev}, []EntityType{in}, []string{PropInvestorOrigin}},
		"HOSTS":           {"HOSTS", []EntityType{zo, pa, di, re, pl}, []EntityType{co, or, pr}, []string{PropFacility, PropRole}},
		"SUBSECTOR_OF":    {"SUBSECTOR_OF", []EntityType{in}, []EntityType{in}, nil},
		"PARTICIPATED_IN": {"PARTICIPATED_IN", []EntityType{di, zo, pa, re, or, co, pe}, []EntityType{ev}, []string{PropRole}},
		"ORGANIZED":       {"ORGANIZED", []EntityType{or, re, pe, di}, []EntityType{ev}, []string{PropRole}},
		"ISSUED":          {"ISSUED", []EntityType{or, re}, []EntityType{po}, []string{PropDate}},
		"SIGNED_PROJECTS": {"SIGNED_PROJECTS", []EntityType{ev}, []EntityType{in, re, zo, di, co}, []string{PropCount, PropAmountCny, PropAmountUsd}},
		"IMPLEMENTED_IN":  {"IMPLEMENTED_IN", []EntityType{pr, po}, []EntityType{zo, pa, di, re, pl}, nil},
		"COOPERATES_WITH": {"COOPERATES_WITH", nil, nil, nil},
		"LEADS":           {"LEADS", []EntityType{pe}, []EntityType{or, re, zo, co, ev}, []string{PropTitle}},
		"MANAGES":         {"MANAGES", []EntityType{or}, []EntityType{zo, pa, di, or}, nil},
		"APPLIES_TO":      {"APPLIES_TO", []EntityType{po}, []EntityType{zo, pa, di, re, in, co, pr, pl}, nil},
		// Who reported, stated or published what a document says about the target
		// ("according to ...", "stated that ..."), with the source's role and the topic.
		"REPORTED": {"REPORTED", []EntityType{or, pe}, nil, []string{PropRole, "topic"}},
		// A zone, park, policy or project launched, announced or given at an event.
		"ANNOUNCED_AT": {"ANNOUNCED_AT", []EntityType{zo, pa, po, pr}, []EntityType{ev}, nil},
		// The body or government that approved a zone, park, policy or project.
		"APPROVED": {"APPROVED", []EntityType{or, re}, []EntityType{zo, pa, po, pr}, []string{PropDate}},
		// Instructions, decisions or requirements of a body or person that the target follows.
		"GUIDED": {"GUIDED", []EntityType{or, pe}, []EntityType{zo, pa, ev, po, pr}, []string{"basis"}},
		// A company, institution or zone that builds, runs or plans a project or park.
		"DEVELOPS": {"DEVELOPS", []EntityType{co, or, zo}, []EntityType{pr, pa}, []string{PropRole}},
		// A transport link: a route, port, airport or hub that connects the target.
		"CONNECTS": {"CONNECTS", []EntityType{zo, pa, di, re, pr, pl}, []EntityType{zo, pa, di, re, pr, pl}, []string{PropRole}},
		// A place that serves another as its hub, node, gateway, engine or support point.
		"SERVES": {"SERVES", []EntityType{zo, pa, di, re, pl}, []EntityType{zo, pa, di, re, pr, pl}, []string{PropRole}},
		// Neighbouring places, with where the target lies ("adjacent", "between the two rivers").
		"ADJACENT_TO": {"ADJACENT_TO", []EntityType{zo, pa, di, re, pl}, []EntityType{zo, pa, di, re, pr, pl}, []string{"position"}},
		// Derived by the loader from TARGETS edges that name an investorOrigin, so that the
		// region is one hop away in traversals that ask for computed relationships; never curated.
		DerivedInvestorOrigin: {DerivedInvestorOrigin, []EntityType{zo, pa, di, re, po, ev}, []EntityType{re}, nil},
	}
}

// DerivedInvestorOrigin is the relationship type the loader derives from
// TARGETS.investorOrigin: (entity)-[:TARGETS_INVESTORS_FROM]->(region).
const DerivedInvestorOrigin = "TARGETS_INVESTORS_FROM"

// Relation is a relationship seen from one of its ends: Node is the other end.
// Properties hold the curated properties in display form; Values keeps them typed.
// Derivation says how the graph came to hold it (set for one-hop results; a multi-hop
// result carries only its far end).
type Relation struct {
	ID         string         `json:"id"`
	Type       string         `json:"type"`
	Direction  Direction      `json:"direction"`
	Node       Entity         `json:"node"`
	Properties []*Property    `json:"properties"`
	Evidence   []*Evidence    `json:"evidence"`
	Derivation *Derivation    `json:"derivation"`
	ValidFrom  *string        `json:"validFrom,omitempty"`
	ValidTo    *string        `json:"validTo,omitempty"`
	Values     map[string]any `json:"-"`
	// With are the lists of the hops of the hop that reached Node (Hop.With), from Node,
	// in the order of Hop.With; nil when none were asked.
	With [][]*Relation `json:"-"`
	// Origin is the Region the investorOrigin property names, read with the relationship
	// by a hop with Origins; nil otherwise, or when it names none.
	Origin Entity `json:"-"`
}

// Value returns the relationship property key in display form, or nil when absent.
func (r *Relation) Value(key string) *string {
	v, ok := r.Values[key]
	if !ok || v == nil {
		return nil
	}
	s := FormatValue(v)
	return &s
}

// Hop describes a step from a set of entities to their neighbours: relationship types,
// direction, the label the neighbour must have, and how many PART_OF-style hops of the
// same types may be chained (MaxHops > 1 returns neighbours without relationship data,
// nearest first).
type Hop struct {
	Types     []string
	Direction Direction
	Label     EntityType // empty means any entity
	MaxHops   int        // 0 or 1 means one hop
	First     int        // per start entity; 0 means the store's default
	// Through, when set, first follows relationships of these types for 0 to 8 hops in
	// Direction, then takes the one hop over Types: "this industry or any subsector, then
	// the parks that target it". Results carry only the node, ordered by name.
	Through []string
	// AsOf is the date the hop answers for: only relationships whose period holds then
	// are followed. Empty means the present (Today).
	AsOf string
	// With are hops to answer from every far end in the same query, each far end's lists
	// in its Relation.With (for the same AsOf); a list of a page asks the hop fields asked
	// on the items of a hop field this way (lookahead).
	With []Hop
	// Origins, for a hop of one relationship over TARGETS, also reads the Region that
	// each relationship's investorOrigin names, into Relation.Origin: a resolver sets it
	// when the selection asks Target.investorOrigin, which then needs no read of its own.
	// Hops over several relationships (MaxHops, Through) keep no relationship and ignore it.
	Origins bool
	// Slim, for a hop without With, reads only the id, type and name of the far ends and
	// of the regions Origins reads: their other fields (evidence, typed properties) answer
	// empty. A resolver sets it only when the selection asks nothing else of them.
	Slim bool
	// Kinds, when set, are the derivations of the relationships followed (Entity.relations
	// follows only stated ones unless asked); empty means every kind, as the typed hop
	// fields take them (a park's targets include the inferred ones, which say so).
	Kinds []DerivationKind
}
