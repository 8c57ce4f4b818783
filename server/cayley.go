package server

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/cayley/ui"

	"embed"

	// Query languages offered by Cayley's UI and /api/v2/query.
	_ "github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql"
	// Quad formats for /api/v2/read and /api/v2/write.
	_ "github.com/cayleygraph/quad/dot"
	_ "github.com/cayleygraph/quad/json"
	_ "github.com/cayleygraph/quad/jsonld"
	_ "github.com/cayleygraph/quad/nquads"
)

// monacoZip is the Monaco editor that Cayley's UI would load from a CDN
// (see vendor/vendor.sh).
//
//go:embed vendor/monaco-0.18.1.zip
var monacoZip []byte

// uiAssets stand in for the icon font the UI's CSS imports from Google Fonts.
//
//go:embed vendor/material-icons.css vendor/material-icons.woff2 vendor/material-icons.LICENSE
var uiAssets embed.FS

// The strings of Cayley's UI bundle (cayleygraph/web v0.8.0) that are
// rewritten when served: the API address baked in at build time, which
// becomes "" so the UI calls the origin that served it, and the CDN the
// editor is loaded from, which becomes our own copy.
const (
	uiServerURL  = `"http://localhost:64210"`
	uiMonacoCDN  = `https://cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs`
	uiMonacoHere = `/monaco/vs`
	uiIconsCDN   = `https://fonts.googleapis.com/icon?family=Material+Icons`
	uiIconsHere  = `/ui-assets/material-icons.css`
)

// maxQueryResponse bounds a buffered /api/v2/query answer.
const maxQueryResponse = 32 << 20

// routeCayley mounts Cayley's API v2 under /api/v2/, its web UI at /ui/ (its
// assets at the absolute paths the bundle asks for), the editor at /monaco/
// and the icon font at /ui-assets/: the UI loads nothing from other sites.
func (s *Server) routeCayley(mux *http.ServeMux) error {
	qs := s.st.QuadStore()
	qw, err := cgraph.NewQuadWriter("single", qs, cgraph.Options{"ignore_duplicate": true})
	if err != nil {
		return fmt.Errorf("cayley quad writer: %w", err)
	}
	api := cayleyhttp.NewAPIv2(&cgraph.Handle{QuadStore: qs, QuadWriter: qw})
	api.SetReadOnly(!s.opt.AllowWrites)
	api.SetQueryTimeout(s.opt.Timeout)
	api.SetQueryLimit(s.opt.Limit)
	// Method-qualified patterns: they must not clash with the UI's "GET /".
	mux.Handle("GET /api/v2/", api)
	mux.Handle("POST /api/v2/", api)
	mux.Handle("POST /api/v2/write", s.write(api))
	mux.Handle("GET /api/v2/query", s.rawQuery(api))
	mux.Handle("POST /api/v2/query", s.rawQuery(api))

	web, err := fs.Sub(ui.FS, "web")
	if err != nil {
		return fmt.Errorf("cayley ui: %w", err)
	}
	rewritten, err := rewriteUI(web)
	if err != nil {
		return err
	}
	index, err := fs.ReadFile(web, "index.html")
	if err != nil {
		return fmt.Errorf("cayley ui: %w", err)
	}
	files := http.FileServer(http.FS(web))
	mux.HandleFunc("GET /ui", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ui/", http.StatusMovedPermanently) })
	mux.HandleFunc("GET /ui/{$}", func(w http.ResponseWriter, r *http.Request) {
		serveBytes(w, r, "index.html", index)
	})
	// The UI's assets live at absolute paths (/static/..., /gizmo.d.ts).
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		if b, ok := rewritten[strings.TrimPrefix(r.URL.Path, "/")]; ok {
			serveBytes(w, r, path.Base(r.URL.Path), b)
			return
		}
		if r.URL.Path == "/index.html" || r.URL.Path == "/service-worker.js" {
			// The UI lives at /ui/; its service worker would fetch a CDN.
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})

	zr, err := zip.NewReader(bytes.NewReader(monacoZip), int64(len(monacoZip)))
	if err != nil {
		return fmt.Errorf("monaco editor: %w", err)
	}
	vs, err := fs.Sub(zr, "min")
	if err != nil {
		return fmt.Errorf("monaco editor: %w", err)
	}
	mux.Handle("GET /monaco/", http.StripPrefix("/monaco", http.FileServer(http.FS(vs))))
	assets, err := fs.Sub(uiAssets, "vendor")
	if err != nil {
		return err
	}
	mux.Handle("GET /ui-assets/", http.StripPrefix("/ui-assets", http.FileServer(http.FS(assets))))
	return nil
}

// rewriteUI returns the UI's JavaScript files that need rewriting, rewritten,
// by path. It fails if a string to rewrite is missing.
func rewriteUI(web fs.FS) (map[string][]byte, error) {
	rules := []struct{ glob, old, new string }{
		{"static/js/main.*.chunk.js", uiServerURL, `""`},
		{"static/js/2.*.chunk.js", uiMonacoCDN, uiMonacoHere},
		{"static/css/main.*.chunk.css", uiIconsCDN, uiIconsHere},
	}
	out := map[string][]byte{}
	for _, rule := range rules {
		names, err := fs.Glob(web, rule.glob)
		if err != nil {
			return nil, err
		}
		found := false
		for _, name := range names {
			b, err := fs.ReadFile(web, name)
			if err != nil {
				return nil, fmt.Errorf("cayley ui: %w", err)
			}
			if !bytes.Contains(b, []byte(rule.old)) {
				continue
			}
			out[name] = bytes.ReplaceAll(b, []byte(rule.old), []byte(rule.new))
			found = true
		}
		if !found {
			return nil, fmt.Errorf("cayley ui: no %s holds %s (did Cayley's UI change?)", rule.glob, rule.old)
		}
	}
	return out, nil
}

var startTime = time.Now()

func serveBytes(w http.ResponseWriter, r *http.Request, name string, b []byte) {
	http.ServeContent(w, r, name, startTime, bytes.NewReader(b))
}

// queryGuard runs Cayley's query endpoint with a buffered response so that a
// query stopped by the timeout answers 504 with a clear message instead of
// Cayley's 400 "context deadline exceeded".
func (s *Server) queryGuard(api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
		defer cancel()
		buf := &bufferedResponse{header: http.Header{}, code: http.StatusOK}
		api.ServeHTTP(buf, r.WithContext(ctx))
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && buf.code != http.StatusOK {
			writeError(w, http.StatusGatewayTimeout, fmt.Errorf("query stopped after the %s timeout", s.opt.Timeout))
			return
		}
		if buf.overflow {
			writeError(w, http.StatusInsufficientStorage, fmt.Errorf("query answer over %d bytes: add a limit", maxQueryResponse))
			return
		}
		for k, v := range buf.header {
			w.Header()[k] = v
		}
		w.WriteHeader(buf.code)
		_, _ = w.Write(buf.body.Bytes())
	})
}

type bufferedResponse struct {
	header   http.Header
	code     int
	wrote    bool
	body     bytes.Buffer
	overflow bool
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) {
	if !b.wrote {
		b.code, b.wrote = code, true
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	if b.body.Len()+len(p) > maxQueryResponse {
		b.overflow = true
		return 0, errors.New("query answer too large")
	}
	return b.body.Write(p)
}

// errorBody is the JSON of every error answer; Cayley's API uses the same
// "error" key.
type errorBody struct {
	Error       string      `json:"error"`
	Suggestions []string    `json:"suggestions,omitempty"`
	Candidates  []candidate `json:"candidates,omitempty"`
}

type candidate struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

func writeError(w http.ResponseWriter, code int, err error) {
	writeJSON(w, code, errorBody{Error: err.Error()})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
