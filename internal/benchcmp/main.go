// Command benchcmp measures actorgraph side by side with stock Cayley built
// from the same pinned module: whole-process load time and peak memory, and
// fresh-process queries, on Cayley's 30kmoviedata and on a synthetic actor
// graph. Runs alternate between the tools; the table reports medians and
// the ratio actorgraph / cayley from the same run. It writes docs/benchmarks.md.
//
//	go run ./internal/benchcmp [-runs 3] [-big] [-gobench FILE] [-doc docs/benchmarks.md]
//
// Everything it builds and loads lives in the git-ignored .bench/ folder.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/actorgraph/actorgraph/internal/synth"
)

const (
	cayleyModule  = "github.com/cayleygraph/cayley"
	cayleyVersion = "v0.7.7-0.20240706181042-81dcd7d73e45" // as pinned in go.mod
	benchDir      = ".bench"
)

type sample struct {
	wall time.Duration
	rss  int64 // KiB
}

type row struct {
	group, name string
	samples     []sample
	note        string
}

func (r *row) median() sample {
	if len(r.samples) == 0 {
		return sample{}
	}
	w := make([]time.Duration, len(r.samples))
	m := make([]int64, len(r.samples))
	for i, s := range r.samples {
		w[i], m[i] = s.wall, s.rss
	}
	slices.Sort(w)
	slices.Sort(m)
	return sample{wall: w[len(w)/2], rss: m[len(m)/2]}
}

var (
	runs    = flag.Int("runs", 3, "runs of each measurement (medians are reported)")
	qruns   = flag.Int("qruns", 9, "runs of each fresh-process query")
	big     = flag.Bool("big", false, "also load a synthetic graph 10× the size (-quads), with actorgraph only, once")
	synthN  = flag.Int("quads", 1_000_000, "size of the synthetic actor graph")
	gobench = flag.String("gobench", "", "file with `go test -bench` output to include in the doc")
	doc     = flag.String("doc", "docs/benchmarks.md", "where to write the results (\"\": nowhere)")
	only    = flag.String("only", "", "run only the groups whose name contains this (movie, synth), or the append targets (append)")
	agOnly  = flag.Bool("actorgraph-only", false, "load with actorgraph only (for the scaling curve at 10M quads)")
)

var log = os.Stderr

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(log, "benchcmp:", err)
		os.Exit(1)
	}
}

func run() error {
	if err := os.MkdirAll(benchDir, 0o755); err != nil {
		return err
	}
	cayley, err := buildCayley()
	if err != nil {
		return err
	}
	ag, err := filepath.Abs(filepath.Join(benchDir, "actorgraph"))
	if err != nil {
		return err
	}
	if err := sh("go", "build", "-o", ag, "./cmd/actorgraph"); err != nil {
		return err
	}
	dir, err := output("go", "list", "-m", "-f", "{{.Dir}}", cayleyModule)
	if err != nil {
		return err
	}
	movie := filepath.Join(strings.TrimSpace(dir), "data", "30kmoviedata.nq.gz")

	var rows []*row
	var checks []string
	storeDir := func(group string) string {
		return filepath.Join(benchDir, "stores", strings.ReplaceAll(group, " ", "-"))
	}
	synthStores := map[int]string{}
	files := map[string]string{} // load group → its file, for the floors
	if *only == "" || strings.Contains("movie", *only) {
		files[movieGroup] = movie
		r, c, err := benchMovie(ag, cayley, movie)
		rows = append(rows, r...)
		checks = append(checks, c...)
		if err != nil {
			return err
		}
	}
	sizes := []int{*synthN}
	if *big {
		sizes = append(sizes, 10*(*synthN))
	}
	for _, n := range sizes {
		if *only != "" && !strings.Contains("synth", *only) {
			break
		}
		file := filepath.Join(benchDir, fmt.Sprintf("synth-%d.nq.gz", n))
		if _, err := os.Stat(file); err != nil {
			fmt.Fprintf(log, "generating %s\n", file)
			got, err := synth.WriteFile(file, n, synth.Seed)
			if err != nil {
				return err
			}
			fmt.Fprintf(log, "  %d quads\n", got)
		}
		group := fmt.Sprintf("synthetic %s quads", human(n))
		// Beyond the base size actorgraph loads alone, once: stock Cayley
		// takes tens of minutes a run at 10M, and no target compares them.
		agOnly, nruns := *agOnly, *runs
		if n > *synthN {
			agOnly, nruns = true, 1
		}
		r, c, err := benchLoads(group, ag, cayley, file, agOnly, nruns)
		synthStores[n] = filepath.Join(storeDir(group), "actorgraph")
		files[group] = file
		rows = append(rows, r...)
		checks = append(checks, c...)
		if err != nil {
			return err
		}
	}
	var targets []target
	if *only == "" || *only == "append" {
		files[appendGroup] = movie
	}
	if *only == "append" { // the append targets alone
		r, ts, err := appendTargets(ag, cayley, movie)
		rows, targets = append(rows, r...), ts
		if err != nil {
			return err
		}
	}
	if *only == "" && !*agOnly {
		r, ts, err := benchTargets(ag, cayley, movie, storeDir(movieGroup), rows, synthStores)
		rows = append(rows, r...)
		targets = ts
		if err != nil {
			fmt.Fprintln(log, "benchcmp: targets:", err)
		}
	}
	table := render(rows)
	fmt.Println(table)
	tt := ""
	if len(targets) > 0 {
		tt = renderTargets(targets)
	}
	fs, err := floors(rows, files)
	if err != nil {
		return err
	}
	if len(fs) > 0 {
		tt += "\nEach figure against its floor (the floors measured in the same run):\n\n" + renderFloors(fs)
	}
	fmt.Println(tt)
	for _, c := range checks {
		fmt.Println(c)
	}
	if *doc == "" {
		return nil
	}
	return writeDoc(tt, table, checks)
}

// buildCayley builds stock cmd/cayley from the pinned module in a throwaway
// module (go install ...@version refuses cayley's replace line).
func buildCayley() (string, error) {
	bin, err := filepath.Abs(filepath.Join(benchDir, "cayley"))
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	src := filepath.Join(benchDir, "cayley-src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return "", err
	}
	gomod := "module benchcayley\n\ngo 1.26\n\nrequire " + cayleyModule + " " + cayleyVersion +
		"\n\n// as in cayley's own go.mod\nreplace github.com/Sirupsen/logrus => github.com/Sirupsen/logrus v1.0.1\n"
	tools := "//go:build tools\n\npackage tools\n\nimport _ \"" + cayleyModule + "/cmd/cayley\"\n"
	if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte(gomod), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(src, "tools.go"), []byte(tools), 0o644); err != nil {
		return "", err
	}
	fmt.Fprintln(log, "building stock cayley", cayleyVersion)
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir, tidy.Stdout, tidy.Stderr = src, log, log
	tidy.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	if err := tidy.Run(); err != nil {
		return "", fmt.Errorf("go mod tidy in %s: %w", src, err)
	}
	build := exec.Command("go", "build", "-o", bin, cayleyModule+"/cmd/cayley")
	build.Dir, build.Stdout, build.Stderr = src, log, log
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("build cayley: %w", err)
	}
	return bin, nil
}

type tool struct {
	name  string
	store func(dir string) string // store location inside dir
	load  func(store, file string) []string
	query func(store, gizmo string) []string
}

func tools(ag, cayley string) []tool {
	cay := func(backend string) tool {
		return tool{
			name:  "cayley load → " + backend,
			store: func(dir string) string { return filepath.Join(dir, "cayley-"+backend) },
			load: func(store, file string) []string {
				return []string{cayley, "load", "--init", "-d", backend, "-a", store, "-i", file}
			},
			query: func(store, q string) []string {
				return []string{cayley, "query", "-d", backend, "-a", store, "--lang", "gizmo", "-n", "1000000", q}
			},
		}
	}
	return []tool{
		{
			name:  "actorgraph load → leveldb",
			store: func(dir string) string { return filepath.Join(dir, "actorgraph") },
			load:  func(store, file string) []string { return agLoad(ag, store, file) },
			query: func(store, q string) []string {
				return []string{ag, "--store", store, "query", "--limit", "1000000", q}
			},
		},
		cay("bolt"),
		cay("leveldb"),
	}
}

// agLoad is the actorgraph load of a file; Cayley's movie data, which has
// relative IRIs, is read as Cayley's own relaxed reader reads it.
func agLoad(ag, store, file string) []string {
	args := []string{ag, "--store", store, "load", file}
	if strings.Contains(file, "30kmoviedata") {
		args = append(args, "--lenient")
	}
	return args
}

// benchLoads loads file with every tool, runs times, alternating, and checks
// that the stores hold the same number of quads.
// benchLoads loads file with each tool (actorgraph alone when agOnly),
// n runs each, alternating.
func benchLoads(group, ag, cayley, file string, agOnly bool, n int) ([]*row, []string, error) {
	ts := tools(ag, cayley)
	if agOnly {
		ts = ts[:1]
	}
	rows := make([]*row, len(ts))
	for i, t := range ts {
		rows[i] = &row{group: group, name: t.name}
	}
	dir := filepath.Join(benchDir, "stores", strings.ReplaceAll(group, " ", "-"))
	for run := range n {
		for i, t := range ts {
			store := t.store(dir)
			if err := os.RemoveAll(store); err != nil {
				return rows, nil, err
			}
			fmt.Fprintf(log, "%s run %d: %s\n", group, run+1, t.name)
			s, err := measure(t.load(store, file), nil)
			if err != nil {
				return rows, nil, err
			}
			rows[i].samples = append(rows[i].samples, s)
		}
	}
	var checks []string
	counts := make([]int64, len(ts))
	for i, t := range ts {
		n, err := countQuads(t, ag, cayley, t.store(dir))
		if err != nil {
			return rows, checks, err
		}
		counts[i] = n
		rows[i].note = fmt.Sprintf("%d quads", n)
	}
	same := true
	for _, n := range counts {
		same = same && n == counts[0]
	}
	checks = append(checks, fmt.Sprintf("- %s: quads in each store after load: %v (equal: %v)", group, counts, same))
	return rows, checks, nil
}

func countQuads(t tool, ag, cayley, store string) (int64, error) {
	if strings.HasPrefix(t.name, "actorgraph") {
		out, err := output(ag, "--store", store, "stats", "--format", "json")
		if err != nil {
			return 0, err
		}
		var st struct {
			Quads int64 `json:"quads"`
		}
		if err := json.Unmarshal([]byte(out), &st); err != nil {
			return 0, err
		}
		return st.Quads, nil
	}
	backend := strings.TrimPrefix(t.name, "cayley load → ")
	cmd := exec.Command(cayley, "dump", "-d", backend, "-a", store, "-o", "-")
	cmd.Stderr = io.Discard
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	var n int64
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) > 0 {
			n++
		}
	}
	return n, cmd.Wait()
}

// movieLookups are 1-hop Gizmo queries answered by every store; their
// sorted answers must agree.
var movieLookups = []string{
	`g.V("</en/larry_fine_1902>").in("</film/performance/actor>").all()`,
	`g.V("</en/larry_fine_1902>").in("</film/performance/actor>").in("</film/film/starring>").all()`,
	`g.V("</en/blade_runner>").out().all()`,
	`g.V("</en/blade_runner>").out("</film/film/starring>").out("</film/performance/actor>").out("<name>").all()`,
	`g.V("</en/ridley_scott>").in("</film/film/directed_by>").out("<name>").all()`,
}

// movieGroup names the 30kmoviedata rows.
const movieGroup = "30kmoviedata (471,705 quads)"

func benchMovie(ag, cayley, movie string) ([]*row, []string, error) {
	group := movieGroup
	rows, checks, err := benchLoads(group, ag, cayley, movie, *agOnly, *runs)
	if err != nil {
		return rows, checks, err
	}
	ts := tools(ag, cayley)
	dir := filepath.Join(benchDir, "stores", strings.ReplaceAll(group, " ", "-"))
	// Sample lookups compared across stores.
	for _, q := range movieLookups {
		var answers []string
		for _, t := range ts {
			out, err := output(t.query(t.store(dir), q)...)
			if err != nil {
				return rows, checks, fmt.Errorf("%s: %w", t.name, err)
			}
			answers = append(answers, normalise(out))
		}
		agree := answers[1] == answers[0] && answers[2] == answers[0]
		n := strings.Count(answers[0], "\n")
		checks = append(checks, fmt.Sprintf("- lookup `%s`: %d results, same in all stores: %v", q, n, agree))
	}
	// Fresh-process 1-hop query.
	hop := movieLookups[0]
	qgroup := "fresh process, 1-hop Gizmo query on 30kmoviedata"
	var qrows []*row
	for _, t := range ts {
		qrows = append(qrows, &row{group: qgroup, name: strings.Replace(t.name, "load", "query", 1)})
	}
	for range *qruns {
		for i, t := range ts {
			s, err := measure(t.query(t.store(dir), hop), io.Discard)
			if err != nil {
				return rows, checks, err
			}
			qrows[i].samples = append(qrows[i].samples, s)
		}
	}
	rows = append(rows, qrows...)
	// Fresh `actorgraph neighbors` on the same big store, after adding the
	// seed graph to it (30kmoviedata has no actors).
	agStore := ts[0].store(dir)
	if err := sh(ag, "--store", agStore, "seed"); err != nil {
		return rows, checks, err
	}
	nb := &row{group: "fresh process on 30kmoviedata + seed graph", name: "actorgraph neighbors IS-K", note: "no cayley equivalent"}
	for range *qruns {
		s, err := measure([]string{ag, "--store", agStore, "neighbors", "IS-K"}, io.Discard)
		if err != nil {
			return rows, checks, err
		}
		nb.samples = append(nb.samples, s)
	}
	rows = append(rows, nb)
	return rows, checks, nil
}

// normalise sorts the lines of a query's output.
func normalise(out string) string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		l = strings.TrimSuffix(strings.TrimPrefix(l, "["), "]")
		// Cayley's JSON escapes <, > and & as \u003c, \u003e, \u0026.
		l = strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(l)
		if l != "" {
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n") + "\n"
}

// measure runs args and returns its wall time (from start to exit, to the
// microsecond: fresh processes take milliseconds) and peak RSS (the child's
// maximum resident set, from wait4, as /usr/bin/time -v reports it).
func measure(args []string, stdout io.Writer) (sample, error) {
	cmd := exec.Command(args[0], args[1:]...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %w\n%s", strings.Join(args, " "), err, tail(stderr.String()))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{}, errors.New("no resource usage for the child process")
	}
	return sample{wall: wall, rss: ru.Maxrss}, nil
}

func render(rows []*row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| what | tool | median wall | median peak RSS | wall ratio actorgraph / this | RSS ratio | runs | note |\n")
	fmt.Fprintf(&b, "|---|---|---:|---:|---:|---:|---:|---|\n")
	var ref *row
	for _, r := range rows {
		if ref == nil || ref.group != r.group {
			ref = r
		}
		m, rm := r.median(), ref.median()
		ratio, rssRatio := "", ""
		if r != ref && strings.HasPrefix(ref.name, "actorgraph") {
			ratio = fmt.Sprintf("%.2f", rm.wall.Seconds()/m.wall.Seconds())
			rssRatio = fmt.Sprintf("%.2f", float64(rm.rss)/float64(m.rss))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %.0f MiB | %s | %s | %d | %s |\n", r.group, r.name, dur(m.wall), float64(m.rss)/1024, ratio, rssRatio, len(r.samples), r.note)
	}
	return b.String()
}

func dur(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.1f µs", float64(d)/1e3)
	case d < 100*time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/1e6)
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func human(n int) string {
	if n%1_000_000 == 0 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return fmt.Sprint(n)
}

const docBegin, docEnd = "<!-- benchcmp:begin -->", "<!-- benchcmp:end -->"

// writeDoc replaces the generated part of the doc (between the markers),
// keeping the hand-written analysis around it.
func writeDoc(targets, table string, checks []string) error {
	var gen strings.Builder
	fmt.Fprintf(&gen, "%s\n_Generated by `make bench` (`go run ./internal/benchcmp -runs %d`) on %s, %s._\n\n",
		docBegin, *runs, time.Now().UTC().Format("2006-01-02 15:04 UTC"), machine())
	if targets != "" {
		gen.WriteString("Targets of issue 14 (ratios from this run):\n\n" + targets + "\nAll measurements:\n\n")
	}
	gen.WriteString(table)
	gen.WriteString("\nChecks:\n\n")
	for _, c := range checks {
		gen.WriteString(c + "\n")
	}
	if *gobench != "" {
		b, err := os.ReadFile(*gobench)
		if err != nil {
			return err
		}
		gen.WriteString("\n`go test -bench` (benchstat-friendly):\n\n```\n")
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "Benchmark") || strings.HasPrefix(l, "goos") || strings.HasPrefix(l, "cpu") || strings.HasPrefix(l, "pkg") {
				gen.WriteString(l + "\n")
			}
		}
		gen.WriteString("```\n")
	}
	gen.WriteString(docEnd)
	old, err := os.ReadFile(*doc)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	s := string(old)
	i, j := strings.Index(s, docBegin), strings.Index(s, docEnd)
	if i >= 0 && j > i {
		s = s[:i] + gen.String() + s[j+len(docEnd):]
	} else {
		s = "# Benchmarks\n\n" + gen.String() + "\n"
	}
	return os.WriteFile(*doc, []byte(s), 0o644)
}

func machine() string {
	out, _ := output("sh", "-c", "nproc; grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")
	f := strings.Fields(strings.ReplaceAll(out, "\n", " "))
	if len(f) == 0 {
		return "unknown machine"
	}
	return f[0] + " cores, " + strings.Join(f[1:], " ")
}

func sh(args ...string) error {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = log, log
	return cmd.Run()
}

func output(args ...string) (string, error) {
	cmd := exec.Command(args[0], args[1:]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s: %w\n%s", strings.Join(args, " "), err, tail(stderr.String()))
	}
	return string(out), nil
}

func tail(s string) string {
	if len(s) > 2000 {
		return "..." + s[len(s)-2000:]
	}
	return s
}
