package queries

import (
	"context"
	"sort"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// NeighborsQuery asks for the network around an actor.
type NeighborsQuery struct {
	Name      string
	Relations []string        // only these relations; empty for all
	Direction graph.Direction // which side of each edge to follow
	Depth     int             // hops; 1 when 0
	AsOf      time.Time       // only relations holding and events dated by then; zero for all
}

// Neighbor is a node reached from the root, with the hops that reached it
// from the previous level.
type Neighbor struct {
	Node  Node  `json:"node"`
	Depth int   `json:"depth"`
	Via   []Hop `json:"via"`
}

// Network is the answer to a neighbors query.
type Network struct {
	Root      Node       `json:"root"`
	Neighbors []Neighbor `json:"neighbors"`
}

// MaxDepth bounds neighbors' --depth.
const MaxDepth = 10

// Neighbors walks breadth-first from the named actor.
func Neighbors(ctx context.Context, st *graph.Store, q NeighborsQuery) (Network, error) {
	if q.Depth == 0 {
		q.Depth = 1
	}
	if err := q.Validate(); err != nil {
		return Network{}, err
	}
	if q.Direction == 0 {
		q.Direction = graph.Both
	}
	rels, err := checkRelations(q.Relations)
	if err != nil {
		return Network{}, err
	}
	root, err := st.Resolve(ctx, q.Name)
	if err != nil {
		return Network{}, err
	}
	ns := newNodes(ctx, st)
	rootNode, err := ns.get(root.ID)
	if err != nil {
		return Network{}, err
	}
	net := Network{Root: rootNode, Neighbors: []Neighbor{}}
	seen := map[string]int{root.ID: -1}
	frontier := []string{root.ID}
	for depth := 1; depth <= q.Depth && len(frontier) > 0; depth++ {
		if err := ctx.Err(); err != nil {
			return Network{}, err
		}
		// One level at a time: its edges, then the nodes they reach, each
		// in a few batched reads (one statement apiece on a SQL store).
		edges, err := st.EdgesOf(ctx, frontier, graph.Both, rels...)
		if err != nil {
			return Network{}, err
		}
		if err := ns.prefetchEnds(edges); err != nil {
			return Network{}, err
		}
		var next []string
		for _, id := range frontier {
			hops, err := hopsFrom(st, ns, id, edges[id], q.Direction, q.AsOf)
			if err != nil {
				return Network{}, err
			}
			for _, h := range hops {
				to := h.To()
				if i, ok := seen[to.ID]; ok {
					if i >= 0 && net.Neighbors[i].Depth == depth {
						net.Neighbors[i].Via = append(net.Neighbors[i].Via, h)
					}
					continue
				}
				seen[to.ID] = len(net.Neighbors)
				net.Neighbors = append(net.Neighbors, Neighbor{Node: to, Depth: depth, Via: []Hop{h}})
				next = append(next, to.ID)
			}
		}
		frontier = next
	}
	sort.SliceStable(net.Neighbors, func(i, j int) bool {
		a, b := net.Neighbors[i], net.Neighbors[j]
		if a.Depth != b.Depth {
			return a.Depth < b.Depth
		}
		return a.Node.Name < b.Node.Name
	})
	for _, n := range net.Neighbors {
		sortHops(n.Via)
	}
	return net, nil
}

// hopsFrom turns the edges of node id into the hops leaving it: out along
// its relations, in against them, and both ways along symmetric relations.
// The nodes at their ends are in ns already.
func hopsFrom(st *graph.Store, ns *nodes, id string, edges []graph.Edge, dir graph.Direction, asOf time.Time) ([]Hop, error) {
	var hops []Hop
	for _, e := range edges {
		rel, _ := graph.LookupRelation(e.Relation)
		h, err := ns.hop(e, id)
		if err != nil {
			return nil, err
		}
		if e.Subject == e.Object {
			continue
		}
		want := graph.Out
		if h.Direction == "in" {
			want = graph.In
		}
		if dir&want == 0 && !rel.Symmetric {
			continue
		}
		if h.Claims = holdingClaims(h.Claims, asOf); len(h.Claims) == 0 && !asOf.IsZero() {
			continue
		}
		if !asOf.IsZero() {
			other, err := ns.entity(h.To().ID)
			if err != nil {
				return nil, err
			}
			if eventAfter(other, asOf) {
				continue
			}
		}
		hops = append(hops, h)
	}
	return hops, nil
}

func sortHops(hs []Hop) {
	sort.SliceStable(hs, func(i, j int) bool {
		a, b := hs[i], hs[j]
		if a.Direction != b.Direction {
			return a.Direction > b.Direction // out first
		}
		if a.Relation != b.Relation {
			return a.Relation < b.Relation
		}
		return a.To().Name < b.To().Name
	})
}
