package server

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/encode/export"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

func TestExportEndpoint(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	tests := []struct {
		name, query string
		code        int
		ctype, want string
	}{
		{"svg around ISKP", "?actor=ISKP&depth=1", 200, "image/svg+xml", "Taliban"},
		{"dot around an alias", "?actor=is-k&format=dot", 200, "text/vnd.graphviz", "Islamic State Khorasan Province"},
		{"unknown actor", "?actor=Talibn", 404, "application/json", `"suggestions"`},
		{"bad format", "?actor=ISKP&format=pdf", 400, "application/json", "want one of dot, svg, png"},
		{"bad depth", "?actor=ISKP&depth=x", 400, "application/json", "depth"},
		{"nodes and actor", "?actor=ISKP&nodes=taliban", 400, "application/json", "do not go together"},
		{"unknown node", "?nodes=iskp,nowhere-at-all", 404, "application/json", "nowhere-at-all"},
		{"bad certainty", "?nodes=iskp&certainty=rumoured", 400, "application/json", "certainty"},
		{"bad scale", "?nodes=iskp&format=png&scale=0", 400, "application/json", "scale"},
		{"bad date named once", "?actor=ISKP&as_of=2024-13", 400, "application/json", `"as_of: bad date`},
		{"depth out of range in parameter words", "?actor=ISKP&depth=11", 400, "application/json", `"depth: want 1..10, got 11"`},
		{"graphml download", "?nodes=iskp,taliban&format=graphml&download=my view", 200, "application/graphml+xml", "<graphml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := do(t, "GET", ts.URL+"/api/ag/export"+strings.ReplaceAll(tc.query, " ", "%20"), "", "")
			if res.code != tc.code || !strings.HasPrefix(res.header.Get("Content-Type"), tc.ctype) || !strings.Contains(res.body, tc.want) {
				t.Fatalf("got %d %q, body %.200q; want %d %s containing %q", res.code, res.header.Get("Content-Type"), res.body, tc.code, tc.ctype, tc.want)
			}
		})
	}
	res := get(t, ts.URL+"/api/ag/export?nodes=iskp&format=nquads&download=../../etc/x")
	if cd := res.header.Get("Content-Disposition"); cd != `attachment; filename="etcx.nq"` {
		t.Errorf("Content-Disposition %q: the name must lose its path", cd)
	}
}

// TestExportView exports a page's view (nodes POSTed as a form) in every
// format and reads each back with its real reader.
func TestExportView(t *testing.T) {
	ts, st := newTestServer(t, Options{})
	form := url.Values{"nodes": {"iskp,taliban,moscow,crocus-city-hall-attack"}}
	post := func(t *testing.T, format string, extra url.Values) response {
		t.Helper()
		f := url.Values{"format": {format}}
		for k, v := range form {
			f[k] = v
		}
		for k, v := range extra {
			f[k] = v
		}
		res := do(t, "POST", ts.URL+"/api/ag/export", "application/x-www-form-urlencoded", f.Encode())
		if res.code != 200 {
			t.Fatalf("%s: %d %s", format, res.code, res.body)
		}
		if ct := res.header.Get("Content-Type"); ct != export.Types[format].MediaType {
			t.Errorf("%s: Content-Type %q", format, ct)
		}
		return res
	}
	sg := decode[queries.Subgraph](t, post(t, "json", nil))
	var ids []string
	for _, n := range sg.Nodes {
		ids = append(ids, n.ID)
	}
	if strings.Join(ids, ",") != "crocus-city-hall-attack,iskp,moscow,taliban" {
		t.Fatalf("view nodes %v", ids)
	}
	if len(sg.Edges) < 3 {
		t.Fatalf("view edges %d: want the relations between the four", len(sg.Edges))
	}
	// The same subgraph the query layer gives, encoded by the same encoder.
	want, err := queries.Export(t.Context(), st, queries.ExportQuery{Nodes: []string{"iskp", "taliban", "moscow", "crocus-city-hall-attack"}})
	if err != nil {
		t.Fatal(err)
	}
	var wantDOT bytes.Buffer
	if err := export.Write(t.Context(), st, want, "dot", 2, &wantDOT); err != nil {
		t.Fatal(err)
	}
	if got := post(t, "dot", nil).body; got != wantDOT.String() {
		t.Errorf("DOT differs from export.Write's")
	}
	if png := post(t, "png", url.Values{"scale": {"1"}}).body; !strings.HasPrefix(png, "\x89PNG") {
		t.Errorf("png does not start with the PNG signature")
	}
	if svg := post(t, "svg", nil).body; !strings.Contains(svg, "<svg") || !strings.Contains(svg, "Moscow") {
		t.Errorf("svg lacks Moscow")
	}
	var gml struct {
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct{} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal([]byte(post(t, "graphml", nil).body), &gml); err != nil || len(gml.Graph.Nodes) != 4 || len(gml.Graph.Edges) != len(sg.Edges) {
		t.Errorf("graphml: %v, %d nodes, %d edges", err, len(gml.Graph.Nodes), len(gml.Graph.Edges))
	}
	qs, err := quad.ReadAll(nquads.NewReader(strings.NewReader(post(t, "nquads", nil).body), false))
	if err != nil || len(qs) == 0 {
		t.Errorf("nquads: %d quads, %v", len(qs), err)
	}
	var ld []any
	if err := json.Unmarshal([]byte(post(t, "jsonld", nil).body), &ld); err != nil || len(ld) == 0 {
		t.Errorf("jsonld: %v (%d items)", err, len(ld))
	}
	// The certainty filter keeps only the claims of the certainties asked for.
	only := decode[queries.Subgraph](t, post(t, "json", url.Values{"certainty": {"assessed"}}))
	for _, e := range only.Edges {
		for _, c := range e.Claims {
			if c.Certainty != graph.Assessed {
				t.Errorf("certainty=assessed kept a %s claim", c.Certainty)
			}
		}
	}
	if len(only.Edges) >= len(sg.Edges) {
		t.Errorf("certainty=assessed kept %d of %d edges", len(only.Edges), len(sg.Edges))
	}
}
