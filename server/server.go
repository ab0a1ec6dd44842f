package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/formatter"

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
	MaxBodyBytes   int            // MAX_BODY_BYTES, default 131072
	// MAX_DEPTH, MAX_COMPLEXITY, MAX_ALIASES, MAX_ROOT_FIELDS, MAX_TOKENS, INTROSPECTION,
	// FIELD_SUGGESTIONS; defaults in graph.DefaultLimits
	Limits   graph.Limits
	GraphiQL bool       // GRAPHIQL, default true
	Explorer bool       // EXPLORER, default true: the explorer page at /explore
	LogLevel slog.Level // LOG_LEVEL, default info
	Metrics  bool       // METRICS, default true: serve /metrics
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
	c.LogLevel = slog.LevelInfo
	if v := getenv("LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return c, fmt.Errorf("LOG_LEVEL=%q: want debug, info, warn or error", v)
		}
	}
	bools := []struct {
		name string
		dst  *bool
	}{{"INTROSPECTION", &c.Limits.Introspection}, {"FIELD_SUGGESTIONS", &c.Limits.Suggestions}, {"GRAPHIQL", &c.GraphiQL}, {"EXPLORER", &c.Explorer}, {"METRICS", &c.Metrics}}
	for _, b := range bools {
		if v := getenv(b.name); v != "" {
			if *b.dst, err = strconv.ParseBool(v); err != nil {
				return c, fmt.Errorf("%s=%q: want true or false", b.name, v)
			}
		}
	}
	return c, nil
}

// run serves until ctx is cancelled, then shuts down gracefully: it stops accepting,
// lets requests in flight finish (up to 10 s) and closes the Neo4j driver. The server
// starts even when Neo4j is down; /readyz says when it answers.
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
	cfg.Neo4j.Observer = queryObserver{m}
	cfg.Neo4j.Log = log
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
	return serve(ctx, ln, h, cfg.RequestTimeout)
}

// serve runs an HTTP server on ln until ctx is cancelled.
func serve(ctx context.Context, ln net.Listener, h http.Handler, requestTimeout time.Duration) error {
	srv := &http.Server{
		Handler:           h,
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

// newMux wires the routes: /graphql (with CORS, the GraphQL-over-HTTP rules and a
// request deadline), the pages of package web (GraphiQL at /, the explorer at /explore,
// their assets under /assets/, /schema.graphql while introspection is on, and the Neo4j
// Browser style and guide under /browser/), /healthz,
// /readyz and, when m is not nil, /metrics serving m, all behind observe. m counts the store's queries only when the store was
// opened with queryObserver{m}.
func newMux(cfg Config, store interface {
	graph.Store
	pinger
}, log *slog.Logger, m *metrics) (http.Handler, error) {
	mux := http.NewServeMux()
	gql := graph.NewHandler(store, cfg.Limits, log, requestObserver{})
	c := cors.New(cors.Options{
		AllowedOrigins: cfg.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Accept", "Authorization", requestIDHeader},
		ExposedHeaders: []string{requestIDHeader},
		MaxAge:         600,
	})
	mux.Handle("/graphql", c.Handler(graphQLOverHTTP(withTimeout(gql, cfg.RequestTimeout), int64(cfg.MaxBodyBytes))))
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
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
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
	return observe(mux, log, m), nil
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
