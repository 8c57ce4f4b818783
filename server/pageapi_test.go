package server

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestVocabGroups: every relation of the vocabulary is under exactly one
// heading of the page's relation filter.
func TestVocabGroups(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	v := decode[Vocab](t, get(t, ts.URL+"/api/ag/vocab"))
	seen := map[string]int{}
	for _, g := range v.Groups {
		for _, r := range g.Relations {
			seen[r]++
		}
	}
	for _, r := range graph.Relations {
		if seen[r.Name] != 1 {
			t.Errorf("relation %s is under %d headings", r.Name, seen[r.Name])
		}
	}
	if len(v.Types) != len(graph.Types) || len(v.Certainties) != len(graph.Certainties) || len(v.Relations) != len(graph.Relations) {
		t.Errorf("vocab has %d types, %d relations, %d certainties", len(v.Types), len(v.Relations), len(v.Certainties))
	}
	// The headings cover the vocabulary: nothing falls under "other".
	for _, g := range v.Groups {
		if g.Name == "other" {
			t.Errorf("relations without a heading: %v (add them to relationGroups)", g.Relations)
		}
	}
}

// TestViewsEndpoint: a read-only server lists views and refuses to save one
// with a 403 that says how to allow it; a writable one saves, replaces and
// lists them, and refuses a bad name or body with a 400.
func TestViewsEndpoint(t *testing.T) {
	ro, _ := newTestServer(t, Options{})
	if got := get(t, ro.URL+"/api/ag/views"); got.code != 200 || strings.TrimSpace(got.body) != "[]" {
		t.Fatalf("GET views on a fresh store: %d %s", got.code, got.body)
	}
	res := do(t, "POST", ro.URL+"/api/ag/views", "application/json", `{"name":"a","query":"actor=ISKP"}`)
	if res.code != 403 || !strings.Contains(res.body, "--allow-writes") {
		t.Fatalf("POST views read-only: %d %s", res.code, res.body)
	}

	rw, _ := newTestServer(t, Options{AllowWrites: true})
	for _, tc := range []struct {
		body string
		code int
		want string
	}{
		{`{"name":"iskp-2","query":"?actor=ISKP&depth=2"}`, 201, `"query": "actor=ISKP&depth=2"`},
		{`{"name":"iskp-2","query":"actor=ISKP&depth=2&rel=opposes"}`, 201, "rel=opposes"},
		{`{"name":"taliban","query":"actor=Taliban"}`, 201, "Taliban"},
		{`{"name":"two words","query":"actor=Taliban"}`, 400, "bad view name"},
		{`{"name":"x","query":"a","extra":1}`, 400, "unknown field"},
		{`not json`, 400, "body"},
	} {
		res := do(t, "POST", rw.URL+"/api/ag/views", "application/json", tc.body)
		if res.code != tc.code || !strings.Contains(res.body, tc.want) {
			t.Errorf("POST %s: %d %s; want %d containing %q", tc.body, res.code, res.body, tc.code, tc.want)
		}
	}
	vs := decode[[]graph.View](t, get(t, rw.URL+"/api/ag/views"))
	if len(vs) != 2 || vs[0].Name != "iskp-2" || vs[0].Query != "actor=ISKP&depth=2&rel=opposes" || vs[1].Name != "taliban" || vs[0].Saved == "" {
		t.Errorf("views %+v", vs)
	}
}
