// Type definitions of the benchmark peer: the parkgraph model (README.md "The graph",
// neo4j/README.md) written for @neo4j/graphql 7 as a user of that library would write
// them. One @node type per entity label (each node also carries :Entity), one
// @relationship field per curated relationship, @relationshipProperties for the
// properties on the edges, and @cypher where the library has no construct of its own:
// transitive containment (PART_OF*/LOCATED_IN*), the industry taxonomy (SUBSECTOR_OF*),
// full-text search, neighbourhoods, shortest paths and counts.
//
// Only reads are served: `@mutation(operations: [])` removes every generated mutation.

// Relationship types a traversal follows by default: the curated ones plus the derived
// TARGETS_INVESTORS_FROM, not MENTIONS or HAS_FACT (the same list as our server's
// neo4jdb.TraversalTypes).
export const TRAVERSAL_TYPES = [
  "APPLIES_TO", "COOPERATES_WITH", "FOCUSES_ON", "HOSTS", "IMPLEMENTED_IN", "ISSUED",
  "LEADS", "LOCATED_IN", "MANAGES", "ORGANIZED", "PART_OF", "PARTICIPATED_IN",
  "SIGNED_PROJECTS", "SUBSECTOR_OF", "TARGETS", "TARGETS_INVESTORS_FROM",
];

const typesDefault = `[${TRAVERSAL_TYPES.map((t) => JSON.stringify(t)).join(", ")}]`;

// The fields every entity type has, with the relationships every entity has.
const entityFields = `
  id: ID!
  "ZONE, PARK, ... (the stored type property)"
  type: String!
  name: String!
  aliases: [String!]!
  "The lowercased id, name and aliases: filter with keys: { includes: \\"biotech\\" }."
  keys: [String!]!
  description: String
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
  facts: [Fact!]! @relationship(type: "HAS_FACT", direction: OUT)
  mentionedIn: [Document!]! @relationship(type: "MENTIONS", direction: IN, properties: "Mentions")`;

const focuses = `
  focuses: [Industry!]! @relationship(type: "FOCUSES_ON", direction: OUT, properties: "Focus")`;
const targets = `
  "The TARGETS edge holds investorOrigin (a Region id) next to the industry."
  targets: [Industry!]! @relationship(type: "TARGETS", direction: OUT, properties: "Targeting")
  investorOrigins: [Region!]! @relationship(type: "TARGETS_INVESTORS_FROM", direction: OUT, properties: "Evidence")`;
const hosts = `
  companies: [Company!]! @relationship(type: "HOSTS", direction: OUT, properties: "Hosting")
  hosts: [Entity!]! @relationship(type: "HOSTS", direction: OUT, properties: "Hosting")
  managedBy: [Organization!]! @relationship(type: "MANAGES", direction: IN, properties: "Evidence")`;
const hostedIn = `
  hostedIn: [Entity!]! @relationship(type: "HOSTS", direction: IN, properties: "Hosting")`;
const locatedIn = `
  "Direct LOCATED_IN edges only."
  locatedIn: [Entity!]! @relationship(type: "LOCATED_IN", direction: OUT, properties: "Evidence")`;
const cooperates = `
  cooperatesWith: [Entity!]! @relationship(type: "COOPERATES_WITH", direction: OUT, queryDirection: UNDIRECTED, properties: "Evidence")`;
const events = `
  events: [Event!]! @relationship(type: "PARTICIPATED_IN", direction: OUT, properties: "Participation")
  organized: [Event!]! @relationship(type: "ORGANIZED", direction: OUT, properties: "Participation")`;
const leaders = `
  leaders: [Person!]! @relationship(type: "LEADS", direction: IN, properties: "Leadership")`;

// Containment at any depth, nearest first, as our server's Park.districts / Zone.districts.
const within = (label, extra) => `@cypher(statement: """
    MATCH p = (this)-[:${["PART_OF", ...extra].join("|")}*1..8]->(x:${label})
    WITH x, min(length(p)) AS d ORDER BY d, x.name, x.id
    RETURN x""", columnName: "x")`;

// A list property where sources disagree (areaKm2: [73.0, 70.0]) and a number elsewhere.
const floats = (prop) => `@cypher(statement: """
    RETURN CASE WHEN this.${prop} IS NULL THEN []
      WHEN this.${prop} IS :: LIST<ANY> THEN [v IN this.${prop} | toFloat(v)]
      ELSE [toFloat(this.${prop})] END AS v""", columnName: "v")`;

export const typeDefs = /* GraphQL */ `
extend schema @mutation(operations: [])

interface Entity {
  id: ID!
  type: String!
  name: String!
  aliases: [String!]!
  keys: [String!]!
  description: String
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
  facts: [Fact!]! @declareRelationship
  mentionedIn: [Document!]! @declareRelationship
}

type Zone implements Entity @node(labels: ["Zone", "Entity"]) {${entityFields}
  kind: String
  approvedOn: String
  establishedOn: String
  areaKm2: [Float!]! ${floats("areaKm2")}
  "Parks directly part of this zone."
  parks: [Park!]! @relationship(type: "PART_OF", direction: IN, properties: "Evidence")
  parentZones: [Zone!]! @relationship(type: "PART_OF", direction: OUT, properties: "Evidence")
  subZones: [Zone!]! @relationship(type: "PART_OF", direction: IN, properties: "Evidence")
  "Districts the zone is located in or part of, at any depth, nearest first."
  districts: [District!]! ${within("District", ["LOCATED_IN"])}
  regions: [Region!]! ${within("Region", ["LOCATED_IN"])}${locatedIn}${focuses}${targets}${hosts}${cooperates}${events}${leaders}
}

type Park implements Entity @node(labels: ["Park", "Entity"]) {${entityFields}
  kind: String
  status: String
  areaKm2: [Float!]! ${floats("areaKm2")}
  "The nearest zone the park is part of, directly or through its parent parks."
  zone: Zone @cypher(statement: """
    MATCH p = (this)-[:PART_OF*1..8]->(z:Zone)
    RETURN z ORDER BY length(p), z.name, z.id LIMIT 1""", columnName: "z")
  parentZones: [Zone!]! @relationship(type: "PART_OF", direction: OUT, properties: "Evidence")
  parentParks: [Park!]! @relationship(type: "PART_OF", direction: OUT, properties: "Evidence")
  subParks: [Park!]! @relationship(type: "PART_OF", direction: IN, properties: "Evidence")
  "Districts the park is located in or part of, at any depth (through its parent park or zone), nearest first."
  districts: [District!]! ${within("District", ["LOCATED_IN"])}${locatedIn}${focuses}${targets}${hosts}${cooperates}${events}
}

type District implements Entity @node(labels: ["District", "Entity"]) {${entityFields}
  areaKm2: [Float!]! ${floats("areaKm2")}
  regions: [Region!]! @relationship(type: "PART_OF", direction: OUT, properties: "Evidence")
  parentDistricts: [District!]! @relationship(type: "PART_OF", direction: OUT, properties: "Evidence")
  subDistricts: [District!]! @relationship(type: "PART_OF", direction: IN, properties: "Evidence")
  parks: [Park!]! @relationship(type: "LOCATED_IN", direction: IN, properties: "Evidence")
  zones: [Zone!]! @relationship(type: "LOCATED_IN", direction: IN, properties: "Evidence")${locatedIn}${focuses}${targets}${hosts}${cooperates}${events}
}

type Region implements Entity @node(labels: ["Region", "Entity"]) {${entityFields}
  parents: [Region!]! @relationship(type: "PART_OF", direction: OUT, properties: "Evidence")
  subregions: [Region!]! @relationship(type: "PART_OF", direction: IN, properties: "Evidence")
  districts: [District!]! @relationship(type: "PART_OF", direction: IN, properties: "Evidence")
  "Entities whose TARGETS edges seek investors from this region."
  targetedBy: [Entity!]! @relationship(type: "TARGETS_INVESTORS_FROM", direction: IN, properties: "Evidence")
  issued: [Policy!]! @relationship(type: "ISSUED", direction: OUT, properties: "Issuance")${locatedIn}${focuses}${targets}${hosts}${cooperates}${events}${leaders}
}

type Industry implements Entity @node(labels: ["Industry", "Entity"]) {${entityFields}
  parents: [Industry!]! @relationship(type: "SUBSECTOR_OF", direction: OUT, properties: "Evidence")
  subsectors: [Industry!]! @relationship(type: "SUBSECTOR_OF", direction: IN, properties: "Evidence")
  focusedBy: [Entity!]! @relationship(type: "FOCUSES_ON", direction: IN, properties: "Focus")
  targetedBy: [Entity!]! @relationship(type: "TARGETS", direction: IN, properties: "Targeting")
  "The keys of this industry and of every industry above it (SUBSECTOR_OF*): filter with matchKeys: { includes: \\"biotech\\" } to take subsectors in."
  matchKeys: [String!]! @cypher(statement: """
    MATCH (this)-[:SUBSECTOR_OF*0..8]->(i:Industry)
    UNWIND i.keys AS k
    RETURN collect(DISTINCT k) AS keys""", columnName: "keys")
  "Parks that focus on or target this industry or one of its subsectors, nearest first."
  parks: [Park!]! @cypher(statement: """
    MATCH p = (this)<-[:SUBSECTOR_OF*0..7]-(:Industry)<-[:FOCUSES_ON|TARGETS]-(x:Park)
    WITH x, min(length(p)) AS d ORDER BY d, x.name, x.id
    RETURN x""", columnName: "x")
  "Zones that focus on or target this industry or one of its subsectors, nearest first."
  zones: [Zone!]! @cypher(statement: """
    MATCH p = (this)<-[:SUBSECTOR_OF*0..7]-(:Industry)<-[:FOCUSES_ON|TARGETS]-(x:Zone)
    WITH x, min(length(p)) AS d ORDER BY d, x.name, x.id
    RETURN x""", columnName: "x")
  "How many parks focus on or target this industry directly (subsectors not included)."
  parkCount: Int! @cypher(statement: """
    MATCH (this)<-[:FOCUSES_ON|TARGETS]-(p:Park)
    RETURN count(DISTINCT p) AS n""", columnName: "n")
}

type Company implements Entity @node(labels: ["Company", "Entity"]) {${entityFields}${hostedIn}${locatedIn}${focuses}${cooperates}${events}${leaders}
}

type Organization implements Entity @node(labels: ["Organization", "Entity"]) {${entityFields}
  kind: String
  issued: [Policy!]! @relationship(type: "ISSUED", direction: OUT, properties: "Issuance")
  manages: [Entity!]! @relationship(type: "MANAGES", direction: OUT, properties: "Evidence")${hostedIn}${locatedIn}${focuses}${cooperates}${events}${leaders}
}

type Event implements Entity @node(labels: ["Event", "Entity"]) {${entityFields}
  heldOn: String
  projectCount: Int
  amountCny: Float
  amountUsd: Float
  participants: [Entity!]! @relationship(type: "PARTICIPATED_IN", direction: IN, properties: "Participation")
  organizers: [Entity!]! @relationship(type: "ORGANIZED", direction: IN, properties: "Participation")
  signedProjects: [Entity!]! @relationship(type: "SIGNED_PROJECTS", direction: OUT, properties: "SignedProjects")
  parentEvents: [Event!]! @relationship(type: "PART_OF", direction: OUT, properties: "Evidence")
  subEvents: [Event!]! @relationship(type: "PART_OF", direction: IN, properties: "Evidence")${locatedIn}${focuses}${targets}${cooperates}${leaders}
}

type Project implements Entity @node(labels: ["Project", "Entity"]) {${entityFields}
  implementedIn: [Entity!]! @relationship(type: "IMPLEMENTED_IN", direction: OUT, properties: "Evidence")${hostedIn}${locatedIn}${focuses}${cooperates}
}

type Policy implements Entity @node(labels: ["Policy", "Entity"]) {${entityFields}
  issuedBy: [Entity!]! @relationship(type: "ISSUED", direction: IN, properties: "Issuance")
  appliesTo: [Entity!]! @relationship(type: "APPLIES_TO", direction: OUT, properties: "Evidence")
  implementedIn: [Entity!]! @relationship(type: "IMPLEMENTED_IN", direction: OUT, properties: "Evidence")${focuses}${targets}
}

type Person implements Entity @node(labels: ["Person", "Entity"]) {${entityFields}
  leads: [Entity!]! @relationship(type: "LEADS", direction: OUT, properties: "Leadership")${cooperates}${events}
}

type Document @node {
  id: ID!
  title: String!
  publisher: String
  author: String
  publishedOn: String
  file: String!
  text: String!
  mentions: [Entity!]! @relationship(type: "MENTIONS", direction: OUT, properties: "Mentions")
}

type Fact @node {
  id: ID!
  property: String!
  value: String!
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
}

# ---- relationship properties

type Evidence @relationshipProperties {
  id: ID!
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
}

type Focus @relationshipProperties {
  id: ID!
  role: String
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
}

type Targeting @relationshipProperties {
  id: ID!
  "The id of the Region whose investors are sought."
  investorOrigin: String
  "The keys (lowercased id, name, aliases) of that region: filter with originKeys: { includes: \\"taiwanese\\" }."
  originKeys: [String!]! @cypher(statement: """
    OPTIONAL MATCH (r:Region {id: this.investorOrigin})
    RETURN coalesce(r.keys, []) AS keys""", columnName: "keys")
  "That region."
  origin: Region @cypher(statement: """
    MATCH (r:Region {id: this.investorOrigin})
    RETURN r""", columnName: "r")
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
}

type Hosting @relationshipProperties {
  id: ID!
  facility: String
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
}

type Participation @relationshipProperties {
  id: ID!
  role: String
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
}

type Issuance @relationshipProperties {
  id: ID!
  date: String
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
}

type SignedProjects @relationshipProperties {
  id: ID!
  count: Int
  amountCny: Float
  amountUsd: Float
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
}

type Leadership @relationshipProperties {
  id: ID!
  title: String
  evidenceDocs: [String!]!
  evidenceQuotes: [String!]!
}

type Mentions @relationshipProperties {
  count: Int!
}

# ---- results of the @cypher root fields (plain types: no @node)

"An entity as a @cypher map: a plain object type, because a @cypher field may not nest a node inside a plain type (see README.md)."
type EntityRef {
  id: ID!
  type: String!
  name: String!
}

type SearchHit {
  entity: EntityRef!
  score: Float!
  "The query equals the entity's id, name or one of its aliases (case-insensitive)."
  exact: Boolean!
}

"A relationship as stored: from source to target."
type Edge {
  id: ID
  type: String!
  source: ID!
  target: ID!
}

type Subgraph {
  nodes: [EntityRef!]!
  edges: [Edge!]!
}

type Path {
  length: Int!
  nodes: [EntityRef!]!
  edges: [Edge!]!
}

type Query {
  """
  Entities whose name, aliases or description match the query in the entity_text
  full-text index, every word whole or as a prefix; an exact id, name or alias match
  first, then by score. Characters other than letters and digits separate words (no
  Lucene syntax reaches the index). labels restricts to some entity labels ("Park").
  """
  search(query: String!, first: Int = 10, labels: [String!] = []): [SearchHit!]! @cypher(statement: """
    WITH reduce(s = '', c IN split(toLower($query), '') |
           s + CASE WHEN c =~ '[\\\\p{L}\\\\p{N}]' THEN c ELSE ' ' END) AS cleaned
    WITH [w IN split(cleaned, ' ') WHERE w <> ''][..16] AS ws
    WHERE size(ws) > 0
    WITH reduce(q = '', w IN ws | q + CASE WHEN q = '' THEN '' ELSE ' OR ' END + w + ' OR ' + w + '*') AS lucene
    CALL db.index.fulltext.queryNodes('entity_text', lucene,
      {limit: CASE WHEN $first * 5 > 100 THEN $first * 5 ELSE 100 END}) YIELD node, score
    WITH node, score
    WHERE size($labels) = 0 OR any(l IN labels(node) WHERE l IN $labels)
    WITH node, score, toLower(trim($query)) IN node.keys AS exact
    ORDER BY exact DESC, score DESC, node.name, node.id
    LIMIT $first
    RETURN {entity: node {.id, .type, .name}, score: score, exact: exact} AS hit""", columnName: "hit")

  """
  The entities within depth (1 to 3) hops of id over the given relationship types,
  nearest first and at most limit besides id itself, with every relationship of those
  types among them. An unknown id, or a depth outside 1 to 3, gives only id itself or an
  empty subgraph. (A variable-length bound cannot be a Cypher parameter: one branch per
  depth, of which only the asked one expands.)
  """
  neighborhood(id: ID!, depth: Int = 1, types: [String!] = ${typesDefault}, limit: Int = 100): Subgraph! @cypher(statement: """
    OPTIONAL MATCH (start:Entity {id: $id})
    CALL (start) {
      CALL (start) {
        WITH start WHERE $depth = 1
        MATCH p = (start)-[rs*1..1]-(m:Entity)
        WHERE m <> start AND all(r IN rs WHERE type(r) IN $types)
        RETURN m, length(p) AS len
        UNION
        WITH start WHERE $depth = 2
        MATCH p = (start)-[rs*1..2]-(m:Entity)
        WHERE m <> start AND all(r IN rs WHERE type(r) IN $types)
        RETURN m, length(p) AS len
        UNION
        WITH start WHERE $depth = 3
        MATCH p = (start)-[rs*1..3]-(m:Entity)
        WHERE m <> start AND all(r IN rs WHERE type(r) IN $types)
        RETURN m, length(p) AS len
      }
      WITH m, min(len) AS d
      ORDER BY d, m.name, m.id
      RETURN collect(m)[..$limit] AS ms
    }
    WITH CASE WHEN start IS NULL THEN [] ELSE [start] + ms END AS nodes
    CALL (nodes) {
      UNWIND nodes AS a
      MATCH (a)-[r]->(b:Entity)
      WHERE type(r) IN $types AND b IN nodes
      RETURN collect(DISTINCT {id: r.id, type: type(r), source: a.id, target: b.id}) AS edges
    }
    RETURN {nodes: [n IN nodes | n {.id, .type, .name}], edges: edges} AS g""", columnName: "g")

  """
  A shortest path between two entities over the given relationship types, at most
  maxDepth (1 to 6) hops; null when there is none.
  """
  shortestPath(from: ID!, to: ID!, maxDepth: Int = 6, types: [String!] = ${typesDefault}): Path @cypher(statement: """
    MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
    MATCH p = shortestPath((a)-[*..6]-(b))
    WHERE all(r IN relationships(p) WHERE type(r) IN $types)
    WITH p WHERE length(p) <= $maxDepth
    RETURN {
      length: length(p),
      nodes: [n IN nodes(p) | n {.id, .type, .name}],
      edges: [r IN relationships(p) | {id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id}]
    } AS path""", columnName: "path")

  "The given entities and every relationship of the given types among them."
  subgraph(ids: [ID!]!, types: [String!] = ${typesDefault}): Subgraph! @cypher(statement: """
    OPTIONAL MATCH (n:Entity) WHERE n.id IN $ids
    WITH collect(n) AS nodes
    CALL (nodes) {
      UNWIND nodes AS a
      MATCH (a)-[r]->(b:Entity)
      WHERE type(r) IN $types AND b IN nodes
      RETURN collect(DISTINCT {id: r.id, type: type(r), source: a.id, target: b.id}) AS edges
    }
    RETURN {nodes: [n IN nodes | n {.id, .type, .name}], edges: edges} AS g""", columnName: "g")
}
`;
