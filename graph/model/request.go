package model

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Request is what one HTTP request carries through its context: an id for logs and
// error reports, the database time its queries spent, and what the GraphQL layer learned
// about it (operation name, error codes). Safe for concurrent use.
type Request struct {
	ID      string
	dbNanos atomic.Int64
	queries atomic.Int64

	mu        sync.Mutex
	operation string
	codes     []string
}

type requestKey struct{}

// WithRequest returns ctx carrying a new Request with the given id.
func WithRequest(ctx context.Context, id string) (context.Context, *Request) {
	r := &Request{ID: id}
	return context.WithValue(ctx, requestKey{}, r), r
}

// RequestFrom returns the Request in ctx, or nil when there is none.
func RequestFrom(ctx context.Context) *Request {
	r, _ := ctx.Value(requestKey{}).(*Request)
	return r
}

// AddQuery records one database round trip that took d. A nil Request ignores it.
func (r *Request) AddQuery(d time.Duration) {
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

// SetOperation records the name of the GraphQL operation the request ran; "" stands for
// an anonymous operation or none. A nil Request ignores it.
func (r *Request) SetOperation(name string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.operation = name
	r.mu.Unlock()
}

// Operation returns the name recorded by SetOperation, or "" when there is none.
func (r *Request) Operation() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.operation
}

// AddErrorCode records the extensions.code of one error of the response. A nil Request
// ignores it.
func (r *Request) AddErrorCode(code string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.codes = append(r.codes, code)
	r.mu.Unlock()
}

// ErrorCodes returns the codes recorded by AddErrorCode in order, or nil when the
// response had no errors.
func (r *Request) ErrorCodes() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.codes) == 0 {
		return nil
	}
	return append([]string(nil), r.codes...)
}
