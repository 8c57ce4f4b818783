package main

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// TestLongWorkShowsProgressOnATerminal: retract and a big export show a
// bar by phase on a terminal, and nothing elsewhere (stdout stays data).
func TestLongWorkShowsProgressOnATerminal(t *testing.T) {
	file := filepath.Join(t.TempDir(), "synth.nq.gz")
	if _, err := synth.WriteFile(file, 150_000, synth.Seed); err != nil {
		t.Fatal(err)
	}
	for _, tty := range []bool{false, true} {
		te := newTestEnv(t)
		te.isTerminal = func(io.Writer) bool { return tty }
		store := "leveldb:" + filepath.Join(t.TempDir(), "store")
		if _, errOut, code := te.run(t, "--store", store, "load", "--lenient", file); code != exitOK {
			t.Fatalf("load: exit %d: %s", code, errOut)
		}
		out, errOut, code := te.run(t, "--store", store, "export", "--format", "json")
		if code != exitOK {
			t.Fatalf("export: exit %d: %s", code, clip(errOut, 300))
		}
		var sg struct{ Nodes []graph.Entity }
		if err := json.Unmarshal([]byte(out), &sg); err != nil || len(sg.Nodes) < bigExport {
			t.Fatalf("export: %d nodes (%v); want at least %d, for a bar", len(sg.Nodes), err, bigExport)
		}
		for _, phase := range []string{"export: nodes", "export: edges"} {
			if got := strings.Contains(errOut, phase); got != tty {
				t.Errorf("tty=%v: export shows %q = %v; stderr %q", tty, phase, got, clip(errOut, 300))
			}
		}
		if tty && !(strings.Contains(errOut, "/6000, ") && strings.Contains(errOut, " nodes/")) {
			t.Errorf("export bars should count the 6000 nodes: %q", clip(errOut, 300))
		}
		out, errOut, code = te.run(t, "--store", store, "retract", "s0")
		if code != exitOK || !strings.Contains(out, "source s0: removed") {
			t.Fatalf("retract: exit %d: %s %s", code, out, clip(errOut, 300))
		}
		for _, phase := range []string{"retract: read", "retract: write"} {
			if got := strings.Contains(errOut, phase); got != tty {
				t.Errorf("tty=%v: retract shows %q = %v; stderr %q", tty, phase, got, clip(errOut, 300))
			}
		}
	}
}
