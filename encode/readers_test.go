package encode

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/queries"
)

// readerGraph is what an outside reader saw in a file: every value a string.
type readerGraph struct {
	Reader string                       `json:"reader"`
	Nodes  map[string]map[string]string `json:"nodes"`
	Edges  []map[string]string          `json:"edges"`
}

// missingTool skips the test, or fails it under CI, where every reader
// must be there.
func missingTool(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") != "" {
		t.Fatalf("%s (CI installs it: see .ci/run)", msg)
	}
	t.Skip(msg)
}

// networkxPython finds a python3 that imports networkx: Debian's first (the
// package CI installs), then whatever python3 is on PATH.
func networkxPython(t *testing.T) string {
	t.Helper()
	cands := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		cands = append(cands, p)
	}
	for _, p := range cands {
		if exec.Command(p, "-c", "import networkx").Run() == nil {
			return p
		}
	}
	missingTool(t, "no python3 with networkx (Debian package python3-networkx)")
	return ""
}

// graphologyNode finds node and the graphology packages of
// internal/readers (installed there by npm ci).
func graphologyNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		missingTool(t, "no node on PATH (Debian package nodejs)")
	}
	if _, err := os.Stat(filepath.Join("..", "internal", "readers", "node_modules", "graphology-gexf")); err != nil {
		missingTool(t, "graphology is not installed: run npm ci in internal/readers")
	}
	return node
}

// readWithGraphology reads file with graphology-gexf or graphology-graphml.
func readWithGraphology(t *testing.T, node, format, file string) readerGraph {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(node, filepath.Join("..", "internal", "readers", "graphology_read.js"), format, file)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("graphology cannot read %s: %v\n%s", format, err, stderr.String())
	}
	var g readerGraph
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("decode graphology output: %v\n%s", err, out)
	}
	return g
}

// writeExports writes each subgraph as GEXF and GraphML into dir and
// returns the files by "name/format".
func writeExports(t *testing.T, dir string) (map[string]string, map[string]queries.Subgraph) {
	t.Helper()
	graphs := interchangeGraphs(t)
	files := map[string]string{}
	for name, sg := range graphs {
		for _, format := range []string{"gexf", "graphml"} {
			var b bytes.Buffer
			write := WriteGEXF
			if format == "graphml" {
				write = WriteGraphML
			}
			if err := write(&b, sg); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, name+"."+format)
			if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			files[name+"/"+format] = file
		}
	}
	return files, graphs
}

func TestGEXFAndGraphMLReadByGraphology(t *testing.T) {
	node := graphologyNode(t)
	files, graphs := writeExports(t, t.TempDir())
	for key, file := range files {
		name, format, _ := strings.Cut(key, "/")
		t.Run(key, func(t *testing.T) {
			labelKey := "label"
			if format == "graphml" {
				labelKey = "name"
			}
			checkRead(t, format, graphs[name], readWithGraphology(t, node, format, file), labelKey, false)
		})
	}
}

// readWithNetworkx reads file with networkx and decodes what it saw.
func readWithNetworkx(t *testing.T, py, format, file string) readerGraph {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(py, filepath.Join("..", "internal", "readers", "networkx_read.py"), format, file)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("networkx cannot read %s: %v\n%s", format, err, stderr.String())
	}
	var g readerGraph
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("decode networkx output: %v\n%s", err, out)
	}
	return g
}

// interchangeGraphs are the subgraphs every reader test exports: the seed
// graph whole and around a focus, and names that break naive writers.
func interchangeGraphs(t *testing.T) map[string]queries.Subgraph {
	t.Helper()
	ctx := context.Background()
	seeded := testgraph.Seeded(t)
	awk := awkward(t)
	multi := testgraph.MultiSource(t)
	out := map[string]queries.Subgraph{}
	for name, q := range map[string]struct {
		st *graph.Store
		q  queries.ExportQuery
	}{
		"seed":    {seeded, queries.ExportQuery{}},
		"focus":   {seeded, queries.ExportQuery{Focus: "ISKP", Depth: 2}},
		"awkward": {awk, queries.ExportQuery{}},
		"multi":   {multi, queries.ExportQuery{}},
	} {
		sg, err := queries.Export(ctx, q.st, q.q)
		if err != nil {
			t.Fatalf("export %s: %v", name, err)
		}
		out[name] = sg
	}
	return out
}

// edgeKey names an edge by its ends and relation.
func edgeKey(s, r, o string) string { return s + " -" + r + "-> " + o }

// checkRead compares what a reader saw with the exported subgraph: the same
// nodes with their names, types and aliases, and the same edges, one per
// relation, with relation, certainty and, where the format has them,
// source count, quote and time span.
func checkRead(t *testing.T, format string, sg queries.Subgraph, got readerGraph, labelKey string, spans bool) {
	t.Helper()
	if len(got.Nodes) != len(sg.Nodes) || len(got.Edges) != len(sg.Edges) {
		t.Fatalf("%s read %d nodes, %d edges; exported %d, %d", got.Reader, len(got.Nodes), len(got.Edges), len(sg.Nodes), len(sg.Edges))
	}
	for _, n := range sg.Nodes {
		a, ok := got.Nodes[n.ID]
		if !ok {
			t.Errorf("%s: node %s missing", got.Reader, n.ID)
			continue
		}
		aliases := append([]string(nil), n.Aliases...)
		sort.Strings(aliases)
		want := map[string]string{labelKey: n.DisplayName(), "type": n.Type, "aliases": strings.Join(aliases, "; ")}
		if spans && n.Date != nil {
			want["start"], want["end"] = dateSpan(*n.Date, sg)
		}
		for k, v := range want {
			if a[k] != v && !(v == "" && a[k] == "") {
				t.Errorf("%s: node %s %s = %q, want %q", got.Reader, n.ID, k, a[k], v)
			}
		}
	}
	seen := map[string]map[string]string{}
	for _, e := range got.Edges {
		seen[edgeKey(e["_source"], e["relation"], e["_target"])] = e
	}
	for _, e := range sg.Edges {
		k := edgeKey(e.Subject, e.Relation, e.Object)
		a, ok := seen[k]
		if !ok {
			t.Errorf("%s: edge %s missing (parallel edges merged?)", got.Reader, k)
			continue
		}
		if c := string(firmestCertainty(e.Claims)); a["certainty"] != c {
			t.Errorf("%s: edge %s certainty %q, want %q", got.Reader, k, a["certainty"], c)
		}
		if format != "gexf" {
			continue
		}
		want := map[string]string{"sources": strconv.Itoa(len(sourcesOf(e))), "claims": strconv.Itoa(len(e.Claims))}
		if spans {
			ge := gexfEdgeOf(0, e, sg)
			want["start"], want["end"] = ge.Start, ge.End
		}
		if len(e.Claims) > 0 {
			want["quote"] = e.Claims[0].Quote
		}
		for key, v := range want {
			if a[key] != v && !(v == "" && a[key] == "None") {
				t.Errorf("%s: edge %s %s = %q, want %q", got.Reader, k, key, a[key], v)
			}
		}
	}
}

// parallelPairs counts the node pairs with more than one relation.
func parallelPairs(sg queries.Subgraph) int {
	n := map[[2]string]int{}
	for _, e := range sg.Edges {
		n[[2]string{e.Subject, e.Object}]++
	}
	pairs := 0
	for _, c := range n {
		if c > 1 {
			pairs++
		}
	}
	return pairs
}

func TestGEXFAndGraphMLReadByNetworkx(t *testing.T) {
	py := networkxPython(t)
	files, graphs := writeExports(t, t.TempDir())
	if parallelPairs(graphs["seed"]) == 0 {
		t.Fatal("the seed graph has no parallel edges: the test would not see them merged")
	}
	for key, file := range files {
		name, format, _ := strings.Cut(key, "/")
		t.Run(key, func(t *testing.T) {
			labelKey := "label"
			if format == "graphml" {
				labelKey = "name"
			}
			checkRead(t, format, graphs[name], readWithNetworkx(t, py, format, file), labelKey, format == "gexf")
		})
	}
}
