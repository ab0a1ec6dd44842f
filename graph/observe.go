package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/parkgraph/parkgraph/graph/model"
)

// CodeUnknown is recorded for a response error that carries no extensions.code (the
// error presenter gives every error one, so it marks a presenter bypassed).
const CodeUnknown = "UNKNOWN"

// Observer is a handler extension (see NewHandler) that records on the request's
// model.Request the name of the operation that ran and the extensions.code of every error
// of the response, in order. The name is recorded only once an operation was selected
// from a parsed document, so a request that does not parse keeps "" (anonymous) whatever
// operationName it claims. Without a Request in the context it does nothing.
type Observer struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = Observer{}

func (Observer) ExtensionName() string                          { return "Observer" }
func (Observer) Validate(schema graphql.ExecutableSchema) error { return nil }

// InterceptResponse runs for every response, including those gqlgen answers with errors
// before execution (parse, validation and limit failures).
func (Observer) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	req := model.RequestFrom(ctx)
	if req == nil {
		return resp
	}
	if graphql.HasOperationContext(ctx) {
		if op := graphql.GetOperationContext(ctx).Operation; op != nil {
			req.SetOperation(op.Name)
		}
	}
	if resp != nil {
		for _, e := range resp.Errors {
			code, _ := e.Extensions["code"].(string)
			if code == "" {
				code = CodeUnknown
			}
			req.AddErrorCode(code)
		}
	}
	return resp
}
