package main

import (
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/neo4jdb"
)

// latencyBuckets are the histogram buckets, in seconds, of request and query durations:
// from 1 ms to the default request timeout.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 15}

// metrics holds the server's Prometheus collectors on a registry of its own, with the Go
// runtime and process collectors. queryObserver feeds it the store's round trips. A nil
// *metrics records nothing.
type metrics struct {
	reg           *prometheus.Registry
	requests      *prometheus.CounterVec   // operation, code
	errors        *prometheus.CounterVec   // operation, code
	duration      *prometheus.HistogramVec // operation
	queryDuration prometheus.Histogram
	queryErrors   *prometheus.CounterVec // code
	inFlight      prometheus.Gauge
	operations    *operationLabels
	byKey         *prometheus.CounterVec // key
	limited       *prometheus.CounterVec // key
	cacheLookups  *prometheus.CounterVec // result: hit, miss, not_modified
	cacheEvicts   *prometheus.CounterVec // reason: size, dataset
	cacheBytes    prometheus.Gauge
	cacheEntries  prometheus.Gauge
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parkgraph_graphql_requests_total",
			Help: "GraphQL requests by operation and code: OK, or the code of the first error of the response.",
		}, []string{"operation", "code"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parkgraph_graphql_errors_total",
			Help: "Errors in GraphQL responses by operation and extensions.code.",
		}, []string{"operation", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "parkgraph_graphql_request_duration_seconds",
			Help:    "Duration of GraphQL HTTP requests by operation.",
			Buckets: latencyBuckets,
		}, []string{"operation"}),
		queryDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "parkgraph_neo4j_query_duration_seconds",
			Help:    "Duration of Neo4j read round trips, connection acquisition and retries included.",
			Buckets: latencyBuckets,
		}),
		queryErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parkgraph_neo4j_query_errors_total",
			Help: "Failed Neo4j read round trips by domain code (UNAVAILABLE or INTERNAL).",
		}, []string{"code"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "parkgraph_neo4j_queries_in_flight",
			Help: "Neo4j read round trips in progress, including those waiting for a pooled connection; compare with parkgraph_neo4j_pool_size.",
		}),
		operations: newOperationLabels(maxOperationLabels),
		byKey: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parkgraph_graphql_requests_by_key_total",
			Help: "GraphQL requests by the name of their API key (none when keys are off).",
		}, []string{"key"}),
		limited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parkgraph_rate_limited_total",
			Help: "Requests refused by the rate limit (429), by API key name (none when keys are off).",
		}, []string{"key"}),
		cacheLookups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parkgraph_cache_requests_total",
			Help: "GraphQL requests the response cache looked up, by result: hit, miss, or not_modified (a GET answered 304 for its If-None-Match).",
		}, []string{"result"}),
		cacheEvicts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parkgraph_cache_evictions_total",
			Help: "Entries dropped from the response cache, by reason: size (to stay within CACHE_BYTES) or dataset (a new dataset digest).",
		}, []string{"reason"}),
		cacheBytes: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "parkgraph_cache_bytes",
			Help: "Bytes held by the response cache (answers and an estimate of their overhead), at most CACHE_BYTES.",
		}),
		cacheEntries: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "parkgraph_cache_entries",
			Help: "Answers held by the response cache.",
		}),
	}
	poolSize := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "parkgraph_neo4j_pool_size",
		Help: "Maximum number of connections in the Neo4j driver's pool.",
	})
	poolSize.Set(neo4jdb.MaxConnectionPoolSize)
	m.reg.MustRegister(m.requests, m.errors, m.duration, m.queryDuration, m.queryErrors, m.inFlight, poolSize, m.byKey, m.limited,
		m.cacheLookups, m.cacheEvicts, m.cacheBytes, m.cacheEntries,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the registry in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// queryStarted counts a Neo4j round trip in flight.
func (m *metrics) queryStarted() {
	if m != nil {
		m.inFlight.Inc()
	}
}

// queryDone records a finished Neo4j round trip and its error code, if any.
func (m *metrics) queryDone(d time.Duration, err error) {
	if m == nil {
		return
	}
	m.inFlight.Dec()
	m.queryDuration.Observe(d.Seconds())
	if err != nil {
		m.queryErrors.WithLabelValues(string(model.ErrorCode(err))).Inc()
	}
}

// observeGraphQL records one GraphQL request that took d: its operation (see
// operationLabels) and the codes req collected.
func (m *metrics) observeGraphQL(req *Request, d time.Duration) {
	if m == nil {
		return
	}
	op := m.operations.label(req.Operation())
	codes := req.ErrorCodes()
	code := "OK"
	if len(codes) > 0 {
		code = codes[0]
	}
	m.requests.WithLabelValues(op, code).Inc()
	for _, c := range codes {
		m.errors.WithLabelValues(op, c).Inc()
	}
	m.duration.WithLabelValues(op).Observe(d.Seconds())
	m.byKey.WithLabelValues(keyLabel(req.KeyName())).Inc()
}

// rateLimited counts a request refused by the rate limit under its key's name.
func (m *metrics) rateLimited(key string) {
	if m != nil {
		m.limited.WithLabelValues(keyLabel(key)).Inc()
	}
}

// cacheLookup counts one lookup of the response cache by its result.
func (m *metrics) cacheLookup(result string) {
	if m != nil {
		m.cacheLookups.WithLabelValues(result).Inc()
	}
}

// cacheEvicted counts n entries dropped from the response cache for reason.
func (m *metrics) cacheEvicted(reason string, n int) {
	if m != nil && n > 0 {
		m.cacheEvicts.WithLabelValues(reason).Add(float64(n))
	}
}

// cacheSize records the response cache's size.
func (m *metrics) cacheSize(bytes, entries int) {
	if m != nil {
		m.cacheBytes.Set(float64(bytes))
		m.cacheEntries.Set(float64(entries))
	}
}

// keyLabel is the key label of a request: its key's name, or "none". Names come from
// the keys file, so the label's values are bounded.
func keyLabel(name string) string {
	if name == "" {
		return "none"
	}
	return name
}

// maxOperationLabels is how many distinct operation names get a label of their own.
const maxOperationLabels = 100

// maxOperationName is the longest operation name kept; longer ones are cut.
const maxOperationName = 64

// operationName returns the name to log and label an operation by: "anonymous" for "",
// "invalid" for a name that is not a GraphQL name, and at most maxOperationName bytes.
func operationName(name string) string {
	if name == "" {
		return "anonymous"
	}
	for i, c := range name {
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return "invalid"
		}
	}
	if len(name) > maxOperationName {
		name = name[:maxOperationName]
	}
	return name
}

// operationLabels bounds the cardinality of the operation label. Clients choose
// operation names, so only the first max distinct names (after operationName) get a
// label of their own; every later new name is labelled "other". "anonymous" and
// "invalid" are always labels and take no slot. Safe for concurrent use.
type operationLabels struct {
	mu   sync.Mutex
	max  int
	seen map[string]bool
}

func newOperationLabels(max int) *operationLabels {
	return &operationLabels{max: max, seen: map[string]bool{}}
}

// label returns the label value for the operation name.
func (o *operationLabels) label(name string) string {
	name = operationName(name)
	if name == "anonymous" || name == "invalid" {
		return name
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seen[name] {
		return name
	}
	if len(o.seen) >= o.max {
		return "other"
	}
	o.seen[name] = true
	return name
}
