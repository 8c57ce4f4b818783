package encode

import (
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"
)

// WriteNQuads writes quads as N-Quads, one per line, in the order given.
func WriteNQuads(w io.Writer, quads []quad.Quad) error {
	qw := nquads.NewWriter(w)
	if _, err := qw.WriteQuads(quads); err != nil {
		return fmt.Errorf("write n-quads: %w", err)
	}
	return qw.Close()
}

// WriteJSONLD writes quads as a JSON-LD document (expanded form, one named
// graph per claim).
func WriteJSONLD(w io.Writer, quads []quad.Quad) error {
	qw := jsonld.NewWriter(w)
	if _, err := qw.WriteQuads(quads); err != nil {
		return fmt.Errorf("write json-ld: %w", err)
	}
	return qw.Close()
}
