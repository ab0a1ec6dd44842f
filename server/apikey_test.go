package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// keysFile writes a keys file holding the digests of the given keys, named as in the map,
// and returns its path.
func keysFile(t testing.TB, keys map[string]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("# name sha256(key)\n\n")
	for name, key := range keys {
		sum := sha256.Sum256([]byte(key))
		b.WriteString(name + " " + hex.EncodeToString(sum[:]) + "\n")
	}
	path := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAKeysFileIsReadAsNamesAndDigestsAndRefusedWithItsLineWhenMalformed(t *testing.T) {
	keys, err := loadAPIKeys(keysFile(t, map[string]string{"dashboard": "s3cret-dashboard"}))
	if err != nil {
		t.Fatal(err)
	}
	if name, ok := keys.name("s3cret-dashboard"); !ok || name != "dashboard" {
		t.Errorf("the dashboard's key gave %q, %v", name, ok)
	}
	if _, ok := keys.name("s3cret-dashboarD"); ok {
		t.Error("a key that differs in one letter was accepted")
	}
	digest := strings.Repeat("ab", 32)
	for _, tc := range []struct{ name, text, want string }{
		{"a line with one field", "dashboard\n", ":1: want NAME SHA256HEX"},
		{"a digest that is not hex", "dashboard " + strings.Repeat("zz", 32) + "\n", ":1: "},
		{"a digest of the wrong length", "dashboard abcd\n", "is not a hex SHA-256 digest"},
		{"a name used twice", "a " + digest + "\n\na " + strings.Repeat("cd", 32) + "\n", ":3: name or digest listed twice"},
		{"a digest listed twice", "a " + digest + "\nb " + digest + "\n", ":2: name or digest listed twice"},
		{"no key at all", "# nothing\n", "no keys"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "keys")
			if err := os.WriteFile(path, []byte(tc.text), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := loadAPIKeys(path); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("loadAPIKeys = %v, want an error with %q", err, tc.want)
			}
		})
	}
	if _, err := loadConfig(func(k string) string { return map[string]string{"API_KEYS_FILE": "/nonexistent/keys"}[k] }); err == nil ||
		!strings.Contains(err.Error(), "API_KEYS_FILE") {
		t.Errorf("a missing keys file gave %v, want an error naming API_KEYS_FILE", err)
	}
}

func TestWithKeysOnlyARequestWithAKnownKeyIsServed(t *testing.T) {
	const secret = "k3y-for-the-dashboard-team"
	srv := newTestServer(t, serverOptions{env: map[string]string{"API_KEYS_FILE": keysFile(t, map[string]string{"dashboards": secret})}})
	const q = `{ stats { nodes } }`
	for _, tc := range []struct {
		name   string
		header map[string]string
		status int
		code   string
	}{
		{"no key is 401 API_KEY_MISSING", nil, 401, codeAPIKeyMissing},
		{"a wrong key is 401 API_KEY_INVALID", map[string]string{"X-Api-Key": "guess"}, 401, codeAPIKeyInvalid},
		{"a wrong bearer token is 401 API_KEY_INVALID", map[string]string{"Authorization": "Bearer " + secret + "x"}, 401, codeAPIKeyInvalid},
		{"a hostile header is refused as text", map[string]string{"X-Api-Key": "' OR 1=1 --<script>"}, 401, codeAPIKeyInvalid},
		{"the key in X-Api-Key is served", map[string]string{"X-Api-Key": secret}, 200, ""},
		{"the key as a bearer token is served", map[string]string{"Authorization": "bearer " + secret}, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := graphQL(t, srv.URL, gqlRequest{query: q, header: tc.header})
			if r.status != tc.status || r.code() != tc.code {
				t.Errorf("status %d code %q, want %d %q: %s", r.status, r.code(), tc.status, tc.code, r.raw)
			}
			if tc.status == 401 && !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate = %q, want a Bearer challenge", r.header.Get("WWW-Authenticate"))
			}
			if tc.status == 200 && !strings.Contains(string(r.Data), `"nodes"`) {
				t.Errorf("data %s", r.Data)
			}
			if strings.Contains(r.raw, "OR 1=1") {
				t.Errorf("the response echoes the key: %s", r.raw)
			}
		})
	}
	if strings.Contains(srv.logs.String(), secret) || strings.Contains(srv.logs.String(), "OR 1=1") {
		t.Error("a key reached the log")
	}
	var logged bool
	for _, rec := range srv.logs.lines(t) {
		logged = logged || rec["msg"] == "request" && rec["key"] == "dashboards"
	}
	if !logged {
		t.Error("no request line names the key dashboards")
	}
	got := scrape(t, srv.URL)
	wantMetric(t, got, `parkgraph_graphql_requests_by_key_total{key="dashboards"}`, 2)
	wantMetric(t, got, `parkgraph_graphql_requests_total{code="API_KEY_MISSING",operation="anonymous"}`, 1)
}

func TestTheRateLimitRefusesAClientPastItsBurstWithRetryAfterAndCountsItPerKey(t *testing.T) {
	srv := newTestServer(t, serverOptions{env: map[string]string{
		"RATE_LIMIT": "0.5", "RATE_BURST": "2",
		"API_KEYS_FILE": keysFile(t, map[string]string{"alpha": "key-alpha", "beta": "key-beta"}),
	}})
	ask := func(key string) gqlReply {
		return graphQL(t, srv.URL, gqlRequest{query: `{ stats { nodes } }`, header: map[string]string{"X-Api-Key": key}})
	}
	for i := range 2 {
		if r := ask("key-alpha"); r.status != 200 {
			t.Fatalf("alpha's request %d within its burst: %d %s", i+1, r.status, r.raw)
		}
	}
	r := ask("key-alpha")
	if r.status != 429 || r.code() != codeRateLimited {
		t.Fatalf("alpha past its burst: %d %q, want 429 RATE_LIMITED", r.status, r.code())
	}
	if ra := r.header.Get("Retry-After"); ra != "2" && ra != "1" {
		t.Errorf("Retry-After = %q, want 1 or 2 seconds at 0.5 requests/s", ra)
	}
	if r := ask("key-beta"); r.status != 200 {
		t.Errorf("beta has a bucket of its own but got %d", r.status)
	}
	wantMetric(t, scrape(t, srv.URL), `parkgraph_rate_limited_total{key="alpha"}`, 1)
}

func TestATokenBucketRefillsAtItsRate(t *testing.T) {
	now := time.Unix(0, 0)
	l := newRateLimiter(2, 3)
	l.now = func() time.Time { return now }
	for i := range 3 {
		if ok, _ := l.take("a"); !ok {
			t.Fatalf("take %d of a burst of 3 refused", i+1)
		}
	}
	ok, wait := l.take("a")
	if ok || wait != 500*time.Millisecond {
		t.Errorf("the 4th take: %v, wait %v; want refused, 500ms at 2/s", ok, wait)
	}
	if ok, _ := l.take("b"); !ok {
		t.Error("another client shares a's bucket")
	}
	now = now.Add(time.Second)
	for i := range 2 {
		if ok, _ := l.take("a"); !ok {
			t.Errorf("a second later, take %d of the 2 new tokens refused", i+1)
		}
	}
	if ok, _ := l.take("a"); ok {
		t.Error("a took a third token within a second at 2/s")
	}
	now = now.Add(time.Hour)
	l.dropRefilled(now)
	if len(l.buckets) != 0 {
		t.Errorf("%d refilled buckets kept", len(l.buckets))
	}
}
