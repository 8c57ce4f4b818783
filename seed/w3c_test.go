package seed

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/nq/w3c"
	"github.com/cayleygraph/quad"
)

// dumpStore lists a store's quads, sorted, for before/after comparisons.
func dumpStore(t *testing.T, st *graph.Store) []string {
	t.Helper()
	var out []string
	err := st.EachQuad(context.Background(), func(q quad.Quad) error {
		out = append(out, q.NQuad())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func openLevel(t *testing.T, dir string) *graph.Store {
	t.Helper()
	st, err := graph.Open(context.Background(), graph.Location{Backend: graph.BackendLevelDB, Address: dir}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestW3CSuiteLoads runs the W3C N-Quads syntax suite (from the pinned quad
// module) through Load into real LevelDB stores, both the transaction path
// (a store that already holds quads) and the streaming bulk path (an empty
// store): every positive file loads, every negative one fails naming
// file:line, and the store is unchanged after each failure.
func TestW3CSuiteLoads(t *testing.T) {
	cases, err := w3c.Suite()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	base := openLevel(t, filepath.Join(dir, "base"))
	if _, err := base.AddQuads(ctx, []quad.Quad{quad.MakeIRI("ag:x", "prop:name", "ag:y", "")}); err != nil {
		t.Fatal(err)
	}
	pos, neg := 0, 0
	for _, c := range cases {
		file := filepath.Join(dir, c.Name+".nq")
		if err := os.WriteFile(file, c.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		before := dumpStore(t, base)
		_, err := Load(ctx, base, []Input{File(file)}, Options{})
		if c.Positive {
			pos++
			if err != nil {
				t.Errorf("%s (positive): %v", c.Name, err)
			}
			continue
		}
		neg++
		checkRefused(t, c, file, err)
		if after := dumpStore(t, base); strings.Join(after, "") != strings.Join(before, "") {
			t.Errorf("%s: the store changed: %d quads before, %d after", c.Name, len(before), len(after))
		}
	}
	if pos != 53 || neg != 32 {
		t.Errorf("ran %d positive and %d negative tests; want 53 and 32", pos, neg)
	}
	if runtime.GOOS != "linux" {
		return
	}
	defer func(m int64) { streamMin = m }(streamMin)
	streamMin = 0
	for _, c := range cases {
		st := openLevel(t, filepath.Join(dir, "stream-"+c.Name))
		if !st.CanBulkLoad(ctx) {
			t.Fatal("empty LevelDB store: no bulk load")
		}
		file := filepath.Join(dir, c.Name+".nq")
		res, err := Load(ctx, st, []Input{File(file)}, Options{})
		if c.Positive {
			if err != nil {
				t.Errorf("stream %s (positive): %v", c.Name, err)
			} else if n, _ := st.Size(ctx); n != res[0].Added {
				t.Errorf("stream %s: store holds %d quads, load added %d", c.Name, n, res[0].Added)
			}
			continue
		}
		checkRefused(t, c, file, err)
		if n, _ := st.Size(ctx); n != 0 {
			t.Errorf("stream %s: the store holds %d quads, want 0", c.Name, n)
		}
	}
}

// checkRefused: a negative test's error names the file and the line of
// the bad statement (the first line that is not blank or a comment).
func checkRefused(t *testing.T, c w3c.Case, file string, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s (negative): loaded:\n%s", c.Name, c.Data)
		return
	}
	line := 0
	for i, l := range strings.Split(string(c.Data), "\n") {
		if l = strings.TrimSpace(l); l != "" && l[0] != '#' {
			line = i + 1
			break
		}
	}
	if want := fmt.Sprintf("%s:%d: not an N-Quad: column ", file, line); !strings.Contains(err.Error(), want) {
		t.Errorf("%s (negative): error %q; want it to contain %q", c.Name, err, want)
	}
}

// TestLenientLoad: --lenient loads what Cayley's reader reads and skips
// the rest, and says how many lines of each and why.
func TestLenientLoad(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "messy.nq")
	os.WriteFile(file, []byte("<ag:a> <prop:name> \"A\" .\n"+
		"<ag:a> <prop:alias> <ag:b>, <ag:c> .\n"+ // Cayley reads this as one quad
		"<ag:a> <prop:name> .\n"+ // neither reads this
		"<ag:b><prop:name>\"B\".\n"), 0o644) // strict only
	st := openLevel(t, filepath.Join(dir, "store"))
	if _, err := Load(ctx, st, []Input{File(file)}, Options{}); err == nil || !strings.Contains(err.Error(), "messy.nq:2: not an N-Quad") {
		t.Fatalf("strict load: %v; want messy.nq:2 refused", err)
	}
	res, err := Load(ctx, st, []Input{File(file)}, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	lz := res[0].Lenient
	if lz == nil || lz.Relaxed != 1 || lz.Skipped != 1 || res[0].Quads != 3 {
		t.Fatalf("got %+v (%+v); want 3 quads, 1 relaxed, 1 skipped", res[0], lz)
	}
	if !strings.HasPrefix(lz.Examples[0], file+":2: loaded as Cayley reads it: column") || !strings.HasPrefix(lz.Examples[1], file+":3: skipped: column") {
		t.Errorf("examples %q", lz.Examples)
	}
	// The same through the streaming bulk path (an empty LevelDB store).
	if runtime.GOOS != "linux" {
		return
	}
	defer func(m int64) { streamMin = m }(streamMin)
	streamMin = 0
	empty := openLevel(t, filepath.Join(dir, "empty"))
	if _, err := Load(ctx, empty, []Input{File(file)}, Options{}); err == nil || !strings.Contains(err.Error(), "messy.nq:2: not an N-Quad") {
		t.Fatalf("strict stream load: %v; want messy.nq:2 refused", err)
	}
	if n, _ := empty.Size(ctx); n != 0 || !empty.CanBulkLoad(ctx) {
		t.Fatalf("a refused stream load left %d quads", n)
	}
	res, err = Load(ctx, empty, []Input{File(file)}, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	if lz := res[0].Lenient; lz == nil || lz.Relaxed != 1 || lz.Skipped != 1 || res[0].Quads != 3 || len(lz.Examples) != 2 {
		t.Errorf("stream: got %+v (%+v); want 3 quads, 1 relaxed, 1 skipped", res[0], lz)
	}
}

// TestOwnNQuadsAreStrict: every quad the curated seed compiles to is
// written by Cayley's N-Quads writer as a line the strict reader takes
// back unchanged, so export | load round-trips.
func TestOwnNQuadsAreStrict(t *testing.T) {
	batches, err := Compile(context.Background(), nil, Builtin(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, b := range batches {
		for _, q := range b.Quads {
			n++
			line := q.NQuad()
			got, _, err := readNQuad("x", 1, []byte(line), nil)
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			if got.NQuad() != line {
				t.Fatalf("round trip: %s became %s", line, got.NQuad())
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d quads compiled", n)
	}
}
