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
func features() []string { return []string{} }

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
		v, err := fn(ctx, r, w)
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
	case errors.As(err, &bp), errors.Is(err, graph.ErrUnknownRelation), errors.Is(err, graph.ErrUnknownType),
		errors.Is(err, graph.ErrBadDate), errors.Is(err, graph.ErrUnknownCertainty):
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
func actorParam(r *http.Request) (string, error) {
	a := strings.TrimSpace(r.URL.Query().Get("actor"))
	if a == "" {
		return "", &badParam{"actor", errors.New("missing: give an ID, a name or an alias")}
	}
	return a, nil
}

// truncated marks an answer cut at the result limit.
func (s *Server) truncated(w http.ResponseWriter, total int) {
	w.Header().Set("X-Result-Limit", strconv.Itoa(s.opt.Limit))
	w.Header().Set("X-Result-Total", strconv.Itoa(total))
	w.Header().Set("X-Result-Truncated", "true")
}

func (s *Server) actors(ctx context.Context, r *http.Request, w http.ResponseWriter) (any, error) {
	es, err := queries.Actors(ctx, s.st, queries.ActorsQuery{Types: list(r, "type"), Match: r.URL.Query().Get("match")})
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
	return queries.Show(ctx, s.st, a)
}

// neighborsQuery reads the parameters of /api/ag/neighbors.
func neighborsQuery(r *http.Request) (queries.NeighborsQuery, error) {
	var q queries.NeighborsQuery
	var err error
	if q.Name, err = actorParam(r); err != nil {
		return q, err
	}
	v := r.URL.Query()
	if d := v.Get("depth"); d != "" {
		if q.Depth, err = strconv.Atoi(d); err != nil || q.Depth < 1 || q.Depth > queries.MaxDepth {
			return q, &badParam{"depth", fmt.Errorf("want a whole number from 1 to %d, got %q", queries.MaxDepth, d)}
		}
	}
	if q.Direction, err = graph.ParseDirection(v.Get("direction")); err != nil {
		return q, &badParam{"direction", err}
	}
	if q.AsOf, err = queries.ParseAsOf(v.Get("as_of")); err != nil {
		return q, &badParam{"as_of", err}
	}
	q.Relations = list(r, "rel")
	for _, rel := range q.Relations {
		if _, err := graph.LookupRelation(rel); err != nil {
			return q, &badParam{"rel", err}
		}
	}
	return q, nil
}

func (s *Server) neighbors(ctx context.Context, r *http.Request, w http.ResponseWriter) (any, error) {
	q, err := neighborsQuery(r)
	if err != nil {
		return nil, err
	}
	net, err := queries.Neighbors(ctx, s.st, q)
	if err != nil {
		return nil, err
	}
	if len(net.Neighbors) > s.opt.Limit {
		s.truncated(w, len(net.Neighbors))
		net.Neighbors = net.Neighbors[:s.opt.Limit]
	}
	return net, nil
}
