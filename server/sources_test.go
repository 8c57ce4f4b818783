package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/queries"
)

// TestSourceEndpoints serves the two fictional multi-source fixtures and
// checks sources, disputes and the source parameters of every endpoint,
// against the query layer the CLI prints.
func TestSourceEndpoints(t *testing.T) {
	st := testgraph.MultiSource(t)
	srv, err := New(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	want, err := queries.Disputes(context.Background(), st, "")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(want); err != nil {
		t.Fatal(err)
	}
	if r := get(t, ts.URL+"/api/ag/disputes"); r.code != http.StatusOK || r.body != b.String() {
		t.Errorf("disputes: %d, body differs from the query layer's JSON:\n%s\nwant:\n%s", r.code, r.body, b.String())
	}
	if ds := decode[[]queries.Dispute](t, get(t, ts.URL+"/api/ag/disputes?actor=Ostra+Front")); len(ds) != 1 || ds[0].Kind != "relation" {
		t.Errorf("disputes about the Ostra Front = %+v; want the denied alliance", ds)
	}
	srcs := decode[[]struct{ ID string }](t, get(t, ts.URL+"/api/ag/sources"))
	if len(srcs) != 2 || srcs[0].ID != "coastal-monitor" || srcs[1].ID != "northwind-herald" {
		t.Errorf("sources = %+v", srcs)
	}
	type net struct {
		Neighbors []struct {
			Node struct{ ID string }
		}
	}
	if n := decode[net](t, get(t, ts.URL+"/api/ag/neighbors?actor=RLB&min_sources=2")); len(n.Neighbors) != 1 || n.Neighbors[0].Node.ID != "velmar" {
		t.Errorf("neighbors min_sources=2 = %+v; want velmar only", n)
	}
	if n := decode[net](t, get(t, ts.URL+"/api/ag/neighbors?actor=RLB&source=northwind-herald")); len(n.Neighbors) != 3 {
		t.Errorf("neighbors of the herald alone = %+v; want 3", n)
	}
	for _, tc := range []struct {
		url  string
		code int
	}{
		{"/api/ag/show?actor=RLB&source=no-such-source", http.StatusNotFound},
		{"/api/ag/neighbors?actor=RLB&min_sources=two", http.StatusBadRequest},
		{"/api/ag/export?format=dot&source=no-such-source", http.StatusNotFound},
	} {
		if r := get(t, ts.URL+tc.url); r.code != tc.code {
			t.Errorf("%s: %d %s; want %d", tc.url, r.code, r.body, tc.code)
		}
	}
}
