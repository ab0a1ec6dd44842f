package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/parkgraph/parkgraph/neo4jdb"
)

// The pages tested as a person uses them: Debian's Chromium, driven through chromedp,
// clicks, types and reads the explorer and GraphiQL of a real server on the seeds. Every
// request the page makes goes through the DevTools fetch domain, which lets requests to
// the test server through and fails every other one, and the test fails on any of them;
// Chromium's own name lookups are mapped to nowhere besides, so nothing leaves the
// machine. The test also fails on an error in the console (a Content-Security-Policy
// violation is one) and on any dialog (a hostile string that ran would open one).
//
// CHROMIUM names the browser (default /usr/bin/chromium). Without it the test is
// skipped, except under CI=true, where it fails. SCREENSHOTS=DIR writes the screenshots
// of the run into DIR (make screenshots: docs/screenshots); otherwise they go to a
// temporary directory.

// browserPage is one Chromium tab on the test server at base.
type browserPage struct {
	t     *testing.T
	ctx   context.Context
	base  string
	shots string

	mu      sync.Mutex
	foreign []string // requests to other hosts, failed
	errors  []string // console errors, exceptions, dialogs
}

func newBrowserPage(t *testing.T, base string) *browserPage {
	t.Helper()
	exe := orDefault(os.Getenv("CHROMIUM"), "/usr/bin/chromium")
	unavailable := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and "+format, args...)
		}
		t.Skipf(format+" (install it: apt-get install chromium; CI fails here)", args...)
	}
	if _, err := exec.LookPath(exe); err != nil {
		unavailable("no Chromium at %s: %v", exe, err)
	}
	target, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.WindowSize(1280, 800),
		// Names resolve to nothing but the loopback address of the test server.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.Flag("hide-scrollbars", true))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run its sandbox as root (CI)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	p := &browserPage{t: t, ctx: ctx, base: base, shots: os.Getenv("SCREENSHOTS")}
	if p.shots == "" {
		p.shots = t.TempDir()
	} else if !filepath.IsAbs(p.shots) {
		p.shots = filepath.Join("..", p.shots) // relative to the repository root
	}
	start := time.Now()
	if err := chromedp.Do(ctx); err != nil {
		unavailable("Chromium at %s does not start: %v", exe, err)
	}
	t.Logf("Chromium started in %v", time.Since(start).Round(time.Millisecond))

	paused := chromedp.Events(ctx, fetch.RequestPaused)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			u, err := url.Parse(ev.Request.URL)
			if err == nil && (u.Host == target.Host && u.Scheme == target.Scheme || u.Scheme == "data") {
				_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			p.note(&p.foreign, ev.Request.URL)
			_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}
	}()
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		t.Fatal(err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				p.note(&p.errors, fmt.Sprintf("console %s at %s:%d: %s", m.Type, m.URL, m.Line+1, m.Text))
			}
		}
	}()
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			p.note(&p.errors, "a dialog opened: "+ev.Message)
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	// The guard works: a request to another host is failed and noted.
	p.do(chromedp.Navigate("about:blank"))
	_ = evalJS[any](p, `fetch("http://parkgraph-test.invalid/probe").then(() => "answered", (e) => "failed")`)
	if got := p.take(&p.foreign); len(got) != 1 || !strings.Contains(got[0], "parkgraph-test.invalid") {
		t.Fatalf("the request guard saw %q, want the probe to another host", got)
	}
	// The browser logs the failed probe; that message is expected, and only that one.
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		p.mu.Lock()
		n := len(p.errors)
		p.mu.Unlock()
		if n > 0 {
			break
		}
	}
	if got := p.take(&p.errors); len(got) != 1 || !strings.Contains(got[0], "parkgraph-test.invalid") {
		t.Fatalf("after the probe the browser reported %q", got)
	}
	t.Cleanup(func() {
		if got := p.take(&p.foreign); len(got) > 0 {
			t.Errorf("the pages asked other hosts (every request was failed):\n%s", strings.Join(got, "\n"))
		}
		if got := p.take(&p.errors); len(got) > 0 {
			t.Errorf("the browser reported:\n%s", strings.Join(got, "\n"))
		}
	})
	return p
}

func (p *browserPage) note(list *[]string, s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	*list = append(*list, s)
}

func (p *browserPage) take(list *[]string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := *list
	*list = nil
	return out
}

// do runs actions, failing the test with the step that failed.
func (p *browserPage) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("browser: %v (errors so far: %q)", err, p.take(&p.errors))
	}
}

// open loads path of the test server and waits until css matches an element.
func (p *browserPage) open(path, css string) {
	p.t.Helper()
	p.do(chromedp.Navigate(p.base+path), chromedp.WaitVisible(chromedp.CSS(css)))
}

// waitFor waits until the JavaScript expression js is truthy.
func (p *browserPage) waitFor(what, js string) {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(20*time.Second), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		text := evalJS[string](p, `document.querySelector("main") ? document.querySelector("main").innerText.slice(0, 2000) : document.body.innerText.slice(0, 2000)`)
		p.t.Fatalf("waiting for %s (%s): %v\nthe page says:\n%s", what, js, err, text)
	}
}

// typeInto clears the input css and types s into it.
func (p *browserPage) typeInto(css, s string) {
	p.t.Helper()
	p.do(chromedp.Clear(chromedp.CSS(css)), chromedp.SendKeys(chromedp.CSS(css), s))
}

// screenshot saves the viewport as name.png.
func (p *browserPage) screenshot(name string) {
	p.t.Helper()
	p.do(chromedp.Sleep(300 * time.Millisecond)) // let the canvas of a chart or graph settle
	b, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	if err := os.MkdirAll(p.shots, 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p.shots, name+".png"), b, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// evalJS evaluates js (awaiting a promise) and decodes its value.
func evalJS[T any](p *browserPage, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// js quotes s as a JavaScript string.
func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestTheExplorerInABrowser(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	p := newBrowserPage(t, srv.URL)
	const fuling = "fuling-district-industrial-park"

	// Search as you type: "biotech" finds the industry first, as an exact alias match.
	p.open("/explore", "#search-1")
	p.typeInto("#search-1", "biotech")
	p.waitFor("search hits", `document.querySelectorAll("#search-1-list .search-hit").length > 0`)
	first := evalJS[map[string]any](p, `(() => { const h = document.querySelector("#search-1-list .search-hit");
		return {id: h.dataset.id, exact: !!h.querySelector(".exact"), badge: h.querySelector(".badge").textContent}; })()`)
	if first["id"] != "biotechnology" || first["exact"] != true || first["badge"] != "Industry" {
		t.Errorf("first hit for biotech = %v, want the industry biotechnology, exact, with its badge", first)
	}
	p.screenshot("explore-search")
	p.do(chromedp.Click(chromedp.CSS(`#search-1-list .search-hit[data-id="biotechnology"]`)))
	p.waitFor("the biotechnology entity", `document.querySelector("#entity-name")?.textContent === "biotechnology"`)

	// From the industry to the park that targets it, by its relation link.
	p.do(chromedp.Click(chromedp.CSS(`.relations a[href="?id=` + fuling + `"]`)))
	p.waitFor("the Fuling park", `document.querySelector("#entity-name")?.textContent === "Fuling District Industrial Park"`)
	if u := evalJS[string](p, `location.search`); u != "?id="+fuling {
		t.Errorf("the address is %q, want ?id=%s", u, fuling)
	}
	// Its Taiwan target and the quote behind it.
	targets := evalJS[string](p, `document.querySelector('.rel-group[data-type="TARGETS"]').innerText`)
	for _, want := range []string{"biotechnology", "investorOrigin: taiwan", "Its focus is on attracting Taiwanese biotechnology and agriculture, and food industries."} {
		if !strings.Contains(targets, want) {
			t.Errorf("the TARGETS relations do not show %q:\n%s", want, targets)
		}
	}
	p.waitFor("the Taiwan link", `!!document.querySelector('.rel-group[data-type="TARGETS_INVESTORS_FROM"] a[href="?id=taiwan"]')`)
	p.waitFor("the network", `document.querySelectorAll(".net-list button[data-node]").length >= 5`)
	p.screenshot("explore-entity")
	// A click on the drawing expands the node clicked: the park. (The list of the network
	// tells where each node is drawn.)
	at := evalJS[[]float64](p, `(() => { const r = document.querySelector(".cy").getBoundingClientRect();
		const b = document.querySelector('.net-list button[data-node="`+fuling+`"]');
		return [r.left + Number(b.dataset.x), r.top + Number(b.dataset.y)]; })()`)
	p.do(chromedp.MouseClickXY(at[0], at[1]))
	p.waitFor("the park expanded by a click", `document.querySelector(".net-status").textContent.startsWith("Expanded Fuling District Industrial Park")`)

	// An edge's quote, then expanding a node from the network's list (the keyboard way to
	// what a click on the drawing does).
	before := evalJS[int](p, `document.querySelectorAll(".net-list button[data-node]").length`)
	p.do(chromedp.Click(chromedp.CSS(".net-keyboard summary")))
	// (The list scrolls in its own box: bring the button into view, so that the click
	// lands on it.)
	p.do(chromedp.ScrollIntoView(chromedp.CSS(`.net-list ul:last-of-type li:first-child button`)),
		chromedp.Click(chromedp.CSS(`.net-list ul:last-of-type li:first-child button`)))
	p.waitFor("an edge's quote", `document.querySelector(".edge-info blockquote")?.textContent.length > 10`)
	p.do(chromedp.ScrollIntoView(chromedp.CSS(`.net-list button[data-node="cross-straits-industrial-cooperation-zone-chongqing"]`)),
		chromedp.Click(chromedp.CSS(`.net-list button[data-node="cross-straits-industrial-cooperation-zone-chongqing"]`)))
	p.waitFor("the expanded network", fmt.Sprintf(`document.querySelectorAll(".net-list button[data-node]").length > %d`, before))
	p.waitFor("the zone's view", `document.querySelector("#entity-name")?.textContent.startsWith("Cross-Straits")`)
	if s := evalJS[string](p, `document.querySelector(".net-status").textContent`); !strings.Contains(s, "Expanded Cross-Straits") {
		t.Errorf("network status after expanding: %q", s)
	}
	p.do(chromedp.Click(chromedp.CSS(".net-keyboard summary")))
	p.screenshot("explore-network")

	// How are Taiwan and the Fuling park connected? Chosen through the search boxes.
	p.do(chromedp.Click(chromedp.CSS(`nav.tabs a[data-tab="connect"]`)))
	p.typeInto("#search-2", "Taiwan")
	p.waitFor("Taiwan among the hits", `!!document.querySelector('#search-2-list .search-hit[data-id="taiwan"]')`)
	p.do(chromedp.Click(chromedp.CSS(`#search-2-list .search-hit[data-id="taiwan"]`)))
	p.typeInto("#search-3", "Fuling District Industrial Park")
	p.waitFor("the park among the hits", `!!document.querySelector('#search-3-list .search-hit[data-id="`+fuling+`"]')`)
	p.do(chromedp.Click(chromedp.CSS(`#search-3-list .search-hit[data-id="` + fuling + `"]`)))
	p.do(chromedp.Click(chromedp.CSS("#find-path")))
	p.waitFor("the hops", `document.querySelectorAll(".hops .hop").length > 0`)
	hops := evalJS[[]map[string]any](p, `[...document.querySelectorAll(".hops .hop")].map(h => ({line: h.querySelector(".hop-line").innerText, quotes: h.querySelectorAll("blockquote").length}))`)
	for i, h := range hops {
		if q, _ := h["quotes"].(float64); q < 1 {
			t.Errorf("hop %d (%v) has no quote", i+1, h["line"])
		}
	}
	if len(hops) == 0 || !strings.Contains(hops[0]["line"].(string), "Taiwan") {
		t.Errorf("hops = %v, want a path from Taiwan", hops)
	}
	if u := evalJS[string](p, `location.search`); u != "?from=taiwan&to="+fuling {
		t.Errorf("the address is %q, want ?from=taiwan&to=%s", u, fuling)
	}
	p.screenshot("explore-path")

	// The reader opens on the quoted sentence, highlighted and in view.
	quote := evalJS[string](p, `document.querySelector(".hops blockquote").firstChild.textContent`)
	p.do(chromedp.Click(chromedp.CSS(".hops blockquote a.doc-link")))
	p.waitFor("the highlighted quote", `!!document.querySelector("mark#quote")`)
	if got := evalJS[string](p, `document.querySelector("mark#quote").textContent`); got != quote {
		t.Errorf("highlighted %q, want the quote %q", got, quote)
	}
	if !evalJS[bool](p, `(() => { const r = document.querySelector("mark#quote").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`) {
		t.Error("the highlighted quote is not in view")
	}
	p.screenshot("explore-document")
	// Back goes to the path again.
	p.do(chromedp.NavigateBack())
	p.waitFor("the path after going back", `document.querySelectorAll(".hops .hop").length > 0 && !document.querySelector("#pane-connect").hidden`)

	// The dashboard: every chart's numbers, read from the table beside it, are what
	// /graphql answers to the query shown with it.
	p.do(chromedp.Click(chromedp.CSS(`nav.tabs a[data-tab="dashboard"]`)))
	p.waitFor("the charts", `document.querySelector("#pane-dashboard .pane-body").dataset.ready === "true"`)
	cards := evalJS[[]struct {
		ID       string     `json:"id"`
		Query    string     `json:"query"`
		Rows     [][]string `json:"rows"`
		Drawn    bool       `json:"drawn"`
		GraphiQL string     `json:"graphiql"`
	}](p, `[...document.querySelectorAll("#pane-dashboard .card")].map(c => ({id: c.id, query: c.querySelector("pre.gql").textContent,
		rows: [...c.querySelectorAll("table.chart-data tbody tr")].map(r => [r.cells[0].textContent, r.cells[1].textContent]),
		drawn: c.querySelector("canvas").width > 0, graphiql: c.querySelector("a.graphiql-link")?.getAttribute("href") || ""}))`)
	if len(cards) != 4 {
		t.Fatalf("%d charts on the dashboard, want 4", len(cards))
	}
	for _, c := range cards {
		var data struct {
			Breakdown []struct {
				Entity struct{ Name string }
				Count  int
			}
			Node *struct {
				SignedProjects []struct {
					Target struct{ Name string }
					Count  *int
				}
			}
		}
		query(t, srv.URL, c.Query, nil, &data)
		var want [][]string
		for _, b := range data.Breakdown {
			want = append(want, []string{b.Entity.Name, fmt.Sprint(b.Count)})
		}
		if data.Node != nil {
			for _, s := range data.Node.SignedProjects {
				if s.Count != nil {
					want = append(want, []string{s.Target.Name, fmt.Sprint(*s.Count)})
				}
			}
		}
		if len(want) == 0 || fmt.Sprint(c.Rows) != fmt.Sprint(want) {
			t.Errorf("chart %s shows %v; /graphql answers %v", c.ID, c.Rows, want)
		}
		if !c.Drawn {
			t.Errorf("chart %s has no canvas", c.ID)
		}
		if u, err := url.Parse(c.GraphiQL); err != nil || u.Path != "/" || u.Query().Get("query") != c.Query {
			t.Errorf("chart %s: GraphiQL link %q does not open its query", c.ID, c.GraphiQL)
		}
	}
	p.screenshot("explore-dashboard")
	if origin := cards[1]; fmt.Sprint(origin.Rows) != "[[Taiwan 3]]" {
		t.Errorf("parks per investor origin = %v, want Taiwan 3", origin.Rows)
	}

	// Values the sources disagree on stand side by side, each with its quote: document 004
	// gives the High-tech Zone 73 km2 in one place and 70 km2 in another.
	p.open("/explore?id=chongqing-high-tech-zone", "#entity-name")
	p.waitFor("the facts", `!!document.querySelector(".facts dd.conflict")`)
	conflict := evalJS[[]string](p, `[...document.querySelectorAll(".facts dd.conflict .value")].map(v => v.querySelector("strong").textContent + " / " + v.querySelectorAll("blockquote").length)`)
	quoted := func(v string) bool {
		return slices.ContainsFunc(conflict, func(c string) bool { return strings.HasPrefix(c, v+" / ") && !strings.HasSuffix(c, " / 0") })
	}
	if !quoted("73") || !quoted("70") {
		t.Errorf("conflicting values shown: %q, want 73 and 70 side by side, each with its quote", conflict)
	}
	// Several values no source disagrees on (the zone's designations) are a list, not a
	// conflict: the page follows Fact.conflictsWith.
	facts := evalJS[map[string]string](p, `Object.fromEntries([...document.querySelectorAll(".facts dt")].map(dt => [dt.textContent, dt.nextElementSibling.className + " " + dt.nextElementSibling.querySelectorAll(".value").length]))`)
	if got := facts["designation"]; !strings.HasPrefix(got, "several ") || got == "several 1" {
		t.Errorf("designations shown as %q, want several values and no conflict", got)
	}
	if got := facts["areaKm2"]; !strings.HasPrefix(got, "conflict ") {
		t.Errorf("areaKm2 shown as %q, want a conflict", got)
	}

	// A phone-width screen.
	p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(srv.URL+"/explore?id="+fuling))
	p.waitFor("the park on a phone", `document.querySelector("#entity-name")?.textContent === "Fuling District Industrial Park"`)
	if w := evalJS[int](p, `document.documentElement.scrollWidth`); w > 400 {
		t.Errorf("at phone width the page is %d px wide", w)
	}
	p.screenshot("explore-phone")
	p.do(chromedp.EmulateViewport(1280, 800))

	// Keyboard only: the search box is reached and used with Tab, arrows and Enter.
	p.open("/explore", "#search-1")
	p.do(chromedp.Focus(chromedp.CSS("#search-1")), chromedp.SendKeys(chromedp.CSS("#search-1"), "Taiwan"))
	p.waitFor("hits", `document.querySelectorAll("#search-1-list .search-hit").length > 0`)
	p.do(chromedp.SendKeys(chromedp.CSS("#search-1"), "\r"))
	p.waitFor("the entity chosen with Enter", `document.querySelector("#entity-name")?.textContent === "Taiwan"`)
}

func TestTheExplorerShowsPlainMessagesAndRunsNothingFromItsInput(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	p := newBrowserPage(t, srv.URL)
	const hostile = `<img src=x onerror=alert(1)>`
	noMarkup := func(where string) {
		t.Helper()
		if n := evalJS[int](p, `document.querySelectorAll("main img, main script, main iframe, header img").length`); n > 0 {
			t.Errorf("%s: %d elements were made from the input", where, n)
		}
	}
	message := func() string {
		p.waitFor("a message", `!!document.querySelector(".message.error")`)
		return evalJS[string](p, `[...document.querySelectorAll(".pane:not([hidden]) .message.error")].map(m => m.textContent).join(" | ")`)
	}

	// An unknown id, hostile or not, in every deep link.
	for _, path := range []string{"/explore?id=" + url.QueryEscape(hostile), "/explore?id=no-such-entity",
		"/explore?from=" + url.QueryEscape(hostile) + "&to=taiwan", "/explore?doc=" + url.QueryEscape(hostile) + "&quote=" + url.QueryEscape(hostile)} {
		p.open(path, "main")
		m := message()
		id, _ := url.ParseQuery(strings.SplitN(path, "?", 2)[1])
		want := id.Get("id") + id.Get("from") + id.Get("doc")
		if !strings.Contains(m, "No ") || !strings.Contains(m, "“"+want+"”") {
			t.Errorf("%s: message %q does not name %q as text", path, m, want)
		}
		noMarkup(path)
	}
	p.screenshot("explore-unknown-id")

	// A hostile search is text; an empty one says what to do.
	p.open("/explore", "#search-1")
	p.typeInto("#search-1", hostile)
	p.waitFor("an answer", `!!document.querySelector("#search-1-list .search-hit, .search-status .message")`)
	noMarkup("search")
	if v := evalJS[string](p, `document.querySelector("#search-1").value`); v != hostile {
		t.Errorf("the search box holds %q", v)
	}
	p.do(chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector("#search-1"); i.value = ""; i.dispatchEvent(new Event("input")); })()`))
	p.waitFor("the empty-search message", `document.querySelector(".search-status")?.textContent.includes("Type a name")`)

	// A server whose database is down: the page says so in a sentence.
	store, err := neo4jdb.Open(neo4jdb.Config{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "x"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close(context.Background()) })
	down := newTestServer(t, serverOptions{store: store})
	p2 := newBrowserPage(t, down.URL)
	p2.open("/explore?id=taiwan", "main")
	p2.waitFor("the error", `!!document.querySelector(".message.error")`)
	if m := evalJS[string](p2, `document.querySelector(".message.error").textContent`); !strings.Contains(m, "The server could not answer") || !strings.Contains(m, "UNAVAILABLE") {
		t.Errorf("with Neo4j down the page says %q", m)
	}
	p2.open("/explore?tab=dashboard", "main")
	p2.waitFor("the dashboard errors", `document.querySelectorAll("#pane-dashboard .message.error").length === 4`)
}

func TestGraphiQLInABrowserRunsTheHeadlineTabOffline(t *testing.T) {
	srv := newTestServer(t, serverOptions{})
	p := newBrowserPage(t, srv.URL)
	p.open("/", ".graphiql-container")
	p.waitFor("the tabs", `document.querySelectorAll(".graphiql-tab").length >= 11`)
	tabs := evalJS[[]string](p, `[...document.querySelectorAll(".graphiql-tab")].map(t => t.textContent)`)
	if !strings.Contains(tabs[0], "ParksTargetingTaiwaneseBiotech") {
		t.Errorf("the first tab is %q, want the headline query", tabs[0])
	}
	p.waitFor("the Explorer plugin", `!!document.querySelector(".graphiql-explorer-root, .docExplorerWrap, .graphiql-plugin")`)
	p.waitFor("the schema", `document.querySelector(".graphiql-plugin")?.innerText.includes("parks")`)
	p.do(chromedp.Click(chromedp.CSS(".graphiql-execute-button")))
	p.waitFor("the answer", `document.querySelector(".result-window")?.innerText.includes("fuling-district-industrial-park")`)
	p.screenshot("graphiql")
	if !evalJS[bool](p, `!!document.querySelector('a[href="/explore"]')`) {
		t.Error("GraphiQL does not link the explorer")
	}
	// A query handed over by the explorer opens in front.
	p.open("/?query="+url.QueryEscape("query FromALink { stats { nodes } }"), ".graphiql-container")
	p.waitFor("the tab from the link", `document.querySelector(".graphiql-tab-active, .graphiql-tab[aria-selected=true]")?.textContent.includes("FromALink")`)
}
