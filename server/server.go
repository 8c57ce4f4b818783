// Package server serves an actor graph over HTTP: Cayley's own web UI and
// v2 API on the store, actorgraph's JSON endpoints over the queries package
// (the same answers as the CLI's --format json) and actorgraph's own page.
//
// It is safe by default: read-only unless Options.AllowWrites, every query
// bounded in time and size, request bodies capped, no /debug/pprof,
// cross-origin writes refused and no CORS headers (same origin only).
package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
)

// Defaults for Options' zero values.
const (
	DefaultTimeout = 30 * time.Second
	DefaultLimit   = 1000
	DefaultMaxBody = 1 << 20 // 1 MiB
	// DefaultMaxConcurrent bounds the Gizmo and GraphQL queries running at once.
	DefaultMaxConcurrent = 4
)

// Options say how the server behaves.
type Options struct {
	// AllowWrites enables Cayley's write and delete endpoints. The store must
	// then be open for writing.
	AllowWrites bool
	// Timeout bounds every query; 0 means DefaultTimeout.
	Timeout time.Duration
	// Limit bounds the results of every query (Gizmo results, actors listed,
	// neighbours returned); 0 means DefaultLimit.
	Limit int
	// MaxBody bounds request bodies in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// MaxQueryMemory is the memory budget (bytes) of the Gizmo and GraphQL
	// queries running together; a query that grows the heap past it is
	// stopped with 507. 0 means queries.DefaultQueryMemory.
	MaxQueryMemory int64
	// MaxConcurrent bounds the Gizmo and GraphQL queries running at once;
	// more are answered 503. 0 means DefaultMaxConcurrent.
	MaxConcurrent int
	// LoopbackHosts refuses requests whose Host header is not a loopback
	// name (localhost, 127.0.0.1, [::1]): a guard against DNS rebinding when
	// the server listens on loopback.
	LoopbackHosts bool
	// Drafts is the directory of extraction drafts reviewed at /review
	// (written by `actorgraph extract --draft DIR`); "" serves no review.
	Drafts string
}

// Server is the HTTP handler for one store.
type Server struct {
	st      *graph.Store
	opt     Options
	handler http.Handler
	mem     *queries.MemoryGuard // the raw queries' memory budget
	slots   chan struct{}        // one per raw query running
}

// New builds the server for st. It fails when the embedded Cayley UI does not
// hold what it expects (a Cayley upgrade that moved the strings it rewrites).
func New(st *graph.Store, opt Options) (*Server, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Limit <= 0 {
		opt.Limit = DefaultLimit
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.MaxQueryMemory <= 0 {
		opt.MaxQueryMemory = queries.DefaultQueryMemory
	}
	if opt.MaxConcurrent <= 0 {
		opt.MaxConcurrent = DefaultMaxConcurrent
	}
	if opt.AllowWrites && st.ReadOnly() {
		return nil, fmt.Errorf("writes allowed but %w", graph.ErrReadOnly)
	}
	s := &Server{st: st, opt: opt, mem: queries.NewMemoryGuard(opt.MaxQueryMemory), slots: make(chan struct{}, opt.MaxConcurrent)}
	mux := http.NewServeMux()
	if err := s.routeCayley(mux); err != nil {
		return nil, err
	}
	s.routeAPI(mux)
	if err := s.routePage(mux); err != nil {
		return nil, err
	}
	if err := s.routeReview(mux); err != nil {
		return nil, err
	}
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	// Nothing registers net/http/pprof here, but make the absence explicit
	// (a dependency may still add it to http.DefaultServeMux, which we never serve).
	mux.Handle("GET /debug/", http.NotFoundHandler())

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusForbidden, errors.New("cross-origin request refused: this server only answers pages it serves itself"))
	}))
	s.handler = s.guard(cop.Handler(mux))
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// guard applies the checks every request goes through: Host, body size and
// the headers that keep other sites from framing or sniffing our answers.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		if s.opt.LoopbackHosts && !IsLoopbackHost(r.Host) {
			writeError(w, http.StatusMisdirectedRequest, fmt.Errorf("host %q refused: the server listens on loopback; browse to 127.0.0.1 or localhost", r.Host))
			return
		}
		if r.ContentLength > s.opt.MaxBody {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("request body of %d bytes is over the limit of %d bytes", r.ContentLength, s.opt.MaxBody))
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
		}
		next.ServeHTTP(w, r)
	})
}

// IsLoopbackHost reports whether a Host header or listen address names the
// loopback interface.
func IsLoopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Serve answers requests on ln until ctx is done, then stops accepting
// connections and lets the requests in flight finish (for at most grace)
// before it returns. It returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	return Serve(ctx, ln, s, s.opt.Timeout, grace)
}

// Serve runs h on ln with timeouts derived from the query timeout, until ctx
// is done; then it shuts down gracefully, waiting up to grace for requests
// in flight.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, queryTimeout, grace time.Duration) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		// Cayley's /api/v2/read streams quads without a context: the write
		// timeout bounds it.
		WriteTimeout: queryTimeout + 30*time.Second,
		IdleTimeout:  2 * time.Minute,
		// Requests must not see ctx's cancellation: shutdown lets them finish.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
