// Package neo4j holds the Neo4j Browser files that the server serves to Browser: the
// style sheet (browser/graphstyle.grass) and the cookbook of queries (cookbook.cypher),
// which the server turns into a Browser guide. The scripts of this folder run Neo4j.
package neo4j

import _ "embed"

// Style is the Neo4j Browser style sheet of the graph (GraSS).
//
//go:embed browser/graphstyle.grass
var Style []byte

// Cookbook is the cookbook: read-only queries, each after a "// N. Title" line.
//
//go:embed cookbook.cypher
var Cookbook []byte
