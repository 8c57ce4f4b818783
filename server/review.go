package server

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/extract"
	"github.com/actorgraph/actorgraph/seed"
)

// The review step: drafts written by `actorgraph extract --draft DIR` are
// listed and shown at /review, each candidate's sentence highlighted in the
// article, to be accepted (possibly edited) or rejected one by one. Saving
// a review writes DIR/ID.reviewed.ag, a curated file whose source reads the
// article from DIR/ID.txt, with the reviewer recorded; it is compiled
// against the store first, so a review that would not load is refused. A
// draft itself never changes the store; with --allow-writes the reviewed
// file is also loaded as a source.

//go:embed static/review.html static/review.js
var reviewFS embed.FS

var draftIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (s *Server) routeReview(mux *http.ServeMux) error {
	html, err := reviewFS.ReadFile("static/review.html")
	if err != nil {
		return fmt.Errorf("review page: %w", err)
	}
	js, err := reviewFS.ReadFile("static/review.js")
	if err != nil {
		return fmt.Errorf("review page: %w", err)
	}
	mux.HandleFunc("GET /review", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", pageCSP)
		serveBytes(w, r, "review.html", html)
	})
	mux.HandleFunc("GET /review/review.js", func(w http.ResponseWriter, r *http.Request) {
		serveBytes(w, r, "review.js", js)
	})
	mux.HandleFunc("GET /api/review/drafts", s.listDrafts)
	mux.HandleFunc("GET /api/review/drafts/{id}", s.getDraft)
	mux.HandleFunc("POST /api/review/drafts/{id}", s.saveReview)
	return nil
}

// errNoDrafts answers when serve was started without a drafts directory.
var errNoDrafts = errors.New("no drafts directory: start `actorgraph serve --drafts DIR` (drafts are written by `actorgraph extract --draft DIR`)")

type draftSummary struct {
	ID         string `json:"id"`
	Title      string `json:"title,omitempty"`
	Entities   int    `json:"entities"`
	Claims     int    `json:"claims"`
	Reviewed   bool   `json:"reviewed"`
	ReviewFile string `json:"review_file,omitempty"`
}

func (s *Server) listDrafts(w http.ResponseWriter, r *http.Request) {
	if s.opt.Drafts == "" {
		writeError(w, http.StatusNotFound, errNoDrafts)
		return
	}
	files, err := filepath.Glob(filepath.Join(s.opt.Drafts, "*.json"))
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	sort.Strings(files)
	out := []draftSummary{}
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".json")
		d, err := s.readDraft(id)
		if err != nil {
			continue // not a draft
		}
		sum := draftSummary{ID: id, Title: d.Title, Entities: len(d.Entities), Claims: len(d.Claims)}
		if _, err := os.Stat(s.reviewFile(id)); err == nil {
			sum.Reviewed, sum.ReviewFile = true, s.reviewFile(id)
		}
		out = append(out, sum)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) readDraft(id string) (*extract.Draft, error) {
	if !draftIDRE.MatchString(id) {
		return nil, fmt.Errorf("bad draft ID %q: lower-case letters, digits and -", id)
	}
	f, err := os.Open(filepath.Join(s.opt.Drafts, id+".json"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return extract.ReadDraft(f)
}

func (s *Server) reviewFile(id string) string {
	return filepath.Join(s.opt.Drafts, id+".reviewed.ag")
}

func (s *Server) getDraft(w http.ResponseWriter, r *http.Request) {
	if s.opt.Drafts == "" {
		writeError(w, http.StatusNotFound, errNoDrafts)
		return
	}
	d, err := s.readDraft(r.PathValue("id"))
	switch {
	case errors.Is(err, os.ErrNotExist):
		writeError(w, http.StatusNotFound, fmt.Errorf("no draft %q in %s", r.PathValue("id"), s.opt.Drafts))
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

type reviewAnswer struct {
	File     string `json:"file"`
	Entities int    `json:"entities"`
	Claims   int    `json:"claims"`
	Loaded   bool   `json:"loaded"` // loaded into the store as a source (--allow-writes)
}

// saveReview turns a review into the curated file, compiles it against the
// store and writes it (and, when writes are allowed, loads it).
func (s *Server) saveReview(w http.ResponseWriter, r *http.Request) {
	if s.opt.Drafts == "" {
		writeError(w, http.StatusNotFound, errNoDrafts)
		return
	}
	id := r.PathValue("id")
	d, err := s.readDraft(id)
	if err != nil {
		code := http.StatusBadRequest
		if errors.Is(err, os.ErrNotExist) {
			code = http.StatusNotFound
		}
		writeError(w, code, err)
		return
	}
	var rv extract.Reviewed
	if err := json.NewDecoder(r.Body).Decode(&rv); err != nil {
		writeError(w, http.StatusBadRequest, fmt.Errorf("review body: %w", err))
		return
	}
	textName := id + ".txt"
	var buf bytes.Buffer
	if err := d.Curated(rv, textName, time.Now(), &buf); err != nil {
		writeError(w, http.StatusUnprocessableEntity, err)
		return
	}
	if err := os.WriteFile(filepath.Join(s.opt.Drafts, textName), []byte(d.Text), 0o644); err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	// Compile from a temporary file first: a review that does not load is
	// refused and the reviewed file of an earlier review stays as it was.
	tmp := s.reviewFile(id) + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	defer os.Remove(tmp)
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
	defer cancel()
	if _, err := seed.Compile(ctx, s.st, []seed.Input{seed.File(tmp)}, seed.Options{}); err != nil {
		writeError(w, http.StatusUnprocessableEntity, fmt.Errorf("the reviewed file would not load: %w", err))
		return
	}
	if err := os.Rename(tmp, s.reviewFile(id)); err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	ans := reviewAnswer{File: s.reviewFile(id), Entities: strings.Count(buf.String(), "\nactor ") + strings.Count(buf.String(), "\nevent "),
		Claims: strings.Count(buf.String(), "\nclaim ")}
	if s.opt.AllowWrites {
		if _, err := seed.Load(ctx, s.st, []seed.Input{seed.File(s.reviewFile(id))}, seed.Options{}); err != nil {
			writeError(w, http.StatusUnprocessableEntity, fmt.Errorf("load %s: %w", s.reviewFile(id), err))
			return
		}
		ans.Loaded = true
	}
	writeJSON(w, http.StatusOK, ans)
}
