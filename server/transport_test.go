package main

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

func TestGraphQLOverHTTP(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	const endpoint = "/graphql"
	get := func(q string) string { return endpoint + "?query=" + url.QueryEscape(q) }
	const ok = `{"query": "{ zones(first: 1) { nodes { id } } }"}`
	cases := []struct {
		name                               string
		method, target, contentType, body  string
		accept                             string
		status                             int
		code, message, allow, responseType string
		noData                             bool // the body has no data entry at all
	}{
		{name: "POST application/json answers", method: "POST", target: endpoint, contentType: "application/json", body: ok,
			status: 200, responseType: "application/json"},
		{name: "the graphql-response type when asked", method: "POST", target: endpoint, contentType: "application/json; charset=utf-8", body: ok,
			accept: "application/graphql-response+json", status: 200, responseType: "application/graphql-response+json"},
		{name: "GET answers a query", method: "GET", target: get(`{ zones(first: 1) { nodes { id } } }`), status: 200, responseType: "application/json"},
		{name: "a mutation over GET is 405", method: "GET", target: get(`mutation { addZone(id: "x") }`),
			status: 405, code: codeMethodNotAllowed, message: "mutation must be sent with POST", allow: "POST"},
		{name: "a named mutation over GET is 405", method: "GET", target: get(`query a { zones { totalCount } } mutation b { x }`) + "&operationName=b",
			status: 405, code: codeMethodNotAllowed, allow: "POST"},
		{name: "GET without a query is 400", method: "GET", target: endpoint, status: 400, code: codeBadRequest, message: "needs a query"},
		{name: "PUT is 405", method: "PUT", target: endpoint, contentType: "application/json", body: ok,
			status: 405, code: codeMethodNotAllowed, allow: "GET, POST"},
		{name: "a form body is 415", method: "POST", target: endpoint, contentType: "application/x-www-form-urlencoded", body: "query=x",
			status: 415, code: codeUnsupportedMedia, message: "must be application/json"},
		{name: "no content type is 415", method: "POST", target: endpoint, body: ok, status: 415, code: codeUnsupportedMedia},
		{name: "malformed JSON is 400 and not echoed", method: "POST", target: endpoint, contentType: "application/json", body: `{"query": "{ secret-text`,
			status: 400, code: codeBadRequest, message: "not valid JSON"},
		{name: "a JSON array is 400", method: "POST", target: endpoint, contentType: "application/json", body: `[{"query": "{ zones { totalCount } }"}]`,
			status: 400, code: codeBadRequest, message: "must be a JSON object"},
		{name: "variables that are not an object are 400", method: "POST", target: endpoint, contentType: "application/json",
			body: `{"query": "{ zones { totalCount } }", "variables": "x"}`, status: 400, code: codeBadRequest, message: `"variables"`},
		{name: "a body without a query is 400", method: "POST", target: endpoint, contentType: "application/json", body: `{"operationName": "x"}`,
			status: 400, code: codeBadRequest, message: "no query"},
		{name: "two JSON values are 400", method: "POST", target: endpoint, contentType: "application/json", body: ok + ok,
			status: 400, code: codeBadRequest, message: "more than one"},
		{name: "an oversized body is 413", method: "POST", target: endpoint, contentType: "application/json",
			body:   `{"query": "{ zones { totalCount } }", "variables": {"pad": "` + strings.Repeat("x", 200<<10) + `"}}`,
			status: 413, code: codeRequestTooLarge, message: "larger than"},
		{name: "a document that does not parse is 200 with the error under application/json", method: "POST", target: endpoint,
			contentType: "application/json", body: `{"query": "{ zones { "}`, status: 200, code: "GRAPHQL_PARSE_FAILED", responseType: "application/json"},
		{name: "a document that does not parse is 400 without data under graphql-response", method: "POST", target: endpoint, contentType: "application/json",
			body: `{"query": "{ zones { "}`, accept: "application/graphql-response+json", status: 400, code: "GRAPHQL_PARSE_FAILED", noData: true},
		{name: "an unknown field is 200 with the error under application/json", method: "POST", target: endpoint, contentType: "application/json",
			body: `{"query": "{ zones { nodes { secret } } }"}`, status: 200, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "an unknown field is 400 without data under graphql-response", method: "POST", target: endpoint, contentType: "application/json",
			body: `{"query": "{ zones { nodes { secret } } }"}`, accept: "application/graphql-response+json", status: 400,
			code: "GRAPHQL_VALIDATION_FAILED", noData: true},
		{name: "variables that do not coerce are 200 with the error under application/json", method: "POST", target: endpoint,
			contentType: "application/json", body: `{"query": "query($n: Int) { zones(first: $n) { totalCount } }", "variables": {"n": "ten"}}`,
			status: 200, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "an operation over a limit is 200 with the error under application/json", method: "POST", target: endpoint, contentType: "application/json",
			body:   `{"query": "{ zones(first: 100) { nodes { parks { subParks { subParks { subParks { subParks { zone { parks { id } } } } } } } } } }"}`,
			status: 200, code: "COMPLEXITY_LIMIT_EXCEEDED"},
		{name: "an operation over a limit is 400 without data under graphql-response", method: "POST", target: endpoint, contentType: "application/json",
			body:   `{"query": "{ zones(first: 100) { nodes { parks { subParks { subParks { subParks { subParks { zone { parks { id } } } } } } } } } }"}`,
			accept: "application/graphql-response+json", status: 400, code: "COMPLEXITY_LIMIT_EXCEEDED", noData: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := graphQL(t, srv.URL, gqlRequest{method: c.method, path: c.target, body: c.body,
				header: map[string]string{"Content-Type": c.contentType, "Accept": c.accept}})
			if r.status != c.status {
				t.Errorf("status %d, want %d (%+v)", r.status, c.status, r.Errors)
			}
			if c.code == "" {
				if len(r.Errors) > 0 || len(r.Data) < 10 {
					t.Errorf("errors %+v, data %s", r.Errors, r.Data)
				}
			} else if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != c.code || !strings.Contains(r.Errors[0].Message, c.message) {
				t.Errorf("errors %+v, want code %s with %q", r.Errors, c.code, c.message)
			}
			if got := r.header.Get("Allow"); got != c.allow {
				t.Errorf("Allow %q, want %q", got, c.allow)
			}
			if c.responseType != "" && r.header.Get("Content-Type") != c.responseType {
				t.Errorf("Content-Type %q, want %q", r.header.Get("Content-Type"), c.responseType)
			}
			if c.noData {
				var body map[string]json.RawMessage
				if err := json.Unmarshal([]byte(r.raw), &body); err != nil {
					t.Errorf("body %q: %v", r.raw, err)
				} else if _, has := body["data"]; has {
					t.Errorf("body %s has a data entry; a request error has none", r.raw)
				}
			}
			for _, r := range r.Errors {
				if strings.Contains(r.Message, "secret-text") {
					t.Errorf("the body is echoed back: %q", r.Message)
				}
			}
		})
	}
}

func TestProductionSwitchesTurnOffIntrospectionSuggestionsAndGraphiQL(t *testing.T) {
	dev := newTestServer(t, serverOptions{})
	prod := newTestServer(t, serverOptions{env: map[string]string{"INTROSPECTION": "false", "FIELD_SUGGESTIONS": "false", "GRAPHIQL": "false"},
		store: dev.store})
	const introspect = `{ __schema { queryType { name } } }`
	const misspelt = `{ zones { nodes { nme } } }`

	if r := graphQL(t, dev.URL, gqlRequest{query: introspect}); r.status != 200 || len(r.Errors) > 0 {
		t.Errorf("introspection by default: %d %+v", r.status, r.Errors)
	}
	if r := graphQL(t, prod.URL, gqlRequest{query: introspect}); r.status != 200 ||
		len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "INTROSPECTION_DISABLED" {
		t.Errorf("introspection turned off: %d %+v", r.status, r.Errors)
	}
	if r := graphQL(t, dev.URL, gqlRequest{query: misspelt}); len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, `Did you mean "name"`) {
		t.Errorf("suggestions by default: %+v", r.Errors)
	}
	if r := graphQL(t, prod.URL, gqlRequest{query: misspelt}); len(r.Errors) == 0 ||
		strings.Contains(r.Errors[0].Message, "Did you mean") || r.Errors[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" {
		t.Errorf("suggestions turned off: %+v", r.Errors)
	}
	for url, want := range map[string]int{dev.URL + "/": 200, prod.URL + "/": 404} {
		if got := status(t, url); got != want {
			t.Errorf("GET %s = %d, want %d", url, got, want)
		}
	}
}
