package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"text/template"
	"time"

	"github.com/parkgraph/parkgraph/bench/target"
)

// haproxyConfig balances round-robin over the replicas, checks each on /readyz every
// 500 ms with 2 s to answer (down after 3 failures, up after 2 successes: a replica that
// starts draining is out within 1.5 s), and retries a request that could not be sent or
// got no answer on another replica (the request is buffered for that).
var haproxyConfig = template.Must(template.New("haproxy").Parse(`global
  maxconn 2000

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout check 2s
  retries 3
  option redispatch
  option http-buffer-request
  retry-on conn-failure empty-response

frontend api
  bind {{.Front}}
  default_backend replicas

backend replicas
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 500ms fall 3 rise 2
{{range $i, $a := .Replicas}}  server r{{$i}} {{$a}} check
{{end}}`))

// answer is one request put through the load balancer.
type answer struct {
	start, end time.Time
	code       string // "" for a correct answer
}

// phase is a stretch of the run, named for what happened in it.
type phase struct {
	name       string
	start, end time.Time
}

// scaleTest runs the scenario and returns what it measured. It fails only when it cannot
// set the scenario up; failed requests are for the report.
func scaleTest(ctx context.Context, s settings, log io.Writer) (*report, error) {
	env := []string{"NEO4J_URI=" + s.neo4j.URI, "NEO4J_USERNAME=" + s.neo4j.Username,
		"NEO4J_PASSWORD=" + s.neo4j.Password, "NEO4J_DATABASE=" + s.neo4j.Database,
		"SHUTDOWN_DELAY=" + s.shutdownDelay.String(), "LOG_LEVEL=warn", "METRICS=false",
		"CACHE_BYTES=0"} // every request reaches a replica's Neo4j path, as a cold dashboard's would
	addrs := make([]string, s.replicas)
	replicas := make([]*target.Server, s.replicas)
	var started []*target.Server // every replica process, restarts included
	defer func() {
		for _, r := range replicas {
			if r != nil {
				r.Stop()
			}
		}
	}()
	start := func(i int) error {
		r, err := target.StartAt(ctx, s.server, env, addrs[i], 30*time.Second)
		if err != nil {
			return fmt.Errorf("start replica %d at %s: %w", i, addrs[i], err)
		}
		replicas[i] = r
		started = append(started, r)
		return r.WaitReady(ctx, time.Minute)
	}
	for i := range addrs {
		var err error
		if addrs[i], err = target.FreeAddr(); err != nil {
			return nil, err
		}
		if err := start(i); err != nil {
			return nil, err
		}
	}
	front, err := target.FreeAddr()
	if err != nil {
		return nil, err
	}
	lb, err := startHAProxy(ctx, s.haproxy, front, addrs)
	if err != nil {
		return nil, err
	}
	defer lb.stop()
	if err := waitAllUp(ctx, "http://"+front, s.replicas); err != nil {
		return nil, fmt.Errorf("%w\nHAProxy said:\n%s", err, lb.out.String())
	}
	fmt.Fprintf(log, "scaletest: %d replicas %v behind HAProxy at %s, %d clients\n", s.replicas, addrs, front, s.concurrency)

	rep := &report{settings: s}
	var mu sync.Mutex
	load, stopLoad := context.WithCancel(ctx)
	var wg sync.WaitGroup
	client := target.NewClient("http://"+front, s.concurrency, s.timeout)
	for w := range s.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; load.Err() == nil; i++ {
				a := client.Check(load, target.SeedMix[i%len(target.SeedMix)])
				if load.Err() != nil && a.Err != nil {
					break // cut off by the end of the run, not failed
				}
				mu.Lock()
				rep.answers = append(rep.answers, answer{a.Start, a.End, a.Code()})
				if a.Code() != "" && rep.firstFailure == "" {
					rep.firstFailure = fmt.Sprintf("%s: status %d, %v, %.200s", a.Code(), a.Status, a.Err, a.Data)
				}
				mu.Unlock()
			}
		}()
	}
	during := func(name string, do func() error) error {
		p := phase{name: name, start: time.Now()}
		fmt.Fprintf(log, "scaletest: %s\n", name)
		err := do()
		p.end = time.Now()
		rep.phases = append(rep.phases, p)
		return err
	}
	settle := func() error { return sleep(ctx, 1500*time.Millisecond) } // HAProxy's rise: 2 checks of 500 ms
	err = sleep(ctx, s.warmup)                                          // answers before the first phase are in no phase
	if err == nil {
		err = during("steady load", func() error { return sleep(ctx, s.steady) })
	}
	for i := 0; err == nil && i < s.replicas; i++ {
		err = during(fmt.Sprintf("graceful restart of r%d (SIGTERM)", i), func() error {
			if err := replicas[i].Stop(); err != nil {
				return fmt.Errorf("replica %d did not stop cleanly on SIGTERM: %w", i, err)
			}
			if err := start(i); err != nil {
				return err
			}
			return settle()
		})
	}
	if err == nil {
		err = during("SIGKILL of r0, then its restart", func() error {
			replicas[0].Kill()
			if err := sleep(ctx, time.Second); err != nil {
				return err
			}
			if err := start(0); err != nil {
				return err
			}
			return settle()
		})
	}
	if err == nil {
		err = during("steady load after", func() error { return sleep(ctx, s.steady/2) })
	}
	stopLoad()
	wg.Wait()
	if err != nil {
		return nil, err
	}
	for _, r := range started {
		rep.peakRSS = max(rep.peakRSS, r.PeakRSS())
	}
	return rep, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// haproxy is a running HAProxy.
type haproxy struct {
	cmd *exec.Cmd
	out *bytes.Buffer
	dir string
}

func startHAProxy(ctx context.Context, bin, front string, replicas []string) (*haproxy, error) {
	path, err := exec.LookPath(bin)
	if err != nil {
		return nil, fmt.Errorf("HAProxy is not installed (apt-get install haproxy): %w", err)
	}
	dir, err := os.MkdirTemp("", "scaletest-")
	if err != nil {
		return nil, err
	}
	var cfg bytes.Buffer
	if err := haproxyConfig.Execute(&cfg, map[string]any{"Front": front, "Replicas": replicas}); err != nil {
		return nil, err
	}
	file := filepath.Join(dir, "haproxy.cfg")
	if err := os.WriteFile(file, cfg.Bytes(), 0o644); err != nil {
		return nil, err
	}
	h := &haproxy{cmd: exec.Command(path, "-f", file, "-db"), out: &bytes.Buffer{}, dir: dir}
	h.cmd.Stdout, h.cmd.Stderr = h.out, h.out
	h.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := h.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start HAProxy: %w", err)
	}
	return h, nil
}

func (h *haproxy) stop() {
	_ = h.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = h.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = h.cmd.Process.Kill()
		<-done
	}
	os.RemoveAll(h.dir)
}

// waitAllUp waits until the load balancer has answered /readyz 200 from as many
// requests in a row as there are replicas (round-robin: each replica once), at most 30 s.
func waitAllUp(ctx context.Context, base string, replicas int) error {
	deadline := time.Now().Add(30 * time.Second)
	inARow := 0
	for inARow < 2*replicas {
		if time.Now().After(deadline) {
			return fmt.Errorf("the load balancer at %s did not answer /readyz from every replica within 30 s", base)
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/readyz", nil)
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
		}
		if err == nil && res.StatusCode == http.StatusOK {
			inARow++
		} else {
			inARow = 0
			if err := sleep(ctx, 100*time.Millisecond); err != nil {
				return err
			}
		}
	}
	return sleep(ctx, 1200*time.Millisecond) // two health checks: every replica is up
}
