package queries

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// WhyAnswer lists the relations between two nodes and every claim behind
// each, as seen from the first node.
type WhyAnswer struct {
	Subject  Node   `json:"subject"`
	Relation string `json:"relation,omitempty"` // the relation asked about; empty when all were asked for
	Object   Node   `json:"object"`
	Hops     []Hop  `json:"hops"` // one per (subject, relation, object), each with its claims
}

// Why finds every claim that subject relation object: the relation read
// forward, or either way for a symmetric relation. An empty relation asks
// for every relation between the two, in both directions.
func Why(ctx context.Context, st *graph.Store, subject, relation, object string) (WhyAnswer, error) {
	var rel graph.Relation
	if relation != "" {
		var err error
		if rel, err = graph.LookupRelation(relation); err != nil {
			return WhyAnswer{}, err
		}
	}
	s, err := st.Resolve(ctx, subject)
	if err != nil {
		return WhyAnswer{}, err
	}
	o, err := st.Resolve(ctx, object)
	if err != nil {
		return WhyAnswer{}, err
	}
	ns := newNodes(ctx, st)
	ans := WhyAnswer{Relation: rel.Name, Hops: []Hop{}}
	if ans.Subject, err = ns.get(s.ID); err != nil {
		return ans, err
	}
	if ans.Object, err = ns.get(o.ID); err != nil {
		return ans, err
	}
	var rels []string
	if rel.Name != "" {
		rels = []string{rel.Name}
	}
	edges, err := st.Edges(ctx, s.ID, graph.Both, rels...)
	if err != nil {
		return ans, err
	}
	for _, e := range edges {
		forward := e.Subject == s.ID && e.Object == o.ID
		backward := e.Subject == o.ID && e.Object == s.ID
		if !forward && !backward {
			continue
		}
		if rel.Name != "" && backward && !rel.Symmetric {
			continue
		}
		h, err := ns.hop(e, s.ID)
		if err != nil {
			return ans, err
		}
		ans.Hops = append(ans.Hops, h)
	}
	sortHops(ans.Hops)
	return ans, nil
}
