package target

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Answer is one GraphQL request as the client saw it.
type Answer struct {
	Start, End time.Time
	Status     int      // HTTP status; 0 when no response came
	Codes      []string // extensions.code of every error, in order
	Data       []byte   // the raw response body
	Err        error    // transport or decoding failure; nil when a response was decoded
}

// Codes for answers that carry no GraphQL error code of their own.
const (
	CodeTransport = "TRANSPORT"  // no HTTP response (refused, reset, client timeout)
	CodeNoCode    = "NO_CODE"    // an error without extensions.code, or an undecodable body
	CodeWrong     = "WRONG_DATA" // data without errors that lacks the expected answer
)

// Elapsed returns how long the request took.
func (a Answer) Elapsed() time.Duration { return a.End.Sub(a.Start) }

// Code returns "" for a successful answer, the first error's extensions.code for a
// GraphQL error, CodeTransport when no response came and CodeNoCode for an error
// response without a code (including a non-200 status without a GraphQL body).
func (a Answer) Code() string {
	switch {
	case a.Err != nil && a.Status == 0:
		return CodeTransport
	case a.Err != nil:
		return CodeNoCode
	case len(a.Codes) > 0:
		return a.Codes[0]
	case a.Status != http.StatusOK:
		return CodeNoCode
	}
	return ""
}

// TimedOut reports whether the client gave up waiting for the answer.
func (a Answer) TimedOut() bool {
	var te interface{ Timeout() bool }
	return a.Err != nil && (errors.As(a.Err, &te) && te.Timeout() || errors.Is(a.Err, context.DeadlineExceeded))
}

// Client posts GraphQL queries to one server.
type Client struct {
	http *http.Client
	url  string
}

// NewClient returns a client for the server at base (http://host:port) that keeps up to
// conns connections and gives up on a request after timeout.
func NewClient(base string, conns int, timeout time.Duration) *Client {
	return &Client{
		http: &http.Client{Timeout: timeout, Transport: &http.Transport{
			MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, IdleConnTimeout: 30 * time.Second,
		}},
		url: strings.TrimRight(base, "/") + "/graphql",
	}
}

// Query posts query and returns the answer, whatever it is: failures are in the answer,
// never panics or hangs beyond the client timeout.
func (c *Client) Query(ctx context.Context, query string) Answer {
	body, _ := json.Marshal(map[string]any{"query": query})
	a := Answer{Start: time.Now()}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		a.Err, a.End = err, time.Now()
		return a
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		a.Err, a.End = err, time.Now()
		return a
	}
	defer res.Body.Close()
	a.Status = res.StatusCode
	if a.Data, err = io.ReadAll(res.Body); err != nil {
		a.Err, a.End = err, time.Now()
		return a
	}
	a.End = time.Now()
	var r struct {
		Errors []struct {
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(a.Data, &r); err != nil {
		a.Err = fmt.Errorf("status %d: %w: %.200s", a.Status, err, a.Data)
		return a
	}
	for _, e := range r.Errors {
		code := e.Extensions.Code
		if code == "" {
			code = CodeNoCode
		}
		a.Codes = append(a.Codes, code)
	}
	return a
}

// CountsByCode prints counts by code, largest first, then by name:
// "UNAVAILABLE 812, TRANSPORT 3"; "" for none.
func CountsByCode(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
