// Package target is the GraphQL server under test for the load and fault tests: it
// starts bin/server as a child process on a free loopback port, samples its resident
// memory, says whether it is still alive, calls it, and stops it.
package target

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Server is a running server process.
type Server struct {
	URL string // http://127.0.0.1:PORT, without a path

	cmd    *exec.Cmd
	log    *tail
	exited chan struct{} // closed when the process has ended
	err    error         // how it ended, set before exited is closed
	stop   chan struct{}

	mu   sync.Mutex
	peak int64
}

// Build compiles the server of the module at root (a path such as "../..") into dir and
// returns the binary's path; the error carries the compiler's output.
func Build(root, dir string) (string, error) {
	bin := filepath.Join(dir, "server")
	cmd := exec.Command("go", "build", "-o", bin, "./server")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build server: %v\n%s", err, out)
	}
	return bin, nil
}

// FreeAddr returns a loopback address nothing listens on now.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// Start runs bin with env plus ADDR set to a free loopback address, and returns once
// /healthz answers 200 (not /readyz: the server may start before Neo4j). The process
// gets SIGTERM if the caller dies. Start fails when the process exits or /healthz does
// not answer within wait.
func Start(ctx context.Context, bin string, env []string, wait time.Duration) (*Server, error) {
	addr, err := FreeAddr()
	if err != nil {
		return nil, err
	}
	return StartAt(ctx, bin, env, addr, wait)
}

// StartAt is Start on the given address, so that a restarted server takes its place
// behind a load balancer.
func StartAt(ctx context.Context, bin string, env []string, addr string, wait time.Duration) (*Server, error) {
	cmd := exec.Command(bin)
	cmd.Env = append(env, "ADDR="+addr)
	s := &Server{URL: "http://" + addr, cmd: cmd, log: &tail{max: 64 << 10}, exited: make(chan struct{}), stop: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = s.log, s.log
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		s.err = cmd.Wait()
		close(s.exited)
	}()
	go s.sample()
	if err := s.waitFor(ctx, "/healthz", wait); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// WaitReady waits until /readyz answers 200, at most for wait.
func (s *Server) WaitReady(ctx context.Context, wait time.Duration) error {
	return s.waitFor(ctx, "/readyz", wait)
}

func (s *Server) waitFor(ctx context.Context, path string, wait time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	client := &http.Client{Timeout: 5 * time.Second}
	var last error
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+path, nil)
		res, err := client.Do(req)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %d", res.StatusCode)
		}
		last = err
		select {
		case <-s.exited:
			return fmt.Errorf("%s exited (%v) before %s answered; its log:\n%s", s.cmd.Path, s.err, path, s.Log())
		case <-ctx.Done():
			return fmt.Errorf("%s did not answer 200 within %v: %v", path, wait, last)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Alive reports whether the process is still running.
func (s *Server) Alive() bool {
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// PID returns the process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// PeakRSS returns the largest resident set size sampled so far (every 100 ms), in bytes.
func (s *Server) PeakRSS() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

// Log returns the last 64 KiB the process wrote to stdout and stderr.
func (s *Server) Log() string { return s.log.String() }

// Stop sends SIGTERM, waits up to 15 s for the process to end, then kills it. It
// returns nil when the process ended cleanly on SIGTERM (or had already ended with
// status 0), and otherwise how it ended. Stop may be called more than once.
func (s *Server) Stop() error {
	select {
	case <-s.stop:
	default:
		close(s.stop)
		if s.Alive() {
			_ = s.cmd.Process.Signal(syscall.SIGTERM)
		}
	}
	select {
	case <-s.exited:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
		return errors.New("did not stop within 15 s of SIGTERM: killed")
	}
	return s.err
}

// Kill ends the process with SIGKILL, without its graceful shutdown, and waits for it.
func (s *Server) Kill() {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	if s.Alive() {
		_ = s.cmd.Process.Kill()
	}
	<-s.exited
}

func (s *Server) sample() {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.exited:
			return
		case <-t.C:
			if rss := RSS(s.cmd.Process.Pid); rss > 0 {
				s.mu.Lock()
				s.peak = max(s.peak, rss)
				s.mu.Unlock()
			}
		}
	}
}

// RSS returns the resident set size of pid in bytes, from /proc; 0 when unknown.
func RSS(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// tail keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = t.buf[over:]
		if i := bytes.IndexByte(t.buf, '\n'); i >= 0 {
			t.buf = t.buf[i+1:]
		}
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
