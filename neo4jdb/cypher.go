package neo4jdb

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/parkgraph/parkgraph/model"
)

// The store builds Cypher in one style: every query and every fragment is a constant
// template that reads as Cypher, with named holes such as {{types}} that fill fills.
// Holes take only text this package writes (known labels and relationship type names,
// fragments, numbers); values from clients travel as $parameters. The functions that
// build a query (entityQuery, neighborsQuery, ...) are pure, and the golden files of
// testdata/cypher hold what they build.

// fill returns template with every hole {{name}} replaced by the text that follows name
// in holes (name, text, name, text, ...). Text of several lines continues at the
// indentation of the line its hole is on, so a fragment written from column 0 nests where
// it is put. A hole that stands alone on its line and gets no text removes the line.
//
// fill panics when a hole of template is not given, a name given is no hole of template,
// or holes has an odd length: templates are constants, and the golden tests build every
// query, so such a mistake fails them.
func fill(template string, holes ...string) string {
	if len(holes)%2 != 0 {
		panic(fmt.Sprintf("fill: %d strings are not name and text pairs", len(holes)))
	}
	text := make(map[string]string, len(holes)/2)
	for i := 0; i < len(holes); i += 2 {
		if _, dup := text[holes[i]]; dup {
			panic(fmt.Sprintf("fill: hole {{%s}} given twice", holes[i]))
		}
		text[holes[i]] = holes[i+1]
	}
	used := make(map[string]bool, len(text))
	var b strings.Builder
	rest := template
	for {
		at := strings.Index(rest, "{{")
		if at < 0 {
			b.WriteString(rest)
			break
		}
		end := strings.Index(rest[at:], "}}")
		if end < 0 {
			panic(fmt.Sprintf("fill: unclosed {{ in %q", template))
		}
		name := rest[at+2 : at+end]
		v, ok := text[name]
		if !ok {
			panic(fmt.Sprintf("fill: hole {{%s}} is not given for %q", name, template))
		}
		used[name] = true
		b.WriteString(rest[:at])
		rest = rest[at+end+2:]
		done := b.String()
		line := done[strings.LastIndexByte(done, '\n')+1:]
		indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
		if v == "" && indent == line && (rest == "" || rest[0] == '\n') {
			// An empty hole alone on its line: drop the line and its line break.
			b.Reset()
			b.WriteString(strings.TrimSuffix(done[:len(done)-len(line)], "\n"))
			if done == line { // the first line: drop the break after it instead
				rest = strings.TrimPrefix(rest, "\n")
			}
			continue
		}
		b.WriteString(indented(v, indent))
	}
	for name := range text {
		if !used[name] {
			panic(fmt.Sprintf("fill: %q has no hole {{%s}}", template, name))
		}
	}
	return b.String()
}

// indented returns text with indent after each of its line breaks, except before an
// empty line.
func indented(text, indent string) string {
	if indent == "" || !strings.Contains(text, "\n") {
		return text
	}
	lines := strings.Split(text, "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = indent + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// The period predicates (model.Period.HoldsAt). A relationship or a fact holds at the
// date $asOf when its period meets it: validFrom and validTo are dates that compare as
// text, either may be absent, and a bound includes every date it is a prefix of.
const (
	// validAt holds when {{x}} holds at $asOf.
	validAt = `({{x}}.validFrom IS NULL OR {{x}}.validFrom <= $asOf OR {{x}}.validFrom STARTS WITH $asOf) AND ({{x}}.validTo IS NULL OR $asOf <= {{x}}.validTo OR $asOf STARTS WITH {{x}}.validTo)`
	// allValidAt holds when every relationship of the list {{list}} holds at $asOf.
	allValidAt = `all(step IN {{list}} WHERE {{valid}})`
)

// derivedAs holds when the relationship {{x}} is of a derivation kind in the list
// {{kinds}}, a parameter that holds model.StoredKinds; a relationship that records no
// derivation is stated (model.DerivationKindOf).
const derivedAs = `coalesce({{x}}.derivation, 'stated') IN {{kinds}}`

// timed is fill with the period holes, where template has them: {{valid}}, that the
// relationship r holds at $asOf; {{validPath}}, that every relationship of the list rs
// does; {{validFact}}, that the fact f does.
func timed(template string, holes ...string) string {
	for _, h := range [][2]string{
		{"valid", fill(validAt, "x", "r")},
		{"validPath", fill(allValidAt, "list", "rs", "valid", fill(validAt, "x", "step"))},
		{"validFact", fill(validAt, "x", "f")},
	} {
		if strings.Contains(template, "{{"+h[0]+"}}") {
			holes = append(holes, h[0], h[1])
		}
	}
	return fill(template, holes...)
}

// contained is timed with the hole {{depth}} also filled, where template has it, with
// model.ContainmentDepth, the most PART_OF, LOCATED_IN or SUBSECTOR_OF hops a filter or
// field follows.
func contained(template string, holes ...string) string {
	if strings.Contains(template, "{{depth}}") {
		holes = append(holes, "depth", strconv.Itoa(model.ContainmentDepth))
	}
	return timed(template, holes...)
}
