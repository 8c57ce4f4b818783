// Command backendbench measures Cayley's embedded KV backends (bolt, bbolt,
// leveldb, badger) on one data set, to choose actorgraph's default store.
//
//	go run ./internal/backendbench -data PATH -out DIR
//
// The parent process re-executes itself for every measurement, so each load
// and each open runs in a fresh process. Loads run under /usr/bin/time -v to
// record the peak RSS. Stores are created under DIR (one directory per
// backend, recreated for every run). Results (medians) are printed as a
// Markdown table, followed by the lock behaviour of each backend.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	cbadger "github.com/cayleygraph/cayley/graph/kv/badger"
	_ "github.com/cayleygraph/cayley/graph/kv/bbolt" // registers "bbolt"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"  // registers "bolt"
	cleveldb "github.com/cayleygraph/cayley/graph/kv/leveldb"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	badgerdb "github.com/dgraph-io/badger/v2"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/hidal-go/hidalgo/kv/flat"
	hbadger "github.com/hidal-go/hidalgo/kv/flat/badger"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"
	"go.etcd.io/bbolt"
)

const (
	// subject is the node used for the 1-hop lookup (70 quads in 30kmoviedata).
	subject = "/en/stranger_than_fiction_2006"
	// lockTimeout is the file-lock timeout for the explicit bolt/bbolt opens.
	lockTimeout = time.Second
	// hangAfter is how long a second opener may block before it counts as hung.
	hangAfter = 5 * time.Second
	// badger rejects a transaction of more than ~10k quads with "Txn is too
	// big to fit into one request", and the KV bulk writer commits only every
	// 20*quad.DefaultBatch quads (200k by default). badger therefore loads with
	// the largest settings that work: CopyBatch 10000, commit every 10000 quads.
	badgerBatch, badgerCommit = 10000, 500
)

var backends = []string{"bolt", "bbolt", "leveldb", "badger"}

func main() {
	log.SetFlags(0)
	var (
		data    = flag.String("data", "", "N-Quads file to load (.nq or .nq.gz)")
		out     = flag.String("out", "", "directory for the stores (parent mode)")
		runs    = flag.Int("runs", 3, "repetitions per backend (parent mode)")
		batch   = flag.Int("batch", 100000, "quad.CopyBatch batch size")
		commit  = flag.Int("commit", 0, "if > 0, set quad.DefaultBatch; the KV bulk writer commits every 20*DefaultBatch quads")
		child   = flag.String("child", "", "internal: load, open, hold or try")
		backend = flag.String("backend", "", "internal: backend name")
		dir     = flag.String("dir", "", "internal: store directory")
		mode    = flag.String("mode", "default", "internal: open mode (default, ro, timeout)")
		noBloom = flag.Bool("no_bloom", true, "internal: no_bloom store option for opens")
	)
	flag.Parse()
	registerBackends()
	if *commit > 0 {
		quad.DefaultBatch = *commit
	}

	var (
		res any
		err error
	)
	switch *child {
	case "":
		if *data == "" || *out == "" {
			flag.Usage()
			os.Exit(2)
		}
		err = bench(*data, *out, *runs, *batch)
	case "load":
		res, err = loadStore(*backend, *dir, *data, *batch)
	case "open":
		res, err = openAndLookup(*backend, *dir, *mode, *noBloom)
	case "hold":
		err = hold(*backend, *dir, *mode)
	case "try":
		res, err = openAndLookup(*backend, *dir, *mode, true)
	default:
		err = fmt.Errorf("unknown -child %q", *child)
	}
	if err != nil {
		log.Fatal(err)
	}
	if res != nil {
		if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
			log.Fatal(err)
		}
	}
}

// registerBackends works around the Go >= 1.21 init-order bug that leaves
// leveldb and badger unregistered (bolt and bbolt register themselves).
func registerBackends() {
	if !graph.IsRegistered(cleveldb.Type) {
		kv.Register(cleveldb.Type, kv.Registration{NewFunc: cleveldb.Open, InitFunc: cleveldb.Create, IsPersistent: true})
	}
	if !graph.IsRegistered(cbadger.Type) {
		kv.Register(cbadger.Type, kv.Registration{NewFunc: cbadger.Create, InitFunc: cbadger.Create, IsPersistent: true})
	}
}

// loadResult is printed by the "load" child.
type loadResult struct {
	Seconds float64 `json:"seconds"` // init + bulk write + close
	Copied  int     `json:"copied"`  // quads read from the file
	Quads   int64   `json:"quads"`   // quad count reported by the store
}

// loadStore creates a store in dir and bulk-loads the data file into it with
// the store's own bulk writer, like `cayley load` does.
func loadStore(backend, dir, data string, batch int) (*loadResult, error) {
	opts := graph.Options{"nosync": true, kv.OptNoBloom: true}
	f, err := os.Open(data)
	if err != nil {
		return nil, fmt.Errorf("open data: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(data, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("gunzip data: %w", err)
		}
		defer gz.Close()
		r = gz
	}
	start := time.Now()
	if err := graph.InitQuadStore(backend, dir, opts); err != nil {
		return nil, fmt.Errorf("init %s: %w", backend, err)
	}
	qs, err := graph.NewQuadStore(backend, dir, opts)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", backend, err)
	}
	defer qs.Close()
	qw, err := qs.NewQuadWriter()
	if err != nil {
		return nil, fmt.Errorf("bulk writer: %w", err)
	}
	n, err := quad.CopyBatch(qw, nquads.NewReader(r, false), batch)
	if err != nil {
		qw.Close()
		return nil, fmt.Errorf("load after %d quads: %w", n, err)
	}
	if err := qw.Close(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	st, err := qs.Stats(context.Background(), false)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if err := qs.Close(); err != nil {
		return nil, fmt.Errorf("close: %w", err)
	}
	return &loadResult{Seconds: time.Since(start).Seconds(), Copied: n, Quads: st.Quads.Value}, nil
}

// openStore opens an existing store. Mode "default" goes through the Cayley
// registry (what `cayley` and graph.NewQuadStore do). Mode "ro" opens the
// engine read-only, and "timeout" read-write; both set a 1s lock timeout
// for bolt/bbolt, which the registry path cannot do.
func openStore(backend, dir, mode string, opts graph.Options) (graph.QuadStore, error) {
	if mode == "default" {
		qs, err := graph.NewQuadStore(backend, dir, opts)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", backend, err)
		}
		return qs, nil
	}
	ro := mode == "ro"
	boltFile := filepath.Join(dir, "indexes.bolt") // file name used by Cayley's bolt/bbolt
	var db hkv.KV
	switch backend {
	case "bolt":
		d, err := hbolt.Open(boltFile, &bolt.Options{Timeout: lockTimeout, ReadOnly: ro})
		if err != nil {
			return nil, fmt.Errorf("open bolt: %w", err)
		}
		db = d
	case "bbolt":
		d, err := bbolt.Open(boltFile, 0o644, &bbolt.Options{Timeout: lockTimeout, ReadOnly: ro})
		if err != nil {
			return nil, fmt.Errorf("open bbolt: %w", err)
		}
		db = hbbolt.New(d)
	case "leveldb":
		d, err := hleveldb.Open(dir, &opt.Options{ErrorIfMissing: true, ReadOnly: ro})
		if err != nil {
			return nil, fmt.Errorf("open leveldb: %w", err)
		}
		db = flat.Upgrade(d)
	case "badger":
		d, err := hbadger.Open(badgerdb.DefaultOptions(dir).WithReadOnly(ro))
		if err != nil {
			return nil, fmt.Errorf("open badger: %w", err)
		}
		db = flat.Upgrade(d)
	default:
		return nil, fmt.Errorf("unknown backend %q", backend)
	}
	qs, err := kv.New(db, opts)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("cayley kv on %s: %w", backend, err)
	}
	return qs, nil
}

// openResult is printed by the "open" and "try" children.
type openResult struct {
	OpenMS   float64 `json:"open_ms"`
	LookupMS float64 `json:"lookup_ms"`
	Hop      int     `json:"hop"`   // quads with the lookup subject
	Quads    int     `json:"quads"` // quads counted by a full scan ("open" only)
}

func openAndLookup(backend, dir, mode string, noBloom bool) (*openResult, error) {
	ctx := context.Background()
	start := time.Now()
	qs, err := openStore(backend, dir, mode, graph.Options{kv.OptNoBloom: noBloom})
	if err != nil {
		return nil, err
	}
	defer qs.Close()
	res := &openResult{OpenMS: ms(time.Since(start))}
	start = time.Now()
	if res.Hop, err = lookup(ctx, qs); err != nil {
		return nil, err
	}
	res.LookupMS = ms(time.Since(start))
	if mode == "default" {
		if res.Quads, err = countQuads(ctx, qs); err != nil {
			return nil, err
		}
	}
	if err := qs.Close(); err != nil {
		return nil, fmt.Errorf("close: %w", err)
	}
	return res, nil
}

// lookup resolves subject and reads all quads that have it as subject.
func lookup(ctx context.Context, qs graph.QuadStore) (int, error) {
	ref, err := qs.ValueOf(quad.IRI(subject))
	if err != nil {
		return 0, fmt.Errorf("value of %s: %w", subject, err)
	} else if ref == nil {
		return 0, fmt.Errorf("subject %s not found", subject)
	}
	it := qs.QuadIterator(quad.Subject, ref).Iterate()
	defer it.Close()
	n := 0
	for it.Next(ctx) {
		if _, err := qs.Quad(it.Result()); err != nil {
			return n, fmt.Errorf("read quad: %w", err)
		}
		n++
	}
	if err := it.Err(); err != nil {
		return n, fmt.Errorf("iterate: %w", err)
	}
	return n, nil
}

func countQuads(ctx context.Context, qs graph.QuadStore) (int, error) {
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	n := 0
	for it.Next(ctx) {
		n++
	}
	if err := it.Err(); err != nil {
		return n, fmt.Errorf("count quads: %w", err)
	}
	return n, nil
}

// hold opens the store, prints "ready" and keeps it open until stdin closes.
func hold(backend, dir, mode string) error {
	qs, err := openStore(backend, dir, mode, graph.Options{kv.OptNoBloom: true})
	if err != nil {
		return err
	}
	defer qs.Close()
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
	return nil
}

// sample is one run of one backend.
type sample struct {
	load    loadResult
	rssMB   float64
	diskMB  float64
	bloom   openResult
	noBloom openResult
}

func bench(data, out string, runs, batch int) error {
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own executable: %w", err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create out dir: %w", err)
	}
	results := map[string][]sample{}
	for run := range runs {
		// Rotate the order so that no backend always runs first.
		order := append(slices.Clone(backends[run%len(backends):]), backends[:run%len(backends)]...)
		for _, b := range order {
			s, err := measure(self, b, filepath.Join(out, b), data, batch)
			if err != nil {
				return fmt.Errorf("run %d, %s: %w", run+1, b, err)
			}
			log.Printf("run %d %-7s load %.1fs rss %.0fMB disk %.0fMB quads %d open %.1f/%.1fms lookup %.2fms",
				run+1, b, s.load.Seconds, s.rssMB, s.diskMB, s.load.Quads, s.bloom.OpenMS, s.noBloom.OpenMS, s.noBloom.LookupMS)
			results[b] = append(results[b], s)
		}
	}
	printTable(results, runs)
	return lockTests(self, out)
}

func measure(self, backend, dir, data string, batch int) (sample, error) {
	var s sample
	if err := os.RemoveAll(dir); err != nil {
		return s, fmt.Errorf("remove old store: %w", err)
	}
	args := []string{"-v", self, "-child", "load", "-backend", backend, "-dir", dir, "-data", data,
		"-batch", strconv.Itoa(batch)}
	if backend == "badger" {
		args = append(args, "-batch", strconv.Itoa(min(batch, badgerBatch)), "-commit", strconv.Itoa(badgerCommit))
	}
	var stderr bytes.Buffer
	cmd := exec.Command("/usr/bin/time", args...)
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return s, fmt.Errorf("load: %w: %s", err, lastLines(stderr.String(), 5))
	}
	if err := json.Unmarshal(stdout, &s.load); err != nil {
		return s, fmt.Errorf("load output: %w", err)
	}
	m := regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`).FindStringSubmatch(stderr.String())
	if m == nil {
		return s, errors.New("no peak RSS in /usr/bin/time output")
	}
	kb, _ := strconv.ParseFloat(m[1], 64)
	s.rssMB = kb / 1024
	if s.diskMB, err = diskUsageMB(dir); err != nil {
		return s, err
	}
	for _, o := range []struct {
		noBloom bool
		res     *openResult
	}{{false, &s.bloom}, {true, &s.noBloom}} {
		cmd := exec.Command(self, "-child", "open", "-backend", backend, "-dir", dir,
			"-no_bloom="+strconv.FormatBool(o.noBloom))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.Output()
		if err != nil {
			return s, fmt.Errorf("open: %w: %s", err, lastLines(stderr.String(), 5))
		}
		if err := json.Unmarshal(stdout, o.res); err != nil {
			return s, fmt.Errorf("open output: %w", err)
		}
	}
	return s, nil
}

// diskUsageMB returns the allocated size of all files under dir (like du).
func diskUsageMB(dir string) (float64, error) {
	var blocks int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			blocks += st.Blocks
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("disk usage of %s: %w", dir, err)
	}
	return float64(blocks*512) / (1 << 20), nil
}

func printTable(results map[string][]sample, runs int) {
	fmt.Printf("Medians of %d runs.\n\n", runs)
	fmt.Println("| backend | bulk load (s) | peak RSS load (MB) | open (ms) | open no_bloom (ms) | 1-hop lookup (ms) | on disk (MB) | quads |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, b := range backends {
		ss := results[b]
		med := func(f func(sample) float64) float64 {
			v := make([]float64, len(ss))
			for i, s := range ss {
				v[i] = f(s)
			}
			slices.Sort(v)
			return v[len(v)/2]
		}
		quads := make([]string, 0, len(ss))
		for _, s := range ss {
			quads = append(quads, fmt.Sprintf("%d/%d", s.load.Quads, s.noBloom.Quads))
		}
		fmt.Printf("| %s | %.1f | %.0f | %.1f | %.1f | %.2f | %.0f | %s |\n", b,
			med(func(s sample) float64 { return s.load.Seconds }),
			med(func(s sample) float64 { return s.rssMB }),
			med(func(s sample) float64 { return s.bloom.OpenMS }),
			med(func(s sample) float64 { return s.noBloom.OpenMS }),
			med(func(s sample) float64 { return s.noBloom.LookupMS }),
			med(func(s sample) float64 { return s.diskMB }),
			strings.Join(slices.Compact(quads), ","))
	}
	fmt.Println()
}

// lockTests opens the last store of every backend from two processes.
func lockTests(self, out string) error {
	cases := []struct{ name, first, second string }{
		{"reader + reader", "ro", "ro"},
		{"writer + reader", "default", "ro"},
		{"writer + writer (registry open)", "default", "default"},
		{"writer + writer (1s lock timeout)", "default", "timeout"},
	}
	fmt.Println("| backend | " + strings.Join(func() []string {
		h := make([]string, len(cases))
		for i, c := range cases {
			h[i] = c.name
		}
		return h
	}(), " | ") + " |")
	fmt.Println("|---" + strings.Repeat("|---", len(cases)) + "|")
	for _, b := range backends {
		row := []string{b}
		for _, c := range cases {
			r, err := twoProcesses(self, b, filepath.Join(out, b), c.first, c.second)
			if err != nil {
				return fmt.Errorf("%s, %s: %w", b, c.name, err)
			}
			row = append(row, r)
		}
		fmt.Println("| " + strings.Join(row, " | ") + " |")
	}
	return nil
}

// twoProcesses keeps the store open in one child (mode first) and reports
// what happens when a second child opens it with mode second.
func twoProcesses(self, backend, dir, first, second string) (string, error) {
	holder := exec.Command(self, "-child", "hold", "-backend", backend, "-dir", dir, "-mode", first)
	stdin, err := holder.StdinPipe()
	if err != nil {
		return "", fmt.Errorf("holder stdin: %w", err)
	}
	stdout, err := holder.StdoutPipe()
	if err != nil {
		return "", fmt.Errorf("holder stdout: %w", err)
	}
	var holdErr bytes.Buffer
	holder.Stderr = &holdErr
	if err := holder.Start(); err != nil {
		return "", fmt.Errorf("start holder: %w", err)
	}
	defer func() {
		stdin.Close()
		_ = holder.Wait()
	}()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
		return "first open failed: " + lastLines(holdErr.String(), 1), nil
	}

	ctx, cancel := context.WithTimeout(context.Background(), hangAfter)
	defer cancel()
	try := exec.CommandContext(ctx, self, "-child", "try", "-backend", backend, "-dir", dir, "-mode", second)
	var tryErr bytes.Buffer
	try.Stderr = &tryErr
	start := time.Now()
	res, err := try.Output()
	took := time.Since(start).Round(100 * time.Millisecond)
	switch {
	case ctx.Err() != nil:
		return fmt.Sprintf("blocks (killed after %s)", hangAfter), nil
	case err != nil:
		return fmt.Sprintf("error after %s: %s", took, lastLines(tryErr.String(), 1)), nil
	}
	var r openResult
	if err := json.Unmarshal(res, &r); err != nil {
		return "", fmt.Errorf("try output: %w", err)
	}
	return fmt.Sprintf("ok (%d-quad lookup)", r.Hop), nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " / ")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
