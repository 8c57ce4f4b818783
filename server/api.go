package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
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
	return []string{"path", "why", "timeline", "export", "sources", "disputes", "source-filters"}
}

// badParam is a request parameter that cannot be used: 400.
type badParam struct {
	name string
	err  error
}

func (e *badParam) Error() string { return e.name + ": " + e.err.Error() }
func (e *badParam) Unwrap() error { return e.err }

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

// fail maps an error to its HTTP status, in one place.
func (s *Server) fail(w http.ResponseWriter, err error) {
	var (
		nf  *graph.NotFoundError
		amb *graph.AmbiguousError
		bp  *badParam
	)
	switch {
	case errors.As(err, &nf):
		writeJSON(w, http.StatusNotFound, errorBody{Error: err.Error(), Suggestions: nf.Suggestions})
	case errors.As(err, &amb):
		body := errorBody{Error: err.Error()}
		for _, c := range amb.Candidates {
			body.Candidates = append(body.Candidates, candidate{ID: c.ID, Name: c.DisplayName(), Type: c.Type})
		}
		writeJSON(w, http.StatusConflict, body)
	case errors.Is(err, graph.ErrNotFound):
		writeError(w, http.StatusNotFound, err)
	case errors.Is(err, queries.ErrNoPath):
		writeError(w, http.StatusNotFound, err)
	case errors.As(err, &bp), errors.Is(err, graph.ErrUnknownRelation), errors.Is(err, graph.ErrUnknownType),
		errors.Is(err, graph.ErrBadDate), errors.Is(err, graph.ErrUnknownCertainty),
		errors.Is(err, queries.ErrBadQuery), errors.Is(err, queries.ErrBadArgs), errors.Is(err, graph.ErrInvalid):
		writeError(w, http.StatusBadRequest, err)
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusGatewayTimeout, fmt.Errorf("query stopped after the %s timeout", s.opt.Timeout))
	case errors.Is(err, context.Canceled):
		writeError(w, http.StatusServiceUnavailable, errors.New("request cancelled"))
	default:
		writeError(w, http.StatusInternalServerError, err)
	}
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
		return "", &badParam{name, errors.New("missing: give an ID, a name or an alias")}
	}
	return a, nil
}

// intParam reads an optional whole number in lo..hi.
func intParam(r *http.Request, name string, lo, hi int) (int, bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, false, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, false, &badParam{name, fmt.Errorf("want a whole number from %d to %d, got %q", lo, hi, v)}
	}
	return n, true, nil
}

// boolParam reads an optional true/false flag.
func boolParam(r *http.Request, name string) (bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, &badParam{name, fmt.Errorf("want true or false, got %q", v)}
	}
	return b, nil
}

// relationsParam reads a list of relation names and checks each.
func relationsParam(r *http.Request, name string) ([]string, error) {
	rels := list(r, name)
	for _, rel := range rels {
		if _, err := graph.LookupRelation(rel); err != nil {
			return nil, &badParam{name, err}
		}
	}
	return rels, nil
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
	if q.Depth, _, err = intParam(r, "depth", 1, queries.MaxDepth); err != nil {
		return q, err
	}
	if q.Direction, err = graph.ParseDirection(v.Get("direction")); err != nil {
		return q, &badParam{"direction", err}
	}
	if q.AsOf, err = queries.ParseAsOf(v.Get("as_of")); err != nil {
		return q, &badParam{"as_of", err}
	}
	if q.Relations, err = relationsParam(r, "rel"); err != nil {
		return q, err
	}
	return q, nil
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
	if q.Relations, err = relationsParam(r, "rel"); err != nil {
		return q, err
	}
	if q.Exclude, err = relationsParam(r, "exclude_rel"); err != nil {
		return q, err
	}
	if q.Directed, err = boolParam(r, "directed"); err != nil {
		return q, err
	}
	if q.All, err = boolParam(r, "all"); err != nil {
		return q, err
	}
	if q.MaxDepth, _, err = intParam(r, "max_depth", 1, queries.MaxPathDepth); err != nil {
		return q, err
	}
	if q.UpTo, _, err = intParam(r, "upto", 1, queries.MaxPathDepth); err != nil {
		return q, err
	}
	if q.All && q.UpTo > 0 {
		return q, &badParam{"all", errors.New("all and upto do not go together: upto already lists every path")}
	}
	if q.AsOf, err = queries.ParseAsOf(r.URL.Query().Get("as_of")); err != nil {
		return q, &badParam{"as_of", err}
	}
	return q, nil
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
	for _, p := range []struct{ name, v string }{{"from", q.From}, {"to", q.To}} {
		if p.v == "" {
			continue
		}
		if _, err := graph.ParseDate(p.v); err != nil {
			return nil, &badParam{p.name, err}
		}
	}
	if q.Affiliates, err = boolParam(r, "affiliates"); err != nil {
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
			return nil, &badParam{name: "min_sources", err: fmt.Errorf("want a whole number, got %q", v)}
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
