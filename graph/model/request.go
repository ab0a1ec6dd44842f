package model

import (
	"context"
	"sync/atomic"
	"time"
)

// Request is what one HTTP request carries through its context: an id for logs and
// error reports, and the database time its queries spent. Safe for concurrent use.
type Request struct {
	ID      string
	dbNanos atomic.Int64
	queries atomic.Int64
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
