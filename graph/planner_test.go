package graph_test

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// quadCounts are the quads of a set by predicate, subject and object.
type quadCounts struct{ pred, subj, obj map[quad.Value]int64 }

func countQuads(in []quad.Quad) quadCounts {
	c := quadCounts{map[quad.Value]int64{}, map[quad.Value]int64{}, map[quad.Value]int64{}}
	seen := map[quad.Quad]bool{}
	for _, q := range in {
		if seen[q] {
			continue
		}
		seen[q] = true
		c.pred[q.Predicate]++
		c.subj[q.Subject]++
		c.obj[q.Object]++
	}
	return c
}

// TestPlannerSizes: the quad store Gizmo gets on an embedded store gives
// Cayley's optimizer the number of quads of every predicate (our counters)
// and of every node (Cayley's index entries), on LevelDB stores Cayley's
// writer and the bulk loader filled and on a bbolt one; and a lookup by name then
// plans as one quad, not as half the store (what Cayley's own KV store
// says of every such iterator).
func TestPlannerSizes(t *testing.T) {
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
	in = append(in, in[:300]...) // duplicates count once
	writer := openLevel(t, filepath.Join(t.TempDir(), "writer"))
	defer writer.Close()
	if _, err := writer.AddQuads(ctx, in); err != nil {
		t.Fatal(err)
	}
	bulk := openLevel(t, filepath.Join(t.TempDir(), "bulk"))
	defer bulk.Close()
	b, err := bulk.BeginBulk(ctx)
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
	bolt, err := graph.Open(ctx, graph.Location{Backend: graph.BackendBolt, Address: filepath.Join(t.TempDir(), "store.bolt")}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer bolt.Close()
	if _, err := bolt.AddQuads(ctx, in); err != nil {
		t.Fatal(err)
	}
	want := countQuads(in)
	for name, st := range map[string]*graph.Store{"Cayley's writer": writer, "bulk loader": bulk, "bbolt": bolt} {
		checkSizes(ctx, t, name, st, want, in, func(got, want int64) bool { return got == want })
		qs := st.QuadStore()
		it := path.StartPath(qs).Has(quad.IRI("prop:key"), quad.String("actor 3")).BuildIteratorOn(ctx, qs)
		it, _ = it.Optimize(ctx)
		if st, err := it.Stats(ctx); err != nil || st.Size.Value != 1 {
			t.Errorf("%s: has(<prop:key>, \"actor 3\") plans as %d quads (%v), want 1", name, st.Size.Value, err)
		}
	}
	// Cayley's deletes leave a quad's index entries (its log entry says it
	// is gone): node sizes may then be more than the quads left, never
	// fewer; predicate sizes stay exact.
	var del []cgraph.Delta
	var left []quad.Quad
	for i, q := range in[:len(in)-300] {
		if i%7 == 0 {
			del = append(del, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		} else {
			left = append(left, q)
		}
	}
	if err := writer.QuadStore().ApplyDeltas(del, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
		t.Fatal(err)
	}
	checkSizes(ctx, t, "after deletes", writer, countQuads(left), left, func(got, want int64) bool { return got >= want })
}

// checkSizes compares the store's iterator sizes with the counts: every
// predicate exactly, every 50th quad's subject and object with nodeOK.
func checkSizes(ctx context.Context, t *testing.T, name string, st *graph.Store, want quadCounts, in []quad.Quad, nodeOK func(got, want int64) bool) {
	t.Helper()
	qs := st.QuadStore()
	size := func(d quad.Direction, v quad.Value) int64 {
		ref, err := qs.ValueOf(v)
		if err != nil || ref == nil {
			t.Fatalf("%s: no node %v (%v)", name, v, err)
		}
		sz, err := qs.QuadIteratorSize(ctx, d, ref)
		if err != nil {
			t.Fatal(err)
		}
		if sz.Exact {
			t.Errorf("%s: size of %v %v says exact: Cayley's Count would trust it", name, d, v)
		}
		return sz.Value
	}
	for p, n := range want.pred {
		if got := size(quad.Predicate, p); got != n {
			t.Errorf("%s: predicate %v: size %d, %d quads", name, p, got, n)
		}
	}
	for i := 0; i < len(in); i += 50 {
		s, o := in[i].Subject, in[i].Object
		if got := size(quad.Subject, s); !nodeOK(got, want.subj[s]) {
			t.Errorf("%s: subject %v: size %d, %d quads", name, s, got, want.subj[s])
		}
		if got := size(quad.Object, o); !nodeOK(got, want.obj[o]) {
			t.Errorf("%s: object %v: size %d, %d quads", name, o, got, want.obj[o])
		}
	}
}
