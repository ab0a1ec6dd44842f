#!/usr/bin/env bash
# Starts a throwaway Neo4j (neo4j/neo4j.sh with), loads the seeds, starts our server and
# the peer on it, runs check.mjs against both, then stops everything it started (by pid).
#
#   bench/peer/run-check.sh [check.mjs options, e.g. --runs 20]
#
# Ports (environment): NEO4J_TEST_BOLT_PORT 27687, NEO4J_TEST_HTTP_PORT 27474,
# OURS_PORT 18080, PEER_PORT 4000. Exit status: that of check.mjs (1 on a mismatch).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEER="$ROOT/bench/peer"
OURS_PORT="${OURS_PORT:-18080}"
PEER_PORT="${PEER_PORT:-4000}"

log() { printf 'run-check: %s\n' "$*" >&2; }

if [[ ${1:-} != --inside ]]; then
	command -v node >/dev/null || { log "node not found"; exit 1; }
	if [[ ! -d $PEER/node_modules ]]; then
		log "npm ci in bench/peer"
		(cd "$PEER" && npm ci --no-audit --no-fund --loglevel=error)
	fi
	export NEO4J_TEST_BOLT_PORT="${NEO4J_TEST_BOLT_PORT:-27687}"
	export NEO4J_TEST_HTTP_PORT="${NEO4J_TEST_HTTP_PORT:-27474}"
	exec "$ROOT/neo4j/neo4j.sh" with "$PEER/run-check.sh" --inside "$@"
fi
shift

# Inside `neo4j.sh with`: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE are set.
TMP="$(mktemp -d)"
PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

cd "$ROOT"
log "building the loader and our server"
go build -o "$TMP/loader" ./loader
go build -o "$TMP/server" ./server
"$TMP/loader" >&2

ADDR="127.0.0.1:$OURS_PORT" INTROSPECTION=false GRAPHIQL=false "$TMP/server" 2>"$TMP/ours.log" &
PIDS+=($!)
touch "$TMP/peer.log"
(cd "$PEER" && PORT="$PEER_PORT" exec node server.js) >"$TMP/peer.log" 2>&1 &
PIDS+=($!)

deadline=$((SECONDS + 60))
until curl -fsS "http://127.0.0.1:$OURS_PORT/readyz" >/dev/null 2>&1; do
	((SECONDS < deadline)) || { log "our server did not become ready:"; cat "$TMP/ours.log" >&2; exit 1; }
	sleep 0.2
done
until grep -q '^peer listening on ' "$TMP/peer.log"; do
	((SECONDS < deadline)) || { log "the peer did not start:"; cat "$TMP/peer.log" >&2; exit 1; }
	sleep 0.2
done
cat "$TMP/peer.log" >&2

status=0
node "$PEER/check.mjs" "http://127.0.0.1:$OURS_PORT/graphql" "http://127.0.0.1:$PEER_PORT/graphql" "$@" || status=$?
exit "$status"
