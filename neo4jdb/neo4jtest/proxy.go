package neo4jtest

import (
	"io"
	"net"
	"net/url"
	"sync"
	"testing"
)

// Proxy is a TCP proxy on a loopback port in front of a Neo4j, for tests that take the
// database away and bring it back without touching the database itself. While it is
// down its port refuses connections; Down also resets every connection it carried, as
// a killed Neo4j would.
type Proxy struct {
	addr   string // 127.0.0.1:port, the same while down and up
	target string // host:port of the Neo4j behind it

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

// NewProxy returns a proxy in front of the Bolt address of uri (bolt:// or neo4j://),
// up when up is true, closed when the test ends. Its URI is always bolt://, so the
// driver never routes around it.
func NewProxy(t testing.TB, uri string, up bool) *Proxy {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		t.Fatalf("Neo4j URI %q: want scheme://host:port", uri)
	}
	target := u.Host
	if u.Port() == "" {
		target = net.JoinHostPort(u.Hostname(), "7687")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{addr: ln.Addr().String(), target: target, conns: map[net.Conn]struct{}{}}
	p.ln = ln
	p.wg.Add(1)
	go p.accept(ln)
	if !up {
		p.Down()
	}
	t.Cleanup(func() {
		p.Down()
		p.wg.Wait()
	})
	return p
}

// URI returns the proxy's Bolt URI.
func (p *Proxy) URI() string { return "bolt://" + p.addr }

// Up listens again on the proxy's address; it does nothing when the proxy is up. It
// fails the test when the port was taken in the meantime.
func (p *Proxy) Up(t testing.TB) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		return
	}
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatalf("proxy up again on %s: %v", p.addr, err)
	}
	p.ln = ln
	p.wg.Add(1)
	go p.accept(ln)
}

// Down stops listening and resets every open connection, both towards the client and
// towards Neo4j. It does nothing when the proxy is down.
func (p *Proxy) Down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetLinger(0) // RST, not FIN
		}
		c.Close()
		delete(p.conns, c)
	}
}

func (p *Proxy) accept(ln net.Listener) {
	defer p.wg.Done()
	for {
		client, err := ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			client.Close()
			continue
		}
		if !p.track(ln, client, server) {
			client.Close()
			server.Close()
			return
		}
		p.wg.Add(2)
		go p.pipe(client, server)
		go p.pipe(server, client)
	}
}

// track registers a connection pair unless ln was closed meanwhile.
func (p *Proxy) track(ln net.Listener, a, b net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != ln {
		return false
	}
	p.conns[a], p.conns[b] = struct{}{}, struct{}{}
	return true
}

func (p *Proxy) pipe(dst, src net.Conn) {
	defer p.wg.Done()
	io.Copy(dst, src)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range []net.Conn{dst, src} {
		if _, ok := p.conns[c]; ok {
			c.Close()
			delete(p.conns, c)
		}
	}
}
