package main

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
)

// The extensions.code of requests refused for their API key.
const (
	codeAPIKeyMissing = "API_KEY_MISSING"
	codeAPIKeyInvalid = "API_KEY_INVALID"
)

// apiKeyHeader carries an API key; "Authorization: Bearer KEY" does too.
const apiKeyHeader = "X-Api-Key"

// apiKeys holds the SHA-256 digests of the accepted API keys, each with the name of its
// holder. The keys themselves are never stored, on disk or in memory, and never logged:
// a request is known by its key's name.
type apiKeys struct {
	digests [][sha256.Size]byte
	names   []string
}

var keyName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// loadAPIKeys reads a keys file: one key per line, "NAME SHA256HEX" (the hex digest of
// the key, as `printf %s "$KEY" | sha256sum` prints it), blank lines and lines starting
// with # ignored. It returns an error naming the file and line of anything else, of a
// name used twice and of a digest listed twice.
func loadAPIKeys(path string) (*apiKeys, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("API_KEYS_FILE: %w", err)
	}
	defer f.Close()
	keys := &apiKeys{}
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 2 || !keyName.MatchString(fields[0]) {
			return nil, fmt.Errorf("%s:%d: want NAME SHA256HEX (a name of letters, digits, '.', '_' or '-')", path, line)
		}
		sum, err := hex.DecodeString(fields[1])
		if err != nil || len(sum) != sha256.Size {
			return nil, fmt.Errorf("%s:%d: %q is not a hex SHA-256 digest (64 hex digits)", path, line, fields[1])
		}
		if seen[fields[0]] || seen[strings.ToLower(fields[1])] {
			return nil, fmt.Errorf("%s:%d: name or digest listed twice", path, line)
		}
		seen[fields[0]], seen[strings.ToLower(fields[1])] = true, true
		keys.digests = append(keys.digests, [sha256.Size]byte(sum))
		keys.names = append(keys.names, fields[0])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("API_KEYS_FILE: %w", err)
	}
	if len(keys.names) == 0 {
		return nil, fmt.Errorf("%s: no keys; leave API_KEYS_FILE unset to serve without keys", path)
	}
	return keys, nil
}

// name returns the name of key, comparing its digest with every known one in constant
// time, and false when it is not one of them.
func (k *apiKeys) name(key string) (string, bool) {
	sum := sha256.Sum256([]byte(key))
	found := -1
	for i, d := range k.digests {
		if subtle.ConstantTimeCompare(sum[:], d[:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return "", false
	}
	return k.names[found], true
}

// presentedKey returns the key a request carries in X-Api-Key or as an Authorization
// bearer token, and "" when it carries none.
func presentedKey(r *http.Request) string {
	if k := r.Header.Get(apiKeyHeader); k != "" {
		return k
	}
	if scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok && strings.EqualFold(scheme, "Bearer") {
		return strings.TrimSpace(token)
	}
	return ""
}

// requireKey refuses, with 401 and WWW-Authenticate: Bearer, a request that carries no
// key (API_KEY_MISSING) or one that is not among keys (API_KEY_INVALID); otherwise it
// records the key's name on the request (for its log line, metrics and rate limit) and
// calls next.
func requireKey(keys *apiKeys, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := presentedKey(r)
		if key == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="parkgraph"`)
			refuse(w, r, http.StatusUnauthorized, codeAPIKeyMissing,
				"an API key is required: send it as X-Api-Key or Authorization: Bearer")
			return
		}
		name, ok := keys.name(key)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="parkgraph", error="invalid_token"`)
			refuse(w, r, http.StatusUnauthorized, codeAPIKeyInvalid, "the API key is not valid")
			return
		}
		requestFrom(r.Context()).setKeyName(name)
		next.ServeHTTP(w, r)
	})
}
