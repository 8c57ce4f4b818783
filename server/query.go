package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/queries"
)

// rawQuery answers /api/v2/query as Cayley's API v2 does ({"result": [...]},
// errors as {"error": "..."}), but runs the query through queries.RunRaw,
// the CLI's query path: Gizmo's final values (count(), toArray(), ...) are
// kept, and every query runs under the memory budget and the timeout. At
// most MaxConcurrent run at once; more get 503. A request asking for
// JSON-LD goes to Cayley's handler, under the same guards.
func (s *Server) rawQuery(cayley http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
		default:
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, fmt.Errorf("%d queries are running, the most this server runs at once (--max-concurrent): retry shortly", cap(s.slots)))
			return
		}
		lang := r.URL.Query().Get("lang")
		switch {
		case lang == "":
			writeError(w, http.StatusBadRequest, errors.New("query language not specified (lang=gizmo or lang=graphql)"))
			return
		case !slices.Contains(queries.Languages, lang):
			writeError(w, http.StatusBadRequest, fmt.Errorf("unknown query language %q (want %s)", lang, strings.Join(queries.Languages, " or ")))
			return
		case strings.Contains(r.Header.Get("Accept"), "application/ld+json"):
			ctx, done := s.mem.Watch(r.Context())
			defer done()
			s.queryGuard(cayley).ServeHTTP(w, r.WithContext(ctx))
			return
		}
		text := r.URL.Query().Get("qu")
		if r.Method == http.MethodPost {
			b, err := io.ReadAll(r.Body)
			if err != nil {
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("read the query: %w", err))
				return
			}
			text = string(b)
		}
		if strings.TrimSpace(text) == "" {
			writeError(w, http.StatusBadRequest, errors.New("query is empty"))
			return
		}
		var out []any
		q := queries.RawQuery{Lang: lang, Text: text, Timeout: s.opt.Timeout, Limit: s.opt.Limit, Memory: s.mem}
		if err := queries.RunRaw(r.Context(), s.st, q, func(v any) error { out = append(out, v); return nil }); err != nil {
			s.fail(w, err)
			return
		}
		var body bytes.Buffer
		enc := json.NewEncoder(&body)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(map[string]any{"result": out}); err != nil {
			writeError(w, http.StatusInternalServerError, err)
			return
		}
		if body.Len() > maxQueryResponse {
			writeError(w, http.StatusInsufficientStorage, fmt.Errorf("query answer over %d bytes: add a limit", maxQueryResponse))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(body.Bytes())
	})
}
