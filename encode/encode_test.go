package encode

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/encode/picture"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/actorgraph/actorgraph/seed"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
)

// awkward returns a memory store holding the awkward-names fixture: quotes,
// backslashes, non-ASCII scripts, an emoji and line breaks in names.
func awkward(t testing.TB) *graph.Store {
	t.Helper()
	st := graph.NewMemory()
	t.Cleanup(func() { st.Close() })
	in := []seed.Input{seed.File("testdata/awkward.ag"), seed.File("testdata/awkward.nq")}
	if _, err := seed.Load(context.Background(), st, in, seed.Options{}); err != nil {
		t.Fatalf("load awkward fixture: %v", err)
	}
	return st
}

func mustExport(t testing.TB, st *graph.Store, q queries.ExportQuery) queries.Subgraph {
	t.Helper()
	sg, err := queries.Export(context.Background(), st, q)
	if err != nil {
		t.Fatalf("Export(%+v): %v", q, err)
	}
	return sg
}

func TestWriteDOTMergesParallelEdges(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDOT(&b, mustExport(t, testgraph.Seeded(t), queries.ExportQuery{Focus: "iskp"})); err != nil {
		t.Fatal(err)
	}
	dot := b.String()
	want := `"iskp" -> "taliban" [label="criticised\nopposes (×2)\nis a rival of\nwas formed from", style=solid`
	if !strings.Contains(dot, want) {
		t.Errorf("DOT lacks the merged edge %s", want)
	}
	if n := strings.Count(dot, `"iskp" -> "taliban"`); n != 1 {
		t.Errorf("%d edges from iskp to taliban, want 1", n)
	}
	if !strings.Contains(dot, `label="Islamic State Khorasan\nProvince"`) {
		t.Error("long name not wrapped")
	}
}

func TestDOTString(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`say "hi"`, `"say \"hi\""`},
		{`back\slash\`, `"back\\slash\\"`},
		{"two\nlines", `"two\nlines"`},
		{"crlf\r\nend", `"crlf\nend"`},
		{"tab\there", `"tab here"`},
		{"Ĉeĥio 😀", `"Ĉeĥio 😀"`},
		{"bad \xff byte", "\"bad \uFFFD byte\""},
		{`\N \G`, `"\\N \\G"`},
	}
	for _, tc := range tests {
		if got := DOTString(tc.in); got != tc.want {
			t.Errorf("DOTString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestWriteDOTStyle(t *testing.T) {
	sg := mustExport(t, awkward(t), queries.ExportQuery{})
	var b bytes.Buffer
	if err := WriteDOT(&b, sg); err != nil {
		t.Fatal(err)
	}
	dot := b.String()
	for _, want := range []string{
		`"quoted" -> "blast" [label="perpetrated", style=dashed`,                    // claimed
		`"backslash" -> "nonascii" [label="is a rival of", style=dotted`,            // assessed
		`"quoted" -> "backslash" [label="opposes", style=solid`,                     // reported
		`label="Blast at \"Café Noir\"\n2024-01-01\nat least 12 killed, 3 injured"`, // event facts
		`label="Back\\slash Union\\"`,
		`label="Two\nLines\nand a tab"`,
		"subgraph cluster_legend",
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s", want)
		}
	}
	if strings.Contains(dot, "<ag:") || strings.Contains(dot, "prop:") {
		t.Error("DOT shows raw IRIs")
	}
	var again bytes.Buffer
	if err := WriteDOT(&again, mustExport(t, awkward(t), queries.ExportQuery{})); err != nil {
		t.Fatal(err)
	}
	if again.String() != dot {
		t.Error("two exports of the same graph differ")
	}
}

// needDot returns the path of Graphviz's dot. Without it the test is skipped
// on a developer's machine, and fails under CI, where .ci/graphviz.sh installs it.
func needDot(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("dot")
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("Graphviz dot is not on PATH under CI: run .ci/graphviz.sh (apt-get install graphviz)")
	}
	t.Skip("Graphviz dot is not on PATH: apt-get install graphviz (or run .ci/graphviz.sh) to run this test")
	return ""
}

// svgTextLines returns the text of every <text> element of an SVG.
func svgTextLines(t *testing.T, svg []byte) []string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var out []string
	in := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("parse svg: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "text" {
				in = true
				out = append(out, "")
			}
		case xml.CharData:
			if in {
				out[len(out)-1] += string(el)
			}
		case xml.EndElement:
			in = in && el.Name.Local != "text"
		}
	}
}

// checkNames asserts that every line of every node label is a text of the SVG.
func checkNames(t *testing.T, sg queries.Subgraph, svg []byte) {
	t.Helper()
	texts := svgTextLines(t, svg)
	for _, n := range sg.Nodes {
		for _, line := range nodeLabel(n) {
			for _, l := range strings.Split(strings.ReplaceAll(strings.ReplaceAll(line, "\r\n", "\n"), "\t", " "), "\n") {
				if !slices.Contains(texts, l) {
					t.Errorf("SVG has no text %q (node %s)", l, n.ID)
				}
			}
		}
	}
}

func TestDOTAcceptedByGraphviz(t *testing.T) {
	dotBin := needDot(t)
	for _, tc := range []struct {
		name string
		st   *graph.Store
		q    queries.ExportQuery
	}{
		{"awkward names", awkward(t), queries.ExportQuery{}},
		{"whole seed graph", testgraph.Seeded(t), queries.ExportQuery{}},
		{"iskp focus", testgraph.Seeded(t), queries.ExportQuery{Focus: "iskp", Depth: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sg := mustExport(t, tc.st, tc.q)
			var dot bytes.Buffer
			if err := WriteDOT(&dot, sg); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(dotBin, "-Tsvg")
			cmd.Stdin = &dot
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			svg, err := cmd.Output()
			if err != nil {
				t.Fatalf("dot -Tsvg: %v\n%s", err, stderr.String())
			}
			if strings.Contains(stderr.String(), "Error") || strings.Contains(stderr.String(), "syntax") {
				t.Errorf("dot complained: %s", stderr.String())
			}
			checkNames(t, sg, svg)
		})
	}
}

func TestRenderSVGInProcess(t *testing.T) {
	sg := mustExport(t, awkward(t), queries.ExportQuery{})
	var dot, svg bytes.Buffer
	if err := WriteDOT(&dot, sg); err != nil {
		t.Fatal(err)
	}
	if err := picture.RenderSVG(context.Background(), dot.Bytes(), &svg); err != nil {
		t.Fatal(err)
	}
	checkNames(t, sg, svg.Bytes())
	for _, l := range []string{"Legend", "perpetrated", "is a rival of", "armed group"} {
		if !slices.Contains(svgTextLines(t, svg.Bytes()), l) {
			t.Errorf("SVG lacks %q", l)
		}
	}
	if err := picture.RenderSVG(context.Background(), []byte("digraph { a -> }"), &bytes.Buffer{}); !errors.Is(err, picture.ErrRender) {
		t.Errorf("bad DOT: got %v, want picture.ErrRender", err)
	}
}

func TestRenderPNGDrawsLinesAndText(t *testing.T) {
	st := testgraph.Seeded(t)
	sg := mustExport(t, st, queries.ExportQuery{Focus: "Hayat Tahrir al-Sham"})
	var dot, svg, out bytes.Buffer
	if err := WriteDOT(&dot, sg); err != nil {
		t.Fatal(err)
	}
	if err := picture.RenderSVG(context.Background(), dot.Bytes(), &svg); err != nil {
		t.Fatal(err)
	}
	if err := picture.RenderPNG(svg.Bytes(), 2, &out); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&out)
	if err != nil {
		t.Fatalf("decode png: %v", err)
	}
	icon, err := svgSize(svg.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != int(icon[0]*2+0.5) || b.Dy() != int(icon[1]*2+0.5) {
		t.Errorf("png is %v, want twice the svg's %v points", b, icon)
	}
	// Reported edges are drawn in #333333 (a stroke), text in black, and
	// armed-group nodes filled with #f4b6b6.
	counts := map[[3]uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
		}
	}
	for name, c := range map[string][3]uint32{"edge stroke": {0x33, 0x33, 0x33}, "text": {0, 0, 0}, "armed-group fill": {0xf4, 0xb6, 0xb6}} {
		if counts[c] < 50 {
			t.Errorf("%s colour %x: only %d pixels", name, c, counts[c])
		}
	}
}

// svgSize reads the width and height of an SVG's viewBox.
func svgSize(svg []byte) ([2]float64, error) {
	var doc struct {
		ViewBox string `xml:"viewBox,attr"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		return [2]float64{}, err
	}
	var x, y, w, h float64
	_, err := fmt.Sscan(doc.ViewBox, &x, &y, &w, &h)
	return [2]float64{w, h}, err
}

func TestGraphMLParsesBack(t *testing.T) {
	sg := mustExport(t, awkward(t), queries.ExportQuery{})
	var b bytes.Buffer
	if err := WriteGraphML(&b, sg); err != nil {
		t.Fatal(err)
	}
	var doc gmlDoc
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("parse graphml: %v\n%s", err, b.String())
	}
	if doc.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" {
		t.Errorf("namespace %q", doc.XMLName.Space)
	}
	keys := map[string]bool{}
	for _, k := range doc.Keys {
		keys[k.ID] = true
	}
	if len(doc.Graph.Nodes) != len(sg.Nodes) || len(doc.Graph.Edges) != len(sg.Edges) {
		t.Fatalf("graphml has %d nodes, %d edges; want %d, %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(sg.Nodes), len(sg.Edges))
	}
	data := func(ds []gmlData, key string) string {
		if !keys[key] {
			t.Errorf("data key %s not declared", key)
		}
		for _, d := range ds {
			if d.Key == key {
				return d.Value
			}
		}
		return ""
	}
	for i, n := range doc.Graph.Nodes {
		want := sg.Nodes[i]
		if n.ID != want.ID || data(n.Data, "n_name") != want.Name || data(n.Data, "n_type") != want.Type {
			t.Errorf("node %d: got %s %q %q, want %s %q %q", i, n.ID, data(n.Data, "n_name"), data(n.Data, "n_type"), want.ID, want.Name, want.Type)
		}
	}
	quoted := doc.Graph.Nodes[slices.IndexFunc(doc.Graph.Nodes, func(n gmlNode) bool { return n.ID == "quoted" })]
	if got := data(quoted.Data, "n_aliases"); got != `<b>Front</b> & Co; Q\F` {
		t.Errorf("aliases of quoted: %q", got)
	}
	for i, e := range doc.Graph.Edges {
		want := sg.Edges[i]
		if e.Source != want.Subject || e.Target != want.Object || data(e.Data, "e_relation") != want.Relation {
			t.Errorf("edge %d: %s -%s-> %s", i, e.Source, data(e.Data, "e_relation"), e.Target)
		}
		if data(e.Data, "e_certainty") != string(firmest(want.Claims)) || data(e.Data, "e_quote") != want.Claims[0].Quote || data(e.Data, "e_source") != "awkward-test" {
			t.Errorf("edge %d data: %+v", i, e.Data)
		}
	}
}

// storeQuads lists every quad of a store as sorted N-Quads lines.
func storeQuads(t *testing.T, st *graph.Store) []string {
	t.Helper()
	var out []string
	if err := st.EachQuad(context.Background(), func(q quad.Quad) error {
		out = append(out, q.NQuad())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func quadLines(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	sort.Strings(out)
	return out
}

func diffLines(t *testing.T, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	g, w := map[string]bool{}, map[string]bool{}
	for _, s := range got {
		g[s] = true
	}
	for _, s := range want {
		w[s] = true
	}
	n := 0
	for _, s := range want {
		if !g[s] && n < 10 {
			t.Errorf("missing: %s", s)
			n++
		}
	}
	for _, s := range got {
		if !w[s] && n < 20 {
			t.Errorf("extra: %s", s)
			n++
		}
	}
	t.Errorf("quad sets differ: got %d, want %d", len(got), len(want))
}

func TestNQuadsRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		st   *graph.Store
		q    queries.ExportQuery
	}{
		{"whole seed graph", testgraph.Seeded(t), queries.ExportQuery{}},
		{"iskp focus", testgraph.Seeded(t), queries.ExportQuery{Focus: "iskp"}},
		{"as-of filter", testgraph.Seeded(t), queries.ExportQuery{AsOf: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"awkward names", awkward(t), queries.ExportQuery{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sg := mustExport(t, tc.st, tc.q)
			quads, err := queries.Quads(ctx, tc.st, sg)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "export.nq")
			var b bytes.Buffer
			if err := WriteNQuads(&b, quads); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			empty := graph.NewMemory()
			defer empty.Close()
			if _, err := seed.Load(ctx, empty, []seed.Input{seed.File(path)}, seed.Options{}); err != nil {
				t.Fatalf("load the export into an empty store: %v", err)
			}
			diffLines(t, storeQuads(t, empty), quadLines(quads))
			if tc.name == "whole seed graph" || tc.name == "awkward names" {
				// The whole graph is the whole store.
				diffLines(t, storeQuads(t, empty), storeQuads(t, tc.st))
			}
			again := mustExport(t, empty, tc.q)
			if len(again.Nodes) != len(sg.Nodes) || len(again.Edges) != len(sg.Edges) {
				t.Errorf("re-export from the loaded store: %d nodes, %d edges; want %d, %d", len(again.Nodes), len(again.Edges), len(sg.Nodes), len(sg.Edges))
			}
		})
	}
}

func TestJSONLDRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		st   *graph.Store
	}{
		{"whole seed graph", testgraph.Seeded(t)},
		{"awkward names", awkward(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			quads, err := queries.Quads(ctx, tc.st, mustExport(t, tc.st, queries.ExportQuery{}))
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := WriteJSONLD(&b, quads); err != nil {
				t.Fatal(err)
			}
			r := jsonld.NewReader(&b)
			var back []quad.Quad
			for {
				q, err := r.ReadQuad()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("read json-ld back: %v", err)
				}
				back = append(back, q)
			}
			empty := graph.NewMemory()
			defer empty.Close()
			if _, err := empty.AddQuads(ctx, back); err != nil {
				t.Fatal(err)
			}
			diffLines(t, storeQuads(t, empty), quadLines(quads))
		})
	}
}

func BenchmarkExportDOT(b *testing.B) {
	st := testgraph.Seeded(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		sg, err := queries.Export(ctx, st, queries.ExportQuery{})
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteDOT(&bytes.Buffer{}, sg); err != nil {
			b.Fatal(err)
		}
	}
}
