package main

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/quad/nquads"

	"github.com/actorgraph/actorgraph/internal/nq"
)

// floor is a figure beside the least its work could take: a load beside a
// raw pass over its file, a query beside a single point read.
type floor struct {
	what     string
	measured time.Duration
	floor    time.Duration
	of       string // what the floor is
}

func renderFloors(fs []floor) string {
	var b strings.Builder
	b.WriteString("| figure | measured | floor | | measured / floor |\n|---|---:|---:|---|---:|\n")
	for _, f := range fs {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %.1f× |\n", f.what, dur(f.measured), dur(f.floor), f.of, f.measured.Seconds()/f.floor.Seconds())
	}
	return b.String()
}

// rawPass reads a file as a load does and does nothing else: gzip decode,
// lines, N-Quads parse (strict, then Cayley's relaxed parser for lines the
// strict one refuses, as --lenient does). It returns the median of runs.
func rawPass(file string) (time.Duration, error) {
	var ds []time.Duration
	for range *runs {
		start := time.Now()
		if _, err := parseAll(file); err != nil {
			return 0, err
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[len(ds)/2], nil
}

func parseAll(file string) (int, error) {
	f, err := os.Open(file)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(file, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 0, err
		}
		r = zr
	}
	br := bufio.NewReaderSize(r, 1<<20)
	n := 0
	for {
		l, err := br.ReadString('\n')
		if len(l) > 0 {
			if _, ok, perr := nq.ParseLine(l); perr == nil && ok {
				n++
			} else if perr != nil {
				if _, cerr := nquads.Parse(strings.TrimSpace(l)); cerr == nil {
					n++
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// findIn is the row of that group and name.
func findIn(rows []*row, group, name string) *row {
	for _, r := range rows {
		if r.group == group && r.name == name {
			return r
		}
	}
	return nil
}

// floors sets the loads against raw passes over their files and the
// in-process neighbours query against a single point read (from the Go
// benchmarks).
func floors(rows []*row, files map[string]string) ([]floor, error) {
	var fs []floor
	for group, file := range files {
		r := findIn(rows, group, "actorgraph load → leveldb")
		if r == nil {
			continue
		}
		d, err := rawPass(file)
		if err != nil {
			return fs, fmt.Errorf("raw pass over %s: %w", file, err)
		}
		fs = append(fs, floor{what: "load: " + group, measured: r.median().wall, floor: d, of: "a raw pass over the file (gzip, N-Quads parse)"})
	}
	slices.SortFunc(fs, func(a, b floor) int { return strings.Compare(a.what, b.what) })
	if q, ok := goBench("BenchmarkNeighborsLevelDB/depth1"); ok {
		if p, ok := goBench("BenchmarkNeighborsLevelDB/point-read"); ok {
			fs = append(fs, floor{what: "neighbors IS-K, depth 1, in-process, seed graph in LevelDB", measured: q, floor: p, of: "a single point read (one node's ID) on the same store"})
		}
	}
	return fs, nil
}
