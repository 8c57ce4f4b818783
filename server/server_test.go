package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/actorgraph/actorgraph/seed"
)

// newTestServer serves the seed graph (in memory) with opt.
func newTestServer(t *testing.T, opt Options) (*httptest.Server, *graph.Store) {
	t.Helper()
	st := testgraph.Seeded(t)
	srv, err := New(st, opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, st
}

type response struct {
	code   int
	header http.Header
	body   string
}

func do(t *testing.T, method, url, contentType, body string, hdr ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(b)}
}

func get(t *testing.T, url string) response { t.Helper(); return do(t, "GET", url, "", "") }

func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("decode %q: %v", r.body, err)
	}
	return v
}

// TestEndpoints covers every route with good and bad input.
func TestEndpoints(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	errMsg := func(t *testing.T, r response) errorBody { return decode[errorBody](t, r) }
	tests := []struct {
		name  string
		path  string
		code  int
		check func(t *testing.T, r response)
	}{
		{"actors by alias fragment", "/api/ag/actors?match=is-k", 200, func(t *testing.T, r response) {
			var ids []string
			for _, e := range decode[[]graph.Entity](t, r) {
				ids = append(ids, e.ID)
			}
			if !contains(ids, "iskp") {
				t.Errorf("want iskp among %v", ids)
			}
		}},
		{"actors by type", "/api/ag/actors?type=armed-group", 200, func(t *testing.T, r response) {
			es := decode[[]graph.Entity](t, r)
			if len(es) < 2 {
				t.Fatalf("want several armed groups, got %d", len(es))
			}
			for _, e := range es {
				if e.Type != "armed-group" {
					t.Errorf("%s has type %s", e.ID, e.Type)
				}
			}
		}},
		{"actors no match is an empty list", "/api/ag/actors?match=zzzzzz", 200, func(t *testing.T, r response) {
			if strings.TrimSpace(r.body) != "[]" {
				t.Errorf("want [], got %s", r.body)
			}
		}},
		{"actors unknown type", "/api/ag/actors?type=dragon", 400, func(t *testing.T, r response) {
			if !strings.Contains(errMsg(t, r).Error, "dragon") {
				t.Errorf("message does not name the type: %s", r.body)
			}
		}},
		{"show by alias", "/api/ag/show?actor=IS-K", 200, func(t *testing.T, r response) {
			p := decode[queries.Profile](t, r)
			if p.ID != "iskp" || len(p.Relations) == 0 {
				t.Errorf("want iskp with relations, got %s with %d", p.ID, len(p.Relations))
			}
		}},
		{"show missing actor", "/api/ag/show", 400, func(t *testing.T, r response) {
			if !strings.Contains(errMsg(t, r).Error, "actor") {
				t.Errorf("message does not name the parameter: %s", r.body)
			}
		}},
		{"show unknown actor suggests", "/api/ag/show?actor=ISKQ", 404, func(t *testing.T, r response) {
			e := errMsg(t, r)
			if !strings.Contains(e.Error, "ISKQ") || !contains(e.Suggestions, "Islamic State Khorasan Province") {
				t.Errorf("want the name and ISKP suggested, got %s", r.body)
			}
		}},
		{"neighbors by alias", "/api/ag/neighbors?actor=Islamic+State+Khorasan+Province", 200, func(t *testing.T, r response) {
			n := decode[queries.Network](t, r)
			if n.Root.ID != "iskp" || len(n.Neighbors) < 5 {
				t.Errorf("want iskp's neighbours, got %s with %d", n.Root.ID, len(n.Neighbors))
			}
		}},
		{"neighbors filtered", "/api/ag/neighbors?actor=ISKP&rel=perpetrated&direction=out&depth=1", 200, func(t *testing.T, r response) {
			n := decode[queries.Network](t, r)
			if len(n.Neighbors) == 0 {
				t.Fatal("no neighbours")
			}
			for _, nb := range n.Neighbors {
				for _, h := range nb.Via {
					if h.Relation != "perpetrated" || h.Direction != "out" {
						t.Errorf("hop %s %s slipped through the filter", h.Relation, h.Direction)
					}
				}
			}
		}},
		{"neighbors as of", "/api/ag/neighbors?actor=ISKP&as_of=2016", 200, nil},
		{"neighbors unknown actor", "/api/ag/neighbors?actor=Talibn", 404, func(t *testing.T, r response) {
			if !contains(errMsg(t, r).Suggestions, "Taliban") {
				t.Errorf("want Taliban suggested: %s", r.body)
			}
		}},
		{"neighbors depth zero", "/api/ag/neighbors?actor=ISKP&depth=0", 400, wantMsg("depth")},
		{"neighbors depth words", "/api/ag/neighbors?actor=ISKP&depth=two", 400, wantMsg("depth")},
		{"neighbors depth too deep", "/api/ag/neighbors?actor=ISKP&depth=11", 400, wantMsg("depth")},
		{"neighbors bad direction", "/api/ag/neighbors?actor=ISKP&direction=sideways", 400, wantMsg("sideways")},
		{"neighbors bad relation", "/api/ag/neighbors?actor=ISKP&rel=likes", 400, wantMsg("likes")},
		{"neighbors bad date", "/api/ag/neighbors?actor=ISKP&as_of=yesterday", 400, wantMsg("as_of")},
		{"path", "/api/ag/path?from=ISKP&to=Moscow", 200, func(t *testing.T, r response) {
			a := decode[queries.PathAnswer](t, r)
			if a.From.ID != "iskp" || a.To.ID != "moscow" || len(a.Paths) == 0 || a.Paths[0].Length < 2 {
				t.Errorf("want a path of 2+ hops from iskp to moscow, got %+v", a)
			}
		}},
		{"path all shortest", "/api/ag/path?from=ISKP&to=Moscow&all=true&rel=perpetrated,occurred-in", 200, func(t *testing.T, r response) {
			a := decode[queries.PathAnswer](t, r)
			if a.Mode != "all-shortest" || len(a.Paths) == 0 {
				t.Errorf("got mode %q with %d paths", a.Mode, len(a.Paths))
			}
		}},
		{"no path", "/api/ag/path?from=ISKP&to=Moscow&max_depth=1", 404, wantMsg("no path")},
		{"no path advice in parameter names", "/api/ag/path?from=ISKP&to=Moscow&max_depth=1", 404, wantMsgWithout("try a larger max_depth", "--")},
		{"same actor", "/api/ag/path?from=ISKP&to=IS-K", 400, wantMsg("are the same actor")},
		{"path depth message in parameter names", "/api/ag/path?from=ISKP&to=Moscow&max_depth=99", 400, wantMsgWithout("max_depth 99 out of range 1..12", "--")},
		{"path unknown actor", "/api/ag/path?from=ISKP&to=Moskow", 404, func(t *testing.T, r response) {
			if !contains(decode[errorBody](t, r).Suggestions, "Moscow") {
				t.Errorf("want Moscow suggested: %s", r.body)
			}
		}},
		{"path missing to", "/api/ag/path?from=ISKP", 400, wantMsg("to")},
		{"path depth too deep", "/api/ag/path?from=ISKP&to=Moscow&max_depth=99", 400, wantMsg("max_depth")},
		{"path all and upto", "/api/ag/path?from=ISKP&to=Moscow&all=1&upto=3", 400, wantMsg("upto")},
		{"path bad bool", "/api/ag/path?from=ISKP&to=Moscow&directed=maybe", 400, wantMsg("directed")},
		{"path bad exclusion", "/api/ag/path?from=ISKP&to=Moscow&exclude_rel=likes", 400, wantMsg("likes")},
		{"why", "/api/ag/why?subject=IS-K&object=Taliban", 200, func(t *testing.T, r response) {
			a := decode[queries.WhyAnswer](t, r)
			if a.Subject.ID != "iskp" || len(a.Hops) < 2 {
				t.Errorf("want several relations between iskp and the taliban, got %+v", a)
			}
		}},
		{"why one relation", "/api/ag/why?subject=ISKP&relation=opposes&object=Taliban", 200, wantBody("IS-K loathes the Taliban")},
		{"why bad relation", "/api/ag/why?subject=ISKP&relation=likes&object=Taliban", 400, wantMsg("likes")},
		{"why missing object", "/api/ag/why?subject=ISKP", 400, wantMsg("object")},
		{"timeline", "/api/ag/timeline?actor=ISKP", 200, func(t *testing.T, r response) {
			tl := decode[queries.Timeline](t, r)
			if tl.Actor.ID != "iskp" || len(tl.Events) < 3 {
				t.Errorf("want iskp's events, got %+v", tl)
			}
		}},
		{"timeline bad date", "/api/ag/timeline?actor=ISKP&from=soon", 400, wantMsg("from")},
		{"timeline unknown actor", "/api/ag/timeline?actor=Nobody+At+All", 404, nil},
		{"unknown endpoint", "/api/ag/nope", 404, wantMsg("/api/ag/nope")},
		{"info", "/api/ag/info", 200, func(t *testing.T, r response) {
			in := decode[Info](t, r)
			if !in.ReadOnly || len(in.Examples) == 0 || in.Kinds["armed-group"] != "actor" || in.Kinds["attack"] != "event" {
				t.Errorf("bad info %+v", in)
			}
		}},
		{"health", "/health", 204, nil},
		{"no pprof", "/debug/pprof/", 404, nil},
		{"no pprof cmdline", "/debug/pprof/cmdline", 404, nil},
		{"our page", "/", 200, func(t *testing.T, r response) {
			if !strings.Contains(r.body, "/ag/app.js") || !strings.Contains(r.header.Get("Content-Security-Policy"), "default-src 'self'") {
				t.Errorf("page or CSP missing: %v", r.header)
			}
		}},
		{"our script", "/ag/app.js", 200, wantBody("/api/ag/neighbors")},
		{"cayley ui", "/ui/", 200, wantBody("/static/js/main.")},
		{"cayley ui asset", "/gizmo.d.ts", 200, wantBody("interface")},
		{"cayley ui root index hidden", "/index.html", 404, nil},
		{"cayley ui service worker hidden", "/service-worker.js", 404, nil},
		{"monaco loader", "/monaco/vs/loader.js", 200, wantBody("define")},
		{"monaco editor", "/monaco/vs/editor/editor.main.js", 200, nil},
		{"icon font css", "/ui-assets/material-icons.css", 200, wantBody("/ui-assets/material-icons.woff2")},
		{"icon font", "/ui-assets/material-icons.woff2", 200, nil},
		{"ui css rewritten", "/static/css/main.72fe53e6.chunk.css", 200, func(t *testing.T, r response) {
			if strings.Contains(r.body, "googleapis") || !strings.Contains(r.body, uiIconsHere) {
				t.Error("icon font import not rewritten")
			}
		}},
		{"ui js rewritten", "/static/js/main.84d3ab8c.chunk.js", 200, func(t *testing.T, r response) {
			if strings.Contains(r.body, "localhost:64210") || !strings.Contains(r.body, `de=(n(83),"")`) {
				t.Error("server URL not rewritten to the page's own origin")
			}
		}},
		{"ui editor loader rewritten", "/static/js/2.7d84b3fa.chunk.js", 200, func(t *testing.T, r response) {
			if strings.Contains(r.body, "jsdelivr") || !strings.Contains(r.body, uiMonacoHere) {
				t.Error("Monaco CDN not rewritten")
			}
		}},
		{"cayley formats", "/api/v2/formats", 200, wantBody("nquads")},
		{"cayley read", "/api/v2/read?format=nquads&sub=<ag:iskp>&pred=<prop:name>", 200, wantBody("Islamic State Khorasan Province")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := get(t, ts.URL+tc.path)
			if r.code != tc.code {
				t.Fatalf("GET %s: status %d, want %d; body %s", tc.path, r.code, tc.code, r.body)
			}
			if r.header.Get("Access-Control-Allow-Origin") != "" {
				t.Error("CORS header set")
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

func wantMsg(part string) func(*testing.T, response) {
	return func(t *testing.T, r response) {
		t.Helper()
		if e := decode[errorBody](t, r); !strings.Contains(e.Error, part) {
			t.Errorf("error %q does not mention %q", e.Error, part)
		}
	}
}

// wantMsgWithout: the error mentions part and not bad (a CLI flag's "--").
func wantMsgWithout(part, bad string) func(*testing.T, response) {
	return func(t *testing.T, r response) {
		t.Helper()
		e := decode[errorBody](t, r)
		if !strings.Contains(e.Error, part) || strings.Contains(e.Error, bad) {
			t.Errorf("error %q: want %q in it and no %q", e.Error, part, bad)
		}
	}
}

func wantBody(part string) func(*testing.T, response) {
	return func(t *testing.T, r response) {
		t.Helper()
		if !strings.Contains(r.body, part) {
			t.Errorf("body does not contain %q", part)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSameAnswerAsQueries checks the JSON endpoints give exactly what the
// queries package (and so the CLI's --format json) gives.
func TestSameAnswerAsQueries(t *testing.T) {
	ts, st := newTestServer(t, Options{})
	ctx := context.Background()
	net, err := queries.Neighbors(ctx, st, queries.NeighborsQuery{Name: "ISKP", Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := decode[queries.Network](t, get(t, ts.URL+"/api/ag/neighbors?actor=ISKP&depth=2"))
	want := roundTrip[queries.Network](t, net)
	if !reflect.DeepEqual(got, want) {
		t.Error("neighbors over HTTP differ from queries.Neighbors")
	}
	p, err := queries.Show(ctx, st, "ISKP")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := decode[queries.Profile](t, get(t, ts.URL+"/api/ag/show?actor=iskp")), roundTrip[queries.Profile](t, p); !reflect.DeepEqual(got, want) {
		t.Error("show over HTTP differs from queries.Show")
	}
}

func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out T
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCayleyQuery runs Gizmo through Cayley's API v2 as the UI does.
func TestCayleyQuery(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	tests := []struct {
		name, lang, query string
		code              int
		want              string
	}{
		{"gizmo", "gizmo", `g.V("<ag:iskp>").out("<prop:name>").all()`, 200, "Islamic State Khorasan Province"},
		{"graphql", "graphql", `{ nodes(id: <ag:iskp>) { <prop:name> } }`, 200, "Islamic State Khorasan Province"},
		{"malformed gizmo", "gizmo", `g.V(.all(`, 400, "SyntaxError"},
		{"gizmo runtime error", "gizmo", `g.V().nosuchstep()`, 400, "nosuchstep"},
		{"unknown language", "sparql", `SELECT * {}`, 400, "unknown query language"},
		{"empty query", "gizmo", ``, 400, "query is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, "POST", ts.URL+"/api/v2/query?lang="+tc.lang, "text/plain", tc.query)
			if r.code != tc.code || !strings.Contains(r.body, tc.want) {
				t.Fatalf("status %d body %s; want %d with %q", r.code, r.body, tc.code, tc.want)
			}
			if tc.code != 200 {
				if e := decode[errorBody](t, r); e.Error == "" {
					t.Error("no error message")
				}
			}
		})
	}
}

// TestRunawayQueryTimesOut stops while(true){} at the timeout.
func TestRunawayQueryTimesOut(t *testing.T) {
	ts, _ := newTestServer(t, Options{Timeout: 300 * time.Millisecond})
	start := time.Now()
	r := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "text/plain", `while(true){}`)
	took := time.Since(start)
	if r.code != http.StatusGatewayTimeout || !strings.Contains(r.body, "timeout") {
		t.Fatalf("status %d body %s; want 504 naming the timeout", r.code, r.body)
	}
	if took > 5*time.Second {
		t.Errorf("took %s for a 300ms timeout", took)
	}
	// The server still answers afterwards.
	if r := get(t, ts.URL+"/api/ag/show?actor=ISKP"); r.code != 200 {
		t.Errorf("after the runaway query: status %d", r.code)
	}
}

// TestResultLimit caps Gizmo results and our lists.
func TestResultLimit(t *testing.T) {
	ts, _ := newTestServer(t, Options{Limit: 3})
	r := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "text/plain", `g.V().all()`)
	var res struct{ Result []any }
	if err := json.Unmarshal([]byte(r.body), &res); err != nil || len(res.Result) != 3 {
		t.Errorf("gizmo: want 3 results, got %d (%v)", len(res.Result), err)
	}
	r = get(t, ts.URL+"/api/ag/actors")
	if es := decode[[]graph.Entity](t, r); len(es) != 3 || r.header.Get("X-Result-Truncated") != "true" {
		t.Errorf("actors: want 3 and the truncated header, got %d %v", len(es), r.header)
	}
	r = get(t, ts.URL+"/api/ag/neighbors?actor=ISKP")
	if n := decode[queries.Network](t, r); len(n.Neighbors) != 3 || r.header.Get("X-Result-Total") == "" {
		t.Errorf("neighbors: want 3 and the total header, got %d", len(n.Neighbors))
	}
}

// TestOversizeBody refuses bodies over MaxBody, with or without a length.
func TestOversizeBody(t *testing.T) {
	ts, _ := newTestServer(t, Options{MaxBody: 1024})
	big := `g.V("` + strings.Repeat("x", 4096) + `").all()`
	r := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "text/plain", big)
	if r.code != http.StatusRequestEntityTooLarge || !strings.Contains(r.body, "limit") {
		t.Errorf("with a length: status %d body %s, want 413", r.code, r.body)
	}
	// Chunked: no Content-Length, so MaxBytesReader has to stop it.
	req, _ := http.NewRequest("POST", ts.URL+"/api/v2/query?lang=gizmo", io.MultiReader(strings.NewReader(big)))
	req.ContentLength = -1
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode == 200 || !strings.Contains(string(b), "too large") {
		t.Errorf("chunked: status %d body %s, want a refusal", res.StatusCode, b)
	}
	// Small bodies still pass.
	if r := do(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "text/plain", `g.V("<ag:iskp>").all()`); r.code != 200 {
		t.Errorf("small body: status %d", r.code)
	}
}

// TestWrites: refused read-only (the default), accepted with AllowWrites.
func TestWrites(t *testing.T) {
	nq := "<ag:test-node> <prop:name> \"Test node\" .\n"
	t.Run("read-only refuses", func(t *testing.T) {
		ts, st := newTestServer(t, Options{})
		before, _ := st.Size(context.Background())
		for _, path := range []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete"} {
			r := do(t, "POST", ts.URL+path, "application/n-quads", nq)
			if r.code != http.StatusForbidden || !strings.Contains(r.body, "read-only") {
				t.Errorf("%s: status %d body %s, want 403 read-only", path, r.code, r.body)
			}
		}
		if after, _ := st.Size(context.Background()); after != before {
			t.Errorf("store changed from %d to %d quads", before, after)
		}
	})
	t.Run("allow-writes writes", func(t *testing.T) {
		ts, st := newTestServer(t, Options{AllowWrites: true})
		before, _ := st.Size(context.Background())
		r := do(t, "POST", ts.URL+"/api/v2/write", "application/n-quads", nq)
		if r.code != 200 {
			t.Fatalf("status %d body %s", r.code, r.body)
		}
		if after, _ := st.Size(context.Background()); after != before+1 {
			t.Errorf("store went from %d to %d quads, want one more", before, after)
		}
	})
	t.Run("allow-writes needs a writable store", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "graph.db")
		seedBolt(t, path)
		st, err := graph.Open(context.Background(), graph.Location{Backend: graph.BackendBolt, Address: path}, graph.OpenOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := New(st, Options{AllowWrites: true}); !errors.Is(err, graph.ErrReadOnly) {
			t.Errorf("got %v, want ErrReadOnly", err)
		}
	})
}

// seedBolt writes the seed graph to a bbolt file.
func seedBolt(t *testing.T, path string) {
	t.Helper()
	st, err := graph.Open(context.Background(), graph.Location{Backend: graph.BackendBolt, Address: path}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Load(context.Background(), st, seed.Builtin(), seed.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCrossOrigin: no CORS, cross-site writes refused, foreign hosts refused
// on loopback.
func TestCrossOrigin(t *testing.T) {
	ts, _ := newTestServer(t, Options{LoopbackHosts: true})
	q := ts.URL + "/api/v2/query?lang=gizmo"
	r := do(t, "POST", q, "text/plain", `g.V().all()`, "Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site")
	if r.code != http.StatusForbidden || !strings.Contains(r.body, "cross-origin") {
		t.Errorf("cross-site POST: status %d body %s, want 403", r.code, r.body)
	}
	r = do(t, "POST", q, "text/plain", `g.V().all()`, "Origin", ts.URL, "Sec-Fetch-Site", "same-origin")
	if r.code != 200 {
		t.Errorf("same-origin POST: status %d body %s", r.code, r.body)
	}
	r = do(t, "OPTIONS", q, "", "", "Origin", "http://evil.example", "Access-Control-Request-Method", "POST")
	if r.header.Get("Access-Control-Allow-Origin") != "" || r.header.Get("Access-Control-Allow-Methods") != "" {
		t.Errorf("preflight answered with CORS headers: %v", r.header)
	}
	r = do(t, "GET", ts.URL+"/api/ag/show?actor=ISKP", "", "", "Origin", "http://evil.example")
	if r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("GET reflected the Origin")
	}
	req, _ := http.NewRequest("GET", ts.URL+"/api/ag/info", nil)
	req.Host = "rebound.evil.example"
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: status %d, want 421", res.StatusCode)
	}
}

func TestIsLoopbackHost(t *testing.T) {
	for in, want := range map[string]bool{
		"127.0.0.1:64210": true, "localhost:8099": true, "[::1]:80": true, "127.0.0.2": true, "LOCALHOST": true,
		"0.0.0.0:64210": false, ":64210": false, "192.168.1.4:80": false, "example.com": false, "[::]:1": false,
	} {
		if got := IsLoopbackHost(in); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestGracefulShutdown: cancelling the context lets a request in flight
// finish, then Serve returns nil and the port is closed.
func TestGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "finished")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, h, time.Second, 5*time.Second) }()
	url := "http://" + ln.Addr().String() + "/"
	got := make(chan string, 1)
	go func() {
		res, err := http.Get(url)
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel() // SIGINT
	time.Sleep(100 * time.Millisecond)
	select {
	case err := <-served:
		t.Fatalf("Serve returned %v before the request finished", err)
	default:
	}
	close(release)
	if body := <-got; body != "finished" {
		t.Errorf("request in flight got %q", body)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Error("still accepting connections after shutdown")
	}
}

// serveLoopback serves st on a free loopback port with the real listener and
// graceful shutdown (as `actorgraph serve` does) until the test ends, and
// returns its base URL.
func serveLoopback(t *testing.T, st *graph.Store) string {
	t.Helper()
	return serveWith(t, st, Options{})
}
