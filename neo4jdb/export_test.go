package neo4jdb

import "context"

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
