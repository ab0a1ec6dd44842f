// Package neo4jdb is the only package that talks to Neo4j. Reads run in read
// transactions, writes in write transactions; Cypher takes user input only as parameters.
package neo4jdb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/parkgraph/parkgraph/model"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string
	Username string
	Password string
	Database string
	// QueryTimeout bounds every read transaction; zero means 10 s.
	QueryTimeout time.Duration
	// Observer, when set, is told about every read round trip (for metrics).
	Observer QueryObserver
	// Log, when set, gets every read's Cypher and parameters at debug level, with the
	// read's context (so a handler can add the request id). Nil: no logging.
	Log *slog.Logger
	// Tracer, when set, gets a span for every read round trip, a child of the span in
	// the read's context: its Cypher (never the parameters, which hold user input), the
	// rows it returned, the time Neo4j took to make the result available, and its error
	// code. Nil: no spans.
	Tracer trace.Tracer
}

// QueryObserver is told about the store's read round trips. Its methods are called from
// many goroutines and must be fast.
type QueryObserver interface {
	// QueryStarted is called when a round trip starts, with the context of the read.
	QueryStarted(ctx context.Context)
	// QueryDone is called when it ends, with its duration and its error (a *model.Error,
	// or nil on success).
	QueryDone(ctx context.Context, d time.Duration, err error)
}

// MaxConnectionPoolSize is the size of the driver's connection pool. The driver does not
// report how many connections are in use; QueryObserver sees the queries in flight.
const MaxConnectionPoolSize = 50

// ConfigFromEnv reads NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USERNAME
// (default neo4j), NEO4J_PASSWORD and NEO4J_DATABASE (default neo4j) through getenv.
func ConfigFromEnv(getenv func(string) string) Config {
	or := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	return Config{
		URI:      or("NEO4J_URI", "bolt://127.0.0.1:7687"),
		Username: or("NEO4J_USERNAME", "neo4j"),
		Password: getenv("NEO4J_PASSWORD"),
		Database: or("NEO4J_DATABASE", "neo4j"),
	}
}

// Store answers graph questions from one Neo4j database through one driver.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	timeout  time.Duration
	queries  atomic.Int64
	observer QueryObserver
	log      *slog.Logger
	tracer   trace.Tracer
}

// Open creates the driver. It does not wait for Neo4j: a server may start before the
// database and become ready when it answers (see Ping).
func Open(cfg Config) (*Store, error) {
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""),
		func(c *config.Config) {
			c.MaxConnectionPoolSize = MaxConnectionPoolSize
			c.ConnectionAcquisitionTimeout = 5 * time.Second
			c.SocketConnectTimeout = 3 * time.Second
			// The driver sleeps about 2 s, then 4 s, between attempts and stops retrying once
			// this much time has passed since the first began. One second allows one retry
			// (after ~2 s): a read fails with UNAVAILABLE about 2 s into an outage rather
			// than ~6 s (or at the request deadline, as TIMEOUT), and one caught in the
			// backoff when Neo4j returns waits at most ~2 s. A pooled connection that died
			// while idle is still replaced at once: the driver retries those without sleeping.
			c.MaxTransactionRetryTime = time.Second
		})
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %q: %w", cfg.URI, err)
	}
	s := &Store{driver: driver, database: cfg.Database, timeout: cfg.QueryTimeout, observer: cfg.Observer, log: cfg.Log, tracer: cfg.Tracer}
	if s.database == "" {
		s.database = "neo4j"
	}
	if s.timeout <= 0 {
		s.timeout = 10 * time.Second
	}
	return s, nil
}

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping runs RETURN 1 in a read transaction. It returns an UNAVAILABLE error when Neo4j
// does not answer.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, "RETURN 1 AS one", nil)
	return err
}

// Queries returns how many database round trips this store has made. Tests use it to
// check that a request costs a bounded number of queries.
func (s *Store) Queries() int64 { return s.queries.Load() }

// read runs one query in a read transaction and returns all its records. It times the
// round trip (retries and connection acquisition included) and tells the store's
// QueryObserver, if any. With a logger enabled for debug, it logs the Cypher and the
// parameters first.
func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	s.queries.Add(1)
	if s.log != nil && s.log.Enabled(ctx, slog.LevelDebug) {
		s.log.DebugContext(ctx, "cypher", "cypher", cypher, "params", params)
	}
	if s.tracer != nil {
		var span trace.Span
		ctx, span = s.tracer.Start(ctx, "neo4j.read", trace.WithSpanKind(trace.SpanKindClient),
			trace.WithAttributes(attribute.String("db.system", "neo4j"), attribute.String("db.namespace", s.database),
				attribute.String("db.query.text", cypher)))
		defer span.End()
	}
	if s.observer != nil {
		s.observer.QueryStarted(ctx)
	}
	start := time.Now()
	// The transaction may run until the store's timeout or the request's deadline,
	// whichever comes first: Neo4j then stops it, not just the client.
	timeout := s.timeout
	if dl, ok := ctx.Deadline(); ok {
		timeout = max(min(timeout, time.Until(dl)), time.Millisecond)
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database),
		neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(timeout)))
	d := time.Since(start)
	if err != nil {
		err = dbError(err)
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			// The driver reports a passed deadline as a connectivity error.
			err = &model.Error{Code: model.CodeTimeout, Message: timedOut, Err: err}
		}
		if model.ErrorCode(err) == model.CodeTimeout && !s.answering(ctx) {
			// Not this read's length: Neo4j is not answering at all (for example a
			// restart that opened its port but does not run queries yet).
			err = &model.Error{Code: model.CodeUnavailable, Message: "the graph database is unavailable", Err: err}
		}
	}
	if s.observer != nil {
		s.observer.QueryDone(ctx, d, err)
	}
	span := trace.SpanFromContext(ctx)
	if err != nil {
		span.SetAttributes(attribute.String("error.type", string(model.ErrorCode(err))))
		span.SetStatus(codes.Error, string(model.ErrorCode(err)))
		return nil, err
	}
	span.SetAttributes(attribute.Int("db.response.returned_rows", len(res.Records)),
		attribute.Int64("neo4j.result_available_after_ms", res.Summary.ResultAvailableAfter().Milliseconds()))
	return res.Records, nil
}

const timedOut = "the query took longer than its time limit"

// memoryCodes are Neo4j's codes for a transaction that reached a memory limit: its own
// (db.memory.transaction.max), the pool of all transactions, or the heap.
var memoryCodes = map[string]bool{
	"Neo.TransientError.General.TransactionMemoryLimit":      true,
	"Neo.TransientError.General.MemoryPoolOutOfMemoryError":  true,
	"Neo.TransientError.General.TransactionOutOfMemoryError": true,
	"Neo.TransientError.General.OutOfMemoryError":            true,
}

// answering reports whether Neo4j runs RETURN 1 within a second. read asks it only after
// a timeout, to tell a read that ran too long from a database that answers nothing.
func (s *Store) answering(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "RETURN 1", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	return err == nil
}

// dbError maps a driver error to a domain error: OUT_OF_MEMORY when the transaction ran
// out of the memory Neo4j grants it (a transient error, but one that the same read
// meets again); UNAVAILABLE when Neo4j cannot be reached or is not ready (any other
// transient error), even if the deadline passed meanwhile; TIMEOUT when the transaction
// ran past its time limit or the request's deadline passed; INTERNAL otherwise. The
// cause stays in the error for logs; clients see only the message.
func dbError(err error) error {
	var ne *neo4j.Neo4jError
	isNeo := errors.As(lastCause(err), &ne)
	switch {
	case isNeo && memoryCodes[ne.Code]:
		return &model.Error{Code: model.CodeOutOfMemory, Message: "the read needed more memory than the graph database grants one: narrow it", Err: err}
	case neo4j.IsConnectivityError(err) || neo4j.IsTransactionExecutionLimit(err) || errors.Is(err, context.Canceled) ||
		isNeo && strings.HasPrefix(ne.Code, "Neo.TransientError."):
		return &model.Error{Code: model.CodeUnavailable, Message: "the graph database is unavailable", Err: err}
	case errors.Is(err, context.DeadlineExceeded) ||
		isNeo && strings.HasPrefix(ne.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
		return &model.Error{Code: model.CodeTimeout, Message: timedOut, Err: err}
	}
	return &model.Error{Code: model.CodeInternal, Message: "internal error", Err: err}
}

// lastCause returns, for an error of the driver that stopped retrying, the error of its
// last try (what Neo4j said last), and err itself otherwise.
func lastCause(err error) error {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return limit.Errors[len(limit.Errors)-1]
	}
	return err
}

// column reads the column name of rec as a T; a null gives T's zero value. A missing
// column or a value of another type gives an INTERNAL error.
func column[T neo4j.RecordValue](rec *neo4j.Record, name string) (T, error) {
	v, _, err := neo4j.GetRecordValue[T](rec, name)
	if err != nil {
		var zero T
		if raw, ok := rec.Get(name); ok && raw == nil {
			return zero, nil
		}
		return zero, internal(fmt.Errorf("record column %q: %w", name, err))
	}
	return v, nil
}

// as returns x, a value of a record, as a T, or an INTERNAL error that says what x is,
// what was expected and what came.
func as[T any](x any, what string) (T, error) {
	v, ok := x.(T)
	if !ok {
		return v, internal(fmt.Errorf("%s: want %T, got %T", what, v, x))
	}
	return v, nil
}

// internal wraps cause, a result the store cannot decode, as an INTERNAL error: clients
// see only "internal error", the logs see the cause.
func internal(cause error) error {
	return &model.Error{Code: model.CodeInternal, Message: "internal error", Err: cause}
}

// readLists runs q, whose rows are (id, list), in a read transaction and maps every item
// of each list with item. Ids without a row are absent from the map.
func readLists[T any](ctx context.Context, s *Store, q string, params map[string]any, item func(any) (T, error)) (map[string][]T, error) {
	recs, err := s.read(ctx, q, params)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]T, len(recs))
	for _, rec := range recs {
		id, err := column[string](rec, "id")
		if err != nil {
			return nil, err
		}
		list, err := column[[]any](rec, "list")
		if err != nil {
			return nil, err
		}
		for _, x := range list {
			v, err := item(x)
			if err != nil {
				return nil, err
			}
			out[id] = append(out[id], v)
		}
	}
	return out, nil
}
