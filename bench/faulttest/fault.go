package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// fault takes Neo4j away and brings it back.
type fault struct {
	name string                          // short name for the report: stop, kill
	how  string                          // what it does, for the report
	down func(ctx context.Context) error // returns once Neo4j is down
	up   func(ctx context.Context) error // starts Neo4j again; may return before or after Bolt answers
}

// neo4jFaults returns the faults named by names for the Neo4j that script manages in
// runtimeDir (relative paths are relative to the repository holding script): "stop" runs
// `script stop` (SIGTERM, a clean shutdown), "kill" sends SIGKILL to the JVM; both come
// back with `script start`. The script's output goes to logOut; it reads the rest of its
// settings (ports, password) from the environment.
func neo4jFaults(names []string, script, runtimeDir string, logOut io.Writer) ([]fault, error) {
	abs, err := filepath.Abs(script)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, err
	}
	if !filepath.IsAbs(runtimeDir) {
		runtimeDir = filepath.Join(filepath.Dir(filepath.Dir(abs)), runtimeDir)
	}
	sh := func(arg string) func(context.Context) error {
		return func(ctx context.Context) error {
			cmd := exec.CommandContext(ctx, abs, arg)
			cmd.Env = append(os.Environ(), "NEO4J_RUNTIME_DIR="+runtimeDir)
			cmd.Stdout, cmd.Stderr = logOut, logOut
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("%s %s: %w", script, arg, err)
			}
			return nil
		}
	}
	var faults []fault
	for _, name := range names {
		switch name {
		case "stop":
			faults = append(faults, fault{name: name, how: "neo4j.sh stop (SIGTERM, clean shutdown), then neo4j.sh start",
				down: sh("stop"), up: sh("start")})
		case "kill":
			faults = append(faults, fault{name: name, how: "SIGKILL of the Neo4j JVM, then neo4j.sh start",
				down: func(ctx context.Context) error { return killNeo4j(ctx, runtimeDir) }, up: sh("start")})
		default:
			return nil, fmt.Errorf("unknown fault %q: want stop or kill", name)
		}
	}
	return faults, nil
}

// killNeo4j sends SIGKILL to the Neo4j of runtimeDir (its pid file names it; the command
// line must be that instance's) and waits until the process is gone.
func killNeo4j(ctx context.Context, runtimeDir string) error {
	data, err := os.ReadFile(filepath.Join(runtimeDir, "run", "neo4j.pid"))
	if err != nil {
		return fmt.Errorf("Neo4j pid: %w", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		return fmt.Errorf("Neo4j pid file: %w", err)
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil || !strings.Contains(string(cmdline), "CommunityEntryPoint") ||
		!strings.Contains(string(cmdline), "--home-dir="+runtimeDir) {
		return fmt.Errorf("pid %d is not the Neo4j of %s", pid, runtimeDir)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		return fmt.Errorf("kill Neo4j (pid %d): %w", pid, err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if gone(pid) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("Neo4j (pid %d) still runs 10 s after SIGKILL", pid)
}

// gone reports whether pid has ended (it may linger as a zombie until reaped).
func gone(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// state is the field after the parenthesised command name
	i := strings.LastIndexByte(string(stat), ')')
	return i >= 0 && i+2 < len(stat) && (stat[i+2] == 'Z' || stat[i+2] == 'X')
}
