package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/errkind"
	"github.com/actorgraph/actorgraph/queries"
)

// Info tells the page what this server offers.
type Info struct {
	ReadOnly bool              `json:"read_only"`
	Timeout  string            `json:"timeout"`
	Limit    int               `json:"limit"`
	Features []string          `json:"features"` // optional endpoints present: "path", "export", ...
	Kinds    map[string]string `json:"kinds"`    // entity type -> actor, place or event (for colours)
	Examples []Example         `json:"examples"` // Gizmo queries for Cayley's UI
}

// routeAPI mounts actorgraph's JSON endpoints under /api/ag/.
func (s *Server) routeAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/ag/info", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, Info{
			ReadOnly: !s.opt.AllowWrites, Timeout: s.opt.Timeout.String(), Limit: s.opt.Limit,
			Features: features(), Kinds: kinds(), Examples: Examples,
		})
	})
	mux.Handle("GET /api/ag/actors", s.query(s.actors))
	mux.Handle("GET /api/ag/show", s.query(s.show))
	mux.Handle("GET /api/ag/neighbors", s.query(s.neighbors))
	mux.Handle("GET /api/ag/path", s.query(s.path))
	mux.Handle("GET /api/ag/why", s.query(s.why))
	mux.Handle("GET /api/ag/timeline", s.query(s.timeline))
	mux.Handle("GET /api/ag/sources", s.query(s.sources))
	mux.Handle("GET /api/ag/disputes", s.query(s.disputes))
	mux.HandleFunc("GET /api/ag/export", s.export)
	mux.HandleFunc("POST /api/ag/export", s.export) // a long list of nodes in view
	s.routePageAPI(mux)
	mux.HandleFunc("GET /api/ag/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Errorf("no endpoint %s", r.URL.Path))
	})
}

// kinds maps each entity type to the kind the page colours it by.
func kinds() map[string]string {
	m := map[string]string{}
	for _, t := range graph.Types {
		switch {
		case t.Is(graph.KindEvent):
			m[t.Name] = "event"
		case t.Is(graph.KindActor):
			m[t.Name] = "actor"
		default:
			m[t.Name] = "place"
		}
	}
	return m
}

// features lists the optional endpoints this build has.
func features() []string {
	return []string{"path", "why", "timeline", "export", "sources", "disputes", "source-filters", "vocab", "views"}
}

// badParam is a request parameter that cannot be used (400): the one
// argument-error type, named as the request names it.
func badParam(name string, err error) error {
	return &graph.ArgError{Param: name, Msg: err.Error(), Err: err}
}

// queryFunc answers one request with a value to encode as JSON.
type queryFunc func(ctx context.Context, r *http.Request, w http.ResponseWriter) (any, error)

// query runs fn under the query timeout and writes its answer or its error.
func (s *Server) query(fn queryFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
		defer cancel()
		view, err := s.viewOf(ctx, r)
		if err != nil {
			s.fail(w, err)
			return
		}
		v, err := fn(context.WithValue(ctx, viewKey{}, view), r, w)
		if err != nil {
			s.fail(w, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
}

// statuses turns each kind of error into its HTTP status.
var statuses = map[errkind.Kind]int{
	errkind.Other:       http.StatusInternalServerError,
	errkind.Usage:       http.StatusBadRequest,
	errkind.NotFound:    http.StatusNotFound,
	errkind.Ambiguous:   http.StatusConflict,
	errkind.BadInput:    http.StatusBadRequest,
	errkind.NoPath:      http.StatusNotFound,
	errkind.Timeout:     http.StatusGatewayTimeout,
	errkind.Canceled:    http.StatusServiceUnavailable,
	errkind.NoStore:     http.StatusInternalServerError,
	errkind.StoreInUse:  http.StatusInternalServerError,
	errkind.Unreachable: http.StatusInternalServerError,
	errkind.ReadOnly:    http.StatusInternalServerError,
	errkind.Memory:      http.StatusInsufficientStorage,
}

// paramName is how the server names a query parameter: max-depth is max_depth.
func paramName(p string) string { return strings.ReplaceAll(p, "-", "_") }

// fail maps an error to its HTTP status and body, in one place.
func (s *Server) fail(w http.ResponseWriter, err error) {
	var (
		nf  *graph.NotFoundError
		amb *graph.AmbiguousError
		ae  *graph.ArgError
		npe *queries.NoPathError
		us  *graph.UnknownSourceError
	)
	kind := errkind.Of(err)
	status, ok := statuses[kind]
	if !ok {
		status = http.StatusInternalServerError
	}
	body := errorBody{Error: err.Error()}
	switch {
	case errors.As(err, &ae):
		body.Error = strings.Replace(body.Error, ae.Error(), ae.Message(paramName), 1)
	case errors.As(err, &npe):
		body.Error = strings.Replace(body.Error, npe.Error(), npe.Error()+" (only relations count as links; try a larger max_depth, fewer exclude_rel or no directed)", 1)
	case errors.As(err, &us):
		body.Error = strings.Replace(body.Error, us.Error(), us.Error()+" (/api/ag/sources lists them)", 1)
	case errors.As(err, &nf):
		body.Suggestions = nf.Suggestions
	case errors.As(err, &amb):
		for _, c := range amb.Candidates {
			body.Candidates = append(body.Candidates, candidate{ID: c.ID, Name: c.DisplayName(), Type: c.Type})
		}
	case kind == errkind.Timeout:
		body.Error = fmt.Sprintf("query stopped after the %s timeout", s.opt.Timeout)
	case kind == errkind.Canceled:
		body.Error = "request cancelled"
	}
	writeJSON(w, status, body)
}

// list reads a parameter given repeated or comma-separated.
func list(r *http.Request, name string) []string {
	var out []string
	for _, v := range r.URL.Query()[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// actorParam is the required actor parameter.
func actorParam(r *http.Request) (string, error) { return nameParam(r, "actor") }

// nameParam is a required parameter naming an actor or event.
func nameParam(r *http.Request, name string) (string, error) {
	a := strings.TrimSpace(r.URL.Query().Get(name))
	if a == "" {
		return "", badParam(name, errors.New("missing: give an ID, a name or an alias"))
	}
	return a, nil
}

// intParam reads an optional whole number, def when it is not given; the
// query's Validate checks its range.
func intParam(r *http.Request, name string, def int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, badParam(name, fmt.Errorf("want a whole number, got %q", v))
	}
	return n, nil
}

// boolParam reads an optional true/false flag.
func boolParam(r *http.Request, name string) (bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, badParam(name, fmt.Errorf("want true or false, got %q", v))
	}
	return b, nil
}

// truncated marks an answer cut at the result limit.
func (s *Server) truncated(w http.ResponseWriter, total int) {
	w.Header().Set("X-Result-Limit", strconv.Itoa(s.opt.Limit))
	w.Header().Set("X-Result-Total", strconv.Itoa(total))
	w.Header().Set("X-Result-Truncated", "true")
}

func (s *Server) actors(ctx context.Context, r *http.Request, w http.ResponseWriter) (any, error) {
	es, err := queries.Actors(ctx, s.view(ctx), queries.ActorsQuery{Types: list(r, "type"), Match: r.URL.Query().Get("match")})
	if err != nil {
		return nil, err
	}
	if es == nil {
		es = []graph.Entity{}
	}
	if len(es) > s.opt.Limit {
		s.truncated(w, len(es))
		es = es[:s.opt.Limit]
	}
	return es, nil
}

func (s *Server) show(ctx context.Context, r *http.Request, _ http.ResponseWriter) (any, error) {
	a, err := actorParam(r)
	if err != nil {
		return nil, err
	}
	return queries.Show(ctx, s.view(ctx), a)
}

// neighborsQuery reads the parameters of /api/ag/neighbors.
func neighborsQuery(r *http.Request) (queries.NeighborsQuery, error) {
	var q queries.NeighborsQuery
	var err error
	if q.Name, err = actorParam(r); err != nil {
		return q, err
	}
	v := r.URL.Query()
	if q.Depth, err = intParam(r, "depth", 1); err != nil {
		return q, err
	}
	if q.Direction, err = graph.ParseDirection(v.Get("direction")); err != nil {
		return q, badParam("direction", err)
	}
	if q.AsOf, err = queries.ParseAsOf(v.Get("as_of")); err != nil {
		return q, err
	}
	q.Relations = list(r, "rel")
	return q, q.Validate()
}

func (s *Server) neighbors(ctx context.Context, r *http.Request, w http.ResponseWriter) (any, error) {
	q, err := neighborsQuery(r)
	if err != nil {
		return nil, err
	}
	net, err := queries.Neighbors(ctx, s.view(ctx), q)
	if err != nil {
		return nil, err
	}
	if len(net.Neighbors) > s.opt.Limit {
		s.truncated(w, len(net.Neighbors))
		net.Neighbors = net.Neighbors[:s.opt.Limit]
	}
	return net, nil
}

// pathQuery reads the parameters of /api/ag/path, the flags of `actorgraph path`.
func pathQuery(r *http.Request) (queries.PathQuery, error) {
	var q queries.PathQuery
	var err error
	if q.From, err = nameParam(r, "from"); err != nil {
		return q, err
	}
	if q.To, err = nameParam(r, "to"); err != nil {
		return q, err
	}
	q.Relations, q.Exclude = list(r, "rel"), list(r, "exclude_rel")
	if q.Directed, err = boolParam(r, "directed"); err != nil {
		return q, err
	}
	if q.All, err = boolParam(r, "all"); err != nil {
		return q, err
	}
	if q.MaxDepth, err = intParam(r, "max_depth", queries.DefaultPathDepth); err != nil {
		return q, err
	}
	if q.UpTo, err = intParam(r, "upto", 0); err != nil {
		return q, err
	}
	if q.AsOf, err = queries.ParseAsOf(r.URL.Query().Get("as_of")); err != nil {
		return q, err
	}
	return q, q.Validate()
}

func (s *Server) path(ctx context.Context, r *http.Request, w http.ResponseWriter) (any, error) {
	q, err := pathQuery(r)
	if err != nil {
		return nil, err
	}
	ans, err := queries.FindPaths(ctx, s.view(ctx), q)
	if err != nil {
		return nil, err
	}
	if len(ans.Paths) > s.opt.Limit {
		s.truncated(w, len(ans.Paths))
		ans.Paths, ans.Truncated = ans.Paths[:s.opt.Limit], true
	}
	return ans, nil
}

func (s *Server) why(ctx context.Context, r *http.Request, _ http.ResponseWriter) (any, error) {
	subj, err := nameParam(r, "subject")
	if err != nil {
		return nil, err
	}
	obj, err := nameParam(r, "object")
	if err != nil {
		return nil, err
	}
	return queries.Why(ctx, s.view(ctx), subj, r.URL.Query().Get("relation"), obj)
}

func (s *Server) timeline(ctx context.Context, r *http.Request, w http.ResponseWriter) (any, error) {
	var q queries.TimelineQuery
	var err error
	if q.Name, err = actorParam(r); err != nil {
		return nil, err
	}
	v := r.URL.Query()
	q.From, q.To = v.Get("from"), v.Get("to")
	if q.Affiliates, err = boolParam(r, "affiliates"); err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	tl, err := queries.BuildTimeline(ctx, s.view(ctx), q)
	if err != nil {
		return nil, err
	}
	if len(tl.Events) > s.opt.Limit {
		s.truncated(w, len(tl.Events))
		tl.Events = tl.Events[:s.opt.Limit]
	}
	return tl, nil
}

// viewKey carries a request's store view in its context.
type viewKey struct{}

// viewOf is the store as a request's source parameters restrict it (the
// flags of the CLI): source and exclude_source (repeated or
// comma-separated) and min_sources.
func (s *Server) viewOf(ctx context.Context, r *http.Request) (*graph.Store, error) {
	f := graph.Filter{Sources: list(r, "source"), ExcludeSources: list(r, "exclude_source")}
	if v := r.URL.Query().Get("min_sources"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, badParam("min_sources", fmt.Errorf("want a whole number, got %q", v))
		}
		f.MinSources = n
	}
	if f.IsZero() {
		return s.st, nil
	}
	return s.st.WithFilter(ctx, f)
}

// view is the store a request reads: its view, or the whole store.
func (s *Server) view(ctx context.Context) *graph.Store {
	if v, ok := ctx.Value(viewKey{}).(*graph.Store); ok {
		return v
	}
	return s.st
}

func (s *Server) sources(ctx context.Context, _ *http.Request, _ http.ResponseWriter) (any, error) {
	return queries.Sources(ctx, s.view(ctx))
}

func (s *Server) disputes(ctx context.Context, r *http.Request, _ http.ResponseWriter) (any, error) {
	return queries.Disputes(ctx, s.view(ctx), r.URL.Query().Get("actor"))
}
