// Package web holds the pages the server serves next to /graphql, embedded in the
// binary with everything they load: GraphiQL at /, the explorer at /explore, the SDL at
// /schema.graphql, and the Neo4j Browser guide and style under /browser/. Libraries come
// from npm at the versions of vendor.json (copied by vendor.mjs into vendor/, checked by
// vendor_test.go); no page loads anything from another host, and every response says so
// to the browser with a strict Content-Security-Policy.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed pages vendor examples.json
var files embed.FS

// CSP is the Content-Security-Policy of every response of this package: scripts, styles,
// fonts, images and requests from this server only (fonts and icons inlined as data: in
// the vendored style sheets), no plugins, no frames, no forms to elsewhere.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// Options say which pages are served.
type Options struct {
	GraphiQL bool   // GraphiQL at /
	Explorer bool   // the explorer at /explore
	Schema   []byte // the SDL served at /schema.graphql; nil: not served
	// Browser serves the Neo4j Browser style at /browser/graphstyle.grass and the cookbook
	// as a Browser guide at /browser/guide.html, readable from any origin (Browser fetches
	// them from its own); empty fields are not served.
	Browser BrowserFiles
}

// BrowserFiles are the Neo4j Browser style sheet and the cookbook of queries.
type BrowserFiles struct {
	Style    []byte
	Cookbook []byte
}

// Register adds the routes of the pages opts turns on to mux.
func Register(mux *http.ServeMux, opts Options) error {
	assets, err := newAssets()
	if err != nil {
		return err
	}
	if opts.GraphiQL || opts.Explorer {
		mux.Handle("GET /assets/", http.StripPrefix("/assets", assets))
	}
	if opts.GraphiQL {
		page, err := render("pages/graphiql.html", opts)
		if err != nil {
			return err
		}
		mux.Handle("GET /{$}", page)
	}
	if opts.Explorer {
		page, err := render("pages/explore.html", opts)
		if err != nil {
			return err
		}
		mux.Handle("GET /explore", page)
	}
	if opts.Schema != nil {
		mux.Handle("GET /schema.graphql", content("schema.graphql", "text/plain; charset=utf-8", opts.Schema))
	}
	if len(opts.Browser.Style) > 0 {
		mux.Handle("/browser/graphstyle.grass", anyOrigin(content("graphstyle.grass", "text/plain; charset=utf-8", opts.Browser.Style)))
	}
	if len(opts.Browser.Cookbook) > 0 {
		guide, err := Guide(opts.Browser.Cookbook)
		if err != nil {
			return err
		}
		mux.Handle("/browser/guide.html", anyOrigin(content("guide.html", "text/html; charset=utf-8", guide)))
	}
	return nil
}

// anyOrigin lets a page on any origin read h's response to GET or HEAD (public,
// read-only files such as the Browser guide), answering CORS preflights; other methods
// are 405.
func anyOrigin(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			h.ServeHTTP(w, r)
		case http.MethodOptions:
			w.Header().Set("Access-Control-Allow-Methods", "GET, HEAD")
			if asked := r.Header.Get("Access-Control-Request-Headers"); asked != "" {
				w.Header().Set("Access-Control-Allow-Headers", asked)
			}
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Allow", "GET, HEAD, OPTIONS")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	})
}

// secure sets the headers every response of this package carries.
func secure(h http.Header) {
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// content serves body with an ETag, so that browsers revalidate instead of refetching.
func content(name, contentType string, body []byte) http.Handler {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secure(w.Header())
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", etag)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
	})
}

// render executes the page template name once with opts.
func render(name string, opts Options) (http.Handler, error) {
	t, err := template.ParseFS(files, name)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, opts); err != nil {
		return nil, err
	}
	return content(path.Base(name), "text/html; charset=utf-8", b.Bytes()), nil
}

// newAssets serves the pages' scripts and styles (pages/, without the HTML templates),
// the vendored files (vendor/) and the GraphiQL examples (examples.json).
func newAssets() (http.Handler, error) {
	byPath := map[string]http.Handler{}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".html") {
			return err
		}
		body, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		url := "/" + strings.TrimPrefix(p, "pages/")
		byPath[url] = content(path.Base(p), contentType(p), body)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, ok := byPath[r.URL.Path]
		if !ok {
			secure(w.Header())
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}), nil
}

func contentType(p string) string {
	switch path.Ext(p) {
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".json":
		return "application/json"
	case ".md", "":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}
