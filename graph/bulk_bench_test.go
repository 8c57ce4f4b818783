package graph_test

import (
	"context"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// BenchmarkBulkLoadMovies bulk loads Cayley's 30kmoviedata (471,705 quads,
// parsed beforehand) into a fresh LevelDB store, with the GC target that
// actorgraph load sets for a bulk load.
func BenchmarkBulkLoadMovies(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(30))
	qs := movieQuads(&testing.T{})
	ctx := context.Background()
	for b.Loop() {
		st := openLevel(&testing.T{}, filepath.Join(b.TempDir(), "store"))
		bl, err := st.BeginBulk(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for _, q := range qs {
			if err := bl.Add(q); err != nil {
				b.Fatal(err)
			}
		}
		if n, err := bl.Commit(ctx); err != nil || n != int64(len(qs)) {
			b.Fatal(n, err)
		}
		st.Close()
	}
	b.ReportMetric(float64(len(qs))/(b.Elapsed().Seconds()/float64(b.N)), "quads/s")
}
