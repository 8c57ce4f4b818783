package queries

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
)

// ExportFormats are the encodings of a subgraph, as `actorgraph export
// --format` and the server's /api/ag/export take them.
var ExportFormats = []string{"dot", "svg", "png", "graphml", "jsonld", "nquads", "json"}

// ExportTypes gives each export format its media type and file extension.
var ExportTypes = map[string]struct{ MediaType, Ext string }{
	"dot":     {"text/vnd.graphviz; charset=utf-8", "dot"},
	"svg":     {"image/svg+xml", "svg"},
	"png":     {"image/png", "png"},
	"graphml": {"application/graphml+xml", "graphml"},
	"jsonld":  {"application/ld+json", "jsonld"},
	"nquads":  {"application/n-quads", "nq"},
	"json":    {"application/json", "json"},
}

// IsExportFormat reports whether format is one of ExportFormats.
func IsExportFormat(format string) bool { return slices.Contains(ExportFormats, format) }

// EncodeExport writes sg in format: DOT, the DOT drawn as SVG or PNG (scale
// pixels per point), GraphML, the subgraph's quads as JSON-LD or N-Quads,
// or the subgraph as JSON. The CLI and the server both call it, so they
// give the same bytes.
func EncodeExport(ctx context.Context, st *graph.Store, sg Subgraph, format string, scale float64, w io.Writer) error {
	switch format {
	case "dot":
		return WriteDOT(w, sg)
	case "svg", "png":
		var dot, svg bytes.Buffer
		if err := WriteDOT(&dot, sg); err != nil {
			return err
		}
		if format == "svg" {
			return RenderSVG(ctx, dot.Bytes(), w)
		}
		if err := RenderSVG(ctx, dot.Bytes(), &svg); err != nil {
			return err
		}
		return RenderPNG(svg.Bytes(), scale, w)
	case "graphml":
		return WriteGraphML(w, sg)
	case "jsonld", "nquads":
		quads, err := Quads(ctx, st, sg)
		if err != nil {
			return err
		}
		if format == "jsonld" {
			return WriteJSONLD(w, quads)
		}
		return WriteNQuads(w, quads)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(sg)
	}
	return fmt.Errorf("%w: unknown export format %q", ErrBadArgs, format)
}
