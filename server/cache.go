package main

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"
)

// defaultCacheBytes is CACHE_BYTES's default: room for the answers of a dashboard fleet
// (hundreds of distinct operations and variables of a few KiB to a few hundred KiB each).
const defaultCacheBytes = 64 << 20

// digestReadTimeout bounds one read of the digest (a healthy one takes a millisecond).
const digestReadTimeout = 500 * time.Millisecond

// digestMaxAge is the staleness bound of the response cache: an answer is served from
// the cache only under a dataset digest read from Neo4j at most this long ago.
const digestMaxAge = time.Second

// digestRefreshAge is the age from which a request refreshes the digest in the
// background while still using it, so that under traffic no request waits for the read.
const digestRefreshAge = digestMaxAge / 2

// digestReader is what the cache needs from the store: the digest of the latest load.
type digestReader interface {
	DatasetDigest(ctx context.Context) (string, error)
}

// digestWatch knows which dataset the database holds. It has no goroutine of its own:
// a request that finds the digest older than digestRefreshAge starts one read in the
// background, and one that finds it older than digestMaxAge (after a quiet spell)
// waits for that read (at most digestReadTimeout). A digest is dated by when its read
// started, so that a load committed before then is seen. A failed read leaves the
// digest unknown (""), which turns the cache off, without waiting, until a read
// succeeds. Safe for concurrent use.
type digestWatch struct {
	store digestReader
	cur   atomic.Pointer[digestAt]
	mu    sync.Mutex
	busy  chan struct{} // closed when the read in flight ends; nil when none is
	// changed, when set, is called with a new digest, once per change.
	changed func(string)
}

type digestAt struct {
	digest string
	at     time.Time // when the read that returned digest started
}

func newDigestWatch(store digestReader, changed func(string)) *digestWatch {
	w := &digestWatch{store: store, changed: changed}
	w.cur.Store(&digestAt{})
	return w
}

// digest returns the digest read at most digestMaxAge ago, reading it when needed, and
// "" when it is not known.
func (w *digestWatch) digest(ctx context.Context) string {
	cur := w.cur.Load()
	age := time.Since(cur.at)
	if age < digestRefreshAge {
		return cur.digest
	}
	done := w.refresh()
	if age < digestMaxAge {
		return cur.digest
	}
	if cur.digest == "" {
		return "" // not known (first request, or Neo4j down): no cache, and no waiting
	}
	select {
	case <-done:
	case <-ctx.Done():
		return ""
	}
	if cur = w.cur.Load(); time.Since(cur.at) < digestMaxAge {
		return cur.digest
	}
	return ""
}

// refresh starts a read unless one is in flight, and returns a channel closed when the
// read in flight ends.
func (w *digestWatch) refresh() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.busy != nil {
		return w.busy
	}
	done := make(chan struct{})
	w.busy = done
	go func() {
		w.read()
		w.mu.Lock()
		w.busy = nil
		w.mu.Unlock()
		close(done)
	}()
	return done
}

// read reads the digest now and records it (or "" on failure).
func (w *digestWatch) read() string {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), digestReadTimeout)
	defer cancel()
	d, err := w.store.DatasetDigest(ctx)
	if err != nil {
		// Dated when the failure is known, so that requests do not wait for another
		// read that would fail too.
		w.set("", time.Now())
		return ""
	}
	w.set(d, start)
	return d
}

// set records digest d as read at start, unless a later read is already recorded.
func (w *digestWatch) set(d string, start time.Time) {
	for {
		cur := w.cur.Load()
		if cur.at.After(start) {
			return
		}
		if w.cur.CompareAndSwap(cur, &digestAt{digest: d, at: start}) {
			if d != cur.digest && w.changed != nil {
				w.changed(d)
			}
			return
		}
	}
}

// cacheEntry is one cached answer.
type cacheEntry struct {
	key         [sha256.Size]byte
	digest      string
	body        []byte
	contentType string
	operation   string
	size        int
}

// entryOverhead approximates the bytes an entry costs beyond its body.
const entryOverhead = 256

// responseCache holds answers under their key, least recently used first out, in at
// most max bytes. Entries of a digest other than the current one are dropped when the
// digest changes. Safe for concurrent use.
type responseCache struct {
	max int
	m   *metrics

	mu      sync.Mutex
	entries map[[sha256.Size]byte]*list.Element
	lru     *list.List // front: most recently used
	bytes   int
	digest  string // the digest of the entries held
}

func newResponseCache(maxBytes int, m *metrics) *responseCache {
	return &responseCache{max: maxBytes, m: m, entries: map[[sha256.Size]byte]*list.Element{}, lru: list.New()}
}

// get returns the entry under key, if any.
func (c *responseCache) get(key [sha256.Size]byte) (*cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry), true
}

// put stores e unless it is of another digest than the entries held or too large (more
// than an eighth of the cache), evicting the least recently used entries to make room.
func (c *responseCache) put(e *cacheEntry) {
	e.size = len(e.body) + len(e.contentType) + len(e.operation) + len(e.digest) + entryOverhead
	if e.size > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.digest != c.digest {
		return
	}
	if el, ok := c.entries[e.key]; ok {
		c.remove(el)
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.bytes += e.size
	for c.bytes > c.max {
		c.remove(c.lru.Back())
		c.m.cacheEvicted("size", 1)
	}
	c.m.cacheSize(c.bytes, len(c.entries))
}

// newDigest drops every entry and takes entries of digest d from now on.
func (c *responseCache) newDigest(d string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d == c.digest {
		return
	}
	c.m.cacheEvicted("dataset", len(c.entries))
	c.digest = d
	c.entries = map[[sha256.Size]byte]*list.Element{}
	c.lru.Init()
	c.bytes = 0
	c.m.cacheSize(0, 0)
}

func (c *responseCache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*cacheEntry)
	delete(c.entries, e.key)
	c.bytes -= e.size
}

// cachedRequest is what a GraphQL request says that decides its answer.
type cachedRequest struct {
	query         string
	operationName string
	variables     json.RawMessage
	hash          string // extensions.persistedQuery.sha256Hash, if any
}

// readCachedRequest reads the GraphQL parameters of a GET or POST request (whose body
// graphQLOverHTTP has already read and checked), restoring the body for the handler.
func readCachedRequest(r *http.Request) (cachedRequest, bool) {
	var raw struct {
		Query         string          `json:"query"`
		OperationName string          `json:"operationName"`
		Variables     json.RawMessage `json:"variables"`
		Extensions    json.RawMessage `json:"extensions"`
	}
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		raw.Query, raw.OperationName = q.Get("query"), q.Get("operationName")
		raw.Variables, raw.Extensions = json.RawMessage(q.Get("variables")), json.RawMessage(q.Get("extensions"))
	case http.MethodPost:
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return cachedRequest{}, false
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if json.Unmarshal(body, &raw) != nil {
			return cachedRequest{}, false
		}
	default:
		return cachedRequest{}, false
	}
	req := cachedRequest{query: raw.Query, operationName: raw.OperationName}
	var ok bool
	if req.variables, ok = canonicalJSON(raw.Variables); !ok {
		return req, false
	}
	if len(raw.Extensions) > 0 && string(raw.Extensions) != "null" {
		var ext struct {
			PersistedQuery *struct {
				Hash string `json:"sha256Hash"`
			} `json:"persistedQuery"`
		}
		if json.Unmarshal(raw.Extensions, &ext) != nil {
			return req, false
		}
		if ext.PersistedQuery != nil {
			req.hash = ext.PersistedQuery.Hash
		}
	}
	return req, req.query != "" || req.hash != ""
}

// canonicalJSON re-encodes a JSON value with sorted object keys and numbers as written;
// null, {} and nothing all become nothing.
func canonicalJSON(b json.RawMessage) (json.RawMessage, bool) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, true
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	if m, isMap := v.(map[string]any); v == nil || isMap && len(m) == 0 {
		return nil, true
	}
	out, err := json.Marshal(v)
	return out, err == nil
}

// maxNormalisedQuery is the longest query whose normal form is remembered.
const maxNormalisedQuery = 16 << 10

// normaliser turns documents into their normal form: gqlparser's formatter over the
// parsed document (so whitespace, commas and comments do not matter; names, arguments
// and the order of fields and definitions do). It remembers the forms of the last 1000
// documents of at most maxNormalisedQuery bytes.
type normaliser struct{ seen *lru.LRU[string] }

func newNormaliser() *normaliser { return &normaliser{seen: lru.New[string](1000)} }

// normalise returns the normal form of query, or false when it does not parse.
func (n *normaliser) normalise(query string) (string, bool) {
	if query == "" {
		return "", true
	}
	ctx := context.Background()
	if f, ok := n.seen.Get(ctx, query); ok {
		return f, true
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return "", false
	}
	var b strings.Builder
	formatter.NewFormatter(&b).FormatQueryDocument(doc)
	if len(query) <= maxNormalisedQuery {
		n.seen.Add(ctx, query, b.String())
	}
	return b.String(), true
}

// responseCacher serves answers from the cache and stores the answers of next: see
// cached.
type responseCacher struct {
	cache    *responseCache
	watch    *digestWatch
	norm     *normaliser
	settings string // the settings that change answers or refusals
	private  bool   // API keys are on: browsers may cache, shared caches may not
	m        *metrics
	next     http.Handler
}

// cached puts the response cache in front of next (the GraphQL handler, behind the API
// key check, the rate limit and the GraphQL-over-HTTP rules). An answer is cached when
// it has no errors, keyed by the dataset digest (see digestWatch), settings, the
// normalised document (see normaliser), the persisted query hash, the operation name,
// the variables (canonical JSON) and the Accept header (which picks the media type). A
// miss stores its answer only when the digest read after it is still the one read
// before it, so an entry never holds data of another load than its digest's (for loads
// of one transaction; see the loader). GET answers carry an ETag of the digest and the
// key, answer If-None-Match with 304 without running the operation, and carry
// Cache-Control: public (private with API keys), max-age=1 (the cache's own staleness
// bound), must-revalidate; uncacheable GET answers carry no-store.
func cached(cache *responseCache, watch *digestWatch, settings string, private bool, m *metrics, next http.Handler) http.Handler {
	return &responseCacher{cache: cache, watch: watch, norm: newNormaliser(), settings: settings, private: private, m: m, next: next}
}

// cacheControl is the Cache-Control of cacheable GET answers; see cached.
func (h *responseCacher) cacheControl() string {
	scope := "public"
	if h.private {
		scope = "private"
	}
	return scope + ", max-age=" + strconv.Itoa(int(digestMaxAge/time.Second)) + ", must-revalidate"
}

func (h *responseCacher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	isGet := r.Method == http.MethodGet
	req, ok := readCachedRequest(r)
	var norm string
	if ok {
		norm, ok = h.norm.normalise(req.query)
	}
	digest := ""
	if ok {
		digest = h.watch.digest(r.Context())
	}
	if !ok || digest == "" {
		if isGet {
			w.Header().Set("Cache-Control", "no-store")
		}
		h.next.ServeHTTP(w, r)
		return
	}
	key := h.key(digest, norm, req, r.Header.Get("Accept"))
	etag := `"` + hex.EncodeToString(key[:16]) + `"`
	if isGet {
		w.Header().Add("Vary", "Accept")
		if etagMatch(r.Header.Get("If-None-Match"), etag) {
			h.m.cacheLookup("not_modified")
			w.Header().Set("ETag", etag)
			w.Header().Set("Cache-Control", h.cacheControl())
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if e, ok := h.cache.get(key); ok {
		h.m.cacheLookup("hit")
		requestFrom(r.Context()).setOperation(e.operation)
		w.Header().Set("Content-Type", e.contentType)
		w.Header().Set("X-Cache", "HIT")
		if isGet {
			w.Header().Set("ETag", etag)
			w.Header().Set("Cache-Control", h.cacheControl())
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(e.body)
		return
	}
	h.m.cacheLookup("miss")
	rec := &recorder{header: http.Header{}}
	h.next.ServeHTTP(rec, r)
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	req2 := requestFrom(r.Context())
	cacheable := status == http.StatusOK && bytes.HasPrefix(rec.body.Bytes(), []byte(`{"data"`)) &&
		(req2 == nil || len(req2.ErrorCodes()) == 0) && r.Context().Err() == nil
	if cacheable {
		// The answer belongs to digest only if the database still holds it.
		if h.watch.read() != digest {
			cacheable = false
		}
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Set("X-Cache", "MISS")
	if cacheable {
		op := ""
		if req2 != nil {
			op = req2.Operation()
		}
		h.cache.put(&cacheEntry{key: key, digest: digest, body: bytes.Clone(rec.body.Bytes()),
			contentType: rec.header.Get("Content-Type"), operation: op})
		if isGet {
			w.Header().Set("ETag", etag)
			w.Header().Set("Cache-Control", h.cacheControl())
		}
	} else if isGet {
		w.Header().Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	_, _ = w.Write(rec.body.Bytes())
}

// key is the cache key of a request under digest.
func (h *responseCacher) key(digest, norm string, req cachedRequest, accept string) [sha256.Size]byte {
	hs := sha256.New()
	for _, part := range []string{digest, h.settings, norm, req.hash, req.operationName, string(req.variables), strings.TrimSpace(accept)} {
		hs.Write([]byte(strconv.Itoa(len(part))))
		hs.Write([]byte{':'})
		hs.Write([]byte(part))
	}
	return [sha256.Size]byte(hs.Sum(nil))
}

// etagMatch reports whether an If-None-Match header value lists etag. "*" matches
// nothing: the server would have to run the operation to know that it has an answer.
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag {
			return true
		}
	}
	return false
}

// recorder buffers a response so that its headers can be decided once it is complete.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}
