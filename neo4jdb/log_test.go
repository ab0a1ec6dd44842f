package neo4jdb_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// requestKey marks a context as a request's, as the server's middleware does.
type requestKey struct{}

// contextHandler adds the request id of the record's context, as the server's logger does.
type contextHandler struct{ slog.Handler }

func (h contextHandler) Handle(ctx context.Context, r slog.Record) error {
	if id, ok := ctx.Value(requestKey{}).(string); ok {
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}

// storeLogging opens a store on the test database whose logger writes JSON at level to
// the returned buffer.
func storeLogging(t *testing.T, level slog.Level) (*neo4jdb.Store, *bytes.Buffer) {
	t.Helper()
	neo4jtest.Open(t) // waits until the database answers
	var buf bytes.Buffer
	cfg := neo4jtest.Config(t)
	cfg.Log = slog.New(contextHandler{slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: level})})
	store, err := neo4jdb.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close(context.Background()) })
	return store, &buf
}

func TestDebugLoggingShowsEachReadsCypherAndParameters(t *testing.T) {
	store, buf := storeLogging(t, slog.LevelDebug)
	ctx := context.WithValue(context.Background(), requestKey{}, "req-42")
	f := model.EntityFilter{Type: model.EntityTypePark, NameContains: "Phoenix"}
	if _, err := store.FindEntities(ctx, f, model.PageArgs{First: 3}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("one read logged %d lines:\n%s", len(lines), buf)
	}
	var rec struct {
		Level, Msg, Cypher string
		RequestID          string `json:"request_id"`
		Params             map[string]any
	}
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatalf("%v in %s", err, lines[0])
	}
	if rec.Level != "DEBUG" || rec.Msg != "cypher" || rec.RequestID != "req-42" {
		t.Errorf("level %q, msg %q, request_id %q; want DEBUG, cypher, req-42", rec.Level, rec.Msg, rec.RequestID)
	}
	if !strings.Contains(rec.Cypher, "CONTAINS $nameContains") || !strings.Contains(rec.Cypher, "(n:Park)") {
		t.Errorf("the logged Cypher is not the FindEntities query:\n%s", rec.Cypher)
	}
	if rec.Params["nameContains"] != "phoenix" || rec.Params["limit"] != float64(4) {
		t.Errorf("logged params = %v, want nameContains phoenix and limit 4", rec.Params)
	}
}

func TestInfoLoggingLogsNoCypher(t *testing.T) {
	store, buf := storeLogging(t, slog.LevelInfo)
	f := model.EntityFilter{Type: model.EntityTypePark, NameContains: "Phoenix"}
	if _, err := store.FindEntities(context.Background(), f, model.PageArgs{First: 3}); err != nil {
		t.Fatal(err)
	}
	if err := store.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("at info level the store logged:\n%s", buf)
	}
}
