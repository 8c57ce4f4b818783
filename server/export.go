package server

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/encode/export"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
)

// export serves what `actorgraph export` writes, through the same encoders:
//
//	/api/ag/export?format=dot|svg|png|graphml|jsonld|nquads|json
//	  &actor=ISKP&depth=1        the network around an actor, or
//	  &nodes=iskp,taliban,...    exactly these nodes and the relations between them
//	                             (what the page has in view; POST it as a form when long)
//	  &rel=...&type=...&as_of=...&certainty=...&scale=2&download=NAME
//	  &source=...&exclude_source=...&min_sources=N   (as on every endpoint)
//
// Without actor or nodes it exports the whole actor graph.
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
	if !export.Known(format) {
		s.fail(w, badParam("format", errors.New("want one of "+strings.Join(export.Formats, ", "))))
		return
	}
	scale := 2.0
	if v := r.FormValue("scale"); v != "" {
		if scale, err = strconv.ParseFloat(v, 64); err != nil || scale <= 0 || scale > 10 {
			s.fail(w, badParam("scale", errors.New("want a number in (0, 10]")))
			return
		}
	}
	certs, err := certaintiesParam(r)
	if err != nil {
		s.fail(w, err)
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
	sg = keepCertainties(sg, certs)
	var buf bytes.Buffer
	if err := export.Write(ctx, view, sg, format, scale, &buf); err != nil {
		s.fail(w, err)
		return
	}
	t := export.Types[format]
	w.Header().Set("Content-Type", t.MediaType)
	if name := downloadName(r.FormValue("download")); name != "" {
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+t.Ext+`"`)
	}
	w.Write(buf.Bytes())
}

// exportQuery reads the selection of an export request.
func exportQuery(r *http.Request) (queries.ExportQuery, error) {
	q := queries.ExportQuery{Focus: r.FormValue("actor")}
	if d := r.FormValue("depth"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil {
			return q, badParam("depth", err)
		}
		q.Depth = n
	}
	q.Relations = formList(r, "rel")
	q.Types = formList(r, "type")
	q.Nodes = formList(r, "nodes")
	if q.Focus != "" && len(q.Nodes) > 0 {
		return q, badParam("nodes", errors.New("actor and nodes do not go together"))
	}
	var err error
	q.AsOf, err = queries.ParseAsOf(r.FormValue("as_of")) // its error names as-of itself
	return q, err
}

// formList reads a list parameter from the query or a POSTed form,
// repeated or comma-separated.
func formList(r *http.Request, name string) []string {
	_ = r.ParseForm()
	var out []string
	for _, v := range r.Form[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// certaintiesParam reads the certainty filter of an export.
func certaintiesParam(r *http.Request) (map[graph.Certainty]bool, error) {
	names := formList(r, "certainty")
	if len(names) == 0 {
		return nil, nil
	}
	keep := map[graph.Certainty]bool{}
	for _, n := range names {
		c, err := graph.ParseCertainty(n)
		if err != nil {
			return nil, badParam("certainty", err)
		}
		keep[c] = true
	}
	return keep, nil
}

// keepCertainties keeps the claims of the given certainties (all when nil)
// and the edges left with a claim.
func keepCertainties(sg queries.Subgraph, keep map[graph.Certainty]bool) queries.Subgraph {
	if keep == nil {
		return sg
	}
	edges := sg.Edges[:0:0]
	for _, e := range sg.Edges {
		var cs []graph.Claim
		for _, c := range e.Claims {
			if keep[c.Certainty] {
				cs = append(cs, c)
			}
		}
		if len(cs) > 0 {
			e.Claims = cs
			edges = append(edges, e)
		}
	}
	sg.Edges = edges
	return sg
}

// downloadName keeps the letters, digits, dots, dashes and underscores of a
// file name the page asks for.
func downloadName(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s) && len(b) < 80; i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' {
			b = append(b, c)
		}
	}
	return strings.Trim(string(b), ".")
}
