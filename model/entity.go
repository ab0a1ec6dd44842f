package model

import "strings"

// EntityType is the kind of an entity; its Label is the Neo4j label that holds it.
// The GraphQL enum EntityType (ZONE, PARK, ...) maps to these values.
type EntityType string

// The entity types of the graph.
const (
	EntityTypeZone         EntityType = "ZONE"
	EntityTypePark         EntityType = "PARK"
	EntityTypeDistrict     EntityType = "DISTRICT"
	EntityTypeRegion       EntityType = "REGION"
	EntityTypeIndustry     EntityType = "INDUSTRY"
	EntityTypeCompany      EntityType = "COMPANY"
	EntityTypeOrganization EntityType = "ORGANIZATION"
	EntityTypeEvent        EntityType = "EVENT"
	EntityTypeProject      EntityType = "PROJECT"
	EntityTypePolicy       EntityType = "POLICY"
	EntityTypePerson       EntityType = "PERSON"
	// EntityTypePlace is a named area that is neither a district nor a zone: a university
	// city, a peninsula, a wetland park, a sports centre, a mountain or river, a road, an
	// expressway, a railway corridor, an airport, a port.
	EntityTypePlace EntityType = "PLACE"
)

// AllEntityTypes lists every entity type in schema order.
var AllEntityTypes = []EntityType{
	EntityTypeZone, EntityTypePark, EntityTypeDistrict, EntityTypeRegion, EntityTypeIndustry,
	EntityTypeCompany, EntityTypeOrganization, EntityTypeEvent, EntityTypeProject,
	EntityTypePolicy, EntityTypePerson, EntityTypePlace,
}

// Label returns the Neo4j label of t, such as "Park" for PARK.
func (t EntityType) Label() string {
	s := string(t)
	if s == "" {
		return ""
	}
	return s[:1] + strings.ToLower(s[1:])
}

// IsValid reports whether t is one of AllEntityTypes.
func (t EntityType) IsValid() bool {
	for _, v := range AllEntityTypes {
		if v == t {
			return true
		}
	}
	return false
}

// EntityTypeOfLabel returns the entity type whose label is label, and false when none is.
func EntityTypeOfLabel(label string) (EntityType, bool) {
	t := EntityType(strings.ToUpper(label))
	return t, t.IsValid() && t.Label() == label
}

// The entity properties the code reads by name. Facts may add others; each fact's
// property is stored on its entity under the same name.
const (
	PropName          = "name"
	PropKind          = "kind"
	PropStatus        = "status"
	PropApprovedOn    = "approvedOn"
	PropEstablishedOn = "establishedOn"
	PropAreaKm2       = "areaKm2"
	PropHeldOn        = "heldOn"
	PropProjectCount  = "projectCount"
	PropAmountCny     = "amountCny"
)

// StoredKeys are the properties every entity node holds besides its facts (so no fact
// may take their names): identity, names, evidence and the loader's own bookkeeping
// (keys: lower-cased id, name and aliases for matching; aliasText and compounds for
// full-text search; dataset: the digest of the load that wrote it).
var StoredKeys = map[string]bool{
	"id": true, "type": true, PropName: true, "aliases": true, "description": true, "evidence": true,
	"keys": true, "aliasText": true, "compounds": true, "dataset": true, "evidenceDocs": true, "evidenceQuotes": true,
	PropPeriodic: true,
}

// PropPeriodic is the entity property that lists the properties with facts of a period
// (see EntityBase.Periodic).
const PropPeriodic = "periodic"

// Node is anything with a graph-wide id: an Entity or a Document.
type Node interface {
	IsNode()
	GetID() string
}

// Entity is a curated node of one of the entity types. Every concrete entity type
// (Zone, Park, ...) embeds EntityBase and so implements it.
type Entity interface {
	Node
	IsEntity()
	Base() *EntityBase
}

// EntityBase holds what every entity has. Props holds the typed attribute values taken
// from its facts: a scalar when the sources agree, a list when they disagree.
type EntityBase struct {
	ID          string         `json:"id"`
	Type        EntityType     `json:"type"`
	Name        string         `json:"name"`
	Aliases     []string       `json:"aliases"`
	Description *string        `json:"description,omitempty"`
	Evidence    []*Evidence    `json:"evidence"`
	Props       map[string]any `json:"-"`
	// Periodic names the properties with facts that hold for a period only: Props holds
	// the values of the facts without one, and the others are read from the facts.
	Periodic []string `json:"-"`
	// AsOf is the date the entity was asked for ("" the present): its fields answer
	// for that date.
	AsOf string `json:"-"`
}

func (*EntityBase) IsNode()             {}
func (*EntityBase) IsEntity()           {}
func (e *EntityBase) GetID() string     { return e.ID }
func (e *EntityBase) Base() *EntityBase { return e }

// Prop returns the property key as a string, the first value when sources disagree,
// and nil when the entity has no such property.
func (e *EntityBase) Prop(key string) *string {
	v, ok := e.Props[key]
	if !ok || v == nil {
		return nil
	}
	if list, ok := v.([]any); ok {
		if len(list) == 0 {
			return nil
		}
		v = list[0]
	}
	s := FormatValue(v)
	return &s
}

// The concrete entity types. Each is its own Go type so that GraphQL can tell them apart.
type (
	Zone         struct{ EntityBase }
	Park         struct{ EntityBase }
	District     struct{ EntityBase }
	Region       struct{ EntityBase }
	Industry     struct{ EntityBase }
	Company      struct{ EntityBase }
	Organization struct{ EntityBase }
	Event        struct{ EntityBase }
	Project      struct{ EntityBase }
	Policy       struct{ EntityBase }
	Person       struct{ EntityBase }
	Place        struct{ EntityBase }
)

// NewEntity wraps base in the concrete type named by base.Type. It returns nil for an
// unknown type.
func NewEntity(base EntityBase) Entity {
	switch base.Type {
	case EntityTypeZone:
		return &Zone{base}
	case EntityTypePark:
		return &Park{base}
	case EntityTypeDistrict:
		return &District{base}
	case EntityTypeRegion:
		return &Region{base}
	case EntityTypeIndustry:
		return &Industry{base}
	case EntityTypeCompany:
		return &Company{base}
	case EntityTypeOrganization:
		return &Organization{base}
	case EntityTypeEvent:
		return &Event{base}
	case EntityTypeProject:
		return &Project{base}
	case EntityTypePolicy:
		return &Policy{base}
	case EntityTypePerson:
		return &Person{base}
	case EntityTypePlace:
		return &Place{base}
	}
	return nil
}

// Floats returns the numeric values of property key: one when the sources agree, several
// when they disagree, none when the entity has no such property.
func (e *EntityBase) Floats(key string) []float64 {
	var vals []any
	switch v := e.Props[key].(type) {
	case nil:
		return []float64{}
	case []any:
		vals = v
	default:
		vals = []any{v}
	}
	out := make([]float64, 0, len(vals))
	for _, v := range vals {
		if f, ok := Number(v); ok {
			out = append(out, f)
		}
	}
	return out
}
