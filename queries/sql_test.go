package queries

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/pgtest"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/seed"
)

// openPG opens an empty store on the test PostgreSQL server and loads quads.
func openPG(t *testing.T, quads []quad.Quad) *graph.Store {
	t.Helper()
	ctx := context.Background()
	loc, err := graph.ParseLocation(pgtest.NewStore(t))
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(ctx, loc, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.AddQuads(ctx, quads); err != nil {
		t.Fatal(err)
	}
	return st
}

func memStore(t *testing.T, quads []quad.Quad) *graph.Store {
	t.Helper()
	st := graph.NewMemory()
	t.Cleanup(func() { st.Close() })
	if _, err := st.AddQuads(context.Background(), quads); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestPathSearchSQLRoundTrips: on PostgreSQL a path search reads each
// breadth-first level with one query, not one query per node, and finds the
// same paths as the in-memory store: on the seed graph, and on a random
// graph of 3,000 actors where a search expands hundreds of nodes.
func TestPathSearchSQLRoundTrips(t *testing.T) {
	ctx := context.Background()
	batches, err := seed.Compile(ctx, nil, seed.Builtin(), seed.Options{})
	if err != nil {
		t.Fatal(err)
	}
	random := randomGraph(3000, 3)
	for _, g := range []struct {
		name    string
		quads   []quad.Quad
		queries []PathQuery
	}{
		{"seed", batches[0].Quads, []PathQuery{
			{From: "ISKP", To: "United States"},
			{From: "Kabul airport", To: "Russia"},
			{From: "Alina Romanowski", To: "Crocus City Hall", All: true},
			{From: "Al-Hol camp", To: "Moscow"}, // no path
		}},
		{"random", random, []PathQuery{
			{From: "n0", To: "n1500"},
			{From: "n7", To: "n2999", All: true},
		}},
	} {
		pg, mem := openPG(t, g.quads), memStore(t, g.quads)
		for _, q := range g.queries {
			want, wantErr := FindPaths(ctx, mem, q)
			before := pg.SQLQueries()
			start := time.Now()
			got, err := FindPaths(ctx, pg, q)
			took := time.Since(start)
			total := pg.SQLQueries() - before
			if (err == nil) != (wantErr == nil) || !samePaths(got, want) {
				t.Errorf("%s: %s → %s: PostgreSQL answers %v (%v); in-memory store %v (%v)", g.name, q.From, q.To, pathsOf(got), err, pathsOf(want), wantErr)
			}
			lv := expansion(t, pg, q, false)
			pn := expansion(t, pg, q, true)
			t.Logf("%s: %s → %s: search %d queries in %s; expansion: %d levels over %d nodes: per level %d queries in %s, per node %d queries in %s",
				g.name, q.From, q.To, total, took.Round(time.Millisecond), lv.levels, lv.nodes,
				lv.queries, lv.took.Round(time.Millisecond), pn.queries, pn.took.Round(time.Millisecond))
			if lv.queries != int64(lv.levels) || pn.queries != int64(pn.nodes) {
				t.Errorf("%s → %s: %d queries for %d levels, %d for %d nodes; want one per level, one per node",
					q.From, q.To, lv.queries, lv.levels, pn.queries, pn.nodes)
			}
			// Around the levels: resolving the two names and the relations,
			// naming the nodes of tied shortest paths (to show the same one
			// on every backend), and describing each node and step of the
			// paths found.
			if budget := lv.queries + 30 + 3*int64(countNodes(got)); total > budget {
				t.Errorf("%s → %s: the search made %d queries, more than its %d levels and the lookups around them (%d)", q.From, q.To, total, lv.levels, budget)
			}
		}
	}
}

// randomGraph is n armed groups, each rival of k others drawn at random
// (with a fixed seed).
func randomGraph(n, k int) []quad.Quad {
	rng := rand.New(rand.NewPCG(1, 2))
	var out []quad.Quad
	id := func(i int) quad.IRI { return graph.IRIOf(fmt.Sprintf("n%d", i)) }
	for i := 0; i < n; i++ {
		out = append(out, quad.Make(id(i), graph.PropType, graph.TypeIRI("armed-group"), nil),
			quad.Make(id(i), graph.PropName, quad.String(fmt.Sprintf("Group %d", i)), nil))
		for j := 0; j < k; j++ {
			if o := rng.IntN(n); o != i {
				out = append(out, quad.Make(id(i), graph.RelationIRI("rival-of"), id(o), nil))
			}
		}
	}
	return out
}

type expanded struct {
	levels, nodes int
	queries       int64
	took          time.Duration
}

// expansion replays the search's bidirectional breadth-first levels,
// reading each level with one LinksOf call or (perNode) with one Links call
// per node, and counts the levels, the nodes expanded and the queries.
func expansion(t *testing.T, st *graph.Store, q PathQuery, perNode bool) (x expanded) {
	t.Helper()
	ctx := context.Background()
	rels, err := st.ResolveRelations(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sides [2]*level
	for i, name := range []string{q.From, q.To} {
		e, err := st.Resolve(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := st.NodeRefOf(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		sides[i] = newLevel(r)
	}
	fw, bw := sides[0], sides[1]
	before, start := st.SQLQueries(), time.Now()
	defer func() { x.queries, x.took = st.SQLQueries()-before, time.Since(start) }()
	for fw.depth+bw.depth < DefaultPathDepth && len(fw.frontier) > 0 && len(bw.frontier) > 0 {
		side, other := fw, bw
		if len(bw.frontier) < len(fw.frontier) {
			side, other = bw, fw
		}
		x.levels++
		x.nodes += len(side.frontier)
		var next []graph.NodeRef
		met := false
		visit := func(_ graph.NodeRef, l graph.Link) error {
			k := graph.Key(l.Node)
			if _, ok := side.dist[k]; !ok {
				side.dist[k] = side.depth + 1
				next = append(next, l.Node)
			}
			if _, ok := other.dist[k]; ok {
				met = true
			}
			return nil
		}
		if perNode {
			for _, n := range side.frontier {
				if err := st.Links(ctx, n, graph.Both, rels, func(l graph.Link) error { return visit(n, l) }); err != nil {
					t.Fatal(err)
				}
			}
		} else if err := st.LinksOf(ctx, side.frontier, graph.Both, rels, visit); err != nil {
			t.Fatal(err)
		}
		side.depth, side.frontier = side.depth+1, next
		if met {
			break
		}
	}
	return x
}

// extraHops counts the hops of the paths beyond one per step: the parallel
// relations between two nodes of a path.
func extraHops(a PathAnswer) int {
	n := 0
	for _, p := range a.Paths {
		for _, st := range p.Steps {
			n += len(st.Hops) - 1
		}
	}
	return n
}

func countNodes(a PathAnswer) int {
	n := 0
	for _, p := range a.Paths {
		n += len(p.Nodes)
	}
	return n
}

func pathsOf(a PathAnswer) []string {
	var out []string
	for _, p := range a.Paths {
		out = append(out, nodeIDs(p))
	}
	return out
}

func samePaths(a, b PathAnswer) bool {
	x, y := pathsOf(a), pathsOf(b)
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// TestNeighborsSQLRoundTrips: on PostgreSQL neighbours read a whole
// breadth-first level (its relations, their claims, the nodes reached) in a
// few statements, whatever the number of nodes, and give the same answer as
// the in-memory store: on a synthetic graph with claims, from its biggest
// hub and from a small actor.
func TestNeighborsSQLRoundTrips(t *testing.T) {
	ctx := context.Background()
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, 20_000, synth.Seed); err != nil {
		t.Fatal(err)
	}
	quads, err := quad.ReadAll(nquads.NewReader(&buf, false))
	if err != nil {
		t.Fatal(err)
	}
	pg, mem := openPG(t, quads), memStore(t, quads)
	for _, q := range []NeighborsQuery{
		{Name: "a0", Depth: 1},
		{Name: "a0", Depth: 2, Relations: []string{"backs"}},
		{Name: "a700", Depth: 3, Direction: graph.Out},
	} {
		want, err := Neighbors(ctx, mem, q)
		if err != nil {
			t.Fatal(err)
		}
		before := pg.SQLQueries()
		got, err := Neighbors(ctx, pg, q)
		if err != nil {
			t.Fatal(err)
		}
		statements := pg.SQLQueries() - before
		if g, w := mustJSON(t, got), mustJSON(t, want); g != w {
			t.Errorf("%s depth %d: PostgreSQL and in-memory answers differ:\n%.400s\n%.400s", q.Name, q.Depth, g, w)
		}
		levels := 0
		for _, n := range got.Neighbors {
			levels = max(levels, n.Depth)
		}
		// Per level: the relations out and in, their claims, the nodes
		// reached (each batch ≤ 5,000 values: one statement here); around
		// them: resolving the name and reading the root.
		budget := int64(4*(levels+1) + 10)
		t.Logf("%s depth %d: %d neighbours over %d levels in %d statements", q.Name, q.Depth, len(got.Neighbors), levels, statements)
		if len(got.Neighbors) < 10 {
			t.Errorf("%s depth %d: only %d neighbours: the fixture does not exercise batching", q.Name, q.Depth, len(got.Neighbors))
		}
		if statements > budget {
			t.Errorf("%s depth %d: %d statements for %d neighbours over %d levels, want at most %d", q.Name, q.Depth, statements, len(got.Neighbors), levels, budget)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
