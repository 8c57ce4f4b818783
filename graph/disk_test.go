package graph_test

import (
	"context"
	"encoding/base64"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph"
)

// smallDisk mounts a tmpfs of size bytes in a temporary directory (root
// on Linux only; the test is skipped where the machine does not allow it)
// and returns its path.
func smallDisk(t *testing.T, size int) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("tmpfs: Linux only")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+strconv.Itoa(size)); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v): the full-disk test needs root", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// bigQuads are n quads with long random literals (LevelDB compresses, so
// they must not repeat): quickly more than a small disk holds.
func bigQuads(from, n int) []quad.Quad {
	r := rand.New(rand.NewPCG(uint64(from), 1))
	buf := make([]byte, 1500)
	out := make([]quad.Quad, n)
	for i := range out {
		for j := range buf {
			buf[j] = byte(r.UintN(256))
		}
		out[i] = quad.Make(quad.IRI("ag:n"+strconv.Itoa(from+i)), quad.IRI("prop:quote"), quad.String(base64.StdEncoding.EncodeToString(buf)), nil)
	}
	return out
}

func dump(t *testing.T, st *graph.Store) string {
	t.Helper()
	var out []string
	if err := st.EachQuad(context.Background(), func(q quad.Quad) error { out = append(out, q.NQuad()); return nil }); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// TestFullDisk: a write into a full disk fails with an error that says so
// and leaves the store as it was (it opens again and holds the same quads),
// on the append path and on the bulk path.
func TestFullDisk(t *testing.T) {
	ctx := context.Background()
	disk := smallDisk(t, 8<<20)

	t.Run("append", func(t *testing.T) {
		dir := filepath.Join(disk, "append")
		st := openLevel(t, dir)
		if _, err := st.AddQuads(ctx, bigQuads(0, 100)); err != nil {
			t.Fatal(err)
		}
		before := dump(t, st)
		_, err := st.AddQuads(ctx, bigQuads(1000, 10_000)) // 20 MB of literals
		if err == nil || !errors.Is(err, syscall.ENOSPC) && !strings.Contains(err.Error(), "no space left") {
			t.Fatalf("write into a full disk: %v; want an error saying no space left", err)
		}
		t.Logf("error: %v", err)
		st.Close()
		st = openLevel(t, dir)
		defer st.Close()
		if after := dump(t, st); after != before {
			t.Errorf("the store changed: %d bytes of quads before, %d after", len(before), len(after))
		}
	})

	t.Run("bulk", func(t *testing.T) {
		dir := filepath.Join(disk, "bulk")
		st := openLevel(t, dir)
		defer st.Close()
		b, err := st.BeginBulk(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range bigQuads(0, 10_000) {
			if err = b.Add(q); err != nil {
				break
			}
		}
		if err == nil {
			_, err = b.Commit(ctx)
		} else {
			b.Abort()
		}
		if err == nil || !errors.Is(err, syscall.ENOSPC) && !strings.Contains(err.Error(), "no space left") {
			t.Fatalf("bulk load into a full disk: %v; want an error saying no space left", err)
		}
		t.Logf("error: %v", err)
		if n, _ := st.Size(ctx); n != 0 {
			t.Errorf("the store holds %d quads after a failed bulk load, want 0", n)
		}
		if left, _ := filepath.Glob(dir + ".bulk-*"); len(left) > 0 {
			t.Errorf("staging left behind: %v", left)
		}
	})
}

// TestReadOnlyDisk: on a file system mounted read-only, opening the store
// for writing fails saying why, opening it read-only works, and the store
// holds what it held.
func TestReadOnlyDisk(t *testing.T) {
	ctx := context.Background()
	disk := smallDisk(t, 8<<20)
	dir := filepath.Join(disk, "store")
	st := openLevel(t, dir)
	if _, err := st.AddQuads(ctx, bigQuads(0, 50)); err != nil {
		t.Fatal(err)
	}
	before := dump(t, st)
	st.Close()
	if err := syscall.Mount("", disk, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	_, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: dir}, graph.OpenOptions{})
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("open for writing on a read-only file system: %v; want an error saying read-only", err)
	}
	t.Logf("error: %v", err)
	ro, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: dir}, graph.OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatalf("open read-only on a read-only file system: %v", err)
	}
	defer ro.Close()
	if after := dump(t, ro); after != before {
		t.Error("the store changed")
	}
}
