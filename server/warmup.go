package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parkgraph/parkgraph/model"
	"github.com/parkgraph/parkgraph/web"
)

// warmUpBudget bounds a whole warm-up; warmUpWorkers examples run at once (one per core
// of a small machine, so that Neo4j plans and compiles rather than queues), and the
// examples are answered warmUpRounds times: on the seeds under 50 clients, the p99 of
// the first 15 s was 5.8 s without a warm-up, 2.9 s after one round, and 2.0 s and 3.7 s
// in two runs after three (one run each; this machine's runs spread widely).
const (
	warmUpBudget  = 20 * time.Second
	warmUpWorkers = 2
	warmUpRounds  = 3
)

// startWarmUp, when cfg.WarmUp is set, answers every README example (web.ReadmeExamples)
// warmUpRounds times through gql in the background, and returns a flag that is true
// until that is done; otherwise the flag is false from the start. A Neo4j that has just started plans
// every query it has not seen and compiles its runtime: under 50 clients the first 10
// to 13 s saw answers of several seconds and a few timeouts. The examples are the common
// questions, so answering them first plans those queries and warms Neo4j before a load
// balancer that checks /readyz sends traffic. The warm-up stops at the first example
// that answers UNAVAILABLE (Neo4j is down, which /readyz then says as usual) and after
// warmUpBudget in any case; answers are dropped (the response cache is not filled). It
// logs one line: how many runs of examples answered, how many failed, and how long it
// took.
func startWarmUp(cfg Config, gql http.Handler, log *slog.Logger) *atomic.Bool {
	warming := &atomic.Bool{}
	if !cfg.WarmUp {
		return warming
	}
	examples, err := web.ReadmeExamples()
	if err != nil {
		log.Warn("warm-up skipped", "err", err)
		return warming
	}
	warming.Store(true)
	go func() {
		defer warming.Store(false)
		start := time.Now()
		var rounds []web.Example
		for range warmUpRounds {
			rounds = append(rounds, examples...)
		}
		answered, failed := warmUp(gql, rounds, cfg.RequestTimeout)
		log.Info("warmed up", "runs", len(rounds), "answered", answered, "failed", failed,
			"ms", time.Since(start).Milliseconds())
	}()
	return warming
}

// warmUp answers examples through gql, warmUpWorkers at a time, each within timeout and
// all within warmUpBudget, and counts the answers without errors and the others. After
// an UNAVAILABLE answer it starts no other example.
func warmUp(gql http.Handler, examples []web.Example, timeout time.Duration) (answered, failed int) {
	ctx, cancel := context.WithTimeout(context.Background(), warmUpBudget)
	defer cancel()
	next := make(chan web.Example)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range warmUpWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range next {
				code := answer(ctx, gql, e.Query, timeout)
				mu.Lock()
				if code == "" {
					answered++
				} else {
					failed++
				}
				mu.Unlock()
				if code == model.CodeUnavailable {
					cancel()
				}
			}
		}()
	}
	for _, e := range examples {
		if ctx.Err() != nil {
			break
		}
		next <- e
	}
	close(next)
	wg.Wait()
	return answered, failed
}

// answer posts the GraphQL document query to gql and returns the extensions.code of the
// first error of the answer, "" when it has none (INTERNAL when it is not a GraphQL
// answer at all).
func answer(ctx context.Context, gql http.Handler, query string, timeout time.Duration) model.Code {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	body, _ := json.Marshal(map[string]string{"query": query})
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	gql.ServeHTTP(rec, req)
	var resp struct {
		Errors []struct {
			Extensions struct {
				Code model.Code `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || rec.Code != http.StatusOK {
		return model.CodeInternal
	}
	if len(resp.Errors) > 0 {
		return resp.Errors[0].Extensions.Code
	}
	return ""
}
