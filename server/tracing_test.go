package main

import (
	"context"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

func TestATracedRequestShowsItsFieldsAndNeo4jReadsUnderTheIncomingTrace(t *testing.T) {
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	defer tp.Shutdown(context.Background())
	srv := newTestServer(t, serverOptions{tracing: tp})

	const traceID, parentID = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	r := graphQL(t, srv.URL, gqlRequest{requestID: "traced-1",
		query:  `query Fuling { node(id: "fuling-district-industrial-park") { ... on Park { name zone { name } targets { industry { name } evidence { document { title } } } } } }`,
		header: map[string]string{"traceparent": "00-" + traceID + "-" + parentID + "-01"}})
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %s", r.raw)
	}
	srv.logs.line(t, "request", "traced-1")

	byName := map[string][]tracetest.SpanStub{}
	for _, s := range spans.GetSpans() {
		if s.SpanContext.TraceID().String() != traceID {
			t.Errorf("span %q has trace %s, want the incoming %s", s.Name, s.SpanContext.TraceID(), traceID)
		}
		byName[s.Name] = append(byName[s.Name], s)
	}
	server := byName["POST /graphql"]
	if len(server) != 1 {
		t.Fatalf("want one server span, got spans %v", names(byName))
	}
	if server[0].Parent.SpanID().String() != parentID || server[0].SpanKind != trace.SpanKindServer {
		t.Errorf("server span's parent %s kind %v, want the incoming %s and server", server[0].Parent.SpanID(), server[0].SpanKind, parentID)
	}
	attrs := map[string]string{}
	for _, a := range server[0].Attributes {
		attrs[string(a.Key)] = a.Value.Emit()
	}
	if attrs["graphql.operation.name"] != "Fuling" || attrs["parkgraph.request_id"] != "traced-1" || attrs["http.response.status_code"] != "200" {
		t.Errorf("server span attributes %v", attrs)
	}
	node, zone := byName["graphql.resolve Query.node"], byName["graphql.resolve Park.zone"]
	if len(node) != 1 || len(zone) != 1 || node[0].Parent.SpanID() != server[0].SpanContext.SpanID() {
		t.Fatalf("field spans %v; want Query.node under the server span and Park.zone", names(byName))
	}
	reads := byName["neo4j.read"]
	if len(reads) < 2 {
		t.Fatalf("want a neo4j.read span per round trip (the node with its hop fields, then the cited documents), got %v", names(byName))
	}
	parents := map[trace.SpanID]bool{}
	for name, spans := range byName {
		for _, f := range spans {
			if strings.HasPrefix(name, "graphql.resolve ") {
				parents[f.SpanContext.SpanID()] = true
			}
		}
	}
	for _, read := range reads {
		ra := map[string]string{}
		for _, a := range read.Attributes {
			ra[string(a.Key)] = a.Value.Emit()
		}
		if !parents[read.Parent.SpanID()] || !strings.Contains(ra["db.query.text"], "MATCH") || ra["db.response.returned_rows"] == "" {
			t.Errorf("neo4j.read span with parent %s and attributes %v; want it under a field span, with its Cypher and rows", read.Parent.SpanID(), ra)
		}
		if strings.Contains(ra["db.query.text"], "fuling-district-industrial-park") {
			t.Error("a read span holds a parameter value; spans carry the Cypher text only")
		}
	}
	for _, rec := range srv.logs.lines(t) {
		if rec["request_id"] == "traced-1" && rec["trace_id"] != traceID {
			t.Errorf("log line %v lacks trace_id %s", rec, traceID)
		}
	}
}

func names(m map[string][]tracetest.SpanStub) []string {
	var out []string
	for k, v := range m {
		for range v {
			out = append(out, k)
		}
	}
	return out
}

func TestTracingIsOffUnlessAnOTLPEndpointIsSet(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	tp, _, err := newTracerProvider(context.Background(), getenv)
	if err != nil {
		t.Fatal(err)
	}
	if _, sdk := tp.(*sdktrace.TracerProvider); sdk {
		t.Error("without OTEL_EXPORTER_OTLP_ENDPOINT the server exports spans")
	}
	env["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318"
	tp, flush, err := newTracerProvider(context.Background(), getenv)
	if err != nil {
		t.Fatal(err)
	}
	if _, sdk := tp.(*sdktrace.TracerProvider); !sdk {
		t.Errorf("with OTEL_EXPORTER_OTLP_ENDPOINT the provider is %T, want the SDK's", tp)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	_ = flush(ctx) // nothing listens there: the flush gives up at once
	env["OTEL_TRACES_EXPORTER"] = "none"
	if tp, _, _ := newTracerProvider(context.Background(), getenv); func() bool { _, sdk := tp.(*sdktrace.TracerProvider); return sdk }() {
		t.Error("OTEL_TRACES_EXPORTER=none still exports")
	}
}
