package queries

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
)

func mustExport(t testing.TB, st *graph.Store, q ExportQuery) Subgraph {
	t.Helper()
	sg, err := Export(context.Background(), st, q)
	if err != nil {
		t.Fatalf("Export(%+v): %v", q, err)
	}
	return sg
}

func subgraphIDs(sg Subgraph) []string {
	ids := make([]string, len(sg.Nodes))
	for i, n := range sg.Nodes {
		ids[i] = n.ID
	}
	return ids
}

func TestExportWholeGraph(t *testing.T) {
	st := testgraph.Seeded(t)
	sg := mustExport(t, st, ExportQuery{})
	all, err := st.Entities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(sg.Nodes) != len(all) {
		t.Errorf("whole graph has %d nodes, store has %d entities", len(sg.Nodes), len(all))
	}
	ids := subgraphIDs(sg)
	if !sort.StringsAreSorted(ids) {
		t.Errorf("nodes not sorted by ID: %v", ids)
	}
	for _, id := range ids {
		if strings.Contains(id, ":") {
			t.Errorf("bookkeeping node %q in the export", id)
		}
	}
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	for i, e := range sg.Edges {
		if !in[e.Subject] || !in[e.Object] {
			t.Errorf("edge %s %s %s has an end outside the subgraph", e.Subject, e.Relation, e.Object)
		}
		if len(e.Claims) == 0 {
			t.Errorf("edge %s %s %s has no claims", e.Subject, e.Relation, e.Object)
		}
		if i > 0 && !edgeLess(sg.Edges[i-1], e) {
			t.Errorf("edges not sorted at %d", i)
		}
	}
	if len(sg.Edges) < 50 {
		t.Errorf("only %d edges in the whole seed graph", len(sg.Edges))
	}
}

func TestExportFocusAndFilters(t *testing.T) {
	st := testgraph.Seeded(t)
	tests := []struct {
		name    string
		q       ExportQuery
		want    []string // node IDs that must be there
		notWant []string
		check   func(t *testing.T, sg Subgraph)
	}{
		{
			name: "focus depth 1", q: ExportQuery{Focus: "IS-K", Depth: 1},
			want: []string{"iskp", "taliban", "islamic-state", "crocus-city-hall-attack"}, notWant: []string{"moscow"},
		},
		{
			name: "focus depth 2 reaches further", q: ExportQuery{Focus: "IS-K", Depth: 2},
			want: []string{"iskp", "moscow"},
		},
		{
			name: "relation filter", q: ExportQuery{Focus: "iskp", Relations: []string{"opposes"}},
			want: []string{"iskp", "taliban"}, notWant: []string{"crocus-city-hall-attack"},
			check: func(t *testing.T, sg Subgraph) {
				for _, e := range sg.Edges {
					if e.Relation != "opposes" {
						t.Errorf("edge %s %s %s passed --rel opposes", e.Subject, e.Relation, e.Object)
					}
				}
			},
		},
		{
			name: "type filter keeps the focus", q: ExportQuery{Focus: "iskp", Types: []string{"state"}},
			want: []string{"iskp", "russia"}, notWant: []string{"taliban", "crocus-city-hall-attack"},
			check: func(t *testing.T, sg Subgraph) {
				for _, n := range sg.Nodes {
					if n.ID != "iskp" && n.Type != "state" {
						t.Errorf("node %s of type %s passed --type state", n.ID, n.Type)
					}
				}
			},
		},
		{
			name: "whole graph by relation keeps linked nodes only", q: ExportQuery{Relations: []string{"opposes"}},
			want: []string{"iskp", "taliban"}, notWant: []string{"moscow", "kabul-airport-bombing"},
			check: func(t *testing.T, sg Subgraph) {
				if len(sg.Edges) == 0 {
					t.Fatal("no opposes edges")
				}
				for _, n := range sg.Nodes {
					linked := false
					for _, e := range sg.Edges {
						linked = linked || e.Subject == n.ID || e.Object == n.ID
					}
					if !linked {
						t.Errorf("node %s has no opposes edge", n.ID)
					}
				}
			},
		},
		{
			name: "as-of drops later events", q: ExportQuery{AsOf: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)},
			want: []string{"kabul-airport-bombing"}, notWant: []string{"crocus-city-hall-attack"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sg := mustExport(t, st, tc.q)
			ids := subgraphIDs(sg)
			for _, id := range tc.want {
				if !slices.Contains(ids, id) {
					t.Errorf("missing %s in %v", id, ids)
				}
			}
			for _, id := range tc.notWant {
				if slices.Contains(ids, id) {
					t.Errorf("unexpected %s in %v", id, ids)
				}
			}
			if tc.check != nil {
				tc.check(t, sg)
			}
		})
	}
}

func TestExportPaths(t *testing.T) {
	st := testgraph.Seeded(t)
	sg := mustExport(t, st, ExportQuery{Path: &PathQuery{From: "HTS", To: "Moscow", All: true}})
	ans, err := FindPaths(context.Background(), st, PathQuery{From: "HTS", To: "Moscow", All: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, p := range ans.Paths {
		for _, n := range p.Nodes {
			want[n.ID] = true
		}
	}
	ids := subgraphIDs(sg)
	if len(ids) != len(want) || !slices.Contains(ids, "hayat-tahrir-al-sham") || !slices.Contains(ids, "moscow") {
		t.Errorf("path export nodes %v, want the path nodes %v", ids, want)
	}
	if len(sg.Edges) < len(ans.Paths[0].Steps) {
		t.Errorf("%d edges for paths of %d steps", len(sg.Edges), len(ans.Paths[0].Steps))
	}
	for _, e := range sg.Edges {
		if !want[e.Subject] || !want[e.Object] || len(e.Claims) == 0 {
			t.Errorf("edge %s %s %s off the paths or without claims", e.Subject, e.Relation, e.Object)
		}
	}
	if !strings.Contains(sg.Scope, "from Hayat Tahrir al-Sham to Moscow") {
		t.Errorf("scope %q", sg.Scope)
	}
	_, err = Export(context.Background(), st, ExportQuery{Path: &PathQuery{From: "iskp", To: "russia"}, Types: []string{"state"}})
	if !errors.Is(err, ErrPathWithTypes) {
		t.Errorf("path with types: got %v", err)
	}
	_, err = Export(context.Background(), st, ExportQuery{Path: &PathQuery{From: "HTS", To: "Moscow", MaxDepth: 1}})
	if !errors.Is(err, ErrNoPath) {
		t.Errorf("no path within 1 hop: got %v", err)
	}
}

func TestExportErrors(t *testing.T) {
	st := testgraph.Seeded(t)
	tests := []struct {
		name string
		q    ExportQuery
		want error
	}{
		{"unknown actor", ExportQuery{Focus: "Nobody Front"}, graph.ErrNotFound},
		{"unknown relation", ExportQuery{Relations: []string{"likes"}}, graph.ErrUnknownRelation},
		{"unknown type", ExportQuery{Types: []string{"band"}}, graph.ErrUnknownType},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Export(context.Background(), st, tc.q)
			if !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
}
