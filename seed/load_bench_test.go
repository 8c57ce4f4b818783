package seed

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// BenchmarkLoadMovies is `actorgraph load 30kmoviedata.nq.gz` into a fresh
// LevelDB store, in-process (for profiles: -cpuprofile, -memprofile).
func BenchmarkLoadMovies(b *testing.B) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/cayleygraph/cayley").Output()
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(strings.TrimSpace(string(out)), "data", "30kmoviedata.nq.gz")
	ctx := context.Background()
	for b.Loop() {
		st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(b.TempDir(), "store")}, graph.OpenOptions{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Load(ctx, st, []Input{File(file)}, Options{Lenient: true}) // relative IRIs: read as Cayley does
		if err != nil || res[0].Added != 471_705 {
			b.Fatal(res, err)
		}
		st.Close()
	}
}
