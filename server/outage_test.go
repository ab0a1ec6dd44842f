package main

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parkgraph/parkgraph/neo4jdb/neo4jtest"
)

// The deadline the outage tests give every request; the time within which a request
// must fail when Neo4j refuses connections (the driver retries once, after about 2 s) and
// when it accepts them but never answers (connection acquisition gives up after 5 s);
// and the time the server has to recover once Neo4j answers again.
const (
	outageRequestTimeout = 8 * time.Second
	refusedLimit         = 3 * time.Second
	silentLimit          = 6 * time.Second
	recoveryLimit        = 5 * time.Second
	headline             = `{ parks(where: {targets: {industry: "biotech", investorOrigin: "Taiwan"}}) { nodes { id } } }`
)

// outageAsk is the headline query from a client that gives up after the request timeout
// plus 5 s, so a request the server lets hang fails the test.
var outageAsk = gqlRequest{query: headline, timeout: outageRequestTimeout + 5*time.Second}

// expectDown checks that the server, while Neo4j is unreachable, says so on /readyz and
// answers a query with UNAVAILABLE within limit.
func expectDown(t *testing.T, base string, limit time.Duration) {
	t.Helper()
	if got := status(t, base+"/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d while Neo4j is down, want 503", got)
	}
	a := graphQL(t, base, outageAsk)
	if a.code() != "UNAVAILABLE" {
		t.Errorf("query while Neo4j is down: %s %+v, want extensions.code UNAVAILABLE", a.Data, a.Errors)
	}
	if a.elapsed > limit {
		t.Errorf("query while Neo4j is down took %v, longer than %v", a.elapsed, limit)
	}
}

// expectRecovery waits until /readyz is 200 and the headline query finds the Fuling park,
// and fails the test when that takes longer than recoveryLimit after up.
func expectRecovery(t *testing.T, base string, up time.Time) {
	t.Helper()
	var last string
	for {
		if status(t, base+"/readyz") == http.StatusOK {
			a := graphQL(t, base, outageAsk)
			if a.code() == "" && strings.Contains(string(a.Data), "fuling-district-industrial-park") {
				t.Logf("recovered %v after Neo4j came back", time.Since(up).Round(time.Millisecond))
				return
			}
			last = fmt.Sprintf("%s %+v", a.Data, a.Errors)
		}
		if time.Since(up) > recoveryLimit {
			t.Fatalf("not recovered %v after Neo4j came back (last answer %s)", recoveryLimit, last)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// askConcurrently asks the headline query n times at once and returns the codes of the
// answers that failed.
func askConcurrently(t *testing.T, base string, n int) []string {
	t.Helper()
	var mu sync.Mutex
	var failed []string
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code := "transport"
			if a, err := outageAsk.send(base); err == nil {
				code = a.code()
			}
			if code != "" {
				mu.Lock()
				failed = append(failed, code)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return failed
}

func TestAServerStartedWithNeo4jDownAnswersUnavailableInSeconds(t *testing.T) {
	// A port nothing listens on refuses at once; a listener that accepts and never
	// answers (a hung or paused Neo4j) must not hang requests either.
	refused, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refusedAddr := refused.Addr().String()
	refused.Close()
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	for _, c := range []struct {
		name, addr string
		limit      time.Duration
	}{
		{"when its port refuses connections", refusedAddr, refusedLimit},
		{"when it accepts connections but never answers", silent.Addr().String(), silentLimit},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := startServer(t, map[string]string{"NEO4J_URI": "bolt://" + c.addr, "NEO4J_PASSWORD": "unused-password",
				"REQUEST_TIMEOUT": outageRequestTimeout.String()}).URL
			expectDown(t, base, c.limit)
		})
	}
}

func TestTheServerRecoversWithoutARestartWhenNeo4jComesBack(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.LoadSeeds(t, store)
	db := neo4jtest.Config(t)
	proxy := neo4jtest.NewProxy(t, db.URI, false)
	base := startServer(t, map[string]string{
		"NEO4J_URI": proxy.URI(), "NEO4J_USERNAME": db.Username, "NEO4J_PASSWORD": db.Password, "NEO4J_DATABASE": db.Database,
		"REQUEST_TIMEOUT": outageRequestTimeout.String(),
	}).URL

	t.Run("it starts while Neo4j is down and answers UNAVAILABLE", func(t *testing.T) {
		expectDown(t, base, refusedLimit)
	})
	t.Run("it becomes ready within 5 s of Neo4j answering", func(t *testing.T) {
		proxy.Up(t)
		expectRecovery(t, base, time.Now())
	})
	t.Run("connections that died while idle are not handed to requests", func(t *testing.T) {
		if failed := askConcurrently(t, base, 8); len(failed) > 0 {
			t.Fatalf("before the outage: failed %v", failed)
		}
		// Every pooled connection dies, and Neo4j is back before any request notices.
		proxy.Down()
		proxy.Up(t)
		if failed := askConcurrently(t, base, 8); len(failed) > 0 {
			t.Errorf("right after Neo4j came back: %d of 8 requests failed with %v", len(failed), failed)
		}
	})
	t.Run("an outage while serving answers UNAVAILABLE and heals within 5 s", func(t *testing.T) {
		proxy.Down()
		expectDown(t, base, refusedLimit)
		proxy.Up(t)
		expectRecovery(t, base, time.Now())
		if failed := askConcurrently(t, base, 8); len(failed) > 0 {
			t.Errorf("after recovery: failed %v", failed)
		}
	})
}
