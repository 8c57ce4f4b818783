package queries

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/pgtest"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/seed"
)

// BenchmarkPostgres1M measures neighbours and the hub-to-tail shortest path
// on the synthetic 1M-quad graph in PostgreSQL, and reports the round trips
// each takes (SQL statements per answer) beside the time: the SQL store's
// search makes one statement per breadth-first level, not per node.
func BenchmarkPostgres1M(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	file := filepath.Join(dir, "synth.nq.gz")
	if _, err := synth.WriteFile(file, 1_000_000, synth.Seed); err != nil {
		b.Fatal(err)
	}
	loc, err := graph.ParseLocation(pgtest.NewStore(b))
	if err != nil {
		b.Fatal(err)
	}
	st, err := graph.Open(ctx, loc, graph.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := seed.Load(ctx, st, []seed.Input{seed.File(file)}, seed.Options{Lenient: true}); err != nil {
		b.Fatal(err)
	}
	b.Run("neighbors-hub-depth1", func(b *testing.B) {
		q := NeighborsQuery{Name: "a0", Direction: graph.Both, Depth: 1}
		roundTrips(b, st, func() (int, error) {
			net, err := Neighbors(ctx, st, q)
			return len(net.Neighbors), err
		}, "neighbors")
	})
	b.Run("path-hub-to-tail", func(b *testing.B) {
		q := PathQuery{From: "a0", To: "a39999", MaxDepth: MaxPathDepth}
		roundTrips(b, st, func() (int, error) {
			ans, err := FindPaths(ctx, st, q)
			if err != nil || len(ans.Paths) == 0 {
				return 0, err
			}
			return ans.Paths[0].Length, nil
		}, "hops")
	})
}

// roundTrips runs fn b.N times and reports the SQL statements of one run.
func roundTrips(b *testing.B, st *graph.Store, fn func() (int, error), unit string) {
	b.Helper()
	before := st.SQLQueries()
	n, err := fn()
	if err != nil {
		b.Fatal(err)
	}
	queries := st.SQLQueries() - before
	for b.Loop() {
		if _, err := fn(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(queries), "queries/op")
	b.ReportMetric(float64(n), unit)
}
