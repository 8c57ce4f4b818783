package queries

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
)

// TestExportNodes: a list of nodes (IDs or aliases) exports exactly those
// nodes and every relation between them, filters still apply, and a list
// does not go with a focus or a path.
func TestExportNodes(t *testing.T) {
	st := testgraph.Seeded(t)
	sg := mustExport(t, st, ExportQuery{Nodes: []string{"IS-K", "taliban", "moscow", "iskp"}})
	if got := strings.Join(subgraphIDs(sg), ","); got != "iskp,moscow,taliban" {
		t.Fatalf("nodes %s", got)
	}
	in := map[string]bool{"iskp": true, "moscow": true, "taliban": true}
	want := 0
	for id := range in {
		es, err := st.Edges(context.Background(), id, graph.Out)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			if in[e.Object] {
				want++
			}
		}
	}
	if len(sg.Edges) != want || want == 0 {
		t.Errorf("%d edges, want the %d between the three", len(sg.Edges), want)
	}
	only := mustExport(t, st, ExportQuery{Nodes: []string{"iskp", "taliban", "moscow"}, Relations: []string{"opposes"}})
	for _, e := range only.Edges {
		if e.Relation != "opposes" {
			t.Errorf("rel=opposes kept %s", e.Relation)
		}
	}
	if len(only.Nodes) != 3 {
		t.Errorf("a relation filter on a node list dropped nodes: %v", subgraphIDs(only))
	}
	for _, q := range []ExportQuery{
		{Nodes: []string{"iskp"}, Focus: "taliban"},
		{Nodes: []string{"iskp"}, Path: &PathQuery{From: "iskp", To: "moscow"}},
	} {
		if _, err := Export(context.Background(), st, q); !errors.Is(err, ErrBadArgs) {
			t.Errorf("Export(%+v) = %v, want ErrBadArgs", q, err)
		}
	}
	var nf *graph.NotFoundError
	if _, err := Export(context.Background(), st, ExportQuery{Nodes: []string{"iskp", "Talibn"}}); !errors.As(err, &nf) {
		t.Errorf("an unknown node: %v, want a NotFoundError", err)
	}
}
