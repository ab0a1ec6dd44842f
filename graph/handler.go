package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/parkgraph/parkgraph/graph/model"
)

// Limits bound what one operation may ask for. A violation is answered with a GraphQL
// error before any database work starts.
type Limits struct {
	// MaxDepth is the deepest selection nesting allowed (default 12).
	MaxDepth int
	// MaxComplexity is the largest gqlgen complexity score allowed (default 5000).
	MaxComplexity int
	// Introspection allows __schema and __type queries (tools like GraphiQL need it).
	Introspection bool
}

// DefaultLimits are the limits used when a field of Limits is zero.
var DefaultLimits = Limits{MaxDepth: 12, MaxComplexity: 5000, Introspection: true}

// NewHandler returns the GraphQL HTTP handler over store: POST and GET transports,
// depth and complexity limits, per-operation batching, and an error presenter that maps
// domain errors to extensions.code and hides internal details (logged to log). exts are
// added after the limits (for example the server's logging and metrics).
func NewHandler(store Store, limits Limits, log *slog.Logger, exts ...graphql.HandlerExtension) *handler.Server {
	if limits.MaxDepth <= 0 {
		limits.MaxDepth = DefaultLimits.MaxDepth
	}
	if limits.MaxComplexity <= 0 {
		limits.MaxComplexity = DefaultLimits.MaxComplexity
	}
	srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{Store: store}}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if limits.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(depthLimit(limits.MaxDepth))
	srv.Use(extension.FixedComplexityLimit(limits.MaxComplexity))
	for _, e := range exts {
		srv.Use(e)
	}
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(WithBatch(ctx))
	})
	srv.SetErrorPresenter(func(ctx context.Context, err error) *gqlerror.Error {
		return presentError(ctx, err, log)
	})
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(p))
		return &model.Error{Code: model.CodeInternal, Message: "internal error", Err: fmt.Errorf("panic: %v", p)}
	})
	return srv
}

// presentError gives every error an extensions.code. Domain errors keep their code and
// client-safe message; errors gqlgen raised itself (parse, validation, limits) keep theirs;
// anything else becomes INTERNAL with a generic message, and the cause is logged.
func presentError(ctx context.Context, err error, log *slog.Logger) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		// The client went away or the request deadline passed: nothing to log.
		gerr.Message = "the request was cancelled or timed out"
		gerr.Extensions = map[string]any{"code": string(model.CodeUnavailable)}
		return gerr
	}
	var de *model.Error
	if errors.As(err, &de) {
		gerr.Message = de.Message
		gerr.Extensions = map[string]any{"code": string(de.Code)}
		if de.Code == model.CodeInternal || de.Code == model.CodeUnavailable {
			log.ErrorContext(ctx, "request failed", "code", de.Code, "path", gerr.Path.String(), "err", err)
		}
		return gerr
	}
	if code, ok := gerr.Extensions["code"].(string); ok && code != "" {
		return gerr
	}
	var ge *gqlerror.Error
	if errors.As(err, &ge) && ge.Unwrap() == nil && gerr.Path == nil {
		// Raised by gqlgen while reading the request (for example a bad variable).
		errcode.Set(gerr, string(model.CodeInvalid))
		return gerr
	}
	log.ErrorContext(ctx, "request failed", "code", model.CodeInternal, "path", gerr.Path.String(), "err", err)
	gerr.Message = "internal error"
	gerr.Extensions = map[string]any{"code": string(model.CodeInternal)}
	return gerr
}
