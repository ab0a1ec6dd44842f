package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// auditResult is one audit of the GraphQL-over-HTTP suite, as server/httpaudit/audit.mjs
// prints it.
type auditResult struct {
	ID, Name, Status, Reason string
}

// TestTheGraphQLOverHTTPAuditFindsNothing runs the spec's own audit suite (npm
// graphql-http, serverAudits) against the real server, its response cache on, and wants every audit ok: no error
// and no warning. It needs Node and npm; under CI=true their absence fails the test.
func TestTheGraphQLOverHTTPAuditFindsNothing(t *testing.T) {
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("npm is not installed; the HTTP audit needs Node and npm")
		}
		t.Skip("npm is not installed; the HTTP audit needs Node and npm")
	}
	dir, err := filepath.Abs("httpaudit")
	if err != nil {
		t.Fatal(err)
	}
	install := exec.Command(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	install.Dir = dir
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
	}
	srv := newTestServer(t, serverOptions{env: map[string]string{"CACHE_BYTES": "67108864"}})
	run := exec.Command("node", "audit.mjs", srv.URL+"/graphql")
	run.Dir = dir
	out, err := run.Output()
	if err != nil {
		t.Fatalf("node audit.mjs: %v\n%s", err, out)
	}
	var results []auditResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("audit output is not JSON: %v\n%s", err, out)
	}
	counts := map[string]int{}
	for _, r := range results {
		counts[r.Status]++
		if r.Status != "ok" {
			t.Errorf("%s %s (%s): %s", r.Status, r.ID, r.Name, r.Reason)
		}
	}
	t.Logf("%d audits: %d ok, %d warnings, %d errors", len(results), counts["ok"], counts["warn"], counts["error"])
	if len(results) < 50 {
		t.Errorf("only %d audits ran; the suite has more than 50", len(results))
	}
}
