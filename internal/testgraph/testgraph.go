// Package testgraph gives tests a store holding the built-in seed graph.
package testgraph

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/seed"
)

// Seeded returns an in-memory store loaded with the built-in seed graph.
func Seeded(tb testing.TB) *graph.Store {
	tb.Helper()
	st := graph.NewMemory()
	tb.Cleanup(func() { st.Close() })
	if _, err := seed.Load(context.Background(), st, seed.Builtin(), seed.Options{}); err != nil {
		tb.Fatalf("load seed graph: %v", err)
	}
	return st
}
