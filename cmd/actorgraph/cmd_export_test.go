package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/queries"
)

func TestExportDOTGolden(t *testing.T) {
	te := seeded(t)
	out, errOut, code := te.run(t, "export", "--focus", "HTS", "--format", "dot")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "export-focus-hts.dot", out)
}

func TestExportFormats(t *testing.T) {
	te := seeded(t)
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, out string)
	}{
		{"json", []string{"--focus", "HTS", "--format", "json"}, func(t *testing.T, out string) {
			var sg queries.Subgraph
			if err := json.Unmarshal([]byte(out), &sg); err != nil {
				t.Fatalf("decode: %v", err)
			}
			if sg.Scope != "Hayat Tahrir al-Sham, depth 1" || len(sg.Nodes) != 2 || len(sg.Edges) != 1 {
				t.Errorf("got scope %q, %d nodes, %d edges", sg.Scope, len(sg.Nodes), len(sg.Edges))
			}
			for _, e := range sg.Edges {
				if len(e.Claims) == 0 || e.Claims[0].Quote == "" {
					t.Errorf("edge %+v has no quoted claim", e)
				}
			}
		}},
		{"svg", []string{"--focus", "HTS", "--format", "svg"}, func(t *testing.T, out string) {
			for _, name := range []string{"Hayat Tahrir al&#45;Sham", "Syria", "operates in", "Legend"} {
				if !strings.Contains(out, ">"+name+"</text>") {
					t.Errorf("svg lacks text %q", name)
				}
			}
		}},
		{"graphml", []string{"--focus", "HTS", "--format", "graphml"}, func(t *testing.T, out string) {
			if !strings.Contains(out, `<data key="n_name">Hayat Tahrir al-Sham</data>`) || !strings.Contains(out, `<data key="e_relation">operates-in</data>`) {
				t.Errorf("graphml lacks names or relations:\n%s", out)
			}
		}},
		{"nquads", []string{"--focus", "HTS", "--format", "nquads"}, func(t *testing.T, out string) {
			if !strings.Contains(out, `<ag:hayat-tahrir-al-sham> <rel:operates-in> <ag:syria> <claim:`) || !strings.Contains(out, `<prop:quote>`) {
				t.Errorf("n-quads lack the relation or its claim:\n%s", out)
			}
		}},
		{"path", []string{"--path", "HTS", "Moscow", "--all", "--format", "json"}, func(t *testing.T, out string) {
			var sg queries.Subgraph
			if err := json.Unmarshal([]byte(out), &sg); err != nil {
				t.Fatalf("decode: %v", err)
			}
			ids := map[string]bool{}
			for _, n := range sg.Nodes {
				ids[n.ID] = true
			}
			if !strings.Contains(sg.Scope, "from Hayat Tahrir al-Sham to Moscow") || !ids["hayat-tahrir-al-sham"] || !ids["moscow"] || len(sg.Edges) == 0 {
				t.Errorf("path export: scope %q, nodes %v, %d edges", sg.Scope, ids, len(sg.Edges))
			}
		}},
		{"jsonld", []string{"--focus", "HTS", "--format", "jsonld"}, func(t *testing.T, out string) {
			var v any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Errorf("json-ld is not JSON: %v", err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := te.run(t, append([]string{"export"}, tc.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			tc.check(t, out)
		})
	}
}

func TestExportToFile(t *testing.T) {
	te := seeded(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "hts.png")
	out, errOut, code := te.run(t, "export", "--focus", "HTS", "--format", "png", "-o", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "" {
		t.Errorf("stdout not empty with -o: %q", out)
	}
	if !strings.Contains(errOut, "wrote "+path) {
		t.Errorf("stderr: %q", errOut)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("not a png: %v", err)
	}
	if img.Bounds().Dx() < 200 {
		t.Errorf("png only %v", img.Bounds())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestExportNQuadsLoadRoundTrip(t *testing.T) {
	te := seeded(t)
	out, errOut, code := te.run(t, "export", "--format", "nquads")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	store := filepath.Join(t.TempDir(), "copy.db")
	if _, errOut, code := te.runIn(t, out, "--store", store, "load", "-"); code != exitOK {
		t.Fatalf("load exit %d: %s", code, errOut)
	}
	again, errOut, code := te.run(t, "--store", store, "export", "--format", "nquads")
	if code != exitOK {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	if again != out {
		t.Errorf("export of the loaded copy differs from the original export (%d vs %d bytes)", len(again), len(out))
	}
}

func TestExportErrors(t *testing.T) {
	te := seeded(t)
	tests := []struct {
		name    string
		args    []string
		code    exitCode
		wantErr string
	}{
		{"bad format", []string{"--format", "pdf"}, exitUsage, "--format: want one of dot, svg, png"},
		{"depth without focus", []string{"--depth", "2"}, exitUsage, "--depth needs --focus"},
		{"depth out of range", []string{"--focus", "iskp", "--depth", "11"}, exitUsage, "--depth: want 1..10"},
		{"bad date", []string{"--as-of", "2024-13"}, exitUsage, "--as-of"},
		{"unknown actor", []string{"--focus", "Nobody Front"}, exitNotFound, `no actor or event named "Nobody Front"`},
		{"unknown relation", []string{"--rel", "likes"}, exitUsage, "unknown relation"},
		{"unknown type", []string{"--type", "band"}, exitUsage, "unknown type"},
		{"stray argument", []string{"iskp"}, exitUsage, "use --focus ACTOR"},
		{"path needs two actors", []string{"--path", "iskp"}, exitUsage, "want FROM and TO after --path"},
		{"path flag without path", []string{"--all"}, exitUsage, "--all needs --path FROM TO"},
		{"path with focus", []string{"--path", "iskp", "russia", "--focus", "iskp"}, exitUsage, "--path and --focus do not go together"},
		{"path with type", []string{"--path", "iskp", "russia", "--type", "state"}, exitUsage, "--path and --type do not go together"},
		{"no path", []string{"--path", "HTS", "Moscow", "--max-depth", "1"}, exitNoPath, "no path from Hayat Tahrir al-Sham to Moscow within 1 hops"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := te.run(t, append([]string{"export"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errOut)
			}
			if !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut, tc.wantErr)
			}
			if out != "" {
				t.Errorf("stdout not empty on error: %q", out)
			}
		})
	}
}

func TestExportPNGRefusesTerminal(t *testing.T) {
	te := seeded(t)
	te.isTerminal = func(w io.Writer) bool { _, isBuf := w.(*bytes.Buffer); return isBuf }
	out, errOut, code := te.run(t, "export", "--format", "png")
	if code != exitUsage || !strings.Contains(errOut, "refusing to write binary data to a terminal") || out != "" {
		t.Errorf("exit %d, stderr %q, %d bytes out", code, errOut, len(out))
	}
	if _, errOut, code := te.run(t, "export", "--format", "dot"); code != exitOK {
		t.Errorf("dot to a terminal: exit %d: %s", code, errOut)
	}
}
