// Package testgraph gives tests a store holding the built-in seed graph.
package testgraph

import (
	"context"
	"path/filepath"
	"runtime"
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

// MultiSourceDir holds the multi-source fixtures: fictional sources written
// for the tests (see its README).
var MultiSourceDir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata", "multisource")
}()

// MultiSource returns an in-memory store loaded with the first two fixture
// sources (northwind-herald, then coastal-monitor).
func MultiSource(tb testing.TB) *graph.Store {
	tb.Helper()
	st := graph.NewMemory()
	tb.Cleanup(func() { st.Close() })
	for _, f := range []string{"herald.ag", "monitor.ag"} {
		in := []seed.Input{seed.File(filepath.Join(MultiSourceDir, f))}
		if _, err := seed.Load(context.Background(), st, in, seed.Options{}); err != nil {
			tb.Fatalf("load %s: %v", f, err)
		}
	}
	return st
}
