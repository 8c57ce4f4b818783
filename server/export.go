package server

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/encode"
	"github.com/actorgraph/actorgraph/encode/picture"
	"github.com/actorgraph/actorgraph/queries"
)

// export serves the same pictures and DOT as `actorgraph export`:
// /api/ag/export?format=dot|svg&actor=ISKP&depth=1&rel=...&type=...&as_of=...
// Without actor it exports the whole actor graph.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
	defer cancel()
	q, err := exportQuery(r)
	if err != nil {
		s.fail(w, err)
		return
	}
	format := r.FormValue("format")
	if format == "" {
		format = "svg"
	}
	if format != "svg" && format != "dot" {
		s.fail(w, &badParam{"format", errors.New("want svg or dot")})
		return
	}
	view, err := s.viewOf(ctx, r)
	if err != nil {
		s.fail(w, err)
		return
	}
	sg, err := queries.Export(ctx, view, q)
	if err != nil {
		s.fail(w, err)
		return
	}
	var dot bytes.Buffer
	if err := encode.WriteDOT(&dot, sg); err != nil {
		s.fail(w, err)
		return
	}
	if format == "dot" {
		w.Header().Set("Content-Type", "text/vnd.graphviz; charset=utf-8")
		w.Write(dot.Bytes())
		return
	}
	var svg bytes.Buffer
	if err := picture.Render(ctx, dot.Bytes(), picture.Options{Format: picture.SVG}, &svg); err != nil {
		s.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Write(svg.Bytes())
}

// exportQuery reads the parameters of /api/ag/export.
func exportQuery(r *http.Request) (queries.ExportQuery, error) {
	q := queries.ExportQuery{Focus: r.FormValue("actor")}
	if d := r.FormValue("depth"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil {
			return q, &badParam{"depth", err}
		}
		q.Depth = n
	}
	if v := r.FormValue("rel"); v != "" {
		q.Relations = strings.Split(v, ",")
	}
	if v := r.FormValue("type"); v != "" {
		q.Types = strings.Split(v, ",")
	}
	var err error
	q.AsOf, err = queries.ParseAsOf(r.FormValue("as_of"))
	return q, err
}
