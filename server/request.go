package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/parkgraph/parkgraph/model"
)

// Request is what one HTTP request carries through its context: an id for logs and
// error reports, the database time its queries spent (see queryObserver), and what the
// GraphQL layer learned about it (operation name, error codes; see requestObserver).
// Safe for concurrent use.
type Request struct {
	ID      string
	dbNanos atomic.Int64
	queries atomic.Int64

	mu        sync.Mutex
	operation string
	codes     []string
	keyName   string
}

type requestKey struct{}

// withRequest returns ctx carrying a new Request with the given id.
func withRequest(ctx context.Context, id string) (context.Context, *Request) {
	r := &Request{ID: id}
	return context.WithValue(ctx, requestKey{}, r), r
}

// requestFrom returns the Request in ctx, or nil when there is none.
func requestFrom(ctx context.Context) *Request {
	r, _ := ctx.Value(requestKey{}).(*Request)
	return r
}

// addQuery records one database round trip that took d. A nil Request ignores it.
func (r *Request) addQuery(d time.Duration) {
	if r == nil {
		return
	}
	r.dbNanos.Add(int64(d))
	r.queries.Add(1)
}

// DBTime is the total time of the request's database round trips.
func (r *Request) DBTime() time.Duration { return time.Duration(r.dbNanos.Load()) }

// Queries is the number of the request's database round trips.
func (r *Request) Queries() int64 { return r.queries.Load() }

// setOperation records the name of the GraphQL operation the request ran; "" stands for
// an anonymous operation or none. A nil Request ignores it.
func (r *Request) setOperation(name string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.operation = name
	r.mu.Unlock()
}

// Operation returns the name recorded by setOperation, or "" when there is none.
func (r *Request) Operation() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.operation
}

// setKeyName records the name of the API key the request carried. A nil Request
// ignores it.
func (r *Request) setKeyName(name string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.keyName = name
	r.mu.Unlock()
}

// KeyName returns the name recorded by setKeyName, or "" when the request carried no
// accepted key (or keys are off).
func (r *Request) KeyName() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.keyName
}

// addErrorCode records the extensions.code of one error of the response. A nil Request
// ignores it.
func (r *Request) addErrorCode(code string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.codes = append(r.codes, code)
	r.mu.Unlock()
}

// ErrorCodes returns the codes recorded by addErrorCode in order, or nil when the
// response had no errors.
func (r *Request) ErrorCodes() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.codes) == 0 {
		return nil
	}
	return append([]string(nil), r.codes...)
}

// queryObserver is the store's neo4jdb.QueryObserver: it adds every round trip to the
// database time of the request in its context, and to m (nil: no metrics).
type queryObserver struct{ m *metrics }

func (o queryObserver) QueryStarted(ctx context.Context) { o.m.queryStarted() }

func (o queryObserver) QueryDone(ctx context.Context, d time.Duration, err error) {
	requestFrom(ctx).addQuery(d)
	o.m.queryDone(d, err)
}

// codeUnknown is recorded for a response error that carries no extensions.code (the
// error presenter gives every error one, so it marks a presenter bypassed).
const codeUnknown = "UNKNOWN"

// requestObserver is a GraphQL handler extension that records on the context's Request
// the name of the operation that ran and the extensions.code of every error of the
// response, in order, and adds extensions.requestId to the errors that point at the
// server rather than the request (INTERNAL, UNAVAILABLE, TIMEOUT, OUT_OF_MEMORY), so that a report can
// be matched with the log. The name is recorded only once an operation was selected
// from a parsed document, so a request that does not parse keeps "" (anonymous)
// whatever operationName it claims. Without a Request in the context it does nothing.
type requestObserver struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = requestObserver{}

func (requestObserver) ExtensionName() string                          { return "RequestObserver" }
func (requestObserver) Validate(schema graphql.ExecutableSchema) error { return nil }

// InterceptResponse runs for every response, including those gqlgen answers with errors
// before execution (parse, validation and limit failures).
func (requestObserver) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	req := requestFrom(ctx)
	if req == nil {
		return resp
	}
	if graphql.HasOperationContext(ctx) {
		if op := graphql.GetOperationContext(ctx).Operation; op != nil {
			req.setOperation(op.Name)
		}
	}
	if resp == nil {
		return resp
	}
	for _, e := range resp.Errors {
		code, _ := e.Extensions["code"].(string)
		if code == "" {
			code = codeUnknown
		}
		req.addErrorCode(code)
		if serverSide(code) && req.ID != "" {
			e.Extensions["requestId"] = req.ID
		}
	}
	return resp
}

// serverSide reports whether an error code points at the server or its database rather
// than at the request.
func serverSide(code string) bool {
	switch model.Code(code) {
	case model.CodeInternal, model.CodeUnavailable, model.CodeTimeout, model.CodeOutOfMemory:
		return true
	}
	return false
}
