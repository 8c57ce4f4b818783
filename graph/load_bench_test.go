package graph_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/pgtest"
	"github.com/actorgraph/actorgraph/seed"
)

// TestLoadThroughput measures loading the seed graph and Cayley's
// 30kmoviedata (471,705 quads) into the embedded stores, into PostgreSQL
// through our bulk writer, and into PostgreSQL through Cayley's own writer
// as `cayley load` does (batches of 10,000, one transaction each), and
// checks that every store then gives the same answers. It takes minutes, so
// it runs only with AG_LOAD_BENCH=1 (docs/scale-out.md has its figures).
func TestLoadThroughput(t *testing.T) {
	if os.Getenv("AG_LOAD_BENCH") == "" {
		t.Skip("set AG_LOAD_BENCH=1 (and ACTORGRAPH_TEST_POSTGRES) to measure load throughput")
	}
	ctx := context.Background()
	batches, err := seed.Compile(ctx, nil, seed.Builtin(), seed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var seedQuads []quad.Quad
	for _, b := range batches {
		seedQuads = append(seedQuads, b.Quads...)
	}
	datasets := []struct {
		name  string
		quads []quad.Quad
	}{
		{"seed", seedQuads},
		{"30kmoviedata", movieQuads(t)},
	}
	writers := []struct {
		name  string
		loc   func(t *testing.T) string
		write func(ctx context.Context, st *graph.Store, qs []quad.Quad) error
	}{
		{"embedded LevelDB (default)", func(t *testing.T) string { return filepath.Join(t.TempDir(), "graph") }, addQuads},
		{"embedded bbolt", func(t *testing.T) string { return "bbolt:" + filepath.Join(t.TempDir(), "graph.db") }, addQuads},
		{"PostgreSQL, actorgraph", func(t *testing.T) string { return pgtest.NewStore(t) }, addQuads},
		{"PostgreSQL, Cayley's writer", func(t *testing.T) string { return pgtest.NewStore(t) }, cayleyLoad},
	}
	var table []string
	for _, ds := range datasets {
		var ref []string
		for _, w := range writers {
			t.Run(ds.name+"/"+w.name, func(t *testing.T) {
				loc, err := graph.ParseLocation(w.loc(t))
				if err != nil {
					t.Fatal(err)
				}
				st, err := graph.Open(ctx, loc, graph.OpenOptions{})
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				start := time.Now()
				if err := w.write(ctx, st, ds.quads); err != nil {
					t.Fatal(err)
				}
				took := time.Since(start)
				n, err := st.Size(ctx)
				if err != nil {
					t.Fatal(err)
				}
				row := fmt.Sprintf("| %s | %s | %d | %.2f s | %.0f quads/s |", ds.name, w.name, n, took.Seconds(), float64(n)/took.Seconds())
				t.Log(row)
				table = append(table, row)
				got := sample(t, st, ds.quads)
				if ref == nil {
					ref = got
				} else if strings.Join(got, "\n") != strings.Join(ref, "\n") {
					t.Errorf("%s answers differ from %s's", w.name, writers[0].name)
				}
			})
		}
	}
	t.Logf("\n| data | store and writer | quads | time | throughput |\n|---|---|---|---|---|\n%s", strings.Join(table, "\n"))
}

func addQuads(ctx context.Context, st *graph.Store, qs []quad.Quad) error {
	_, err := st.AddQuads(ctx, qs)
	return err
}

// cayleyLoad writes as `cayley load` does: Cayley's bulk writer, fed by
// quad.CopyBatch in batches of quad.DefaultBatch (10,000).
func cayleyLoad(_ context.Context, st *graph.Store, qs []quad.Quad) error {
	w, err := st.QuadStore().NewQuadWriter()
	if err != nil {
		return err
	}
	if _, err := quad.CopyBatch(w, quad.NewReader(qs), quad.DefaultBatch); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

func movieQuads(t *testing.T) []quad.Quad {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/cayleygraph/cayley").Output()
	if err != nil {
		t.Fatalf("find the cayley module: %v", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "data", "30kmoviedata.nq.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := quad.ReadAll(nquads.NewReader(zr, false))
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// sample answers lookups a query would make: the store's size, and every
// quad of 100 subjects and 100 objects spread over the data, through Cayley.
func sample(t *testing.T, st *graph.Store, in []quad.Quad) []string {
	t.Helper()
	ctx := context.Background()
	qs := st.QuadStore()
	n, err := st.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{fmt.Sprint("size ", n)}
	step := len(in)/100 + 1
	for i := 0; i < len(in); i += step {
		for _, d := range []quad.Direction{quad.Subject, quad.Object} {
			ref, err := qs.ValueOf(in[i].Get(d))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			it := qs.QuadIterator(d, ref).Iterate()
			for it.Next(ctx) {
				q, err := qs.Quad(it.Result())
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, q.String())
			}
			if err := it.Err(); err != nil {
				t.Fatal(err)
			}
			it.Close()
			sort.Strings(got)
			out = append(out, fmt.Sprintf("%s %v: %d quads", d, in[i].Get(d), len(got)))
			out = append(out, got...)
		}
	}
	return out
}
