package encode

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/queries"
)

// TestDOTShowsCorroboration: on the two fictional multi-source fixtures, the
// relation both sources assert is drawn heavier, the legend says what the
// weight means, an event's figures show their spread across sources, and
// Graphviz's own dot reads the result.
func TestDOTShowsCorroboration(t *testing.T) {
	st := testgraph.MultiSource(t)
	sg, err := queries.Export(context.Background(), st, queries.ExportQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteDOT(&b, sg); err != nil {
		t.Fatal(err)
	}
	dot := b.String()
	for _, want := range []string{
		`"red-lantern" -> "velmar" [label="opposes (×2)", style=solid, color="#333333", penwidth=2.2,`,
		`[label="2 sources", color="#555555", penwidth=2.2]`,
		`31–38 killed, 60–71 injured`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %q:\n%s", want, dot)
		}
	}
	if strings.Contains(dot, `"red-lantern" -> "kesh-market-bombing" [label="perpetrated", style=solid, color="#333333", penwidth`) {
		t.Errorf("a relation of one source is drawn heavier")
	}
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("Graphviz dot not installed")
	}
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = strings.NewReader(dot)
	if out, err := cmd.CombinedOutput(); err != nil || !bytes.Contains(out, []byte("<svg")) {
		t.Errorf("dot -Tsvg: %v\n%.400s", err, out)
	}
}
