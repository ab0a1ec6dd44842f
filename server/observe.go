package main

import (
	"context"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"go.opentelemetry.io/otel/trace"
)

// newLogger returns a logger writing JSON lines to w from level up. Every record logged
// with a context that carries a Request gets its id as request_id, and its trace id as
// trace_id when tracing is on.
func newLogger(w io.Writer, level slog.Leveler) *slog.Logger {
	return slog.New(requestIDHandler{slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level})})
}

// requestIDHandler adds request_id to records whose context carries a Request, and
// trace_id to those whose context carries a span that records (tracing on).
type requestIDHandler struct{ slog.Handler }

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if req := requestFrom(ctx); req != nil {
		r = r.Clone()
		r.AddAttrs(slog.String("request_id", req.ID))
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		r = r.Clone()
		r.AddAttrs(slog.String("trace_id", sc.TraceID().String()))
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestIDHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(attrs)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}

// requestIDHeader carries the request id in and out.
const requestIDHeader = "X-Request-Id"

// requestID returns the incoming id when it is 1 to 64 letters, digits and '-', '_',
// '.', ':'; otherwise a new random one (26 base32 characters).
func requestID(incoming string) string {
	ok := len(incoming) > 0 && len(incoming) <= 64
	for _, c := range incoming {
		if !ok {
			break
		}
		ok = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':'
	}
	if ok {
		return incoming
	}
	return rand.Text()
}

// quietPaths are probes and scrapes, logged at debug level only.
var quietPaths = []string{"/healthz", "/readyz", "/metrics"}

// observe wraps h. Every request gets a server span (see startSpan; tracer may record
// nothing) and a Request in its context whose id (see
// requestID) is echoed in the X-Request-Id response header, and one log line when it
// ends: method, path, status, duration, database time and round trips, and for /graphql
// the operation and the error codes of the response. The line is at info level, warn when
// the response has an INTERNAL, UNAVAILABLE, TIMEOUT or OUT_OF_MEMORY error (unless the client had gone
// away: client_gone), debug for probes and scrapes.
// GraphQL requests (GET and POST /graphql) are also recorded in m, which may be nil.
func observe(h http.Handler, log *slog.Logger, m *metrics, tracer trace.Tracer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, span := startSpan(r, tracer)
		ctx, req := withRequest(ctx, requestID(r.Header.Get(requestIDHeader)))
		w.Header().Set(requestIDHeader, req.ID)
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r.WithContext(ctx))
		d := time.Since(start)

		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		graphQL := r.URL.Path == "/graphql" && (r.Method == http.MethodGet || r.Method == http.MethodPost)
		if graphQL {
			m.observeGraphQL(req, d)
		}
		endSpan(span, sw.status, req, graphQL)
		level := slog.LevelInfo
		if slices.Contains(quietPaths, r.URL.Path) {
			level = slog.LevelDebug
		}
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Float64("duration_ms", float64(d)/float64(time.Millisecond)),
			slog.Float64("db_ms", float64(req.DBTime())/float64(time.Millisecond)),
			slog.Int64("db_queries", req.Queries()),
		}
		if graphQL {
			codes := req.ErrorCodes()
			gone := errors.Is(r.Context().Err(), context.Canceled) // the client went away first
			if !gone && slices.ContainsFunc(codes, serverSide) {
				level = slog.LevelWarn
			}
			attrs = append(attrs, slog.String("operation", operationName(req.Operation())), slog.Any("codes", codes))
			if name := req.KeyName(); name != "" {
				attrs = append(attrs, slog.String("key", name))
			}
			if gone {
				attrs = append(attrs, slog.Bool("client_gone", true))
			}
		}
		log.LogAttrs(ctx, level, "request", attrs...)
	})
}

// statusWriter remembers the status code written through it.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
