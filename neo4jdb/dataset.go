package neo4jdb

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// datasetDigest reads the digest of the latest load: one Dataset node, one property.
const datasetDigest = `OPTIONAL MATCH (d:Dataset) WITH d ORDER BY d.loadedAt DESC LIMIT 1 RETURN d.digest AS digest`

// DatasetDigest returns the digest the latest complete load wrote on its Dataset node,
// or "" when the database holds none. It is the server's cheap check of which dataset it
// serves: one tiny read, not counted in Queries and not told to the QueryObserver, so
// that it does not show as a round trip of the request that triggered it.
func (s *Store) DatasetDigest(ctx context.Context) (string, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, datasetDigest, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database),
		neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.timeout)))
	if err != nil {
		return "", fmt.Errorf("read the dataset digest: %w", dbError(err))
	}
	if len(res.Records) != 1 {
		return "", nil
	}
	v, _ := res.Records[0].Get("digest")
	d, _ := v.(string)
	return d, nil
}
