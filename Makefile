# parkgraph: GraphQL over a Neo4j 5.26 knowledge graph.
#
#   make run      start Neo4j (fetching it the first time), load the seeds, serve GraphQL;
#                 Ctrl-C stops the server and the Neo4j that `make run` started
#   make test     go test ./... against a throwaway Neo4j (bolt 17687), never the dev one
#   make bench    benchmarks against @neo4j/graphql and raw Cypher (bench/README.md)
#   make fuzz     every fuzz target for FUZZTIME (default 30s) each; no database needed
#   make load-test   50 clients for 60 s on the seed graph: requests, errors, p99, peak RSS
#   make fault-test  stop and kill Neo4j under load: errors by code, time to recover
#   make scale-test  3 replicas behind HAProxy, rolling SIGTERM restarts and a SIGKILL under load
#   make screenshots  run the browser tests, writing their screenshots to docs/screenshots
#   make vendor   copy the pages' npm files into web/vendor (web/vendor.json pins them)
#   make neo4j / neo4j-stop / neo4j-status / load / serve / dry-run / generate / check
#
# The dev instance lives in .neo4j/dev (see neo4j/neo4j.sh for its settings).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

NEO4J_BOLT_PORT ?= 7687
NEO4J_URI ?= bolt://127.0.0.1:$(NEO4J_BOLT_PORT)
NEO4J_USERNAME ?= neo4j
NEO4J_PASSWORD ?= parkgraph-dev
NEO4J_DATABASE ?= neo4j
ADDR ?= 127.0.0.1:8080
export NEO4J_BOLT_PORT NEO4J_URI NEO4J_USERNAME NEO4J_PASSWORD NEO4J_DATABASE ADDR

# The throwaway instance of `make test` (neo4j.sh with reads these).
NEO4J_TEST_BOLT_PORT ?= 17687
NEO4J_TEST_HTTP_PORT ?= 17474
export NEO4J_TEST_BOLT_PORT NEO4J_TEST_HTTP_PORT

# -p 1: packages run one at a time, since they share the one test database.
# Under CI, -v lists every test in the log.
GOTESTFLAGS ?= -count=1 -p 1 $(if $(filter true 1,$(CI)),-v,)

NEO4J := neo4j/neo4j.sh

.PHONY: screenshots vendor vendor-check
.PHONY: help neo4j neo4j-fetch neo4j-stop neo4j-status load serve run test generate check dry-run bench load-test fault-test scale-test fuzz

help:
	@sed -n '3,15p' Makefile | sed 's/^# \{0,1\}//'

neo4j:
	@$(NEO4J) start

neo4j-fetch:
	@$(NEO4J) fetch

neo4j-stop:
	@$(NEO4J) stop

neo4j-status:
	@$(NEO4J) status

load:
	go run ./loader

dry-run:
	go run ./loader -dry-run

serve:
	go run ./server

# Stops Neo4j on the way out only if this recipe started it.
run:
	@started=0; rc=0; \
	$(NEO4J) status >/dev/null 2>&1 || rc=$$?; \
	if [[ $$rc -eq 3 ]]; then started=1; fi; \
	$(NEO4J) start; \
	cleanup() { \
		if [[ $$started -eq 1 ]]; then $(NEO4J) stop; fi; \
	}; \
	trap cleanup EXIT; trap 'exit 0' INT; trap 'exit 143' TERM; \
	go build -o bin/ ./loader ./server; \
	bin/loader; \
	echo "serving GraphQL on http://$(ADDR)/ (Ctrl-C stops it$$( [[ $$started -eq 1 ]] && echo ' and Neo4j'))"; \
	bin/server

test:
	$(NEO4J) with go test $(GOTESTFLAGS) ./...

# The browser tests (server/browser_test.go) on a throwaway Neo4j, keeping their screenshots.
screenshots:
	SCREENSHOTS=docs/screenshots $(NEO4J) with go test -count=1 -run 'InABrowser' ./server

# Copies the files the pages use from npm (pinned in web/vendor.json) into web/vendor and
# records them in web/vendor/manifest.json; vendor-check fetches them again and compares.
vendor:
	node web/vendor.mjs

vendor-check:
	node web/vendor.mjs --check

# Fuzzes every Fuzz* target of the packages that have a fuzz_test.go, one after the other,
# for FUZZTIME each; a failing input is written to the package's testdata/fuzz/ (commit it
# with the fix). New interesting inputs are minimised for at most 5 s, so that the time
# goes to fuzzing.
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$(find . -name fuzz_test.go -not -path './.*' -exec dirname {} \; | sort); do \
		for target in $$(go test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$target in $$pkg"; \
			go test -run='^$$' -fuzz="^$$target\$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s $$pkg; \
		done; \
	done

# Benchmarks against @neo4j/graphql and raw Cypher on a throwaway Neo4j with a larger heap;
# writes bench/README.md and bench/results/. BENCHFLAGS passes flags to bench/run
# (e.g. BENCHFLAGS="-sizes 1000,100000 -duration 5s").
BENCHFLAGS ?=
bench:
	go build -o bin/ ./server
	cd bench/peer && npm ci --no-audit --no-fund --loglevel=error
	NEO4J_HEAP=4g NEO4J_PAGECACHE=2g NEO4J_TEST_BOLT_PORT=17787 NEO4J_TEST_HTTP_PORT=17574 \
		$(NEO4J) with go run ./bench/run $(BENCHFLAGS)

# The load and fault tests (bench/loadtest, bench/faulttest) each load the seeds into a
# throwaway Neo4j of their own (.neo4j/load-test, .neo4j/fault-test; both on the ports
# below, so one at a time) and run bin/server on a free loopback port. LOADFLAGS and
# FAULTFLAGS pass flags (e.g. FAULTFLAGS="-faults stop -outage 20s").
OPS_TEST_BOLT_PORT ?= 17721
OPS_TEST_HTTP_PORT ?= 17722
LOADFLAGS ?=
FAULTFLAGS ?=
load-test:
	go build -o bin/ ./loader ./server ./bench/loadtest
	NEO4J_TEST_BOLT_PORT=$(OPS_TEST_BOLT_PORT) NEO4J_TEST_HTTP_PORT=$(OPS_TEST_HTTP_PORT) \
		NEO4J_TEST_RUNTIME_DIR=.neo4j/load-test \
		$(NEO4J) with bash -c 'bin/loader && exec bin/loadtest "$$@"' load-test $(LOADFLAGS)

# Three replicas of bin/server behind HAProxy (apt-get install haproxy), health-checked on
# /readyz, under load; each restarted with SIGTERM, then one SIGKILLed. SCALEFLAGS passes
# flags (e.g. SCALEFLAGS="-replicas 4 -concurrency 32 -steady 30s").
SCALEFLAGS ?=
scale-test:
	go build -o bin/ ./loader ./server ./bench/scaletest
	NEO4J_TEST_BOLT_PORT=$(OPS_TEST_BOLT_PORT) NEO4J_TEST_HTTP_PORT=$(OPS_TEST_HTTP_PORT) \
		NEO4J_TEST_RUNTIME_DIR=.neo4j/scale-test \
		$(NEO4J) with bash -c 'bin/loader && exec bin/scaletest "$$@"' scale-test $(SCALEFLAGS)

fault-test:
	go build -o bin/ ./loader ./server ./bench/faulttest
	NEO4J_TEST_BOLT_PORT=$(OPS_TEST_BOLT_PORT) NEO4J_TEST_HTTP_PORT=$(OPS_TEST_HTTP_PORT) \
		NEO4J_TEST_RUNTIME_DIR=.neo4j/fault-test \
		$(NEO4J) with bash -c 'bin/loader && exec bin/faulttest "$$@"' fault-test $(FAULTFLAGS)

generate:
	go run github.com/99designs/gqlgen generate

check:
	@unformatted="$$(gofmt -l .)"; \
	if [[ -n $$unformatted ]]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
