package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/pgtest"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/seed"
)

// TestServeSQLAgrees: the API served from PostgreSQL (read-only, as a
// serve instance of a shared cluster runs) answers as the in-memory store.
func TestServeSQLAgrees(t *testing.T) {
	ctx := context.Background()
	loc, err := graph.ParseLocation(pgtest.NewStore(t))
	if err != nil {
		t.Fatal(err)
	}
	w, err := graph.Open(ctx, loc, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Load(ctx, w, seed.Builtin(), seed.Options{}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	pg, err := graph.Open(ctx, loc, graph.OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	serve := func(st *graph.Store) *httptest.Server {
		srv, err := New(st, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		return ts
	}
	sqlSrv, memSrv := serve(pg), serve(testgraph.Seeded(t))
	for _, path := range []string{
		"/api/ag/actors",
		"/api/ag/actors?match=is-k",
		"/api/ag/actors?type=armed-group",
		"/api/ag/neighbors?actor=ISKP&depth=2",
		"/api/ag/neighbors?actor=ISKP&rel=perpetrated&direction=out&depth=1",
		"/api/ag/neighbors?actor=Talibn",
		"/api/ag/path?from=ISKP&to=Moscow",
		"/api/ag/path?from=ISKP&to=Moscow&all=1&upto=3",
		"/api/ag/path?from=ISKP&to=Moscow&max_depth=1",
	} {
		got := do(t, http.MethodGet, sqlSrv.URL+path, "", "")
		want := do(t, http.MethodGet, memSrv.URL+path, "", "")
		if path == "/api/ag/actors" && (got.code != http.StatusOK || !strings.Contains(got.body, `"iskp"`)) {
			t.Errorf("GET %s from PostgreSQL: %d %.200s; want 200 listing iskp", path, got.code, got.body)
		}
		if got.code != want.code || got.body != want.body {
			t.Errorf("GET %s: PostgreSQL %d %.300s\nin-memory %d %.300s", path, got.code, got.body, want.code, want.body)
		}
	}
}
