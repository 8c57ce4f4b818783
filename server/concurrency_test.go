package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// TestConcurrentWritesAndReads: with writes allowed, writers POST N-Quads
// files to /api/v2/write while readers query over loopback. There are no
// errors, no write is lost, and no reader ever sees part of a file: each
// file is a batch node with k items, and every count a reader sees is 0 or
// k. Each writer also sends one file with a bad line: it is refused and
// nothing of it is written.
func TestConcurrentWritesAndReads(t *testing.T) {
	const writers, files, k, readers = 4, 8, 150, 4
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(t.TempDir(), "store")}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := New(st, Options{AllowWrites: true, Timeout: 10 * time.Second, Limit: 10_000, MaxConcurrent: readers + 1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	file := func(w, f int, bad bool) string {
		var b strings.Builder
		id := fmt.Sprintf("<ag:batch-%d-%d>", w, f)
		fmt.Fprintf(&b, "%s <prop:kind> \"batch\" .\n", id)
		for i := range k {
			fmt.Fprintf(&b, "%s <prop:item> \"item %d\" .\n", id, i)
			if bad && i == k/2 {
				b.WriteString("<ag:x> <prop:item> <ag:y>, <ag:z> .\n")
			}
		}
		return b.String()
	}
	var (
		wg, rg          sync.WaitGroup
		errs, reads     atomic.Int32
		half            atomic.Int32
		writing         atomic.Bool
		firstErr        sync.Once
		firstErrMessage string
	)
	fail := func(format string, args ...any) {
		errs.Add(1)
		firstErr.Do(func() { firstErrMessage = fmt.Sprintf(format, args...) })
	}
	writing.Store(true)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range files {
				if f == files/2 {
					if r := do(t, "POST", ts.URL+"/api/v2/write", "application/n-quads", file(w, 99, true)); r.code != 400 || !strings.Contains(r.body, "line") {
						fail("bad file: %d %s", r.code, r.body)
					}
				}
				if r := do(t, "POST", ts.URL+"/api/v2/write", "application/n-quads", file(w, f, false)); r.code != 200 {
					fail("write %d-%d: %d %s", w, f, r.code, r.body)
				}
			}
		}()
	}
	// A reader lists every batch it sees with the number of its items.
	count := `var b = g.V().has("<prop:kind>", "batch").toArray();
		for (var i in b) g.emit([b[i], g.V(b[i]).out("<prop:item>").count()]);`
	for range readers {
		rg.Add(1)
		go func() {
			defer rg.Done()
			for writing.Load() {
				r := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "text/plain", count)
				if r.code != 200 {
					fail("read: %d %s", r.code, r.body)
					continue
				}
				reads.Add(1)
				var res struct{ Result [][2]any }
				if err := json.Unmarshal([]byte(r.body), &res); err != nil {
					fail("read: %v: %s", err, r.body)
					continue
				}
				for _, b := range res.Result {
					if n, _ := b[1].(float64); n != k {
						half.Add(1)
						fail("reader saw %v with %v items, want %d", b[0], b[1], k)
					}
				}
			}
		}()
	}
	wg.Wait()
	writing.Store(false)
	rg.Wait()
	t.Logf("%d writers × %d files of %d quads, %d reads: %d errors", writers, files, k+1, reads.Load(), errs.Load())
	if errs.Load() > 0 {
		t.Errorf("%d errors (%d half-visible files); first: %s", errs.Load(), half.Load(), firstErrMessage)
	}
	if reads.Load() < readers {
		t.Errorf("only %d reads ran alongside the writes", reads.Load())
	}
	if n, _ := st.Size(ctx); n != writers*files*(k+1) {
		t.Errorf("the store holds %d quads, want %d: writes lost or refused files written", n, writers*files*(k+1))
	}
}
