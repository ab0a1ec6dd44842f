// Constraints and indexes of the parkgraph database. Every statement is idempotent.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT fact_id IF NOT EXISTS FOR (f:Fact) REQUIRE f.id IS UNIQUE;
CREATE CONSTRAINT dataset_digest IF NOT EXISTS FOR (d:Dataset) REQUIRE d.digest IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
// Lists of one type are paged in name order straight from its own name index.
CREATE INDEX zone_name IF NOT EXISTS FOR (n:Zone) ON (n.name);
CREATE INDEX park_name IF NOT EXISTS FOR (n:Park) ON (n.name);
CREATE INDEX district_name IF NOT EXISTS FOR (n:District) ON (n.name);
CREATE INDEX region_name IF NOT EXISTS FOR (n:Region) ON (n.name);
CREATE INDEX industry_name IF NOT EXISTS FOR (n:Industry) ON (n.name);
CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name);
CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name);
CREATE INDEX policy_name IF NOT EXISTS FOR (n:Policy) ON (n.name);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name);
CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type);
CREATE INDEX document_title IF NOT EXISTS FOR (d:Document) ON (d.title);
// The full-text indexes. ApplySchema replaces one whose labels, properties or analyzer
// differ from the statement here. compounds holds the compound words of the other
// properties written joined ("Micro-electronics" as "Microelectronics"). The *_text
// indexes keep every word as written (standard-no-stop-words), for whole and prefix
// matches. The *_english ones, on descriptions, titles and texts, drop English stop words
// and index Porter stems ("parks" finds "park", "manufacturing" finds "manufacture").
// Neo4j holds one full-text index per labels and properties, so the two kinds cover
// different properties. No comment holds a semicolon.
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliasText, n.description, n.compounds];
CREATE FULLTEXT INDEX document_text IF NOT EXISTS FOR (d:Document) ON EACH [d.title, d.text, d.compounds];
CREATE FULLTEXT INDEX entity_english IF NOT EXISTS FOR (n:Entity) ON EACH [n.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE FULLTEXT INDEX document_english IF NOT EXISTS FOR (d:Document) ON EACH [d.title, d.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
