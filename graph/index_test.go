package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/pgtest"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// indexWrite is one kind of write; TestIndexAfterEveryWrite applies them in
// order to one store and checks the index after each. Add a row for every
// new write path.
type indexWrite struct {
	name  string
	write func(ctx context.Context, t *testing.T, st *graph.Store, in []quad.Quad)
}

// synthQuads is a synthetic actor graph of n quads (typed actors, names,
// claims with sources) and a few quads of other shapes.
func synthQuads(t *testing.T, n int, seed int64) []quad.Quad {
	t.Helper()
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, n, seed); err != nil {
		t.Fatal(err)
	}
	in, err := quad.ReadAll(nquads.NewReader(&buf, false))
	if err != nil {
		t.Fatal(err)
	}
	return append(in,
		quad.Make(quad.IRI("ag:self"), quad.IRI("rel:allied-with"), quad.IRI("ag:self"), nil),
		quad.Make(quad.BNode("b1"), quad.IRI("rel:opposes"), quad.BNode("b2"), nil),
		quad.Make(quad.IRI("ag:x1"), graph.PropType, graph.TypeIRI("state"), quad.IRI("src:s1")),
		quad.Make(quad.IRI("ag:x1"), graph.PropType, graph.TypeIRI("state"), quad.IRI("src:s2")),
	)
}

var indexWrites = []indexWrite{
	{"bulk load into an empty store", func(ctx context.Context, t *testing.T, st *graph.Store, in []quad.Quad) {
		if !st.CanBulkLoad(ctx) {
			t.Skip("no bulk load here")
		}
		b, err := st.BeginBulk(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range in[:len(in)/2] {
			if err := b.Add(q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := b.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}},
	{"bulk append to a non-empty store", func(ctx context.Context, t *testing.T, st *graph.Store, in []quad.Quad) {
		if !st.CanBulkLoad(ctx) {
			t.Skip("no bulk load here")
		}
		b, err := st.BeginBulk(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range in[len(in)/4 : 3*len(in)/4] { // half of it already there
			if err := b.Add(q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := b.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}},
	{"append through Cayley's writer", func(ctx context.Context, t *testing.T, st *graph.Store, in []quad.Quad) {
		if _, err := st.AddQuads(ctx, in[len(in)/3:]); err != nil {
			t.Fatal(err)
		}
	}},
	{"delete through Cayley (as retract does)", func(ctx context.Context, t *testing.T, st *graph.Store, in []quad.Quad) {
		var del []cgraph.Delta
		for i, q := range in {
			if i%7 == 0 {
				del = append(del, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			}
		}
		if err := st.QuadStore().ApplyDeltas(del, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
			t.Fatal(err)
		}
	}},
	// Cayley's ApplyDeltas, given adds and deletes that share nodes in one
	// call, leaves quads that lack a node (251 of 5904 here): the index
	// must still agree with what Cayley holds.
	{"Apply (the write path of retract and merge)", func(ctx context.Context, t *testing.T, st *graph.Store, in []quad.Quad) {
		var add, remove []quad.Quad
		for i, q := range in {
			switch i % 13 {
			case 0:
				remove = append(remove, q)
			case 1:
				add = append(add, quad.Make(q.Subject, q.Predicate, q.Object, quad.IRI("src:applied")))
			}
		}
		if err := st.Apply(ctx, add, remove); err != nil {
			t.Fatal(err)
		}
	}},
	{"retract a source", func(ctx context.Context, t *testing.T, st *graph.Store, in []quad.Quad) {
		src := ""
		st.EachQuad(ctx, func(q quad.Quad) error {
			if q.Predicate == graph.PropType && q.Object == graph.TypeSource && src == "" {
				src = graph.IDOfSource(q.Subject)
			}
			return nil
		})
		if src == "" {
			t.Skip("no source left to retract")
		}
		if _, err := st.Retract(ctx, src, graph.RetractOptions{}); err != nil {
			t.Fatal(err)
		}
	}},
	{"merge and unmerge", func(ctx context.Context, t *testing.T, st *graph.Store, in []quad.Quad) {
		ids := synthActorsOfOneType(ctx, t, st)
		if _, err := st.Merge(ctx, graph.Decision{A: ids[0], B: ids[1], Why: "test", By: "test"}); err != nil {
			t.Fatal(err)
		}
		checkIndex(ctx, t, st)
		if _, err := st.Unmerge(ctx, ids[0], ids[1]); err != nil {
			t.Fatal(err)
		}
	}},
	{"add back and delete in one transaction", func(ctx context.Context, t *testing.T, st *graph.Store, in []quad.Quad) {
		if st.Location().Backend == graph.BackendPostgres {
			t.Skip("Cayley's SQL writer refuses adds and deletes sharing nodes in one call (a foreign key violation); Apply never sends them")
		}
		var ds []cgraph.Delta
		for i, q := range in {
			if i%7 == 0 {
				ds = append(ds, cgraph.Delta{Quad: q, Action: cgraph.Add})
			}
			if i%11 == 0 {
				ds = append(ds, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			}
		}
		if err := st.QuadStore().ApplyDeltas(ds, cgraph.IgnoreOpts{IgnoreMissing: true, IgnoreDup: true}); err != nil {
			t.Fatal(err)
		}
	}},
}

func TestIndexAfterEveryWrite(t *testing.T) {
	ctx := context.Background()
	in := synthQuads(t, 6000, synth.Seed)
	for _, where := range []struct {
		name string
		loc  func(t *testing.T) graph.Location
	}{
		{"leveldb", func(t *testing.T) graph.Location {
			return graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(t.TempDir(), "level")}
		}},
		{"bolt", func(t *testing.T) graph.Location {
			return graph.Location{Backend: graph.BackendBolt, Address: filepath.Join(t.TempDir(), "bolt.db")}
		}},
		// Counters in tables of ours, kept by triggers; no adjacency index.
		{"postgres", func(t *testing.T) graph.Location {
			loc, err := graph.ParseLocation(pgtest.NewStore(t))
			if err != nil {
				t.Fatal(err)
			}
			return loc
		}},
	} {
		t.Run(where.name, func(t *testing.T) {
			st, err := graph.Open(ctx, where.loc(t), graph.OpenOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			for _, w := range indexWrites {
				t.Run(w.name, func(t *testing.T) {
					if strings.HasPrefix(w.name, "bulk") && runtime.GOOS != "linux" {
						t.Skip("the bulk load is Linux-only")
					}
					w.write(ctx, t, st, in)
					checkIndex(ctx, t, st)
				})
			}
		})
	}
}

// checkIndex runs CheckIndex and compares the counters with a count of
// every quad the store holds.
func checkIndex(ctx context.Context, t *testing.T, st *graph.Store) {
	t.Helper()
	rep, err := st.CheckIndex(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Differences {
		t.Error(d)
	}
	if rep.Quads == 0 || rep.Adjacency == 0 && st.Location().Backend != graph.BackendPostgres {
		t.Errorf("check saw %d quads and %d adjacency entries", rep.Quads, rep.Adjacency)
	}
	c, ok, err := st.Counts(ctx)
	if err != nil || !ok {
		t.Fatalf("counts: %v (kept: %v)", err, ok)
	}
	preds, types := map[quad.Value]int64{}, map[quad.Value]int64{}
	var n int64
	err = st.EachQuad(ctx, func(q quad.Quad) error {
		n++
		if q.Predicate != nil {
			preds[q.Predicate]++
		}
		if q.Predicate == graph.PropType && q.Object != nil {
			types[q.Object]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Quads != n || rep.Quads != n {
		t.Errorf("counts say %d quads, check %d, the store holds %d", c.Quads, rep.Quads, n)
	}
	sameCounts(t, "predicate", c.Predicates, preds)
	sameCounts(t, "type", c.Types, types)
}

func sameCounts(t *testing.T, what string, got, want map[quad.Value]int64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d %s counters, want %d", len(got), what, len(want))
	}
	for v, n := range want {
		if got[v] != n {
			t.Errorf("%s %v: counter %d, store holds %d", what, v, got[v], n)
		}
	}
}

// TestReindexRepairs breaks the index and checks that check sees it and
// reindex mends it.
func TestReindexRepairs(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(t.TempDir(), "s")}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := synthQuads(t, 2000, 7)
	if _, err := st.AddQuads(ctx, in); err != nil {
		t.Fatal(err)
	}
	graph.BreakIndexForTest(ctx, st)
	rep, err := st.CheckIndex(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Differences) == 0 {
		t.Fatal("check found no difference in a broken index")
	}
	if _, err := st.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	checkIndex(ctx, t, st)
}

// TestAdjacencyLinksMatchCayley compares the links of every actor read
// from our adjacency index with those read from Cayley's indexes: the
// same links, in the same order.
func TestAdjacencyLinksMatchCayley(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(t.TempDir(), "s")}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := synthQuads(t, 5000, 11)
	if _, err := st.AddQuads(ctx, in); err != nil {
		t.Fatal(err)
	}
	rels, err := st.ResolveRelations(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	str := func(l graph.Link) string {
		q, _ := st.QuadStore().Quad(l.Quad)
		return fmt.Sprintf("%v %s %v %v", graph.Key(l.Node), l.Relation.Name, l.Out, q)
	}
	seen, links := map[quad.Value]bool{}, 0
	for _, q := range in {
		if seen[q.Subject] {
			continue
		}
		seen[q.Subject] = true
		ref, err := st.QuadStore().ValueOf(q.Subject)
		if err != nil {
			t.Fatal(err)
		}
		var want, got []string
		graph.CayleyLinksForTest(ctx, st, ref, rels, func(l graph.Link) error { want = append(want, str(l)); return nil })
		st.Links(ctx, ref, graph.Both, rels, func(l graph.Link) error { got = append(got, str(l)); return nil })
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("links of %v:\n%s\nwant (Cayley's):\n%s", q.Subject, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		links += len(got)
	}
	if links == 0 {
		t.Fatal("no links compared")
	}
}

func TestUnescapeAdj(t *testing.T) {
	for _, id := range []uint64{1, '/', '\\', 0x2f5c2f5c2f5c2f5c, 1 << 40} {
		want, got, ok := graph.UnescapeAdjForTest(id, id+1, '/'<<8|'\\', id)
		if !ok || !bytes.Equal(got, want) {
			t.Errorf("node %x: unescaped %x (%v), want %x", id, got, ok, want)
		}
	}
}

// TestAttributeQuads checks that the attribute quads read through Cayley's
// subject-predicate index are every quad of the subject but its relations
// and denials, in the same order, after deletes too.
func TestAttributeQuads(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(t.TempDir(), "s")}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := synthQuads(t, 4000, 5)
	in = append(in, quad.Make(quad.IRI("ag:a1"), quad.IRI("deny:opposes"), quad.IRI("ag:a2"), quad.IRI("claim:d1")))
	if _, err := st.AddQuads(ctx, in); err != nil {
		t.Fatal(err)
	}
	if err := st.Apply(ctx, nil, in[:300]); err != nil {
		t.Fatal(err)
	}
	seen, n := map[quad.Value]bool{}, 0
	for _, q := range in {
		if seen[q.Subject] {
			continue
		}
		seen[q.Subject] = true
		ref, _ := st.QuadStore().ValueOf(q.Subject)
		var want, got []string
		st.QuadsWith(ctx, quad.Subject, q.Subject, func(q quad.Quad) error {
			p := string(q.Predicate.(quad.IRI))
			if !strings.HasPrefix(p, "rel:") && !strings.HasPrefix(p, "deny:") {
				want = append(want, q.NQuad())
			}
			return nil
		})
		if err := graph.AttrQuadsForTest(ctx, st, ref, func(q quad.Quad) error { got = append(got, q.NQuad()); return nil }); err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("attributes of %v:\n%s\nwant:\n%s", q.Subject, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		n += len(got)
	}
	if n == 0 {
		t.Fatal("no attribute quads compared")
	}
}

// synthActorsOfOneType returns two actor IDs of the same type (reading
// the type quads: earlier writes leave quads Cayley lost nodes of).
func synthActorsOfOneType(ctx context.Context, t *testing.T, st *graph.Store) [2]string {
	t.Helper()
	byType := map[string]string{}
	var out [2]string
	st.EachQuad(ctx, func(q quad.Quad) error {
		if q.Predicate != graph.PropType || q.Subject == nil || q.Object == nil || out[0] != "" {
			return nil
		}
		id := graph.IDOf(q.Subject)
		e, err := st.Entity(ctx, id)
		if err != nil || e.Type == "" {
			return nil
		}
		if other, ok := byType[e.Type]; ok && other != id {
			out = [2]string{other, id}
		}
		byType[e.Type] = id
		return nil
	})
	if out[0] == "" {
		t.Fatal("no two entities of one type")
	}
	return out
}
