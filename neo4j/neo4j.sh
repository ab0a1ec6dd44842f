#!/usr/bin/env bash
# Local Neo4j 5.26 Community without Docker and without a tarball: the server's
# jars come from Maven Central (neo4j/pom.xml) and run on a pinned JDK 17/21.
#
#   neo4j/neo4j.sh fetch            resolve the jars into .neo4j/lib (once; offline after)
#   neo4j/neo4j.sh start            start the dev instance (idempotent), wait for Bolt
#   neo4j/neo4j.sh stop             SIGTERM it, wait up to 60 s, then SIGKILL
#   neo4j/neo4j.sh status           say whether it runs and answers (exit 0 if so, 3 if not)
#   neo4j/neo4j.sh with CMD ARGS... run CMD against a throwaway instance, then stop it
#   neo4j/neo4j.sh flags            print the JVM command line (and the bootloader's own)
#
# Settings (environment, with defaults):
#   NEO4J_RUNTIME_DIR .neo4j/dev      conf/ data/ logs/ run/ import/ plugins/ of the instance
#   NEO4J_BOLT_PORT   7687
#   NEO4J_HTTP_PORT   7474            Browser at http://127.0.0.1:PORT/browser/
#   NEO4J_PASSWORD    parkgraph-dev   user neo4j; set on the first start only (>= 8 chars)
#   NEO4J_HEAP        512m            -Xms and -Xmx
#   NEO4J_PAGECACHE   256m
#   NEO4J_START_TIMEOUT 120           seconds to wait for Bolt
#   PARKGRAPH_URL     http://ADDR (ADDR as the server reads it, default 127.0.0.1:8080): the
#                     parkgraph server whose style and guide Browser loads after connecting
#   JAVA_HOME         /usr/lib/jvm/java-17-openjdk-amd64 (must be Java 17 or 21;
#                     NEO4J_JAVA_HOME wins over JAVA_HOME)
#   `with` ignores the first three settings and uses NEO4J_TEST_BOLT_PORT (17687), NEO4J_TEST_HTTP_PORT
#   (17474) and NEO4J_TEST_RUNTIME_DIR (.neo4j/test-BOLTPORT: wiped before, removed after
#   a successful CMD, kept after a failure); CMD gets NEO4J_URI, NEO4J_USERNAME,
#   NEO4J_PASSWORD and NEO4J_DATABASE=neo4j.
# Relative paths are relative to the repository root, whatever the caller's cwd.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM="$ROOT/neo4j/pom.xml"
CACHE="$ROOT/.neo4j"
LIB="$CACHE/lib"
BIN="$CACHE/bin"
WAIT_BIN="$BIN/neo4j-wait"
DEFAULT_JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64

log() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

abspath() { # relative to the repo root
	case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$ROOT/$1" ;; esac
}

# settings reads the environment; call it after any override of the defaults.
settings() {
	RT="$(abspath "${NEO4J_RUNTIME_DIR:-.neo4j/dev}")"
	BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
	HTTP_PORT="${NEO4J_HTTP_PORT:-7474}"
	PASSWORD="${NEO4J_PASSWORD:-parkgraph-dev}"
	HEAP="${NEO4J_HEAP:-512m}"
	PAGECACHE="${NEO4J_PAGECACHE:-256m}"
	START_TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
	PIDFILE="$RT/run/neo4j.pid"
	CONSOLE_LOG="$RT/logs/console.log"
	BOLT_URI="bolt://127.0.0.1:$BOLT_PORT"
	BROWSER_URL="http://127.0.0.1:$HTTP_PORT/browser/"
	local addr="${ADDR:-127.0.0.1:8080}"
	[[ $addr == 0.0.0.0:* || $addr == :* ]] && addr="127.0.0.1:${addr##*:}"
	PARKGRAPH_URL="${PARKGRAPH_URL:-http://$addr}"
	PARKGRAPH_URL="${PARKGRAPH_URL%/}"
	[[ $PARKGRAPH_URL =~ ^https?://[^/[:space:]\;]+$ ]] || die "PARKGRAPH_URL=$PARKGRAPH_URL: want http://host:port"
	[[ ${#PASSWORD} -ge 8 ]] || die "NEO4J_PASSWORD must have at least 8 characters"
	[[ $BOLT_PORT =~ ^[0-9]+$ && $HTTP_PORT =~ ^[0-9]+$ ]] || die "ports must be numbers"
	[[ $BOLT_PORT != "$HTTP_PORT" ]] || die "NEO4J_BOLT_PORT and NEO4J_HTTP_PORT are both $BOLT_PORT"
}

java_major() { # prints the major version of $1/bin/java, or nothing
	"$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n1
}

# find_java sets JAVA to a Java 17 or 21 binary: Neo4j 5.26 runs on nothing else.
find_java() {
	local jh="${NEO4J_JAVA_HOME:-${JAVA_HOME:-$DEFAULT_JAVA_HOME}}" v=""
	[[ -x $jh/bin/java ]] && v="$(java_major "$jh")"
	if [[ $v != 17 && $v != 21 && -z ${NEO4J_JAVA_HOME:-} && $jh != "$DEFAULT_JAVA_HOME" &&
		-x $DEFAULT_JAVA_HOME/bin/java ]]; then
		log "JAVA_HOME=$jh is Java ${v:-?}; Neo4j 5.26 needs 17 or 21: using $DEFAULT_JAVA_HOME"
		jh="$DEFAULT_JAVA_HOME"
		v="$(java_major "$jh")"
	fi
	[[ -x $jh/bin/java ]] || die "no java at $jh/bin/java: install openjdk-17-jdk-headless or set JAVA_HOME to a JDK 17 or 21"
	[[ $v == 17 || $v == 21 ]] || die "$jh/bin/java is Java ${v:-of unknown version}; Neo4j 5.26 runs only on Java 17 or 21 (set JAVA_HOME or NEO4J_JAVA_HOME)"
	JAVA_HOME="$jh"
	JAVA="$jh/bin/java"
	export JAVA_HOME
}

# ---------------------------------------------------------------- fetch

pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

lib_ok() { [[ -f $LIB/.stamp && "$(cat "$LIB/.stamp")" == "$(pom_hash)" ]]; }

cmd_fetch() {
	if lib_ok; then
		log "jars up to date in ${LIB#"$ROOT/"} ($(find "$LIB" -name '*.jar' | wc -l) jars)"
		return 0
	fi
	find_java
	command -v mvn >/dev/null || die "mvn not found: apt-get install -y maven"
	local tmp="$LIB.tmp.$$" t0=$SECONDS
	mkdir -p "$CACHE"
	rm -rf "$tmp"
	log "resolving Neo4j jars from Maven Central (first time: a few minutes)"
	# (sed: mvn 3.8 -q -B still prints bare colour resets)
	if ! mvn -q -B -f "$POM" dependency:copy-dependencies \
		-DincludeScope=runtime -DoutputDirectory="$tmp" </dev/null 2>&1 |
		sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2; then
		rm -rf "$tmp"
		die "mvn could not resolve neo4j/pom.xml"
	fi
	ls "$tmp"/neo4j-server-*.jar "$tmp"/neo4j-bootcheck-*.jar "$tmp"/neo4j-browser-*.jar >/dev/null ||
		die "mvn did not deliver the Neo4j server, bootloader and browser jars"
	pom_hash >"$tmp/.stamp"
	rm -rf "$LIB"
	mv "$tmp" "$LIB"
	log "$(find "$LIB" -name '*.jar' | wc -l) jars in ${LIB#"$ROOT/"} ($(du -sh "$LIB" | cut -f1)) after $((SECONDS - t0))s"
}

neo4j_version() {
	local j
	for j in "$LIB"/neo4j-server-*.jar; do
		j="${j##*/neo4j-server-}"
		printf '%s\n' "${j%.jar}"
		return
	done
}

# ---------------------------------------------------------------- runtime

# The official JVM flags of the Neo4j 5.26 tarball (its conf/neo4j.conf
# server.jvm.additional lines); `neo4j.sh flags` prints what the bootloader
# (org.neo4j.server.startup.Neo4jBoot console --dry-run) makes of them.
JVM_FLAGS=(
	-XX:+UseG1GC
	-XX:-OmitStackTraceInFastThrow
	-XX:+AlwaysPreTouch
	-XX:+UnlockExperimentalVMOptions
	-XX:+TrustFinalNonStaticFields
	-XX:+DisableExplicitGC
	-Djdk.nio.maxCachedBufferSize=1024
	-Dio.netty.tryReflectionSetAccessible=true
	-Djdk.tls.ephemeralDHKeySize=2048
	-Djdk.tls.rejectClientInitiatedRenegotiation=true
	-XX:FlightRecorderOptions=stackdepth=256
	-XX:+UnlockDiagnosticVMOptions
	-XX:+DebugNonSafepoints
	--add-opens=java.base/java.nio=ALL-UNNAMED
	--add-opens=java.base/java.io=ALL-UNNAMED
	--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
	--enable-native-access=ALL-UNNAMED
	-Dlog4j2.disable.jmx=true
	-Dlog4j.layout.jsonTemplate.maxStringLength=32768
)

write_conf() {
	mkdir -p "$RT"/{conf,data,logs,run,import,plugins}
	{
		echo "# Written by neo4j/neo4j.sh on every start: edits are lost."
		echo "server.directories.data=$RT/data"
		echo "server.directories.logs=$RT/logs"
		echo "server.directories.run=$RT/run"
		echo "server.directories.import=$RT/import"
		echo "server.directories.plugins=$RT/plugins"
		echo "server.directories.lib=$LIB"
		echo "server.default_listen_address=127.0.0.1"
		echo "server.default_advertised_address=127.0.0.1"
		echo "server.bolt.enabled=true"
		echo "server.bolt.listen_address=127.0.0.1:$BOLT_PORT"
		echo "server.bolt.advertised_address=127.0.0.1:$BOLT_PORT"
		echo "server.http.enabled=true"
		echo "server.http.listen_address=127.0.0.1:$HTTP_PORT"
		echo "server.http.advertised_address=127.0.0.1:$HTTP_PORT"
		echo "server.https.enabled=false"
		echo "server.memory.heap.initial_size=$HEAP"
		echo "server.memory.heap.max_size=$HEAP"
		echo "server.memory.pagecache.size=$PAGECACHE"
		echo "db.transaction.timeout=30s"
		echo "db.tx_log.rotation.retention_policy=1 days 512M"
		echo "db.tx_log.preallocate=false"
		echo "dbms.usage_report.enabled=false"
		echo "client.allow_telemetry=false"
		# Browser applies the parkgraph style and opens the cookbook guide, both served by
		# the parkgraph server, after it connects; it fetches only from the listed hosts (Neo4j
		# 5.26 knows the list as ..._whitelist, and refuses the name ..._allowlist).
		local host="${PARKGRAPH_URL#*://}"
		host="${host%:*}"
		echo "browser.remote_content_hostname_whitelist=$host"
		echo "browser.post_connect_cmd=style $PARKGRAPH_URL/browser/graphstyle.grass; play $PARKGRAPH_URL/browser/guide.html"
		# Internal (default 5 s, spent twice): without it every stop idles 10 s
		# after the databases are closed. Safe to drop if a release rejects it.
		echo "internal.dbms.bolt.netty_server_shutdown_quiet_period=0"
		local f
		for f in "${JVM_FLAGS[@]}"; do echo "server.jvm.additional=$f"; done
	} >"$RT/conf/neo4j.conf.tmp"
	mv "$RT/conf/neo4j.conf.tmp" "$RT/conf/neo4j.conf"
}

java_cmd() { # the server's command line, one word per array element
	CMD=("$JAVA" -Xms"$HEAP" -Xmx"$HEAP" "${JVM_FLAGS[@]}" -Dfile.encoding=UTF-8
		-XX:ErrorFile="$RT/logs/hs_err_pid%p.log"
		-cp "$RT/plugins/*:$RT/conf/*:$LIB/*"
		org.neo4j.server.CommunityEntryPoint
		--home-dir="$RT" --config-dir="$RT/conf" --console-mode)
}

boot() { # run a bootloader class (Neo4jBoot, Neo4jAdminBoot) on this runtime dir
	local main="$1"
	shift
	NEO4J_HOME="$RT" NEO4J_CONF="$RT/conf" \
		"$JAVA" -cp "$LIB/*" "org.neo4j.server.startup.$main" "$@"
}

running_pid() { # prints the pid of this runtime dir's server if it is alive
	local pid
	[[ -f $PIDFILE ]] || return 1
	pid="$(cat "$PIDFILE" 2>/dev/null)" || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	# a recycled pid must not be taken for ours
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "CommunityEntryPoint --home-dir=$RT " || return 1
	printf '%s\n' "$pid"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_bin() { # build the readiness probe (go build's cache makes a rebuild cheap)
	mkdir -p "$BIN"
	(cd "$ROOT" && go build -o "$WAIT_BIN.tmp" ./neo4j/wait) || die "could not build ./neo4j/wait"
	mv "$WAIT_BIN.tmp" "$WAIT_BIN"
}

probe() { # $1: seconds; 0 when Bolt answers RETURN 1 with our credentials
	NEO4J_URI="$BOLT_URI" NEO4J_USERNAME=neo4j NEO4J_PASSWORD="$PASSWORD" NEO4J_DATABASE=neo4j \
		"$WAIT_BIN" -q -timeout "${1}s" 2>"$RT/run/probe.err"
}

tail_log() {
	log "last lines of ${CONSOLE_LOG#"$ROOT/"}:"
	tail -n 40 "$CONSOLE_LOG" >&2 2>/dev/null || true
	if [[ -s $RT/run/probe.err ]]; then
		log "last probe error: $(cat "$RT/run/probe.err")"
	fi
}

# wait_ready waits for Bolt while the server lives; 0 when ready.
wait_ready() {
	local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
	while ((SECONDS < deadline)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			log "Neo4j (pid $pid) exited during startup"
			return 1
		fi
		if probe 2; then return 0; fi
		if grep -q 'Security.Unauthorized' "$RT/run/probe.err" 2>/dev/null; then
			log "Bolt refuses NEO4J_PASSWORD: the password is set on the first start only; use the old one or delete ${RT#"$ROOT/"}/data"
			return 1
		fi
		sleep 0.5
	done
	log "Bolt did not answer within ${START_TIMEOUT}s"
	return 1
}

cmd_start() {
	local pid t0
	settings
	if pid="$(running_pid)"; then
		wait_bin
		if probe 5; then
			log "already running (pid $pid): $BOLT_URI, Browser $BROWSER_URL"
			return 0
		fi
		log "pid $pid is running but Bolt does not answer yet: waiting"
		wait_ready "$pid" || { tail_log; exit 1; }
		log "ready (pid $pid): $BOLT_URI, Browser $BROWSER_URL"
		return 0
	fi
	rm -f "$PIDFILE"
	cmd_fetch
	find_java
	wait_bin
	for p in "$BOLT_PORT" "$HTTP_PORT"; do
		port_busy "$p" && die "port $p on 127.0.0.1 is taken by another process (another Neo4j? set NEO4J_BOLT_PORT / NEO4J_HTTP_PORT)"
	done
	write_conf
	if [[ ! -e $RT/data/dbms/auth.ini && ! -d $RT/data/databases/system ]]; then
		log "first start of ${RT#"$ROOT/"}: setting the initial password of user neo4j"
		HEAP_SIZE=256m boot Neo4jAdminBoot dbms set-initial-password "$PASSWORD" >"$RT/logs/set-password.log" 2>&1 || {
			cat "$RT/logs/set-password.log" >&2
			die "neo4j-admin dbms set-initial-password failed"
		}
	fi
	java_cmd
	: >"$CONSOLE_LOG"
	t0="$(date +%s.%N)"
	# A session of its own: Ctrl-C in the caller's terminal does not reach the
	# server; `stop` (or the trap of `with`) ends it. exec keeps the pid.
	# shellcheck disable=SC2016 # $$ and $@ are the inner shell's
	(cd "$RT" && PIDFILE="$PIDFILE" exec setsid bash -c 'echo $$ >"$PIDFILE"; exec "$@"' neo4j "${CMD[@]}") \
		</dev/null >>"$CONSOLE_LOG" 2>&1 &
	local _
	for _ in $(seq 50); do
		[[ -s $PIDFILE ]] && break
		sleep 0.1
	done
	pid="$(cat "$PIDFILE" 2>/dev/null)" || die "the server did not start"
	log "starting Neo4j $(neo4j_version) (pid $pid, Java $(java_major "$JAVA_HOME"), heap $HEAP, page cache $PAGECACHE) in ${RT#"$ROOT/"}"
	if ! wait_ready "$pid"; then
		tail_log
		stop_pid "$pid" 20 || true
		exit 1
	fi
	log "ready after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')s: $BOLT_URI (user neo4j), Browser $BROWSER_URL"
	echo "NEO4J_URI=$BOLT_URI"
}

stop_pid() { # $1 pid, $2 seconds before SIGKILL
	local pid="$1" grace="${2:-60}" deadline
	kill -TERM "$pid" 2>/dev/null || return 0
	deadline=$((SECONDS + grace))
	while kill -0 "$pid" 2>/dev/null; do
		if ((SECONDS >= deadline)); then
			log "pid $pid still alive after ${grace}s: SIGKILL"
			kill -KILL "$pid" 2>/dev/null || true
			sleep 0.5
			break
		fi
		sleep 0.2
	done
}

cmd_stop() {
	local pid t0=$SECONDS
	settings
	if ! pid="$(running_pid)"; then
		rm -f "$PIDFILE"
		log "not running (${RT#"$ROOT/"})"
		return 0
	fi
	stop_pid "$pid" 60
	rm -f "$PIDFILE"
	log "stopped pid $pid after $((SECONDS - t0))s"
}

cmd_status() {
	local pid rss
	settings
	if ! pid="$(running_pid)"; then
		echo "not running (${RT#"$ROOT/"})"
		return 3
	fi
	rss="$(awk '/^VmRSS/ { printf "%d MiB", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || true)"
	wait_bin
	if probe 3; then
		echo "running (pid $pid, RSS $rss): $BOLT_URI answers; Browser $BROWSER_URL"
	else
		echo "running (pid $pid, RSS $rss) but Bolt $BOLT_URI does not answer: $(cat "$RT/run/probe.err" 2>/dev/null)"
		return 1
	fi
}

cmd_flags() {
	settings
	cmd_fetch
	find_java
	write_conf
	java_cmd
	echo "# neo4j.sh runs:"
	printf '%q ' "${CMD[@]}"
	echo
	echo "# the bootloader (Neo4jBoot console --dry-run) would run:"
	boot Neo4jBoot console --dry-run
}

cmd_with() {
	[[ $# -gt 0 ]] || die "usage: neo4j.sh with CMD [ARGS...]"
	# Its own ports and directory: never the dev instance's, whatever is exported.
	export NEO4J_BOLT_PORT="${NEO4J_TEST_BOLT_PORT:-17687}"
	export NEO4J_HTTP_PORT="${NEO4J_TEST_HTTP_PORT:-17474}"
	export NEO4J_RUNTIME_DIR="${NEO4J_TEST_RUNTIME_DIR:-.neo4j/test-$NEO4J_BOLT_PORT}"
	settings
	# a leftover of an earlier run that was killed hard
	local pid
	if pid="$(running_pid)"; then
		log "stopping a leftover test instance (pid $pid)"
		stop_pid "$pid" 30
	fi
	rm -rf "$RT"
	WITH_STATUS=1
	trap with_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	if ! (cmd_start) >&2; then
		log "Neo4j did not start: not running $*"
		exit 1
	fi
	export NEO4J_URI="$BOLT_URI" NEO4J_USERNAME=neo4j NEO4J_PASSWORD="$PASSWORD" NEO4J_DATABASE=neo4j
	set +e
	"$@"
	WITH_STATUS=$?
	set -e
	exit "$WITH_STATUS"
}

with_cleanup() {
	local status=$? pid
	trap - EXIT INT TERM
	if pid="$(running_pid)"; then
		stop_pid "$pid" 60
	fi
	if [[ $status -eq 0 ]]; then
		rm -rf "$RT"
	else
		log "kept ${RT#"$ROOT/"} (logs/console.log) for a look"
	fi
	exit "$status"
}

case "${1:-}" in
fetch) cmd_fetch ;;
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
flags) cmd_flags ;;
with)
	shift
	cmd_with "$@"
	;;
*)
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
	;;
esac
