package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/actorgraph/actorgraph/internal/nq"
	"github.com/cayleygraph/quad"
)

// maxWriteErrors bounds the bad lines one refused write lists.
const maxWriteErrors = 20

// write answers POST /api/v2/write when writes are allowed: the body is
// read whole (it is capped by MaxBody), N-Quads are held to the W3C grammar
// (the strict reader the loader uses; other formats go through Cayley's
// reader), and the quads are written in one transaction: a refused body
// writes nothing, and readers see all of a write or none of it. (Cayley's
// own handler writes in batches of quad.DefaultBatch, so readers could see
// part of a big write, and takes Cayley's relaxed N-Quads.) The answer is
// Cayley's: {"result": "Successfully wrote N quads.", "count": N}.
func (s *Server) write(cayley http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.opt.AllowWrites {
			cayley.ServeHTTP(w, r) // its 403 "database is read-only"
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("read the body: %w", err))
			return
		}
		quads, err := readQuads(r.Header.Get("Content-Type"), body)
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		if _, err := s.st.AddQuads(r.Context(), quads); err != nil {
			writeError(w, http.StatusInternalServerError, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"result": fmt.Sprintf("Successfully wrote %d quads.", len(quads)), "count": len(quads)})
	})
}

// readQuads reads a write's body in the format its Content-Type names
// (N-Quads when none).
func readQuads(contentType string, body []byte) ([]quad.Quad, error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	f := quad.FormatByMime(mt)
	if f == nil || f.Name == "nquads" || mt == "" || mt == "text/plain" {
		return readNQuads(body)
	}
	if f.Reader == nil {
		return nil, fmt.Errorf("format %s cannot be read", f.Name)
	}
	qr := f.Reader(bytes.NewReader(body))
	defer qr.Close()
	return quad.ReadAll(qr)
}

// readNQuads parses N-Quads strictly; errors name each bad line.
func readNQuads(body []byte) ([]quad.Quad, error) {
	var (
		quads []quad.Quad
		bad   []string
	)
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 64<<10), len(body)+1)
	for line := 1; sc.Scan(); line++ {
		q, ok, err := nq.ParseLine(sc.Text())
		switch {
		case err != nil:
			if len(bad) < maxWriteErrors {
				bad = append(bad, fmt.Sprintf("line %d: %v", line, err))
			}
		case ok:
			quads = append(quads, q)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("not N-Quads, nothing written: %s", strings.Join(bad, "; "))
	}
	if len(quads) == 0 {
		return nil, errors.New("no quads to write")
	}
	return quads, nil
}
