package queries

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/seed"
	"github.com/cayleygraph/quad"
)

// BenchmarkResolveAlias resolves an alias (not an ID) to its entity on the
// seed graph, as every command does with its ACTOR arguments.
func BenchmarkResolveAlias(b *testing.B) {
	st := testgraph.Seeded(b)
	ctx := context.Background()
	e, err := st.Resolve(ctx, "IS-K")
	if err != nil || e.ID != "iskp" {
		b.Fatalf("IS-K resolved to %+v (%v)", e, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Resolve(ctx, "IS-K"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNeighbors is `actorgraph neighbors IS-K` (one hop, both
// directions) and `--depth 2` on the seed graph, in-process.
func BenchmarkNeighbors(b *testing.B) {
	st := testgraph.Seeded(b)
	ctx := context.Background()
	for _, depth := range []int{1, 2} {
		q := NeighborsQuery{Name: "IS-K", Direction: graph.Both, Depth: depth}
		net, err := Neighbors(ctx, st, q)
		if err != nil || len(net.Neighbors) == 0 {
			b.Fatalf("neighbors: %d (%v)", len(net.Neighbors), err)
		}
		b.Run(map[int]string{1: "depth1", 2: "depth2"}[depth], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Neighbors(ctx, st, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNeighborsLevelDB is `actorgraph neighbors IS-K` on the seed
// graph in a LevelDB store, beside its floor: a single point read on the
// same store (the node ID of one entity).
func BenchmarkNeighborsLevelDB(b *testing.B) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(b.TempDir(), "store")}, graph.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := seed.Load(ctx, st, seed.Builtin(), seed.Options{}); err != nil {
		b.Fatal(err)
	}
	b.Run("point-read", func(b *testing.B) {
		for b.Loop() {
			if ref, err := st.NodeRefOf(ctx, "iskp"); err != nil || ref == nil {
				b.Fatalf("iskp: %v, %v", ref, err)
			}
		}
	})
	q := NeighborsQuery{Name: "IS-K", Direction: graph.Both, Depth: 1}
	b.Run("depth1", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if net, err := Neighbors(ctx, st, q); err != nil || len(net.Neighbors) == 0 {
				b.Fatalf("neighbors: %d, %v", len(net.Neighbors), err)
			}
		}
	})
}

// BenchmarkShortestPathSynthetic is the shortest path between the most
// linked actor and one of the least linked of the synthetic 1M-quad actor
// graph (internal/synth), bulk loaded into a LevelDB store first.
func BenchmarkShortestPathSynthetic(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	file := filepath.Join(dir, "synth.nq.gz")
	if _, err := synth.WriteFile(file, 1_000_000, synth.Seed); err != nil {
		b.Fatal(err)
	}
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(dir, "store")}, graph.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := seed.Load(ctx, st, []seed.Input{seed.File(file)}, seed.Options{}); err != nil {
		b.Fatal(err)
	}
	q := PathQuery{From: "a0", To: "a39999", MaxDepth: MaxPathDepth}
	ans, err := FindPaths(ctx, st, q)
	if err != nil || len(ans.Paths) == 0 {
		b.Fatalf("no path: %v", err)
	}
	b.ReportMetric(float64(ans.Paths[0].Length), "hops")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FindPaths(ctx, st, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkShortestPathMovies is the shortest path from Larry Fine to Kevin
// Bacon in Cayley's 30kmoviedata (471,705 quads, bulk loaded into LevelDB),
// over the actor↔film predicates only, so that the <type> hubs are no
// shortcut: the "two far-apart nodes" case.
func BenchmarkShortestPathMovies(b *testing.B) {
	ctx := context.Background()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/cayleygraph/cayley").Output()
	if err != nil {
		b.Skipf("cannot find the cayley module for its movie data: %v", err)
	}
	data := filepath.Join(strings.TrimSpace(string(out)), "data", "30kmoviedata.nq.gz")
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(b.TempDir(), "store")}, graph.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	// Cayley's movie data has relative IRIs: read it as Cayley does.
	if _, err := seed.Load(ctx, st, []seed.Input{seed.File(data)}, seed.Options{Lenient: true}); err != nil {
		b.Fatal(err)
	}
	rels, err := st.PredicateSet(ctx, quad.IRI("/film/performance/actor"), quad.IRI("/film/film/starring"))
	if err != nil || rels.Len() != 2 {
		b.Fatalf("predicates: %d, %v", rels.Len(), err)
	}
	src, _ := st.NodeRefOf(ctx, "/en/larry_fine")
	dst, _ := st.NodeRefOf(ctx, "/en/kevin_bacon")
	s := &searcher{ctx: ctx, st: st, rels: rels, after: map[any]bool{}}
	paths, _, err := s.shortest(src, dst, 20, false)
	if err != nil || len(paths) == 0 {
		b.Fatalf("no path: %v", err)
	}
	b.ReportMetric(float64(len(paths[0])-1), "hops")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := s.shortest(src, dst, 20, false); err != nil {
			b.Fatal(err)
		}
	}
}
