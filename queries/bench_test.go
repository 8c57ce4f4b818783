package queries

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
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
