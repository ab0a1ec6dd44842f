package neo4jdb

import "context"

// TryWriteOnReadPath sends a write through the read path; it must fail.
func TryWriteOnReadPath(ctx context.Context, s *Store) error {
	_, err := s.read(ctx, "CREATE (n:ReadPathProbe) RETURN n", nil)
	return err
}
