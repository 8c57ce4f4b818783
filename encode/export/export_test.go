package export

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/encode"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/queries"
)

// TestWrite: every format has a media type and writes something; DOT is
// encode's DOT byte for byte; an unknown format is refused by name.
func TestWrite(t *testing.T) {
	st := testgraph.Seeded(t)
	sg, err := queries.Export(context.Background(), st, queries.ExportQuery{Nodes: []string{"iskp", "taliban"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats {
		if !Known(f) || Types[f].MediaType == "" || Types[f].Ext == "" {
			t.Errorf("%s: no media type or extension", f)
		}
		if f == "svg" || f == "png" {
			continue // drawn by encode/picture, tested there and through the server
		}
		var b bytes.Buffer
		if err := Write(context.Background(), st, sg, f, 1, &b); err != nil || b.Len() == 0 {
			t.Errorf("%s: %d bytes, %v", f, b.Len(), err)
		}
		if f == "dot" {
			var want bytes.Buffer
			if err := encode.WriteDOT(&want, sg); err != nil || want.String() != b.String() {
				t.Errorf("dot differs from encode.WriteDOT (%v)", err)
			}
		}
	}
	if err := Write(context.Background(), st, sg, "pdf", 1, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), `"pdf"`) || Known("pdf") {
		t.Errorf("pdf: %v", err)
	}
}
