package server

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"
)

// pageFS is actorgraph's own page: HTML, CSS and JavaScript, with the graph
// library it draws with (Cytoscape.js and fCoSE, pinned in page/vendor/VERSIONS)
// served from the binary: nothing comes from a CDN.
//
//go:embed page
var pageFS embed.FS

// pageCSP keeps the page to its own origin.
const pageCSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// routePage serves our page at / and its files under /ag/.
func (s *Server) routePage(mux *http.ServeMux) error {
	sub, err := fs.Sub(pageFS, "page")
	if err != nil {
		return err
	}
	index, err := fs.ReadFile(sub, "index.html")
	if err != nil {
		return fmt.Errorf("page: %w", err)
	}
	files := http.StripPrefix("/ag", http.FileServer(http.FS(sub)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", pageCSP)
		serveBytes(w, r, "index.html", index)
	})
	mux.HandleFunc("GET /ag/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", pageCSP)
		files.ServeHTTP(w, r)
	})
	return nil
}
