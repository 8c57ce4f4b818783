// Package export writes a subgraph in any of the formats `actorgraph
// export --format` and the server's /api/ag/export offer, so the CLI and the
// server give the same bytes: the encoders of package encode, and the
// Graphviz pictures of encode/picture.
package export

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/actorgraph/actorgraph/encode"
	"github.com/actorgraph/actorgraph/encode/picture"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
)

// Formats are the export formats, in the order the help lists them.
var Formats = []string{"dot", "svg", "png", "graphml", "gexf", "stix", "jsonld", "nquads", "json"}

// Type is a format's media type and file extension.
type Type struct{ MediaType, Ext string }

// Types gives each format its media type and file extension.
var Types = map[string]Type{
	"dot":     {"text/vnd.graphviz; charset=utf-8", "dot"},
	"svg":     {"image/svg+xml", "svg"},
	"png":     {"image/png", "png"},
	"graphml": {"application/graphml+xml", "graphml"},
	"gexf":    {"application/gexf+xml", "gexf"},
	"stix":    {"application/stix+json;version=2.1", "json"},
	"jsonld":  {"application/ld+json", "jsonld"},
	"nquads":  {"application/n-quads", "nq"},
	"json":    {"application/json", "json"},
}

// Known reports whether format is one of Formats.
func Known(format string) bool { return slices.Contains(Formats, format) }

// Write writes sg in format: DOT, the DOT drawn as SVG or PNG (scale pixels
// per point), GraphML, GEXF, a STIX 2.1 bundle, the subgraph's quads (read from st) as JSON-LD or
// N-Quads, or the subgraph as indented JSON.
func Write(ctx context.Context, st *graph.Store, sg queries.Subgraph, format string, scale float64, w io.Writer) error {
	switch format {
	case "dot":
		return encode.WriteDOT(w, sg)
	case "svg", "png":
		var dot bytes.Buffer
		if err := encode.WriteDOT(&dot, sg); err != nil {
			return err
		}
		return picture.Render(ctx, dot.Bytes(), picture.Options{Format: picture.Format(format), Scale: scale}, w)
	case "graphml":
		return encode.WriteGraphML(w, sg)
	case "gexf":
		return encode.WriteGEXF(w, sg)
	case "stix":
		sg, err := encode.WithReferenced(ctx, st, sg)
		if err != nil {
			return err
		}
		sources, err := encode.CitedSources(ctx, st, sg)
		if err != nil {
			return err
		}
		return encode.WriteSTIX(w, sg, sources)
	case "jsonld", "nquads":
		quads, err := queries.Quads(ctx, st, sg)
		if err != nil {
			return err
		}
		if format == "jsonld" {
			return encode.WriteJSONLD(w, quads)
		}
		return encode.WriteNQuads(w, quads)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(sg)
	}
	return fmt.Errorf("unknown export format %q (want one of %v)", format, Formats)
}
