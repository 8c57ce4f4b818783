package queries

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/graph"
)

// Path search limits.
const (
	DefaultPathDepth = 6    // --max-depth when not given
	MaxPathDepth     = 12   // the largest --max-depth or --upto
	MaxPaths         = 1000 // paths returned by --all or --upto at most
)

// PathQuery asks how two actors are connected.
type PathQuery struct {
	From, To  string
	Relations []string // follow only these relations; empty for all
	Exclude   []string // never follow these relations
	// Predicates, when given, are followed instead of relations: IRIs of a
	// graph in another vocabulary (N-Quads loaded as they are).
	Predicates []string
	Directed   bool      // follow edges only from subject to object (symmetric relations both ways)
	MaxDepth   int       // hops at most; DefaultPathDepth when 0
	All        bool      // every shortest path instead of one
	UpTo       int       // when > 0: every simple path of at most UpTo hops
	AsOf       time.Time // only relations holding, and events dated, by then
}

// Step is one hop of a path: the two nodes and every relation linking them
// in the direction walked, each with the claims that assert it.
type Step struct {
	From Node  `json:"from"`
	To   Node  `json:"to"`
	Hops []Hop `json:"hops"`
}

// Path is a chain of steps from one actor to another.
type Path struct {
	Length int    `json:"length"` // steps
	Nodes  []Node `json:"nodes"`
	Steps  []Step `json:"steps"`
}

// PathAnswer is the answer to a path query.
type PathAnswer struct {
	From      Node   `json:"from"`
	To        Node   `json:"to"`
	Mode      string `json:"mode"` // "shortest", "all-shortest" or "upto"
	MaxDepth  int    `json:"max_depth"`
	Directed  bool   `json:"directed"`
	Truncated bool   `json:"truncated"` // more than MaxPaths paths exist
	Paths     []Path `json:"paths"`
}

// searcher walks the relation graph over the store's indexes.
type searcher struct {
	ctx      context.Context
	st       *graph.Store
	rels     graph.RelSet
	directed bool
	asOf     time.Time
	after    map[any]bool // node key → event dated after asOf (cache)
}

// neighbours calls fn with each node one hop from n: forward (along
// relations) when fwd, else backward. Undirected searches ignore fwd.
func (s *searcher) neighbours(n graph.NodeRef, fwd bool, fn func(graph.Link) error) error {
	dir := graph.Both
	return s.st.Links(s.ctx, n, dir, s.rels, func(l graph.Link) error {
		if s.directed && !l.Relation.Symmetric && l.Out != fwd {
			return nil
		}
		ok, err := s.usable(l)
		if err != nil || !ok {
			return err
		}
		return fn(l)
	})
}

// neighboursOf is neighbours for every node of a frontier, in order.
func (s *searcher) neighboursOf(frontier []graph.NodeRef, fwd bool, fn func(graph.NodeRef, graph.Link) error) error {
	return s.st.LinksOf(s.ctx, frontier, graph.Both, s.rels, func(n graph.NodeRef, l graph.Link) error {
		if s.directed && !l.Relation.Symmetric && l.Out != fwd {
			return nil
		}
		ok, err := s.usable(l)
		if err != nil || !ok {
			return err
		}
		return fn(n, l)
	})
}

// usable applies --as-of to a link.
func (s *searcher) usable(l graph.Link) (bool, error) {
	if s.asOf.IsZero() {
		return true, nil
	}
	k := graph.Key(l.Node)
	after, ok := s.after[k]
	if !ok {
		d, err := s.st.DateOfRef(s.ctx, l.Node)
		if err != nil {
			return false, err
		}
		after = !d.IsZero() && !d.Start().Before(s.asOf.AddDate(0, 0, 1))
		s.after[k] = after
	}
	if after {
		return false, nil
	}
	return s.st.LinkHolds(s.ctx, l, s.asOf)
}

// level is one side of a bidirectional search.
type level struct {
	dist     map[any]int
	parents  map[any][]graph.NodeRef
	frontier []graph.NodeRef
	depth    int
}

func newLevel(start graph.NodeRef) *level {
	k := graph.Key(start)
	return &level{dist: map[any]int{k: 0}, parents: map[any][]graph.NodeRef{}, frontier: []graph.NodeRef{start}}
}

// FindPaths answers a path query.
func FindPaths(ctx context.Context, st *graph.Store, q PathQuery) (PathAnswer, error) {
	if q.MaxDepth == 0 {
		q.MaxDepth = DefaultPathDepth
	}
	if err := q.Validate(); err != nil {
		return PathAnswer{}, err
	}
	rels, err := pathRelations(ctx, st, q)
	if err != nil {
		return PathAnswer{}, err
	}
	from, err := st.Resolve(ctx, q.From)
	if err != nil {
		return PathAnswer{}, err
	}
	to, err := st.Resolve(ctx, q.To)
	if err != nil {
		return PathAnswer{}, err
	}
	ns := newNodes(ctx, st)
	ans := PathAnswer{Mode: "shortest", MaxDepth: q.MaxDepth, Directed: q.Directed, Paths: []Path{}}
	if ans.From, err = ns.get(from.ID); err != nil {
		return ans, err
	}
	if ans.To, err = ns.get(to.ID); err != nil {
		return ans, err
	}
	src, err := st.NodeRefOf(ctx, from.ID)
	if err != nil {
		return ans, err
	}
	dst, err := st.NodeRefOf(ctx, to.ID)
	if err != nil {
		return ans, err
	}
	if graph.Key(src) == graph.Key(dst) {
		return ans, &SameActorError{From: q.From, To: q.To}
	}
	s := &searcher{ctx: ctx, st: st, rels: rels, directed: q.Directed, asOf: q.AsOf, after: map[any]bool{}}
	var seqs [][]graph.NodeRef
	switch {
	case q.UpTo > 0:
		ans.Mode, ans.MaxDepth = "upto", q.UpTo
		seqs, ans.Truncated, err = s.simplePaths(src, dst, q.UpTo)
	default:
		if q.All {
			ans.Mode = "all-shortest"
		}
		// Every shortest path, even for one: the one shown is the first by
		// name, so every backend (whatever order it lists links in) shows
		// the same path.
		seqs, ans.Truncated, err = s.shortest(src, dst, q.MaxDepth, true)
	}
	if err != nil {
		return ans, err
	}
	if q.UpTo == 0 && !q.All && len(seqs) > 1 {
		if seqs, err = s.firstByID(seqs); err != nil {
			return ans, err
		}
		ans.Truncated = false
	}
	if len(seqs) == 0 {
		return ans, &NoPathError{From: ans.From, To: ans.To, Depth: ans.MaxDepth}
	}
	for _, seq := range seqs {
		p, err := s.describe(ns, seq)
		if err != nil {
			return ans, err
		}
		ans.Paths = append(ans.Paths, p)
	}
	sort.SliceStable(ans.Paths, func(i, j int) bool {
		a, b := ans.Paths[i], ans.Paths[j]
		if a.Length != b.Length {
			return a.Length < b.Length
		}
		return pathKey(a) < pathKey(b)
	})
	return ans, nil
}

// pathRelations is what a path may follow: the relations asked for, or the
// predicates asked for, of which the store must hold at least one.
func pathRelations(ctx context.Context, st *graph.Store, q PathQuery) (graph.RelSet, error) {
	if len(q.Predicates) == 0 {
		return st.ResolveRelations(ctx, q.Relations, q.Exclude)
	}
	iris := make([]quad.IRI, len(q.Predicates))
	for i, p := range q.Predicates {
		iris[i] = quad.IRI(strings.TrimSuffix(strings.TrimPrefix(p, "<"), ">"))
	}
	rels, err := st.PredicateSet(ctx, iris...)
	if err != nil {
		return rels, err
	}
	if rels.Len() == 0 {
		return rels, argError(fmt.Sprintf("{predicate}: the store has none of %s", strings.Join(q.Predicates, ", ")), nil, "predicate")
	}
	return rels, nil
}

// firstByID keeps, of several shortest node sequences, the first by the
// IDs of its nodes: the same on every backend.
func (s *searcher) firstByID(seqs [][]graph.NodeRef) ([][]graph.NodeRef, error) {
	ids := map[any]string{}
	key := func(seq []graph.NodeRef) (string, error) {
		k := ""
		for _, r := range seq {
			id, ok := ids[graph.Key(r)]
			if !ok {
				var err error
				if id, err = s.st.IDOfRef(r); err != nil {
					return "", err
				}
				ids[graph.Key(r)] = id
			}
			k += id + "\x00"
		}
		return k, nil
	}
	best, bestKey := 0, ""
	for i, seq := range seqs {
		k, err := key(seq)
		if err != nil {
			return nil, err
		}
		if i == 0 || k < bestKey {
			best, bestKey = i, k
		}
	}
	return seqs[best : best+1], nil
}

func pathKey(p Path) string {
	k := ""
	for _, n := range p.Nodes {
		k += n.Name + "\x00"
	}
	return k
}

// shortest runs a bidirectional breadth-first search, expanding the smaller
// frontier a whole level at a time, and returns one shortest node sequence
// (or all of them).
func (s *searcher) shortest(src, dst graph.NodeRef, maxDepth int, all bool) ([][]graph.NodeRef, bool, error) {
	fw, bw := newLevel(src), newLevel(dst)
	var meet []graph.NodeRef
	for fw.depth+bw.depth < maxDepth && len(fw.frontier) > 0 && len(bw.frontier) > 0 {
		if err := s.ctx.Err(); err != nil {
			return nil, false, err
		}
		side, other, fwd := fw, bw, true
		if len(bw.frontier) < len(fw.frontier) {
			side, other, fwd = bw, fw, false
		}
		var next []graph.NodeRef
		d := side.depth + 1
		seenMeet := map[any]bool{}
		{
			// One call per level: a SQL store reads the whole frontier in one query.
			err := s.neighboursOf(side.frontier, fwd, func(n graph.NodeRef, l graph.Link) error {
				k := graph.Key(l.Node)
				dk, seen := side.dist[k]
				if seen && dk != d {
					return nil
				}
				if !seen {
					side.dist[k] = d
					next = append(next, l.Node)
				}
				ps := side.parents[k]
				for _, p := range ps {
					if graph.Key(p) == graph.Key(n) {
						return nil // a parallel relation: same parent
					}
				}
				side.parents[k] = append(ps, n)
				if _, ok := other.dist[k]; ok && !seenMeet[k] {
					seenMeet[k] = true
					meet = append(meet, l.Node)
				}
				return nil
			})
			if err != nil {
				return nil, false, err
			}
		}
		side.depth, side.frontier = d, next
		if len(meet) > 0 {
			break
		}
	}
	if len(meet) == 0 {
		return nil, false, nil
	}
	var out [][]graph.NodeRef
	truncated := false
	for _, m := range meet {
		for _, head := range chains(fw, m, MaxPaths) {
			for _, tail := range chains(bw, m, MaxPaths) {
				if len(out) == MaxPaths {
					truncated = true
					break
				}
				seq := append([]graph.NodeRef{}, head...)
				for i := len(tail) - 2; i >= 0; i-- {
					seq = append(seq, tail[i])
				}
				out = append(out, seq)
				if !all {
					return out, false, nil
				}
			}
		}
	}
	return out, truncated, nil
}

// chains lists the node sequences from a level's start to n along its
// parent links, start first (at most limit of them).
func chains(lv *level, n graph.NodeRef, limit int) [][]graph.NodeRef {
	ps := lv.parents[graph.Key(n)]
	if len(ps) == 0 {
		return [][]graph.NodeRef{{n}}
	}
	var out [][]graph.NodeRef
	for _, p := range ps {
		for _, c := range chains(lv, p, limit) {
			if len(out) == limit {
				return out
			}
			out = append(out, append(c, n))
		}
	}
	return out
}

// simplePaths lists every simple path of at most maxLen hops, depth-first,
// pruned by each node's distance to dst (found first by a breadth-first
// search backwards from dst).
func (s *searcher) simplePaths(src, dst graph.NodeRef, maxLen int) ([][]graph.NodeRef, bool, error) {
	toDst := newLevel(dst)
	for toDst.depth < maxLen && len(toDst.frontier) > 0 {
		if err := s.ctx.Err(); err != nil {
			return nil, false, err
		}
		var next []graph.NodeRef
		d := toDst.depth + 1
		for _, n := range toDst.frontier {
			err := s.neighbours(n, false, func(l graph.Link) error {
				k := graph.Key(l.Node)
				if _, ok := toDst.dist[k]; !ok {
					toDst.dist[k] = d
					next = append(next, l.Node)
				}
				return nil
			})
			if err != nil {
				return nil, false, err
			}
		}
		toDst.depth, toDst.frontier = d, next
	}
	if _, ok := toDst.dist[graph.Key(src)]; !ok {
		return nil, false, nil
	}
	var out [][]graph.NodeRef
	truncated := false
	onPath := map[any]bool{graph.Key(src): true}
	seq := []graph.NodeRef{src}
	dstKey := graph.Key(dst)
	errFull := errors.New("full")
	var walk func(n graph.NodeRef) error
	walk = func(n graph.NodeRef) error {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		left := maxLen - (len(seq) - 1)
		seen := map[any]bool{} // parallel relations lead to the same node once
		return s.neighbours(n, true, func(l graph.Link) error {
			k := graph.Key(l.Node)
			if onPath[k] || seen[k] {
				return nil
			}
			seen[k] = true
			if d, ok := toDst.dist[k]; !ok || d > left-1 {
				return nil
			}
			if k == dstKey {
				if len(out) == MaxPaths {
					truncated = true
					return errFull
				}
				out = append(out, append(append([]graph.NodeRef{}, seq...), l.Node))
				return nil
			}
			onPath[k] = true
			seq = append(seq, l.Node)
			err := walk(l.Node)
			seq = seq[:len(seq)-1]
			delete(onPath, k)
			return err
		})
	}
	if err := walk(src); err != nil && !errors.Is(err, errFull) {
		return nil, false, err
	}
	return out, truncated, nil
}

// describe loads the nodes of a node sequence and, for each step, every
// relation that links its two nodes with the claims behind it.
func (s *searcher) describe(ns *nodes, seq []graph.NodeRef) (Path, error) {
	p := Path{Length: len(seq) - 1, Nodes: make([]Node, len(seq)), Steps: make([]Step, 0, len(seq)-1)}
	ids := make([]string, len(seq))
	for i, r := range seq {
		id, err := s.st.IDOfRef(r)
		if err != nil {
			return p, err
		}
		ids[i] = id
		if p.Nodes[i], err = ns.get(id); err != nil {
			return p, err
		}
	}
	for i := 0; i+1 < len(seq); i++ {
		step := Step{From: p.Nodes[i], To: p.Nodes[i+1], Hops: []Hop{}}
		want := graph.Key(seq[i+1])
		byRel := map[string]int{}
		err := s.neighbours(seq[i], true, func(l graph.Link) error {
			if graph.Key(l.Node) != want {
				return nil
			}
			e, err := s.st.LinkEdge(s.ctx, l)
			if err != nil {
				return err
			}
			key := e.Subject + " " + e.Relation
			if j, ok := byRel[key]; ok {
				step.Hops[j].Claims = append(step.Hops[j].Claims, e.Claims...)
				return nil
			}
			h, err := ns.hopAlong(e, ids[i], l.Relation)
			if err != nil {
				return err
			}
			byRel[key] = len(step.Hops)
			step.Hops = append(step.Hops, h)
			return nil
		})
		if err != nil {
			return p, err
		}
		for j := range step.Hops {
			cs := step.Hops[j].Claims
			sort.Slice(cs, func(a, b int) bool { return cs[a].ID < cs[b].ID })
		}
		sortHops(step.Hops)
		p.Steps = append(p.Steps, step)
	}
	return p, nil
}
