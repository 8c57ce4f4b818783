package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/queries"
)

// exportJSON exports a store's whole graph as the json format and decodes it.
func exportJSON(t *testing.T, te *testEnv, store string) queries.Subgraph {
	t.Helper()
	args := []string{"export", "--format", "json"}
	if store != "" {
		args = append([]string{"--store", store}, args...)
	}
	out, errOut, code := te.run(t, args...)
	if code != exitOK {
		t.Fatalf("export json: exit %d: %s", code, errOut)
	}
	var sg queries.Subgraph
	if err := json.Unmarshal([]byte(out), &sg); err != nil {
		t.Fatal(err)
	}
	return sg
}

// sameGraph compares the actors and the relations of two exports: IDs,
// types, names, aliases and event facts; every edge with its claims'
// sources, quotes, certainty, speaker and validity.
func sameGraph(t *testing.T, got, want queries.Subgraph) {
	t.Helper()
	if len(got.Nodes) != len(want.Nodes) || len(got.Edges) != len(want.Edges) {
		t.Fatalf("got %d nodes, %d edges; want %d, %d", len(got.Nodes), len(got.Edges), len(want.Nodes), len(want.Edges))
	}
	for i, w := range want.Nodes {
		g := got.Nodes[i]
		sort.Strings(g.Aliases)
		sort.Strings(w.Aliases)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("node %s:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}
	for i, w := range want.Edges {
		if g := got.Edges[i]; !reflect.DeepEqual(g, w) {
			t.Errorf("edge %s %s %s:\n got %+v\nwant %+v", w.Subject, w.Relation, w.Object, g, w)
		}
	}
}

func TestExportSTIXImportGivesTheSameGraph(t *testing.T) {
	multi := newTestEnv(t)
	for _, f := range []string{"herald.ag", "monitor.ag", "gazette.ag"} {
		if _, errOut, code := multi.run(t, "load", filepath.Join(testgraph.MultiSourceDir, f)); code != exitOK {
			t.Fatalf("load %s: %s", f, errOut)
		}
	}
	for name, te := range map[string]*testEnv{"seed": seeded(t), "multi-source": multi} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			bundle := filepath.Join(dir, "graph.json")
			if _, errOut, code := te.run(t, "export", "--format", "stix", "-o", bundle); code != exitOK {
				t.Fatalf("export stix: exit %d: %s", code, errOut)
			}
			store := "bbolt:" + filepath.Join(dir, "copy.db")
			_, errOut, code := te.run(t, "--store", store, "load", bundle)
			if code != exitOK {
				t.Fatalf("load stix: exit %d: %s", code, errOut)
			}
			if strings.Contains(errOut, "skipped") {
				t.Errorf("importing our own bundle skipped something:\n%s", errOut)
			}
			sameGraph(t, exportJSON(t, te, store), exportJSON(t, te, ""))
			_, errOut, _ = te.run(t, "--store", store, "load", bundle)
			if !strings.Contains(errOut, ", 0 new") {
				t.Errorf("loading the bundle again added quads:\n%s", errOut)
			}
		})
	}
}

func TestLoadImports(t *testing.T) {
	fixtures := filepath.Join("..", "..", "seed", "testdata", "import")
	for _, tc := range []struct {
		file, format, skipped, node, source string
	}{
		{"acled-fictional.csv", "", "skipped 1 rows", "acled-arv1001", "acled-arv1001"},
		{"20240325000000.export.CSV", "", "skipped 3 rows", "gdelt-1200000002", "gdelt-1200000001"},
		{"acled-fictional.csv", "acled", "skipped 1 rows", "acled-red-dawn-front", "acled-arv1003"},
		{"stix-foreign.json", "", "skipped 3 objects", "stix-4e78f46f-a023-4e5f-bc24-71b3ca22ec29", "stix-bundle-5d0092c5-5f74-4287-9642-33f4c354e56d"},
	} {
		t.Run(tc.file+"/"+tc.format, func(t *testing.T) {
			te := newTestEnv(t)
			args := []string{"load", filepath.Join(fixtures, tc.file)}
			if tc.format != "" {
				args = append(args, "--format", tc.format)
			}
			_, errOut, code := te.run(t, args...)
			if code != exitOK || !strings.Contains(errOut, tc.skipped) {
				t.Fatalf("exit %d, stderr:\n%s\nwant %q", code, errOut, tc.skipped)
			}
			if out, errOut, code := te.run(t, "show", tc.node); code != exitOK {
				t.Errorf("show %s: exit %d: %s%s", tc.node, code, out, errOut)
			}
			out, errOut, code := te.run(t, "sources", "--format", "json")
			var sources []struct {
				ID     string `json:"id"`
				Claims int    `json:"claims"`
			}
			if err := json.Unmarshal([]byte(out), &sources); code != exitOK || err != nil {
				t.Fatalf("sources: exit %d, %v: %s", code, err, errOut)
			}
			found := false
			for _, s := range sources {
				found = found || s.ID == tc.source && s.Claims > 0
			}
			if !found {
				t.Errorf("no source %s with claims among %+v", tc.source, sources)
			}
			if _, errOut, _ := te.run(t, args...); !strings.Contains(errOut, ", 0 new") {
				t.Errorf("a second import added quads:\n%s", errOut)
			}
		})
	}
}

func TestLoadImportErrors(t *testing.T) {
	fixtures := filepath.Join("..", "..", "seed", "testdata", "import")
	bundle := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bundle, []byte("{\n \"type\": \"bundle\",\n \"objects\": [\n  {\"type\": \"identity\", \"id\": \"identity--1\"}\n ]\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code exitCode
		want string
	}{
		{[]string{"load", filepath.Join(fixtures, "acled-bad-row.csv")}, exitBadInput, `acled-bad-row.csv:3: fatalities "several"`},
		{[]string{"load", filepath.Join(fixtures, "gdelt-bad-row.export.CSV")}, exitBadInput, "gdelt-bad-row.export.CSV:2: want the 61 tab-separated columns"},
		{[]string{"load", bundle}, exitBadInput, `bad.json:4: identity "identity--1" has no name`},
		{[]string{"load", "--format", "misp", bundle}, exitUsage, `--format: unknown format "misp"`},
	} {
		te := newTestEnv(t)
		_, errOut, code := te.run(t, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
		if n, _ := te.mem.Size(t.Context()); n != 0 {
			t.Errorf("%v: a rejected import left %d quads", tc.args, n)
		}
	}
}

func TestExportGEXFAndSTIXTakeTheScope(t *testing.T) {
	te := seeded(t)
	args := []string{"export", "--focus", "ISKP", "--depth", "2", "--as-of", "2022-01"}
	out, errOut, code := te.run(t, append(args, "--format", "json")...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var sg queries.Subgraph
	if err := json.Unmarshal([]byte(out), &sg); err != nil {
		t.Fatal(err)
	}
	gexf, errOut, code := te.run(t, append(args, "--format", "gexf")...)
	if code != exitOK || !strings.HasPrefix(gexf, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<gexf xmlns="http://gexf.net/1.3"`) {
		t.Fatalf("gexf: exit %d: %s\n%.200s", code, errOut, gexf)
	}
	if n, e := strings.Count(gexf, "<node "), strings.Count(gexf, "<edge "); n != len(sg.Nodes) || e != len(sg.Edges) {
		t.Errorf("gexf has %d nodes, %d edges; the scope has %d, %d", n, e, len(sg.Nodes), len(sg.Edges))
	}
	stix, errOut, code := te.run(t, append(args, "--format", "stix")...)
	if code != exitOK {
		t.Fatalf("stix: exit %d: %s", code, errOut)
	}
	var bundle struct {
		Type    string           `json:"type"`
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal([]byte(stix), &bundle); err != nil || bundle.Type != "bundle" {
		t.Fatalf("stix is not a bundle: %v", err)
	}
	claims, rels := 0, 0
	speakers := map[string]bool{}
	for _, e := range sg.Edges {
		claims += max(len(e.Claims), 1)
		for _, c := range e.Claims {
			if _, in := sg.Node(c.AssertedBy); !in && c.AssertedBy != "" {
				speakers[c.AssertedBy] = true
			}
		}
	}
	for _, o := range bundle.Objects {
		if o["type"] == "relationship" {
			rels++
		}
	}
	if len(bundle.Objects)-rels < len(sg.Nodes)+len(speakers) || rels != claims {
		t.Errorf("bundle has %d objects and %d relationships; the scope has %d nodes (and %d speakers outside) and %d claims", len(bundle.Objects)-rels, rels, len(sg.Nodes), len(speakers), claims)
	}
	if len(speakers) == 0 {
		t.Fatal("the scope has no claim whose speaker is outside it: pick another")
	}
	bundleFile := filepath.Join(t.TempDir(), "part.json")
	if err := os.WriteFile(bundleFile, []byte(stix), 0o644); err != nil {
		t.Fatal(err)
	}
	copyStore := "bbolt:" + filepath.Join(t.TempDir(), "part.db")
	if _, errOut, code := te.run(t, "--store", copyStore, "load", bundleFile); code != exitOK || strings.Contains(errOut, "skipped") {
		t.Errorf("loading a part of the graph: exit %d, stderr:\n%s", code, errOut)
	}
}
