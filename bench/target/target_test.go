package target

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

func TestEveryOperationOfTheSeedMixGetsItsKnownAnswer(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	db := neo4jtest.Config(t)
	bin, err := Build("../..", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	env := append(os.Environ(), "NEO4J_URI="+db.URI, "NEO4J_USERNAME="+db.Username, "NEO4J_PASSWORD="+db.Password)
	srv, err := Start(ctx, bin, env, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	if err := srv.WaitReady(ctx, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	client := NewClient(srv.URL, 4, 20*time.Second)
	for _, op := range SeedMix {
		t.Run(op.Name, func(t *testing.T) {
			if a := client.Check(ctx, op); a.Code() != "" {
				t.Errorf("code %s (%v): %.300s", a.Code(), a.Err, a.Data)
			}
		})
	}
	t.Run("a response without the expected piece is a wrong answer", func(t *testing.T) {
		op := SeedMix[0]
		op.Expect = `"id":"no-such-park"`
		if a := client.Check(ctx, op); a.Code() != CodeWrong {
			t.Errorf("code %q, want %s", a.Code(), CodeWrong)
		}
	})
	t.Run("an invalid query carries its GraphQL code", func(t *testing.T) {
		if a := client.Query(ctx, `{ parks(first: 1000) { nodes { id } } }`); a.Code() != "INVALID" {
			t.Errorf("code %q, want INVALID: %s", a.Code(), a.Data)
		}
	})
	if srv.PeakRSS() <= 0 {
		t.Error("no resident memory sampled")
	}
	if !srv.Alive() {
		t.Fatal("server died")
	}
	if err := srv.Stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
	if srv.Alive() {
		t.Error("alive after Stop")
	}
}

func TestAnswersWithoutAGraphQLCodeGetOneOfTheirOwn(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("case") {
		case "plain500":
			http.Error(w, "boom", http.StatusInternalServerError)
		case "nocode":
			w.Write([]byte(`{"errors":[{"message":"x"}]}`))
		case "slow":
			time.Sleep(300 * time.Millisecond)
			w.Write([]byte(`{"data":{}}`))
		default:
			w.Write([]byte(`{"data":{"ok":true}}`))
		}
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	closed := httptest.NewServer(h)
	closed.Close()
	ctx := context.Background()
	for _, c := range []struct {
		name, base, want string
		timedOut         bool
	}{
		{"a data answer is a success", srv.URL, "", false},
		{"a 500 without a GraphQL body", srv.URL + "/?case=plain500", CodeNoCode, false},
		{"an error without extensions.code", srv.URL + "/?case=nocode", CodeNoCode, false},
		{"a refused connection", closed.URL, CodeTransport, false},
		{"a response slower than the client timeout", srv.URL + "/?case=slow", CodeTransport, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			client := NewClient(c.base, 1, 100*time.Millisecond)
			client.url = c.base // keep the query string in the tests' URLs
			a := client.Query(ctx, "{ ok }")
			if a.Code() != c.want || a.TimedOut() != c.timedOut {
				t.Errorf("code %q timed out %v (err %v), want %q %v", a.Code(), a.TimedOut(), a.Err, c.want, c.timedOut)
			}
			if a.End.Before(a.Start) {
				t.Error("end before start")
			}
		})
	}
}
