package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/parkgraph/parkgraph/model"
)

// tracePropagator reads and writes W3C traceparent and tracestate headers.
var tracePropagator = propagation.TraceContext{}

// newTracerProvider returns where the server's spans go: an OTLP/HTTP exporter when
// OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set and
// OTEL_TRACES_EXPORTER is not "none" (the exporter reads the other standard OTEL_*
// variables itself: headers, timeout, protocol details; OTEL_SERVICE_NAME names the
// service, "parkgraph" by default); otherwise a provider that records nothing, at no
// cost. shutdown flushes the spans still buffered.
func newTracerProvider(ctx context.Context, getenv func(string) string) (tp trace.TracerProvider, shutdown func(context.Context) error, err error) {
	none := func(context.Context) error { return nil }
	if getenv("OTEL_TRACES_EXPORTER") == "none" ||
		getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == "" && getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") == "" {
		return noop.NewTracerProvider(), none, nil
	}
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, none, fmt.Errorf("OTLP trace exporter: %w", err)
	}
	res, err := resource.Merge(resource.NewSchemaless(attribute.String("service.name", "parkgraph")),
		resource.Environment())
	if err != nil {
		return nil, none, fmt.Errorf("OTEL_RESOURCE_ATTRIBUTES: %w", err)
	}
	sdk := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	return sdk, sdk.Shutdown, nil
}

// startSpan starts the server span of a request, a child of the incoming traceparent
// when there is one: "METHOD /path", with the method and path.
func startSpan(r *http.Request, tracer trace.Tracer) (context.Context, trace.Span) {
	ctx := tracePropagator.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
	return tracer.Start(ctx, r.Method+" "+r.URL.Path, trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(attribute.String("http.request.method", r.Method), attribute.String("url.path", r.URL.Path)))
}

// endSpan records on a request's span its status, request id and, for GraphQL, the
// operation and the first error code (an error status for 5xx or a server-side code),
// and ends it.
func endSpan(span trace.Span, status int, req *Request, graphQL bool) {
	defer span.End()
	span.SetAttributes(attribute.Int("http.response.status_code", status), attribute.String("parkgraph.request_id", req.ID))
	if graphQL {
		span.SetAttributes(attribute.String("graphql.operation.name", operationName(req.Operation())))
	}
	switch errCodes := req.ErrorCodes(); {
	case len(errCodes) > 0:
		span.SetAttributes(attribute.String("error.type", errCodes[0]))
		if serverSide(errCodes[0]) || status >= 500 {
			span.SetStatus(codes.Error, errCodes[0])
		}
	case status >= 500:
		span.SetStatus(codes.Error, http.StatusText(status))
	}
}

// fieldTracer is a GraphQL handler extension that gives every field answered by a
// resolver and returning objects (the fields that reach the store: Park.zone,
// Query.parks, ...) a span of its own, "graphql.resolve Type.field", a child of the
// request's span; the store's spans are children of it.
type fieldTracer struct{ tracer trace.Tracer }

var _ interface {
	graphql.HandlerExtension
	graphql.FieldInterceptor
} = fieldTracer{}

func (fieldTracer) ExtensionName() string                          { return "FieldTracer" }
func (fieldTracer) Validate(schema graphql.ExecutableSchema) error { return nil }

func (t fieldTracer) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !fc.IsResolver || len(fc.Field.Selections) == 0 {
		return next(ctx)
	}
	ctx, span := t.tracer.Start(ctx, "graphql.resolve "+fc.Object+"."+fc.Field.Name,
		trace.WithAttributes(attribute.String("graphql.field.path", fc.Path().String())))
	defer span.End()
	res, err := next(ctx)
	if err != nil {
		span.SetStatus(codes.Error, string(model.ErrorCode(err)))
	}
	return res, err
}
