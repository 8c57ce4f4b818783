package graph_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph"
)

// killedWrite is one write path the kill -9 test covers: prepare fills
// the store in the parent (nil: it stays empty) and says how the quad
// count changes when the write completes; write runs in a child process
// that is killed at several moments. Afterwards the store must open and
// hold either the quads it held before (none of the write) or before+delta
// (all of it). To cover a new write path, add a row.
type killedWrite struct {
	name    string
	prepare func(ctx context.Context, st *graph.Store) (delta int64, err error)
	write   func(ctx context.Context, st *graph.Store) error
	// tiny: the write is a few quads, over before the kill lands, so the
	// test cannot insist on seeing a store without it.
	tiny bool
	// marker, when set, is a line the child prints: the delays count from it.
	marker string
}

// killN is the size of each killed write.
const killN = 100_000

func killQuad(i int) quad.Quad {
	return quad.Make(quad.IRI("ag:a"+strconv.Itoa(i%7000)), quad.IRI("rel:opposes"), quad.IRI("ag:b"+strconv.Itoa(i)), nil)
}

var killedWrites = []killedWrite{
	{
		name:    "bulk load into an empty store",
		prepare: func(context.Context, *graph.Store) (int64, error) { return killN, nil },
		write: func(ctx context.Context, st *graph.Store) error {
			b, err := st.BeginBulk(ctx)
			if err != nil {
				return err
			}
			for i := range killN {
				if err := b.Add(killQuad(i)); err != nil {
					return err
				}
			}
			_, err = b.Commit(ctx)
			return err
		},
	},
	{
		// Runs of 5,000 records: the kill lands while Commit merges them.
		name:    "bulk load merging its sorted runs",
		prepare: func(context.Context, *graph.Store) (int64, error) { return killN, nil },
		write: func(ctx context.Context, st *graph.Store) error {
			b, err := st.BeginBulk(ctx)
			if err != nil {
				return err
			}
			graph.SetBulkLimitsForTest(b, 5000, 1<<12, 0)
			merging := false
			b.SetProgress(func(phase string, _, _ int64) {
				if phase == "index" && !merging {
					merging = true
					fmt.Println("merging")
				}
			})
			for i := range killN {
				if err := b.Add(killQuad(i)); err != nil {
					return err
				}
			}
			_, err = b.Commit(ctx)
			return err
		},
		marker: "merging",
	},
	{
		name: "append to a store that holds quads",
		prepare: func(ctx context.Context, st *graph.Store) (int64, error) {
			var qs []quad.Quad
			for i := range 1000 {
				qs = append(qs, quad.Make(quad.IRI("ag:old"+strconv.Itoa(i)), quad.IRI("prop:name"), quad.String("old "+strconv.Itoa(i)), nil))
			}
			_, err := st.AddQuads(ctx, qs)
			return killN, err
		},
		write: func(ctx context.Context, st *graph.Store) error {
			qs := make([]quad.Quad, killN)
			for i := range qs {
				qs[i] = killQuad(i)
			}
			_, err := st.AddQuads(ctx, qs) // the path `load` takes into a non-empty store
			return err
		},
	},
	{
		name: "retract a source",
		prepare: func(ctx context.Context, st *graph.Store) (int64, error) {
			src := graph.SourceIRI("big")
			qs := []quad.Quad{
				quad.Make(src, graph.PropType, graph.TypeSource, src),
				quad.Make(graph.SourceIRI("other"), graph.PropType, graph.TypeSource, nil),
			}
			// Claims as the loader writes them: each with its source and
			// quote, and the entities it names marked as mentioned.
			for i := range 1000 {
				c := graph.ClaimIRI("big/c" + strconv.Itoa(i))
				a, b := graph.EntityIRI("a"+strconv.Itoa(i%500)), graph.EntityIRI("b"+strconv.Itoa(i))
				qs = append(qs,
					quad.Make(c, graph.PropSource, src, c),
					quad.Make(c, graph.PropQuote, quad.String("quote "+strconv.Itoa(i)), c),
					quad.Make(a, quad.IRI("rel:opposes"), b, c),
					quad.Make(a, graph.PropMentionedIn, src, src),
					quad.Make(b, graph.PropMentionedIn, src, src))
			}
			if _, err := st.AddQuads(ctx, qs); err != nil {
				return 0, err
			}
			r, err := st.Retract(ctx, "big", graph.RetractOptions{DryRun: true})
			if r.Quads < 4000 {
				return 0, fmt.Errorf("a dry run retracts %d quads, want at least 4000 (%v)", r.Quads, err)
			}
			return -int64(r.Quads), err
		},
		write: func(ctx context.Context, st *graph.Store) error {
			_, err := st.Retract(ctx, "big", graph.RetractOptions{})
			return err
		},
	},
	{
		name: "merge two actors",
		prepare: func(ctx context.Context, st *graph.Store) (int64, error) {
			_, err := st.AddQuads(ctx, []quad.Quad{
				quad.Make(graph.EntityIRI("x"), graph.PropType, graph.TypeIRI("armed-group"), nil),
				quad.Make(graph.EntityIRI("y"), graph.PropType, graph.TypeIRI("armed-group"), nil),
			})
			return 4, err // the same-as quad and the decision's why, by and at
		},
		write: func(ctx context.Context, st *graph.Store) error {
			_, err := st.Merge(ctx, graph.Decision{A: "x", B: "y", Why: "one group", By: "test", At: "2026-01-01T00:00:00Z"})
			return err
		},
		tiny: true,
	},
}

// TestWriteKilled kills a process in the middle of each write path, at
// several moments, and checks that the store then opens and holds none or
// all of the write.
func TestWriteKilled(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	if child := os.Getenv("AG_KILL_CHILD"); child != "" {
		killChild(child)
		return
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	ctx := context.Background()
	for wi, w := range killedWrites {
		t.Run(w.name, func(t *testing.T) {
			sawNone, sawAll := false, false
			for _, delay := range []time.Duration{0, 100 * time.Millisecond, 400 * time.Millisecond, 1200 * time.Millisecond, time.Hour} {
				dir := filepath.Join(t.TempDir(), "store")
				st := openLevel(t, dir)
				delta, err := w.prepare(ctx, st)
				if err != nil {
					t.Fatal(err)
				}
				before, _ := st.Size(ctx)
				st.Close()
				runKilled(t, fmt.Sprintf("%d:%s", wi, dir), w.marker, delay)
				st = openLevel(t, dir)
				got, err := st.Size(ctx)
				st.Close()
				if err != nil {
					t.Fatal(err)
				}
				switch got {
				case before:
					sawNone = true
				case before + delta:
					sawAll = true
				default:
					t.Fatalf("killed after %s: the store holds %d quads, want %d (none of the write) or %d (all)", delay, got, before, before+delta)
				}
				t.Logf("killed after %s: %d quads", delay, got)
				if delay == time.Hour && got != before+delta {
					t.Errorf("a finished write left %d quads", got)
				}
			}
			if !sawNone && !w.tiny || !sawAll {
				t.Errorf("saw the store as before: %v, with all of the write: %v; want both", sawNone, sawAll)
			}
		})
	}
}

// runKilled starts the child for spec, waits until it writes (and prints
// marker, if set), and kills it after delay (or lets it finish).
func runKilled(t *testing.T, spec, marker string, delay time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteKilled$")
	cmd.Env = append(os.Environ(), "AG_KILL_CHILD="+spec)
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
	if marker != "" && (!sc.Scan() || sc.Text() != marker) {
		t.Fatalf("child said %q, want %q", sc.Text(), marker)
	}
	done := make(chan error, 1)
	go func() {
		var rest []string
		for sc.Scan() {
			rest = append(rest, sc.Text())
		}
		err := cmd.Wait()
		if err != nil && len(rest) > 0 {
			err = fmt.Errorf("%w: %s", err, strings.Join(rest, "; "))
		}
		done <- err
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
}

// killChild runs one write in the child process: "INDEX:DIR".
func killChild(spec string) {
	i, dir, _ := strings.Cut(spec, ":")
	n, _ := strconv.Atoi(i)
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: dir}, graph.OpenOptions{})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	fmt.Println("writing")
	if err := killedWrites[n].write(ctx, st); err != nil {
		fmt.Println("write:", err)
		os.Exit(1)
	}
	if err := st.Close(); err != nil {
		fmt.Println("close:", err)
		os.Exit(1)
	}
	os.Exit(0)
}
