package graph_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph"
)

func bulkAdd(ctx context.Context, t *testing.T, st *graph.Store, in []quad.Quad) int64 {
	t.Helper()
	b, err := st.BeginBulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range in {
		if err := b.Add(q); err != nil {
			t.Fatal(err)
		}
	}
	n, err := b.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func allQuads(ctx context.Context, t *testing.T, s *graph.Store) string {
	t.Helper()
	var out []string
	if err := s.EachQuad(ctx, func(q quad.Quad) error { out = append(out, q.NQuad()); return nil }); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// TestBulkAppendMatchesCayleyWriter appends, through the bulk path, quads
// half of which the store holds already, and compares what Cayley reads
// back with a store that Cayley's own writer filled the same way.
func TestBulkAppendMatchesCayleyWriter(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	ctx := context.Background()
	in := synthQuads(t, 12_000, 3)
	first, second := in[:len(in)/2], in[len(in)/4:]
	ref := openLevel(t, filepath.Join(t.TempDir(), "ref"))
	defer ref.Close()
	st := openLevel(t, filepath.Join(t.TempDir(), "bulk"))
	defer st.Close()
	if _, err := ref.AddQuads(ctx, first); err != nil {
		t.Fatal(err)
	}
	wantAdded, err := ref.AddQuads(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	bulkAdd(ctx, t, st, first)
	if !st.CanBulkLoad(ctx) {
		t.Fatal("no bulk append to a loaded store")
	}
	if got := bulkAdd(ctx, t, st, second); got != wantAdded {
		t.Errorf("bulk append added %d quads, Cayley's writer %d", got, wantAdded)
	}
	if w, g := allQuads(ctx, t, ref), allQuads(ctx, t, st); w != g {
		t.Fatalf("stores differ after the append")
	}
	if w, g := strings.Join(sample(t, ref, in), "\n"), strings.Join(sample(t, st, in), "\n"); w != g {
		t.Error("lookups by subject and object differ")
	}
	// A node of the first load that the append also used: its reference
	// count must cover both, so deleting only the appended quads keeps it.
	var del []cgraph.Delta
	for _, q := range in[len(in)/2:] {
		del = append(del, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	}
	for _, s := range []*graph.Store{ref, st} {
		if err := s.QuadStore().ApplyDeltas(del, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
			t.Fatal(err)
		}
	}
	if w, g := allQuads(ctx, t, ref), allQuads(ctx, t, st); w != g {
		t.Error("stores differ after deleting the appended quads")
	}
	checkIndex(ctx, t, st)
}

// TestBulkAppendKilled kills a process in the middle of a bulk append to a
// loaded store, at several moments, and checks that the store then holds
// what it held before or all of the append.
func TestBulkAppendKilled(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	const base, n = 20_000, 100_000
	if dir := os.Getenv("AG_APPEND_CHILD"); dir != "" {
		appendChild(dir, n)
		return
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	ctx := context.Background()
	seen := map[int64]bool{}
	for _, delay := range []time.Duration{0, 150 * time.Millisecond, 500 * time.Millisecond, 1500 * time.Millisecond, time.Hour} {
		t.Run(delay.String(), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "store")
			st := openLevel(t, dir)
			bulkAdd(ctx, t, st, appendQuads(0, base))
			st.Close()
			cmd := exec.Command(os.Args[0], "-test.run=^TestBulkAppendKilled$")
			cmd.Env = append(os.Environ(), "AG_APPEND_CHILD="+dir)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(out)
			if !sc.Scan() || sc.Text() != "writing" {
				t.Fatalf("child said %q", sc.Text())
			}
			done := make(chan error, 1)
			go func() {
				for sc.Scan() {
				}
				done <- cmd.Wait()
			}()
			select {
			case <-time.After(delay):
				cmd.Process.Signal(syscall.SIGKILL)
				<-done
			case err := <-done:
				if err != nil {
					t.Fatalf("child failed: %v", err)
				}
			}
			st = openLevel(t, dir)
			defer st.Close()
			got, err := st.Size(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got != base && got != base+n {
				t.Fatalf("killed after %s: the store holds %d quads, want %d or %d", delay, got, base, base+n)
			}
			seen[got] = true
			t.Logf("killed after %s: %d quads", delay, got)
			checkIndex(ctx, t, st)
		})
	}
	if !seen[base] || !seen[base+n] {
		t.Errorf("saw the store as before: %v, with the append: %v; want both", seen[base], seen[base+n])
	}
}

// appendQuads are quads from..to of a graph whose later quads reuse the
// earlier ones' nodes.
func appendQuads(from, to int) []quad.Quad {
	out := make([]quad.Quad, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, quad.Make(quad.IRI("ag:a"+strconv.Itoa(i%7000)), quad.IRI("rel:opposes"), quad.IRI("ag:b"+strconv.Itoa(i)), nil))
	}
	return out
}

func appendChild(dir string, n int) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: dir}, graph.OpenOptions{})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	b, err := st.BeginBulk(ctx)
	if err != nil {
		fmt.Println("begin:", err)
		os.Exit(1)
	}
	fmt.Println("writing")
	for _, q := range appendQuads(20_000, 20_000+n) {
		if err := b.Add(q); err != nil {
			fmt.Println("add:", err)
			os.Exit(1)
		}
	}
	if _, err := b.Commit(ctx); err != nil {
		fmt.Println("commit:", err)
		os.Exit(1)
	}
	st.Close()
	os.Exit(0)
}

// TestBulkAppendRightAfterOpen appends to a store Cayley's writer filled,
// just reopened: LevelDB replays its journal then and may write the
// memtable out while the append copies the store.
func TestBulkAppendRightAfterOpen(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	ctx := context.Background()
	for i := range 5 {
		dir := filepath.Join(t.TempDir(), "store")
		st := openLevel(t, dir)
		if _, err := st.AddQuads(ctx, appendQuads(0, 3000)); err != nil {
			t.Fatal(err)
		}
		st.Close()
		st = openLevel(t, dir)
		if n := bulkAdd(ctx, t, st, appendQuads(3000, 13000)); n != 10000 {
			t.Errorf("round %d: added %d quads, want 10000", i, n)
		}
		checkIndex(ctx, t, st)
		st.Close()
	}
}
