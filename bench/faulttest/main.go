// Command faulttest is `make fault-test`: it proves that the server rides out a Neo4j
// outage. Under steady load from the seed workload (bench/target.SeedMix) it takes the
// Neo4j it was given down (`neo4j.sh stop`, then SIGKILL of the JVM), keeps the load
// going through the outage, starts Neo4j again, and reports requests served, errors by
// code during each outage, and the time from "Bolt answers again" to the first
// successful GraphQL answer and to /readyz 200.
//
// It fails (exit status 1) when recovery takes longer than -recovery, an outage error
// carries another code than UNAVAILABLE (or TIMEOUT, for a read that ended after Bolt
// answered again and so ran too long), a request fails outside the outages, a request
// outlives the request timeout, /readyz does not say 503 while Neo4j is down, or the
// server process dies. It must run under `neo4j/neo4j.sh with` (NEO4J_RUNTIME_DIR set),
// since it stops and kills the Neo4j of NEO4J_RUNTIME_DIR; the seeds must be loaded.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/parkgraph/parkgraph/bench/target"
	"github.com/parkgraph/parkgraph/neo4jdb"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "faulttest:", err)
		os.Exit(1)
	}
}

// config is what one fault test does.
type config struct {
	settings
	server     string   // server binary
	script     string   // neo4j.sh
	faults     []string // names of the faults, in order
	runtimeDir string   // NEO4J_RUNTIME_DIR of the instance under test
	neo4j      neo4jdb.Config
}

func parseConfig(args []string, getenv func(string) string) (config, error) {
	flags := flag.NewFlagSet("faulttest", flag.ContinueOnError)
	c := config{}
	faults := flags.String("faults", "stop,kill", "faults in order: stop (neo4j.sh stop), kill (SIGKILL of the JVM)")
	flags.StringVar(&c.server, "server", "bin/server", "server binary")
	flags.StringVar(&c.script, "neo4j", "neo4j/neo4j.sh", "script that stops and starts the Neo4j of NEO4J_RUNTIME_DIR")
	flags.IntVar(&c.concurrency, "concurrency", 8, "concurrent clients")
	flags.Float64Var(&c.rate, "rate", 20, "requests per second from all clients together (0: as fast as they can)")
	flags.DurationVar(&c.steady, "steady", 10*time.Second, "steady load before, between and after the faults")
	flags.DurationVar(&c.outage, "outage", 10*time.Second, "load while Neo4j is down, before starting it again")
	flags.DurationVar(&c.recovery, "recovery", 5*time.Second, "longest allowed time from Bolt answering to the server answering")
	flags.DurationVar(&c.requestTimeout, "request-timeout", 15*time.Second, "the server's REQUEST_TIMEOUT")
	flags.DurationVar(&c.boltWait, "start-timeout", 3*time.Minute, "longest wait for Neo4j to answer after a start")
	if err := flags.Parse(args); err != nil {
		return c, err
	}
	for _, f := range strings.Split(*faults, ",") {
		if f = strings.TrimSpace(f); f != "" {
			c.faults = append(c.faults, f)
		}
	}
	if len(c.faults) == 0 || c.concurrency <= 0 || c.rate < 0 || c.steady <= 0 || c.outage <= 0 || c.recovery <= 0 || c.requestTimeout <= 0 {
		return c, fmt.Errorf("want at least one fault a rate >= 0 and positive -concurrency, -steady, -outage, -recovery and -request-timeout")
	}
	c.neo4j = neo4jdb.ConfigFromEnv(getenv)
	c.runtimeDir = getenv("NEO4J_RUNTIME_DIR")
	if c.runtimeDir == "" {
		return c, fmt.Errorf("NEO4J_RUNTIME_DIR is not set: run under `neo4j/neo4j.sh with` (make fault-test), " +
			"since the fault test stops and kills the Neo4j it is given")
	}
	return c, nil
}

func run(ctx context.Context, args []string, getenv func(string) string, out, logOut io.Writer) error {
	cfg, err := parseConfig(args, getenv)
	if err != nil {
		return err
	}
	faults, err := neo4jFaults(cfg.faults, cfg.script, cfg.runtimeDir, logOut)
	if err != nil {
		return err
	}
	return faultTest(ctx, cfg.settings, cfg.server, cfg.neo4j, faults, out, logOut)
}

// faultTest starts the server on neo4j, drives the faults under load, prints the report
// (of what happened so far, if a fault step failed) to out and returns an error when a
// step or a check failed. Progress goes to logOut.
func faultTest(ctx context.Context, s settings, server string, neo4j neo4jdb.Config, faults []fault, out, logOut io.Writer) error {
	env := []string{"NEO4J_URI=" + neo4j.URI, "NEO4J_USERNAME=" + neo4j.Username, "NEO4J_PASSWORD=" + neo4j.Password,
		"NEO4J_DATABASE=" + neo4j.Database, "REQUEST_TIMEOUT=" + s.requestTimeout.String(),
		"CACHE_BYTES=0"} // every request reaches Neo4j, so the outages show
	srv, err := target.Start(ctx, server, env, 30*time.Second)
	if err != nil {
		return fmt.Errorf("start %s: %w", server, err)
	}
	defer srv.Stop()
	if err := srv.WaitReady(ctx, time.Minute); err != nil {
		return fmt.Errorf("%s: %w", server, err)
	}
	logf := func(format string, args ...any) {
		fmt.Fprintf(logOut, "faulttest: "+format+"\n", args...)
	}
	p := probes{listen: listens(neo4j.URI), bolt: answers(neo4j, "RETURN 1"), graph: answers(neo4j, headlineCypher)}
	rec, err := drive(ctx, s, srv.URL, faults, p, logf)
	alive, healthy := srv.Alive(), healthz(ctx, srv.URL)
	rep := analyze(rec, s, alive, healthy, srv.PeakRSS())
	rep.server, rep.pid, rep.neo4j = srv.URL, srv.PID(), neo4j.URI
	rep.write(out)
	if err != nil {
		return fmt.Errorf("the fault test stopped early: %w", err)
	}
	if len(rep.failures) > 0 {
		fmt.Fprintf(logOut, "faulttest: server log (tail):\n%s", lastLines(srv.Log(), 40))
		return fmt.Errorf("%d checks failed", len(rep.failures))
	}
	if err := srv.Stop(); err != nil {
		return fmt.Errorf("the server did not shut down cleanly: %w", err)
	}
	return nil
}

// headlineCypher asks what the workload's headline query asks (parks targeting Taiwanese
// biotech), straight from Neo4j.
const headlineCypher = `MATCH (i:Industry) WHERE 'biotech' IN i.keys
MATCH (s:Industry)-[:SUBSECTOR_OF*0..8]->(i)
MATCH (p:Park)-[t:TARGETS]->(s) WHERE t.investorOrigin = 'taiwan'
RETURN DISTINCT p.id LIMIT 20`

// answers returns a probe that succeeds when a new driver gets at least one record for
// cypher from Neo4j. A fresh driver per probe: it must not share the server's pool or
// its own history.
func answers(cfg neo4jdb.Config, cypher string) func(context.Context) error {
	return func(ctx context.Context) error {
		store, err := neo4jdb.Open(cfg)
		if err != nil {
			return err
		}
		defer store.Close(context.WithoutCancel(ctx))
		n, err := store.Read(ctx, cypher, nil)
		if err == nil && n == 0 {
			err = fmt.Errorf("no record for %q", cypher)
		}
		return err
	}
}

// listens returns a probe that succeeds when the host and port of uri accept a TCP
// connection.
func listens(uri string) func(context.Context) error {
	return func(ctx context.Context) error {
		u, err := url.Parse(uri)
		if err != nil {
			return err
		}
		var d net.Dialer
		c, err := d.DialContext(ctx, "tcp", u.Host)
		if err != nil {
			return err
		}
		return c.Close()
	}
}

func lastLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "")
}
