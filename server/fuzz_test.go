package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzAPIKeyHeaders sends arbitrary X-Api-Key and Authorization values to the key
// check: it never panics, serves only the one known key, refuses everything else with
// 401 and one of its two codes, and never echoes what was sent.
func FuzzAPIKeyHeaders(f *testing.F) {
	const secret = "the-one-key"
	for _, s := range []string{"", secret, "Bearer " + secret, "bearer  " + secret + " ", "Basic dXNlcjpwYXNz", "' OR 1=1 --", "\x00\xff", strings.Repeat("k", 5000)} {
		f.Add(s, s)
	}
	keys, err := loadAPIKeys(keysFile(f, map[string]string{"only": secret}))
	if err != nil {
		f.Fatal(err)
	}
	served := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	h := requireKey(keys, served)
	// The two refusals, whatever was sent: the body is one of these, so it echoes nothing.
	refusals := map[string]bool{}
	for _, key := range []string{"", "wrong"} {
		req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		req.Header.Set(apiKeyHeader, key)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		refusals[rec.Body.String()] = true
	}
	f.Fuzz(func(t *testing.T, apiKey, authorization string) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		req.Header[apiKeyHeader] = []string{apiKey}
		req.Header["Authorization"] = []string{authorization}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		served := presentedKey(req) == secret
		switch {
		case served && rec.Code != http.StatusNoContent:
			t.Errorf("the key was refused: %d", rec.Code)
		case !served && rec.Code != http.StatusUnauthorized:
			t.Errorf("X-Api-Key %q, Authorization %q served with %d", apiKey, authorization, rec.Code)
		case !served && !refusals[rec.Body.String()]:
			t.Errorf("refusal %q is not one of the two fixed ones", rec.Body.String())
		}
	})
}
