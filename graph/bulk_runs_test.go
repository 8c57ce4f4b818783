package graph_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"

	"github.com/actorgraph/actorgraph/graph"
)

// tinyRecs and tinySlots force a load of a few thousand quads through
// many sorted runs and a cache that keeps almost nothing.
const (
	tinyRecs  = 97
	tinySlots = 8
)

// bulkWith loads in into the store at dir through the bulk path, with
// the given limits (0: the defaults) and a fixed timestamp.
func bulkWith(t *testing.T, dir string, in []quad.Quad, recs, slots int) {
	t.Helper()
	ctx := context.Background()
	st := openLevel(t, dir)
	defer st.Close()
	b, err := st.BeginBulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if recs > 0 {
		graph.SetBulkLimitsForTest(b, recs, slots, 1)
	} else {
		graph.SetBulkLimitsForTest(b, 1<<19, 1<<20, 1)
	}
	for _, q := range in {
		if err := b.Add(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Commit(ctx); err != nil {
		t.Fatal(err)
	}
}

// dumpLevel is every key and value of a closed LevelDB store.
func dumpLevel(t *testing.T, dir string) []string {
	t.Helper()
	db, err := leveldb.OpenFile(dir, &opt.Options{ReadOnly: true, ErrorIfMissing: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	it := db.NewIterator(nil, nil)
	defer it.Release()
	for it.Next() {
		out = append(out, fmt.Sprintf("%x=%x", it.Key(), it.Value()))
	}
	if err := it.Error(); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameDump(t *testing.T, what string, want, got []string) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%s: %d keys through sorted runs, %d in memory", what, len(got), len(want))
	}
	for i := range want {
		if want[i] != got[i] {
			t.Fatalf("%s: key %d differs: in memory %s, through sorted runs %s", what, i, want[i], got[i])
		}
	}
}

// TestBulkRunsMatchInMemory loads the same quads, with duplicates within
// and across runs, once sorted in memory and once through runs of 97
// records and a cache of 8 values (so that nearly every value is read back
// from the staging store), into an empty store and appended to one: the
// stores must hold the same keys and values, byte for byte.
func TestBulkRunsMatchInMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	in := synthQuads(t, 6_000, 5)
	in = append(in, in[:700]...)                    // duplicates in later runs
	in = append(in, in[3000:3100]...)               // and in the same run
	first, second := in[:len(in)/2], in[len(in)/3:] // an append half known
	mem, runs := filepath.Join(t.TempDir(), "mem"), filepath.Join(t.TempDir(), "runs")
	bulkWith(t, mem, first, 0, 0)
	bulkWith(t, runs, first, tinyRecs, tinySlots)
	sameDump(t, "empty store", dumpLevel(t, mem), dumpLevel(t, runs))
	bulkWith(t, mem, second, 0, 0)
	bulkWith(t, runs, second, tinyRecs, tinySlots)
	sameDump(t, "append", dumpLevel(t, mem), dumpLevel(t, runs))
	st := openLevel(t, runs)
	defer st.Close()
	if n, _ := st.Size(context.Background()); n != int64(len(distinct(in))) {
		t.Errorf("store holds %d quads, want %d", n, len(distinct(in)))
	}
}

func distinct(in []quad.Quad) map[string]bool {
	m := map[string]bool{}
	for _, q := range in {
		m[q.NQuad()] = true
	}
	return m
}

// TestBulkRunsRemoved checks that a bulk load leaves no sorted runs or
// staging directory behind after a commit, an abort and a failed commit
// (one of its runs deleted under it), and that the failed one leaves the
// store as it was.
func TestBulkRunsRemoved(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "store")
	st := openLevel(t, dir)
	defer st.Close()
	left := func(when string) {
		t.Helper()
		if l, _ := filepath.Glob(dir + ".bulk-*"); len(l) != 0 {
			t.Errorf("after %s: left behind: %v", when, l)
		}
	}
	begin := func(n int) *graph.BulkLoad {
		t.Helper()
		b, err := st.BeginBulk(ctx)
		if err != nil {
			t.Fatal(err)
		}
		graph.SetBulkLimitsForTest(b, tinyRecs, tinySlots, 0)
		for _, q := range bulkQuads(n) {
			if err := b.Add(q); err != nil {
				t.Fatal(err)
			}
		}
		runs, _ := filepath.Glob(dir + ".bulk-*-runs/quads-*")
		if len(runs) < n/tinyRecs/2 {
			t.Fatalf("%d sorted runs for %d quads, want many", len(runs), n)
		}
		return b
	}
	fail := func(n int, want int64) {
		t.Helper()
		b := begin(n)
		runs, _ := filepath.Glob(dir + ".bulk-*-runs/quads-*")
		if err := os.Remove(runs[len(runs)/2]); err != nil {
			t.Fatal(err)
		}
		_, err := b.Commit(ctx)
		if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "sorted run") {
			t.Fatalf("commit without one of its runs: %v, want a missing sorted run", err)
		}
		left("a failed commit")
		if n, _ := st.Size(ctx); n != want {
			t.Errorf("after a failed commit the store holds %d quads, want %d", n, want)
		}
	}
	begin(2000).Abort()
	left("an abort")
	fail(2000, 0)
	if _, err := begin(3000).Commit(ctx); err != nil {
		t.Fatal(err)
	}
	left("a commit")
	begin(2000).Abort()
	left("an aborted append")
	fail(5000, 3000)
	if n, _ := st.Size(ctx); n != 3000 {
		t.Errorf("the store holds %d quads, want 3000", n)
	}
}
