package main

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// codeRateLimited is the extensions.code of a request refused by the rate limit.
const codeRateLimited = "RATE_LIMITED"

// maxBuckets bounds the buckets kept for client addresses; past it, the buckets that
// have refilled (clients idle long enough) are dropped.
const maxBuckets = 10000

// rateLimiter is a token bucket per client: per API key name when keys are on, per
// client address otherwise. Each bucket holds up to burst tokens and gains rate tokens
// a second; a request takes one. Safe for concurrent use.
type rateLimiter struct {
	rate  float64
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newRateLimiter(rate float64, burst int) *rateLimiter {
	return &rateLimiter{rate: rate, burst: float64(max(burst, 1)), now: time.Now, buckets: map[string]*bucket{}}
}

// take takes a token from client's bucket. When there is none it returns false and how
// long until there is one.
func (l *rateLimiter) take(client string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[client]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.dropRefilled(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[client] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// dropRefilled forgets the buckets that are full again: their clients lose nothing.
func (l *rateLimiter) dropRefilled(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}

// limit refuses a request whose client has no token left with 429, Retry-After (whole
// seconds, at least 1) and RATE_LIMITED, counting it in m under the key's name; the
// client is the request's API key name, or its remote address when it has none.
func limit(l *rateLimiter, m *metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := requestFrom(r.Context()).KeyName()
		client := "key:" + name
		if name == "" {
			host, _, err := net.SplitHostPort(r.RemoteAddr)
			if err != nil {
				host = r.RemoteAddr
			}
			client = "addr:" + host
		}
		ok, wait := l.take(client)
		if !ok {
			m.rateLimited(name)
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(max(wait.Seconds(), 1)))))
			refuse(w, r, http.StatusTooManyRequests, codeRateLimited, "too many requests: retry after the time in Retry-After")
			return
		}
		next.ServeHTTP(w, r)
	})
}
