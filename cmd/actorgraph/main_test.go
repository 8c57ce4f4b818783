package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// testEnv is an env whose commands all share one in-memory store (or, with
// storePath, real bbolt files), with a fixed clock and no terminal.
type testEnv struct {
	*env
	mem *graph.Store
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	te := &testEnv{mem: graph.NewMemory()}
	t.Cleanup(func() { te.mem.Close() })
	te.env = &env{
		stdin:      strings.NewReader(""),
		now:        func() time.Time { return time.Date(2024, 3, 27, 12, 0, 0, 0, time.UTC) },
		getenv:     func(string) string { return "" },
		isTerminal: func(io.Writer) bool { return false },
		openStore: func(ctx context.Context, location string, readOnly bool) (*graph.Store, error) {
			if location == "memory:" || location == "actorgraph-store" {
				return te.mem, nil
			}
			return defaultEnv(nil, nil, nil).openStore(ctx, location, readOnly)
		},
		releaseStore: func(st *graph.Store) error {
			if st == te.mem {
				return nil
			}
			return st.Close()
		},
	}
	return te
}

// seeded returns a test env whose store holds the built-in seed graph.
func seeded(t *testing.T) *testEnv {
	t.Helper()
	te := newTestEnv(t)
	if _, _, code := te.run(t, "seed"); code != exitOK {
		t.Fatalf("seed failed with code %d", code)
	}
	return te
}

// run executes one command line in-process and returns stdout, stderr and the exit code.
func (te *testEnv) run(t *testing.T, args ...string) (string, string, exitCode) {
	t.Helper()
	var out, errb bytes.Buffer
	e := *te.env
	e.stdout, e.stderr = &out, &errb
	code := execute(context.Background(), &e, args)
	return out.String(), errb.String(), code
}

// runIn is run with standard input.
func (te *testEnv) runIn(t *testing.T, stdin string, args ...string) (string, string, exitCode) {
	t.Helper()
	saved := te.stdin
	te.stdin = strings.NewReader(stdin)
	defer func() { te.stdin = saved }()
	return te.run(t, args...)
}

// golden compares got with testdata/golden/NAME, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (run go test -update to accept):\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}
