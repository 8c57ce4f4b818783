package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// TestLoad is a bounded load test on loopback: 50 clients for 10 s against
// the neighbors and path endpoints of a read-only bbolt store, with zero
// errors allowed. It runs only with AG_LOADTEST=1 (it takes 10 s and both
// cores); AG_LOADTEST_OUT=FILE writes the latency table as Markdown.
//
//	AG_LOADTEST=1 go test ./server/ -run TestLoad -v
func TestLoad(t *testing.T) {
	if os.Getenv("AG_LOADTEST") == "" {
		t.Skip("load test: set AG_LOADTEST=1 to run it (10 s, 50 clients)")
	}
	const clients = 50
	duration := 10 * time.Second
	if d, err := time.ParseDuration(os.Getenv("AG_LOADTEST_DURATION")); err == nil {
		duration = d
	}
	path := filepath.Join(t.TempDir(), "graph.db")
	seedBolt(t, path)
	st, err := graph.Open(context.Background(), graph.Location{Backend: graph.BackendBolt, Address: path}, graph.OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	base := serveLoopback(t, st)

	actors := []string{"ISKP", "IS-K", "Taliban", "Russia", "Iran", "Islamic State", "Moscow", "Afghanistan", "Al-Qaeda", "United States"}
	var targets []target
	for i, a := range actors {
		targets = append(targets,
			target{"neighbors", base + "/api/ag/neighbors?" + url.Values{"actor": {a}}.Encode()},
			target{"neighbors depth 2", base + "/api/ag/neighbors?" + url.Values{"actor": {a}, "depth": {"2"}}.Encode()},
			target{"path", base + "/api/ag/path?" + url.Values{"from": {a}, "to": {actors[(i+3)%len(actors)]}}.Encode()},
		)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}, Timeout: 30 * time.Second}
	var (
		mu      sync.Mutex
		lat     = map[string][]time.Duration{}
		errs    []string
		wg      sync.WaitGroup
		started = time.Now()
	)
	deadline := started.Add(duration)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := c; time.Now().Before(deadline); i++ {
				tg := targets[i%len(targets)]
				t0 := time.Now()
				res, err := client.Get(tg.url)
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if err == nil && res.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", res.StatusCode)
					}
				}
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					errs = append(errs, tg.url+": "+err.Error())
				} else {
					lat[tg.kind] = append(lat[tg.kind], d)
				}
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(started)
	if len(errs) > 0 {
		t.Errorf("%d errors, first: %s", len(errs), errs[0])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d clients for %s on loopback, %d CPUs (GOMAXPROCS), seed graph in a read-only bbolt file, %d errors.\n\n",
		clients, duration, runtime.GOMAXPROCS(0), len(errs))
	b.WriteString("| endpoint | requests | req/s | p50 | p90 | p99 | max |\n|---|---:|---:|---:|---:|---:|---:|\n")
	var all []time.Duration
	kinds := []string{"neighbors", "neighbors depth 2", "path"}
	for _, k := range kinds {
		all = append(all, lat[k]...)
		b.WriteString(row(k, lat[k], elapsed))
	}
	b.WriteString(row("all", all, elapsed))
	t.Log("\n" + b.String())
	if len(all) == 0 {
		t.Fatal("no request succeeded")
	}
	if out := os.Getenv("AG_LOADTEST_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

type target struct{ kind, url string }

func row(name string, ds []time.Duration, elapsed time.Duration) string {
	if len(ds) == 0 {
		return fmt.Sprintf("| %s | 0 | | | | | |\n", name)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	pct := func(p float64) string {
		i := int(p * float64(len(ds)-1))
		return ms(ds[i])
	}
	return fmt.Sprintf("| %s | %d | %.0f | %s | %s | %s | %s |\n", name, len(ds), float64(len(ds))/elapsed.Seconds(),
		pct(0.50), pct(0.90), pct(0.99), ms(ds[len(ds)-1]))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
