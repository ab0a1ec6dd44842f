package model

// Edge is a relationship as stored, from Source to Target (entity ids).
type Edge struct {
	ID         string      `json:"id"`
	Type       string      `json:"type"`
	Source     string      `json:"source"`
	Target     string      `json:"target"`
	Properties []*Property `json:"properties"`
	Evidence   []*Evidence `json:"evidence"`
	Derivation *Derivation `json:"derivation"`
	ValidFrom  *string     `json:"validFrom,omitempty"`
	ValidTo    *string     `json:"validTo,omitempty"`
}

// Subgraph is a set of entities and the relationships among them, plus the Cypher that
// shows the same in Neo4j Browser.
type Subgraph struct {
	Nodes  []Entity `json:"nodes"`
	Edges  []*Edge  `json:"edges"`
	Cypher string   `json:"cypher"`
}

// Path is a chain of entities; Steps[i] joins Nodes[i] and Nodes[i+1].
type Path struct {
	Nodes  []Entity `json:"nodes"`
	Steps  []*Step  `json:"steps"`
	Cypher string   `json:"cypher"`
}

// Length returns the number of hops.
func (p *Path) Length() int { return len(p.Steps) }

// Step is one hop of a path with the evidence of its relationship.
type Step struct {
	Relation *Edge       `json:"relation"`
	Evidence []*Evidence `json:"evidence"`
}
