package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/parkgraph/parkgraph/model"
)

// NewHandler returns the GraphQL HTTP handler over store: POST and GET transports,
// the operation limits (zero fields take DefaultLimits), per-operation batching, and an error presenter that maps
// domain errors to extensions.code and hides internal details (logged to log). exts are
// added after the limits (for example the server's logging and metrics).
func NewHandler(store Store, limits Limits, log *slog.Logger, exts ...graphql.HandlerExtension) *handler.Server {
	limits = limits.withDefaults()
	srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{Store: store}}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if limits.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.SetParserTokenLimit(limits.MaxTokens)
	srv.SetDisableSuggestion(!limits.Suggestions)
	srv.Use(operationLimits(limits))
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
// anything else becomes INTERNAL with a generic message, and the cause is logged with ctx
// (so that a logger can tie it to the request).
func presentError(ctx context.Context, err error, log *slog.Logger) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	var de *model.Error
	switch {
	case errors.Is(err, context.Canceled):
		// The client went away: nobody reads this answer, nothing to log.
		return withCode(gerr, model.CodeUnavailable, "the request was cancelled")
	case errors.As(err, &de):
		if de.Code == model.CodeInternal || de.Code == model.CodeUnavailable {
			log.ErrorContext(ctx, "request failed", "code", de.Code, "path", gerr.Path.String(), "err", err)
		}
		return withCode(gerr, de.Code, de.Message)
	case errors.Is(err, context.DeadlineExceeded):
		// The request deadline passed: the client learns it; nothing is broken.
		return withCode(gerr, model.CodeTimeout, "the request took longer than its deadline allows")
	}
	if code, ok := gerr.Extensions["code"].(string); ok && code != "" {
		if code == errcode.ParseFailed && strings.HasPrefix(gerr.Message, "exceeded token limit") {
			gerr.Extensions["code"] = CodeTokenLimit
		}
		return gerr
	}
	var ge *gqlerror.Error
	if errors.As(err, &ge) && ge.Unwrap() == nil && gerr.Path == nil {
		// Raised by gqlgen while reading the request (for example a bad variable).
		errcode.Set(gerr, string(model.CodeInvalid))
		return gerr
	}
	log.ErrorContext(ctx, "request failed", "code", model.CodeInternal, "path", gerr.Path.String(), "err", err)
	return withCode(gerr, model.CodeInternal, "internal error")
}

// withCode sets gerr's message and code, replacing any other extensions.
func withCode(gerr *gqlerror.Error, code model.Code, message string) *gqlerror.Error {
	gerr.Message = message
	gerr.Extensions = map[string]any{"code": string(code)}
	return gerr
}
