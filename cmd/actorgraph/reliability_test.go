package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadStrictAndLenient: a file with lines the W3C N-Quads grammar
// refuses fails with exit 4 naming file:line:column, and the store is
// unchanged; --lenient loads what Cayley's reader reads and says on stderr
// how many lines it skipped and relaxed.
func TestLoadStrictAndLenient(t *testing.T) {
	te := seeded(t)
	file := filepath.Join(t.TempDir(), "messy.nq")
	os.WriteFile(file, []byte("<ag:a> <prop:name> \"A\" .\n<ag:a> <prop:alias> <ag:b>, <ag:c> .\n<ag:a> <prop:name> .\n"), 0o644)
	before, _, _ := te.run(t, "stats")
	_, stderr, code := te.run(t, "load", file)
	if code != exitBadInput || !strings.Contains(stderr, "messy.nq:2: not an N-Quad: column 27: want '.' to end the statement") ||
		!strings.Contains(stderr, "messy.nq:3: not an N-Quad: column 20: want the object") {
		t.Fatalf("strict load: exit %d, stderr %s", code, stderr)
	}
	if after, _, _ := te.run(t, "stats"); after != before || before == "" {
		t.Errorf("the store changed after a refused load")
	}
	_, stderr, code = te.run(t, "load", "--lenient", file)
	if code != exitOK || !strings.Contains(stderr, "lenient: 1 lines skipped, 1 lines loaded as Cayley reads them") ||
		!strings.Contains(stderr, "messy.nq:3: skipped: column 20") {
		t.Errorf("lenient load: exit %d, stderr %s", code, stderr)
	}
}

// TestQueryValuesAndMemory: a Gizmo query ending in a value prints it (not
// null), and a query over --max-memory stops with exit 8.
func TestQueryValuesAndMemory(t *testing.T) {
	te := seeded(t)
	if out, stderr, code := te.run(t, "query", `g.V("<ag:iskp>").out("<prop:name>").count()`); code != exitOK || strings.TrimSpace(out) != "1" {
		t.Errorf("count(): exit %d, out %q, stderr %s", code, out, stderr)
	}
	if out, _, code := te.run(t, "query", `g.V("<ag:iskp>").out("<prop:name>").toValue()`); code != exitOK || strings.TrimSpace(out) != `"Islamic State Khorasan Province"` {
		t.Errorf("toValue(): exit %d, out %q", code, out)
	}
	_, stderr, code := te.run(t, "query", "--max-memory", "32", `var a=[]; var s="x"; while(true){ s = s + s; a.push(s); }`)
	if code != exitMemory || !strings.Contains(stderr, "memory budget of 32 MiB") {
		t.Errorf("memory bomb: exit %d, stderr %s", code, stderr)
	}
}
