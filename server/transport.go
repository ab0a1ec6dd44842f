package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// The extensions.code of requests refused by the HTTP layer, before GraphQL sees them.
const (
	codeBadRequest       = "BAD_REQUEST"
	codeMethodNotAllowed = "METHOD_NOT_ALLOWED"
	codeUnsupportedMedia = "UNSUPPORTED_MEDIA_TYPE"
	codeRequestTooLarge  = "REQUEST_TOO_LARGE"
)

// graphQLOverHTTP enforces the GraphQL-over-HTTP rules in front of next:
//   - POST needs Content-Type application/json (415 otherwise) and a body of at most
//     maxBody bytes (413) holding a JSON object with a string query (400 otherwise,
//     with the JSON error but never the body echoed back);
//   - GET carries a query operation (or a persisted query's hash) in the URL; a mutation or subscription over GET is
//     405 with Allow: POST;
//   - other methods are 405 with Allow: GET, POST;
//   - documents that do not parse or validate, variables that do not coerce, and
//     operations over a limit answer 200 with the errors under application/json, and
//     400 without a data entry under application/graphql-response+json (see
//     requestErrorStatus).
//
// Responses are application/json, or application/graphql-response+json when the
// client's Accept header asks for it.
func graphQLOverHTTP(next http.Handler, maxBody int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/json" {
				refuse(w, r, http.StatusUnsupportedMediaType, codeUnsupportedMedia,
					fmt.Sprintf("Content-Type must be application/json, not %q", r.Header.Get("Content-Type")))
				return
			}
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
			var tooLarge *http.MaxBytesError
			switch {
			case errors.As(err, &tooLarge):
				refuse(w, r, http.StatusRequestEntityTooLarge, codeRequestTooLarge,
					fmt.Sprintf("the request body is larger than %d bytes", maxBody))
				return
			case err != nil:
				refuse(w, r, http.StatusBadRequest, codeBadRequest, "the request body could not be read")
				return
			}
			if msg := checkBody(body); msg != "" {
				refuse(w, r, http.StatusBadRequest, codeBadRequest, msg)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		case http.MethodGet:
			q := r.URL.Query()
			if q.Get("query") == "" && !strings.Contains(q.Get("extensions"), "persistedQuery") {
				refuse(w, r, http.StatusBadRequest, codeBadRequest, "a GET request needs a query parameter")
				return
			}
			if op := operationType(q.Get("query"), q.Get("operationName")); op != "" && op != ast.Query {
				w.Header().Set("Allow", http.MethodPost)
				refuse(w, r, http.StatusMethodNotAllowed, codeMethodNotAllowed,
					fmt.Sprintf("a %s must be sent with POST", op))
				return
			}
		default:
			w.Header().Set("Allow", "GET, POST")
			refuse(w, r, http.StatusMethodNotAllowed, codeMethodNotAllowed, "GraphQL is served over GET and POST")
			return
		}
		rw := &requestErrorStatus{ResponseWriter: w}
		next.ServeHTTP(rw, r)
		rw.flush()
	})
}

// checkBody says what is wrong with a POST body, or "" when it is a JSON object with a
// string query (which a persisted query, extensions.persistedQuery, may leave out), an
// optional string operationName and optional object variables.
func checkBody(body []byte) string {
	var req struct {
		Query         *string        `json:"query"`
		OperationName *string        `json:"operationName"`
		Variables     map[string]any `json:"variables"`
		Extensions    map[string]any `json:"extensions"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&req); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return fmt.Sprintf("the body is not valid JSON (at byte %d: %s)", syntax.Offset, syntax.Error())
		case errors.As(err, &typ) && typ.Field != "":
			return fmt.Sprintf("the body's %q must not be a JSON %s", typ.Field, typ.Value)
		case errors.As(err, &typ):
			return "the body must be a JSON object such as {\"query\": \"{ zones { nodes { id } } }\"}"
		default:
			return "the body is not valid JSON"
		}
	}
	if dec.More() {
		return "the body holds more than one JSON value"
	}
	if (req.Query == nil || *req.Query == "") && req.Extensions["persistedQuery"] == nil {
		return "the body has no query"
	}
	return ""
}

// operationType is the type of the operation a GET would run, or "" when the document
// does not parse or the operation is not found (gqlgen then answers with the error).
func operationType(query, name string) ast.Operation {
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return ""
	}
	if name == "" && len(doc.Operations) == 1 {
		return doc.Operations[0].Operation
	}
	if op := doc.Operations.ForName(name); op != nil && name != "" {
		return op.Operation
	}
	return ""
}

// requestErrorStatus sets the status of a request error (a document that does not parse
// or validate, variables that do not coerce, an operation over a limit: gqlgen answers
// 422 under application/json and 400 under application/graphql-response+json) as the
// GraphQL-over-HTTP spec asks: 200 with the errors when the response is application/json
// (what legacy clients accept), and 400 without a data entry when it is
// application/graphql-response+json. Other statuses pass through.
type requestErrorStatus struct {
	http.ResponseWriter
	strip bool         // the body is buffered to drop its data entry
	buf   bytes.Buffer // the buffered body
}

func (w *requestErrorStatus) WriteHeader(status int) {
	mt, _, _ := mime.ParseMediaType(w.Header().Get("Content-Type"))
	switch {
	case mt == graphQLResponseType && (status == http.StatusBadRequest || status == http.StatusUnprocessableEntity):
		status, w.strip = http.StatusBadRequest, true
		w.Header().Del("Content-Length")
	case status == http.StatusUnprocessableEntity:
		status = http.StatusOK
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *requestErrorStatus) Write(b []byte) (int, error) {
	if w.strip {
		return w.buf.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// flush writes a buffered body without its data entry (a request error never has data).
func (w *requestErrorStatus) flush() {
	if !w.strip {
		return
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(w.buf.Bytes(), &body); err != nil {
		_, _ = w.ResponseWriter.Write(w.buf.Bytes())
		return
	}
	delete(body, "data")
	out, _ := json.Marshal(body)
	_, _ = w.ResponseWriter.Write(out)
}

func (w *requestErrorStatus) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// graphQLResponseType is the media type of the GraphQL-over-HTTP spec's responses.
const graphQLResponseType = "application/graphql-response+json"

// refuse writes a GraphQL-shaped error response with the given status and code, and
// records the code on the request for its log line and metrics.
func refuse(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	requestFrom(r.Context()).addErrorCode(code)
	writeJSON(w, status, map[string]any{"errors": []map[string]any{
		{"message": message, "extensions": map[string]string{"code": code}},
	}})
}
