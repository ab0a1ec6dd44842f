package neo4jdb

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TryWriteOnReadPath sends a write through the read path; it must fail.
func TryWriteOnReadPath(ctx context.Context, s *Store) error {
	_, err := s.read(ctx, "CREATE (n:ReadPathProbe) RETURN n", nil)
	return err
}

// ReadRows runs cypher, without parameters, in a read transaction and returns how many
// records it gave. The cookbook test uses it to run neo4j/cookbook.cypher.
func ReadRows(ctx context.Context, s *Store, cypher string) (int, error) {
	recs, err := s.read(ctx, cypher, nil)
	return len(recs), err
}

// GoldenQuery is one query of the golden files of testdata/cypher.
type GoldenQuery struct {
	Name   string
	Cypher string
	Params map[string]any
}

// GoldenQueries builds every query of the golden files that the store sends (cases that
// send none are left out).
func GoldenQueries() ([]GoldenQuery, error) {
	cases, err := goldenQueries()
	var out []GoldenQuery
	for _, c := range cases {
		if c.cypher != "" {
			out = append(out, GoldenQuery{Name: c.name, Cypher: c.cypher, Params: c.params})
		}
	}
	return out, err
}

// Explain plans cypher with EXPLAIN in a read transaction: Neo4j checks the query and
// its parameters without running it.
func Explain(ctx context.Context, s *Store, cypher string, params map[string]any) error {
	_, err := s.read(ctx, "EXPLAIN "+cypher, params)
	return err
}

// RunSchema runs one schema statement, such as an index an older schema created, in its
// own write transaction.
func RunSchema(ctx context.Context, s *Store, stmt string) error {
	_, err := neo4j.ExecuteQuery(ctx, s.driver, stmt, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithWritersRouting())
	return err
}

// FullTextIndexes returns every full-text index of the database by name, each written as
// "Label[property ...] analyzer".
func FullTextIndexes(ctx context.Context, s *Store) (map[string]string, error) {
	recs, err := s.read(ctx, "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options "+
		"RETURN name, labelsOrTypes[0] + '[' + reduce(t = '', p IN properties | t + CASE t WHEN '' THEN '' ELSE ' ' END + p) + '] ' + "+
		"options.indexConfig.`fulltext.analyzer` AS definition", nil)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, rec := range recs {
		name, err := column[string](rec, "name")
		if err != nil {
			return nil, err
		}
		if out[name], err = column[string](rec, "definition"); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ReadCounts runs cypher, whose rows are (k, n), in a read transaction and returns n by
// k. The breakdown tests count with it what the store's queries should.
func ReadCounts(ctx context.Context, s *Store, cypher string, params map[string]any) (map[string]int, error) {
	recs, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, rec := range recs {
		k, err := column[string](rec, "k")
		if err != nil {
			return nil, err
		}
		n, err := column[int64](rec, "n")
		if err != nil {
			return nil, err
		}
		out[k] = int(n)
	}
	return out, nil
}
