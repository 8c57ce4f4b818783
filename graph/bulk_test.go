package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// bulkQuads are n distinct quads, plus one duplicate of each tenth.
func bulkQuads(n int) []quad.Quad {
	out := make([]quad.Quad, 0, n+n/10)
	for i := range n {
		out = append(out, quad.Make(quad.IRI(fmt.Sprintf("ag:a%d", i%5000)), quad.IRI("rel:opposes"),
			quad.IRI(fmt.Sprintf("ag:b%d", i)), quad.IRI(fmt.Sprintf("claim:c%d", i))))
		if i%10 == 0 {
			out = append(out, out[len(out)-1])
		}
	}
	return out
}

func openLevel(t *testing.T, dir string) *graph.Store {
	t.Helper()
	st, err := graph.Open(context.Background(), graph.Location{Backend: graph.BackendLevelDB, Address: dir}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestBulkLoadLoadsDeduplicatesAndAborts(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "store")
	st := openLevel(t, dir)
	defer st.Close()
	if !st.CanBulkLoad(ctx) {
		t.Fatal("an empty LevelDB store cannot be bulk loaded")
	}
	// An aborted load leaves the store empty and no staging directory.
	b, err := st.BeginBulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range bulkQuads(1000) {
		if err := b.Add(q); err != nil {
			t.Fatal(err)
		}
	}
	b.Abort()
	if n, _ := st.Size(ctx); n != 0 {
		t.Fatalf("after abort the store holds %d quads, want 0", n)
	}
	if left, _ := filepath.Glob(dir + ".bulk-*"); len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}

	b, err = st.BeginBulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range bulkQuads(30_000) {
		if err := b.Add(q); err != nil {
			t.Fatal(err)
		}
	}
	n, err := b.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 30_000 {
		t.Errorf("store holds %d quads, want 30000 (duplicates dropped)", n)
	}
	if !st.CanBulkLoad(ctx) {
		t.Error("a loaded store offers no bulk append")
	}
	// The store answers lookups and takes ordinary writes after the swap.
	if _, err := st.AddQuads(ctx, []quad.Quad{quad.Make(quad.IRI("ag:x"), quad.IRI("prop:name"), "X", nil)}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st = openLevel(t, dir)
	defer st.Close()
	if n, _ := st.Size(ctx); n != 30_001 {
		t.Errorf("reopened store holds %d quads, want 30001", n)
	}
	ref, err := st.QuadStore().ValueOf(quad.IRI("ag:b29999"))
	if err != nil || ref == nil {
		t.Errorf("ag:b29999 is not in the reopened store (%v)", err)
	}
}

// TestBulkLoadMatchesCayleyWriter loads the same quads (a synthetic actor
// graph with claim labels, blank nodes, literals of several types, and
// duplicates) through the bulk loader and through Cayley's own writer, and
// compares what Cayley reads back: sizes, every quad, lookups by subject
// and object, and that deleting a node's quads removes the node (so the
// reference counts are right).
func TestBulkLoadMatchesCayleyWriter(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	ctx := context.Background()
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, 20_000, synth.Seed); err != nil {
		t.Fatal(err)
	}
	in, err := quad.ReadAll(nquads.NewReader(&buf, false))
	if err != nil {
		t.Fatal(err)
	}
	in = append(in,
		quad.Make(quad.BNode("b1"), quad.IRI("prop:count"), quad.Int(42), nil),
		quad.Make(quad.BNode("b1"), quad.IRI("prop:when"), quad.Time(time.Date(2024, 3, 27, 0, 0, 0, 0, time.UTC)), nil),
		quad.Make(quad.IRI("ag:a1"), quad.IRI("prop:name"), quad.LangString{Value: "Eins", Lang: "de"}, nil),
	)
	in = append(in, in[:500]...) // duplicates

	ref := openLevel(t, filepath.Join(t.TempDir(), "ref"))
	defer ref.Close()
	if _, err := ref.AddQuads(ctx, in); err != nil {
		t.Fatal(err)
	}
	st := openLevel(t, filepath.Join(t.TempDir(), "bulk"))
	defer st.Close()
	b, err := st.BeginBulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range in {
		if err := b.Add(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	all := func(s *graph.Store) []string {
		var out []string
		if err := s.EachQuad(ctx, func(q quad.Quad) error { out = append(out, q.NQuad()); return nil }); err != nil {
			t.Fatal(err)
		}
		sort.Strings(out)
		return out
	}
	want, got := all(ref), all(st)
	if len(want) != len(in)-500 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("bulk store has %d quads, Cayley's %d (input %d distinct); they differ", len(got), len(want), len(in)-500)
	}
	if w, g := strings.Join(sample(t, ref, in), "\n"), strings.Join(sample(t, st, in), "\n"); w != g {
		t.Error("lookups by subject and object differ")
	}
	// Delete every quad of ag:a7 through Cayley: the node, left with no
	// quads, must disappear. (In the store Cayley's writer filled it does
	// not: Cayley counts a reference for every duplicate quad it skips.)
	for _, s := range []*graph.Store{ref, st} {
		var del []cgraph.Delta
		for _, q := range in[:len(in)-500] {
			if q.Subject == quad.IRI("ag:a7") || q.Object == quad.IRI("ag:a7") {
				del = append(del, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			}
		}
		if err := s.QuadStore().ApplyDeltas(del, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
			t.Fatal(err)
		}
	}
	if r, err := st.QuadStore().ValueOf(quad.IRI("ag:a7")); err != nil || r != nil {
		t.Errorf("ag:a7 is still a node after all its quads were deleted (%v)", err)
	}
	if w, g := all(ref), all(st); strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Error("stores differ after the deletes")
	}
}
