// Package queries answers analysts' questions over an actor graph: who an
// actor is, who it is connected to and how, and the sentences that say so.
// The CLI, the web server and export all call this one layer, so they give
// the same answers.
package queries

import (
	"context"
	"encoding/json"
	"maps"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Node is an entity as it appears in answers: enough to name and style it.
type Node struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type,omitempty"`
}

// Hop is one relation as seen from a node: the edge, the direction it was
// followed in, and the claims behind it.
type Hop struct {
	Subject   Node          `json:"subject"`
	Relation  string        `json:"relation"`
	Object    Node          `json:"object"`
	Direction string        `json:"direction"` // "out": from subject to object; "in": followed backwards
	Reads     string        `json:"reads"`     // the relation read in the direction followed: "opposes" / "is opposed by"
	Claims    []graph.Claim `json:"claims"`
}

// Sources are the distinct sources of the hop's claims, sorted: its
// corroboration.
func (h Hop) Sources() []string {
	if out := graph.ClaimSources(h.Claims); out != nil {
		return out
	}
	return []string{}
}

// MarshalJSON writes the hop with its corroboration: "sources" (IDs) and
// "source_count", always in step with its claims.
func (h Hop) MarshalJSON() ([]byte, error) {
	type plain Hop
	srcs := h.Sources()
	return json.Marshal(struct {
		plain
		Sources     []string `json:"sources"`
		SourceCount int      `json:"source_count"`
	}{plain(h), srcs, len(srcs)})
}

// From is the node the hop starts from in its direction.
func (h Hop) From() Node {
	if h.Direction == "in" {
		return h.Object
	}
	return h.Subject
}

// To is the node the hop arrives at.
func (h Hop) To() Node {
	if h.Direction == "in" {
		return h.Subject
	}
	return h.Object
}

// nodes caches entity lookups for one answer.
type nodes struct {
	ctx   context.Context
	st    *graph.Store
	cache map[string]graph.Entity
}

func newNodes(ctx context.Context, st *graph.Store) *nodes {
	return &nodes{ctx: ctx, st: st, cache: map[string]graph.Entity{}}
}

// entity reads an entity once per answer.
func (n *nodes) entity(id string) (graph.Entity, error) {
	if e, ok := n.cache[id]; ok {
		return e, nil
	}
	e, err := n.st.Entity(n.ctx, id)
	if err != nil {
		return graph.Entity{}, err
	}
	n.cache[id] = e
	return e, nil
}

func (n *nodes) get(id string) (Node, error) {
	e, err := n.entity(id)
	if err != nil {
		return Node{}, err
	}
	return Node{ID: id, Name: e.DisplayName(), Type: e.Type}, nil
}

// prefetchEnds reads the nodes at both ends of the edges that are not read
// yet, in one batched read.
func (n *nodes) prefetchEnds(byNode map[string][]graph.Edge) error {
	var ids []string
	want := map[string]bool{}
	for _, edges := range byNode {
		for _, e := range edges {
			for _, id := range []string{e.Subject, e.Object} {
				if _, ok := n.cache[id]; !ok && !want[id] {
					want[id] = true
					ids = append(ids, id)
				}
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	got, err := n.st.EntitiesByID(n.ctx, ids)
	if err != nil {
		return err
	}
	maps.Copy(n.cache, got)
	return nil
}

// hop turns an edge seen from node `from` into a Hop.
func (n *nodes) hop(e graph.Edge, from string) (Hop, error) {
	rel, err := graph.LookupRelation(e.Relation)
	if err != nil {
		return Hop{}, err
	}
	return n.hopAlong(e, from, &rel)
}

// hopAlong is hop for an edge whose relation is known (a predicate of
// another vocabulary, say).
func (n *nodes) hopAlong(e graph.Edge, from string, rel *graph.Relation) (Hop, error) {
	s, err := n.get(e.Subject)
	if err != nil {
		return Hop{}, err
	}
	o, err := n.get(e.Object)
	if err != nil {
		return Hop{}, err
	}
	h := Hop{Subject: s, Relation: e.Relation, Object: o, Direction: "out", Claims: e.Claims, Reads: rel.Label}
	if e.Subject != from && e.Object == from {
		h.Direction = "in"
		h.Reads = rel.Inverse
	}
	return h, nil
}

// checkRelations validates relation names given by a user.
func checkRelations(names []string) ([]string, error) {
	out := make([]string, len(names))
	for i, n := range names {
		r, err := graph.LookupRelation(n)
		if err != nil {
			return nil, err
		}
		out[i] = r.Name
	}
	return out, nil
}

// ParseAsOf reads the as-of date of a query; the empty string means no
// filter. Its error is an *graph.ArgError naming the as-of parameter.
func ParseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := graph.ParseDate(s)
	if err != nil {
		return time.Time{}, argError("{as-of}: "+err.Error(), err, "as-of")
	}
	return d.Start(), nil
}

// holdingClaims keeps the claims whose validity includes asOf (all when zero).
func holdingClaims(cs []graph.Claim, asOf time.Time) []graph.Claim {
	if asOf.IsZero() {
		return cs
	}
	var out []graph.Claim
	for _, c := range cs {
		if c.Holds(asOf) {
			out = append(out, c)
		}
	}
	return out
}

// eventAfter reports whether entity e is an event dated after asOf.
func eventAfter(e graph.Entity, asOf time.Time) bool {
	return !asOf.IsZero() && e.Date != nil && !e.Date.Start().Before(asOf.AddDate(0, 0, 1))
}
