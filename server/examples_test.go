package server

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/cayleygraph/cayley/query"
)

// TestExamples runs every shipped Gizmo example on the seed graph: each must
// answer, and the Visualize ones must tag source and target.
func TestExamples(t *testing.T) {
	st := testgraph.Seeded(t)
	for _, ex := range Examples {
		t.Run(ex.Title, func(t *testing.T) {
			ctx := context.Background()
			it, err := query.Execute(ctx, st.QuadStore(), "gizmo", ex.Query, query.Options{Collation: query.JSON, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			defer it.Close()
			n := 0
			for it.Next(ctx) {
				res, ok := it.Result().(map[string]any)
				if !ok {
					t.Fatalf("result %d is %T, want an object", n, it.Result())
				}
				if ex.Tab == "Visualize" && (res["source"] == nil || res["target"] == nil) {
					t.Errorf("result %d lacks source or target: %v", n, res)
				}
				if n < 2 {
					t.Logf("%v", res)
				}
				n++
			}
			if err := it.Err(); err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				t.Error("no results on the seed graph")
			}
			t.Logf("%d results", n)
		})
	}
}
