package queries

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/cayleygraph/quad"
)

// ExportQuery selects the part of the graph to export. With no Focus the
// scope is the whole actor graph: every actor, place and event and the
// relations between them (never the type, source or claim bookkeeping nodes).
type ExportQuery struct {
	Focus     string    // an actor: export the network around it
	Depth     int       // hops around Focus; 1 when 0
	Relations []string  // only these relations; empty for all
	Types     []string  // only nodes of these types (the focus is always kept); empty for all
	AsOf      time.Time // only relations holding and events dated by then; zero for all
	// Path, when set, exports the paths it finds instead: their nodes and
	// the relations along them. Relations and AsOf apply to the search;
	// Types does not go with it (it would cut the paths).
	Path *PathQuery
	// Nodes, when set, exports exactly these nodes (IDs, names or aliases)
	// and the relations between them: what a page has in view. Relations,
	// Types and AsOf still apply; Focus and Depth do not go with it.
	Nodes []string
	// Progress, when set, is told how a big export goes: phase "nodes",
	// then "edges", by nodes done.
	Progress graph.Progress
}

// exportChunk is how many nodes an export reads at once (one batched read,
// a statement apiece on a SQL store) between progress reports.
const exportChunk = 1000

// Subgraph is an exported part of the graph: its nodes (with names, aliases
// and event facts) and the relations between them, each with the claims that
// assert it. Nodes are sorted by ID, edges by subject, relation and object.
type Subgraph struct {
	Scope string         `json:"scope"` // what was asked for, in words
	Nodes []graph.Entity `json:"nodes"`
	Edges []graph.Edge   `json:"edges"`
}

// Node returns the node with the given ID.
func (sg Subgraph) Node(id string) (graph.Entity, bool) {
	i := sort.Search(len(sg.Nodes), func(i int) bool { return sg.Nodes[i].ID >= id })
	if i < len(sg.Nodes) && sg.Nodes[i].ID == id {
		return sg.Nodes[i], true
	}
	return graph.Entity{}, false
}

// Export selects a subgraph: the whole actor graph, or the network around
// q.Focus, filtered by relation, node type and date.
func Export(ctx context.Context, st *graph.Store, q ExportQuery) (Subgraph, error) {
	if q.Depth == 0 {
		q.Depth = 1
	}
	if q.Path != nil && q.Path.MaxDepth == 0 {
		pq := *q.Path
		pq.MaxDepth = DefaultPathDepth
		q.Path = &pq
	}
	if err := q.Validate(); err != nil {
		return Subgraph{}, err
	}
	rels, err := checkRelations(q.Relations)
	if err != nil {
		return Subgraph{}, err
	}
	if q.Path != nil {
		return exportPaths(ctx, st, q, rels)
	}
	var ids []string
	keep := map[string]bool{}
	known := map[string]graph.Entity{} // entities read already
	sg := Subgraph{Scope: "whole graph", Nodes: []graph.Entity{}, Edges: []graph.Edge{}}
	switch {
	case len(q.Nodes) > 0:
		if ids, err = resolveAll(ctx, st, q.Nodes); err != nil {
			return Subgraph{}, err
		}
		sg.Scope = fmt.Sprintf("view of %d nodes", len(ids))
	case q.Focus == "":
		all, err := st.Entities(ctx)
		if err != nil {
			return Subgraph{}, err
		}
		for _, e := range all {
			ids = append(ids, e.ID)
			known[e.ID] = e
		}
	default:
		net, err := Neighbors(ctx, st, NeighborsQuery{Name: q.Focus, Relations: rels, Depth: q.Depth, AsOf: q.AsOf})
		if err != nil {
			return Subgraph{}, err
		}
		depth := max(q.Depth, 1)
		sg.Scope = fmt.Sprintf("%s, depth %d", net.Root.Name, depth)
		keep[net.Root.ID] = true // the focus survives every filter
		ids = append(ids, net.Root.ID)
		for _, n := range net.Neighbors {
			ids = append(ids, n.Node.ID)
		}
	}
	if sg.Nodes, err = exportNodes(ctx, st, q, ids, keep, known); err != nil {
		return Subgraph{}, err
	}
	if sg.Edges, err = exportEdges(ctx, st, q, rels, sg.Nodes); err != nil {
		return Subgraph{}, err
	}
	sort.Slice(sg.Edges, func(i, j int) bool { return edgeLess(sg.Edges[i], sg.Edges[j]) })
	if q.Focus == "" && len(q.Nodes) == 0 && len(rels) > 0 {
		sg.Nodes = linked(sg)
	}
	sg.Scope += scopeFilters(q, rels)
	return sg, nil
}

// exportNodes reads the nodes of ids that the query's type and date
// filters keep (keep: kept whatever), sorted by ID.
func exportNodes(ctx context.Context, st *graph.Store, q ExportQuery, ids []string, keep map[string]bool, known map[string]graph.Entity) ([]graph.Entity, error) {
	types := map[string]bool{}
	for _, t := range q.Types {
		types[t] = true
	}
	nodes := []graph.Entity{}
	for i := 0; i < len(ids); i += exportChunk {
		report(q.Progress, "nodes", i, len(ids))
		chunk := ids[i:min(i+exportChunk, len(ids))]
		var unread []string
		for _, id := range chunk {
			if _, ok := known[id]; !ok {
				unread = append(unread, id)
			}
		}
		got, err := st.EntitiesByID(ctx, unread)
		if err != nil {
			return nil, err
		}
		for _, id := range chunk {
			e, ok := known[id]
			if !ok {
				e = got[id]
			}
			if !keep[id] && (len(types) > 0 && !types[e.Type] || eventAfter(e, q.AsOf)) {
				continue
			}
			nodes = append(nodes, e)
		}
	}
	report(q.Progress, "nodes", len(ids), len(ids))
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	return nodes, nil
}

// exportEdges reads the relations between nodes, a chunk of nodes at a time.
func exportEdges(ctx context.Context, st *graph.Store, q ExportQuery, rels []string, nodes []graph.Entity) ([]graph.Edge, error) {
	in := make(map[string]bool, len(nodes))
	for _, n := range nodes {
		in[n.ID] = true
	}
	edges := []graph.Edge{}
	for i := 0; i < len(nodes); i += exportChunk {
		report(q.Progress, "edges", i, len(nodes))
		var chunk []string
		for _, n := range nodes[i:min(i+exportChunk, len(nodes))] {
			chunk = append(chunk, n.ID)
		}
		byNode, err := st.EdgesOf(ctx, chunk, graph.Out, rels...)
		if err != nil {
			return nil, err
		}
		for _, id := range chunk {
			for _, e := range byNode[id] {
				if !in[e.Object] || e.Subject != id {
					continue
				}
				e.Claims = holdingClaims(e.Claims, q.AsOf)
				if len(e.Claims) == 0 && !q.AsOf.IsZero() {
					continue
				}
				if e.Claims == nil {
					e.Claims = []graph.Claim{}
				}
				edges = append(edges, e)
			}
		}
	}
	report(q.Progress, "edges", len(nodes), len(nodes))
	return edges, nil
}

func report(p graph.Progress, phase string, done, total int) {
	if p != nil {
		p(phase, int64(done), int64(total))
	}
}

// resolveAll resolves names to distinct IDs, in the order given.
func resolveAll(ctx context.Context, st *graph.Store, names []string) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, n := range names {
		e, err := st.Resolve(ctx, n)
		if err != nil {
			return nil, err
		}
		if !seen[e.ID] {
			seen[e.ID] = true
			ids = append(ids, e.ID)
		}
	}
	return ids, nil
}

// linked keeps the nodes that have an edge: a whole-graph export filtered by
// relation shows who is linked that way, not every other node alone.
func linked(sg Subgraph) []graph.Entity {
	has := map[string]bool{}
	for _, e := range sg.Edges {
		has[e.Subject], has[e.Object] = true, true
	}
	out := []graph.Entity{}
	for _, n := range sg.Nodes {
		if has[n.ID] {
			out = append(out, n)
		}
	}
	return out
}

// exportPaths exports the paths between two actors: every node on them and
// every relation along their steps, with its claims.
func exportPaths(ctx context.Context, st *graph.Store, q ExportQuery, rels []string) (Subgraph, error) {
	pq := *q.Path
	if len(pq.Relations) == 0 {
		pq.Relations = rels
	}
	if pq.AsOf.IsZero() {
		pq.AsOf = q.AsOf
	}
	ans, err := FindPaths(ctx, st, pq)
	if err != nil {
		return Subgraph{}, err
	}
	sg := Subgraph{Nodes: []graph.Entity{}, Edges: []graph.Edge{}}
	sg.Scope = fmt.Sprintf("paths from %s to %s (%d)", ans.From.Name, ans.To.Name, len(ans.Paths))
	if len(ans.Paths) == 1 {
		sg.Scope = fmt.Sprintf("path from %s to %s", ans.From.Name, ans.To.Name)
	}
	seenNode := map[string]bool{}
	type key struct{ s, r, o string }
	seenEdge := map[key]bool{}
	for _, p := range ans.Paths {
		for _, n := range p.Nodes {
			if seenNode[n.ID] {
				continue
			}
			seenNode[n.ID] = true
			e, err := st.Entity(ctx, n.ID)
			if err != nil {
				return Subgraph{}, err
			}
			sg.Nodes = append(sg.Nodes, e)
		}
		for _, step := range p.Steps {
			for _, h := range step.Hops {
				k := key{h.Subject.ID, h.Relation, h.Object.ID}
				if seenEdge[k] {
					continue
				}
				seenEdge[k] = true
				claims := h.Claims
				if claims == nil {
					claims = []graph.Claim{}
				}
				sg.Edges = append(sg.Edges, graph.Edge{Subject: k.s, Relation: k.r, Object: k.o, Claims: claims})
			}
		}
	}
	sort.Slice(sg.Nodes, func(i, j int) bool { return sg.Nodes[i].ID < sg.Nodes[j].ID })
	sort.Slice(sg.Edges, func(i, j int) bool { return edgeLess(sg.Edges[i], sg.Edges[j]) })
	sg.Scope += scopeFilters(q, pq.Relations)
	return sg, nil
}

// scopeFilters describes the filters of an export in words.
func scopeFilters(q ExportQuery, rels []string) string {
	s := ""
	if len(rels) > 0 {
		s += ", relations " + strings.Join(rels, ", ")
	}
	if len(q.Types) > 0 {
		s += ", types " + strings.Join(q.Types, ", ")
	}
	if !q.AsOf.IsZero() {
		s += ", as of " + q.AsOf.Format("2006-01-02")
	}
	return s
}

func edgeLess(a, b graph.Edge) bool {
	if a.Subject != b.Subject {
		return a.Subject < b.Subject
	}
	if a.Relation != b.Relation {
		return a.Relation < b.Relation
	}
	return a.Object < b.Object
}

// Quads returns the quads behind a subgraph, sorted: every attribute quad of
// its nodes (type, names, name keys, event facts and quotes), each relation
// quad with the metadata quads of its claim, and the quads describing the
// sources those cite. Loading them into an empty store gives back exactly
// these quads.
func Quads(ctx context.Context, st *graph.Store, sg Subgraph) ([]quad.Quad, error) {
	var out []quad.Quad
	var keys []string
	seen := map[string]bool{}
	add := func(q quad.Quad) error {
		k := q.NQuad()
		if !seen[k] {
			seen[k] = true
			out = append(out, q)
			keys = append(keys, k)
		}
		return nil
	}
	sources := map[quad.Value]bool{}
	keep := labelFilter(ctx, st)
	for _, n := range sg.Nodes {
		err := st.QuadsWith(ctx, quad.Subject, graph.IRIOf(n.ID), func(q quad.Quad) error {
			if _, isRel := graph.RelationOf(q.Predicate); isRel {
				return nil
			}
			if ok, err := keep(q.Label); err != nil || !ok {
				return err
			}
			if q.Label != nil {
				sources[q.Label] = true
			}
			return add(q)
		})
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", n.ID, err)
		}
	}
	for _, e := range sg.Edges {
		s, p, o := graph.IRIOf(e.Subject), graph.RelationIRI(e.Relation), graph.IRIOf(e.Object)
		if len(e.Claims) == 0 {
			_ = add(quad.Make(s, p, o, nil))
		}
		for _, c := range e.Claims {
			label := graph.ClaimIRI(c.ID)
			_ = add(quad.Make(s, p, o, label))
			err := st.QuadsWith(ctx, quad.Subject, label, func(q quad.Quad) error {
				if q.Predicate == graph.PropSource {
					sources[q.Object] = true
				}
				return add(q)
			})
			if err != nil {
				return nil, fmt.Errorf("read claim %s: %w", c.ID, err)
			}
		}
	}
	for src := range sources {
		if err := st.QuadsWith(ctx, quad.Subject, src, add); err != nil {
			return nil, fmt.Errorf("read source %s: %w", src, err)
		}
	}
	sort.Sort(byKey{out, keys})
	return out, nil
}

// labelFilter keeps, in a view filtered by source, only the quads labelled
// with a kept source or a claim of one (and the unlabelled identity quads);
// every label is kept when the view is not filtered.
func labelFilter(ctx context.Context, st *graph.Store) func(quad.Value) (bool, error) {
	f := st.Filter()
	if len(f.Sources) == 0 && len(f.ExcludeSources) == 0 {
		return func(quad.Value) (bool, error) { return true, nil }
	}
	kept := func(src string) bool {
		if len(f.Sources) > 0 && !slices.Contains(f.Sources, src) {
			return false
		}
		return !slices.Contains(f.ExcludeSources, src)
	}
	cache := map[quad.Value]bool{}
	return func(l quad.Value) (bool, error) {
		iri, ok := l.(quad.IRI)
		if !ok {
			return true, nil
		}
		if v, ok := cache[l]; ok {
			return v, nil
		}
		var src string
		switch s := string(iri); {
		case strings.HasPrefix(s, graph.SourcePrefix):
			src = graph.IDOfSource(iri)
		case strings.HasPrefix(s, graph.ClaimPrefix):
			err := st.QuadsWith(ctx, quad.Subject, l, func(q quad.Quad) error {
				if q.Predicate == graph.PropSource {
					src = graph.IDOfSource(q.Object)
				}
				return nil
			})
			if err != nil {
				return false, err
			}
		default:
			return true, nil
		}
		cache[l] = kept(src)
		return cache[l], nil
	}
}

// byKey sorts quads by their N-Quads form, computed once.
type byKey struct {
	qs   []quad.Quad
	keys []string
}

func (b byKey) Len() int           { return len(b.qs) }
func (b byKey) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byKey) Swap(i, j int) {
	b.qs[i], b.qs[j] = b.qs[j], b.qs[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}
