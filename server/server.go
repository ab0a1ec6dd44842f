package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/formatter"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/parkgraph/parkgraph/graph"
	browserfiles "github.com/parkgraph/parkgraph/neo4j"
	"github.com/parkgraph/parkgraph/neo4jdb"
	"github.com/parkgraph/parkgraph/web"
)

// Config is the server's configuration. Every field has a default and an environment
// variable.
type Config struct {
	Addr           string         // ADDR, default 127.0.0.1:8080
	Neo4j          neo4jdb.Config // NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE, QUERY_TIMEOUT
	CORSOrigins    []string       // CORS_ORIGINS, comma-separated; default local dev origins
	RequestTimeout time.Duration  // REQUEST_TIMEOUT, default 15s
	// ShutdownDelay (SHUTDOWN_DELAY, default 0s) is how long the server goes on serving
	// after SIGTERM with /readyz at 503, so that a load balancer stops sending it requests
	// before it stops accepting them.
	ShutdownDelay time.Duration
	MaxBodyBytes  int // MAX_BODY_BYTES, default 131072
	// MAX_DEPTH, MAX_COMPLEXITY, MAX_ALIASES, MAX_ROOT_FIELDS, MAX_TOKENS, INTROSPECTION,
	// FIELD_SUGGESTIONS; defaults in graph.DefaultLimits
	Limits   graph.Limits
	GraphiQL bool       // GRAPHIQL, default true
	Explorer bool       // EXPLORER, default true: the explorer page at /explore
	LogLevel slog.Level // LOG_LEVEL, default info
	Metrics  bool       // METRICS, default true: serve /metrics
	// APIKeys, from the file API_KEYS_FILE (see loadAPIKeys), makes /graphql require a
	// key; nil (no file) serves without keys.
	APIKeys *apiKeys
	// RateLimit (RATE_LIMIT, requests per second; 0, the default, is no limit) and
	// RateBurst (RATE_BURST, default twice RATE_LIMIT, at least 1) bound each client of
	// /graphql: each API key, or each client address when keys are off.
	RateLimit float64
	RateBurst int
	// CacheBytes (CACHE_BYTES, default 64 MiB; 0 turns the cache off) bounds the
	// response cache (see cached).
	CacheBytes int
	// TrustedDocuments (TRUSTED_DOCUMENTS: off, the default, allow or only) says which
	// documents /graphql runs (see documentExtensions); TrustedDocs is the manifest read
	// from TRUSTED_DOCUMENTS_FILE, which allow and only need.
	TrustedDocuments string
	TrustedDocs      manifest
	// WarmUp (WARM_UP, default true) answers the README's examples when the server
	// starts, before /readyz answers 200 (see startWarmUp).
	WarmUp bool
	// Tracing receives the spans of every request, GraphQL field and Neo4j read; run
	// sets it from the OTEL_* variables (see newTracerProvider); nil records nothing.
	Tracing trace.TracerProvider
}

// loadConfig reads Config from getenv. It returns an error naming the variable when a
// value does not parse.
func loadConfig(getenv func(string) string) (Config, error) {
	c := Config{
		Addr:         orDefault(getenv("ADDR"), "127.0.0.1:8080"),
		Neo4j:        neo4jdb.ConfigFromEnv(getenv),
		CORSOrigins:  split(orDefault(getenv("CORS_ORIGINS"), "http://localhost:*,http://127.0.0.1:*")),
		Limits:       graph.DefaultLimits,
		MaxBodyBytes: 128 << 10,
		GraphiQL:     true,
		Explorer:     true,
		Metrics:      true,
		WarmUp:       true,
	}
	var err error
	durations := []struct {
		name string
		dst  *time.Duration
		def  time.Duration
	}{{"REQUEST_TIMEOUT", &c.RequestTimeout, 15 * time.Second}, {"QUERY_TIMEOUT", &c.Neo4j.QueryTimeout, 10 * time.Second}}
	for _, d := range durations {
		*d.dst = d.def
		if v := getenv(d.name); v != "" {
			if *d.dst, err = time.ParseDuration(v); err != nil || *d.dst <= 0 {
				return c, fmt.Errorf("%s=%q: want a positive duration such as 10s", d.name, v)
			}
		}
	}
	ints := []struct {
		name string
		dst  *int
	}{{"MAX_DEPTH", &c.Limits.MaxDepth}, {"MAX_COMPLEXITY", &c.Limits.MaxComplexity},
		{"MAX_ALIASES", &c.Limits.MaxAliases}, {"MAX_ROOT_FIELDS", &c.Limits.MaxRootFields},
		{"MAX_TOKENS", &c.Limits.MaxTokens}, {"MAX_BODY_BYTES", &c.MaxBodyBytes}}
	for _, i := range ints {
		if v := getenv(i.name); v != "" {
			if *i.dst, err = strconv.Atoi(v); err != nil || *i.dst <= 0 {
				return c, fmt.Errorf("%s=%q: want a positive integer", i.name, v)
			}
		}
	}
	if v := getenv("SHUTDOWN_DELAY"); v != "" {
		if c.ShutdownDelay, err = time.ParseDuration(v); err != nil || c.ShutdownDelay < 0 {
			return c, fmt.Errorf("SHUTDOWN_DELAY=%q: want a duration such as 5s (0s: none)", v)
		}
	}
	c.LogLevel = slog.LevelInfo
	if v := getenv("LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return c, fmt.Errorf("LOG_LEVEL=%q: want debug, info, warn or error", v)
		}
	}
	bools := []struct {
		name string
		dst  *bool
	}{{"INTROSPECTION", &c.Limits.Introspection}, {"FIELD_SUGGESTIONS", &c.Limits.Suggestions}, {"GRAPHIQL", &c.GraphiQL}, {"EXPLORER", &c.Explorer}, {"METRICS", &c.Metrics}, {"WARM_UP", &c.WarmUp}}
	for _, b := range bools {
		if v := getenv(b.name); v != "" {
			if *b.dst, err = strconv.ParseBool(v); err != nil {
				return c, fmt.Errorf("%s=%q: want true or false", b.name, v)
			}
		}
	}
	if v := getenv("RATE_LIMIT"); v != "" {
		if c.RateLimit, err = strconv.ParseFloat(v, 64); err != nil || c.RateLimit < 0 || math.IsInf(c.RateLimit, 0) {
			return c, fmt.Errorf("RATE_LIMIT=%q: want requests per second, such as 20 (0: no limit)", v)
		}
	}
	c.RateBurst = max(int(2*c.RateLimit), 1)
	if v := getenv("RATE_BURST"); v != "" {
		if c.RateBurst, err = strconv.Atoi(v); err != nil || c.RateBurst <= 0 {
			return c, fmt.Errorf("RATE_BURST=%q: want a positive integer", v)
		}
	}
	c.CacheBytes = defaultCacheBytes
	if v := getenv("CACHE_BYTES"); v != "" {
		if c.CacheBytes, err = strconv.Atoi(v); err != nil || c.CacheBytes < 0 {
			return c, fmt.Errorf("CACHE_BYTES=%q: want a number of bytes, such as 67108864 (0: no cache)", v)
		}
	}
	c.TrustedDocuments = orDefault(getenv("TRUSTED_DOCUMENTS"), trustedOff)
	switch path := getenv("TRUSTED_DOCUMENTS_FILE"); c.TrustedDocuments {
	case trustedOff:
	case trustedAllow, trustedOnly:
		if path == "" {
			return c, fmt.Errorf("TRUSTED_DOCUMENTS=%s needs TRUSTED_DOCUMENTS_FILE, the manifest of trusted documents", c.TrustedDocuments)
		}
		if c.TrustedDocs, err = loadManifest(path); err != nil {
			return c, err
		}
	default:
		return c, fmt.Errorf("TRUSTED_DOCUMENTS=%q: want off, allow or only", c.TrustedDocuments)
	}
	if path := getenv("API_KEYS_FILE"); path != "" {
		if c.APIKeys, err = loadAPIKeys(path); err != nil {
			return c, err
		}
	}
	return c, nil
}

// run serves until ctx is cancelled, then shuts down gracefully (see serve) and closes
// the Neo4j driver. The server starts even when Neo4j is down; /readyz says when it
// answers.
func run(ctx context.Context, getenv func(string) string, logOut io.Writer) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	log := newLogger(logOut, cfg.LogLevel)
	var m *metrics
	if cfg.Metrics {
		m = newMetrics()
	}
	tp, flush, err := newTracerProvider(ctx, getenv)
	if err != nil {
		return err
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = flush(ctx)
	}()
	cfg.Tracing = tp
	cfg.Neo4j.Observer = queryObserver{m}
	cfg.Neo4j.Log = log
	cfg.Neo4j.Tracer = tp.Tracer("parkgraph/neo4jdb")
	store, err := neo4jdb.Open(cfg.Neo4j)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	h, err := newMux(cfg, store, log, m)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	log.Info("serving GraphQL", "url", "http://"+ln.Addr().String()+"/graphql", "neo4j", cfg.Neo4j.URI)
	return serve(ctx, ln, h, cfg.RequestTimeout, cfg.ShutdownDelay, log)
}

// serve runs an HTTP server on ln until ctx is cancelled, then drains: for delay it goes
// on serving with /readyz answering 503 {"status":"draining"} and every connection
// closed after its response (so a load balancer that checks /readyz sends the requests
// elsewhere), then it stops accepting and lets the requests in flight finish, for at
// most 10 s.
func serve(ctx context.Context, ln net.Listener, h http.Handler, requestTimeout, delay time.Duration, log *slog.Logger) error {
	var draining atomic.Bool
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if draining.Load() {
				w.Header().Set("Connection", "close")
				if r.URL.Path == "/readyz" {
					writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "draining"})
					return
				}
			}
			h.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      requestTimeout + 5*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	draining.Store(true)
	srv.SetKeepAlivesEnabled(false)
	log.Info("draining", "delay", delay.String())
	time.Sleep(delay)
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// pinger is what the readiness probe needs from the store.
type pinger interface {
	Ping(ctx context.Context) error
}

// newMux wires the routes: /graphql (with CORS, the API key check when cfg.APIKeys is
// set, the rate limit when cfg.RateLimit is, the GraphQL-over-HTTP rules, the response
// cache when cfg.CacheBytes is not 0 and the store reads dataset digests, and a request
// deadline), the pages of package web (GraphiQL at /, the explorer at /explore, their
// assets under /assets/, /schema.graphql while introspection is on, and the Neo4j
// Browser style and guide under /browser/), /healthz, /readyz and, when m is not nil,
// /metrics serving m, all behind observe. m counts the store's queries only when the
// store was
// opened with queryObserver{m}.
func newMux(cfg Config, store interface {
	graph.Store
	pinger
}, log *slog.Logger, m *metrics) (http.Handler, error) {
	mux := http.NewServeMux()
	tp := cfg.Tracing
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	exts := append([]graphql.HandlerExtension{requestObserver{}, fieldTracer{tp.Tracer("parkgraph/graph")}},
		documentExtensions(cfg.TrustedDocuments, cfg.TrustedDocs)...)
	gql := graph.NewHandler(store, cfg.Limits, log, exts...)
	c := cors.New(cors.Options{
		AllowedOrigins: cfg.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Accept", "Authorization", apiKeyHeader, requestIDHeader, "traceparent", "tracestate"},
		ExposedHeaders: []string{requestIDHeader},
		MaxAge:         600,
	})
	inner := withTimeout(gql, cfg.RequestTimeout)
	if dr, ok := store.(digestReader); ok && cfg.CacheBytes > 0 {
		cache := newResponseCache(cfg.CacheBytes, m)
		watch := newDigestWatch(dr, cache.newDigest)
		watch.refresh() // learn the digest before the first request
		inner = cached(cache, watch, cacheSettings(cfg), cfg.APIKeys != nil, m, inner)
	}
	var api http.Handler = graphQLOverHTTP(inner, int64(cfg.MaxBodyBytes))
	if cfg.RateLimit > 0 {
		api = limit(newRateLimiter(cfg.RateLimit, cfg.RateBurst), m, api)
	}
	if cfg.APIKeys != nil {
		api = requireKey(cfg.APIKeys, api)
	}
	mux.Handle("/graphql", c.Handler(api))
	pages := web.Options{GraphiQL: cfg.GraphiQL, Explorer: cfg.Explorer,
		Browser: web.BrowserFiles{Style: browserfiles.Style, Cookbook: browserfiles.Cookbook}}
	if cfg.Limits.Introspection {
		pages.Schema = schemaSDL()
	}
	if err := web.Register(mux, pages); err != nil {
		return nil, err
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	warming := startWarmUp(cfg, gql, log)
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if warming.Load() {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "warming"})
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := store.Ping(ctx); err != nil {
			log.Warn("not ready", "err", err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "neo4j": "unreachable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready", "neo4j": "ok"})
	})
	if m != nil {
		mux.Handle("GET /metrics", m.handler())
	}
	return observe(mux, log, m, tp.Tracer("parkgraph/server")), nil
}

// cacheSettings are the settings that change answers or refusals, part of every key of
// the response cache: the limits (introspection and suggestions among them) and which
// documents are trusted. API keys are not among them: every key gets the same answers.
func cacheSettings(cfg Config) string {
	return fmt.Sprintf("%+v trusted=%s:%s", cfg.Limits, cfg.TrustedDocuments, cfg.TrustedDocs.fingerprint())
}

// schemaSDL is the schema as GraphQL SDL, with its descriptions.
func schemaSDL() []byte {
	var b strings.Builder
	formatter.NewFormatter(&b, formatter.WithComments()).FormatSchema(graph.NewExecutableSchema(graph.Config{}).Schema())
	return []byte(b.String())
}

func withTimeout(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// orDefault returns v, or def when v is empty.
func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
