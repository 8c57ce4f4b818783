package queries

import (
	"context"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Sources lists every source document with its counts.
func Sources(ctx context.Context, st *graph.Store) ([]graph.SourceInfo, error) {
	return st.Sources(ctx)
}

// Dispute is a disagreement between sources, with its entities named.
type Dispute struct {
	Kind     string              `json:"kind"` // date, killed, injured, casualties or relation
	Subject  Node                `json:"subject"`
	Relation string              `json:"relation,omitempty"`
	Object   *Node               `json:"object,omitempty"`
	Sides    []graph.DisputeSide `json:"sides"`
}

// Disputes lists the facts on which sources disagree: figures and dates of
// one event, and relations one source asserts and another denies. A
// non-empty about keeps the disputes that involve that actor or event.
func Disputes(ctx context.Context, st *graph.Store, about string) ([]Dispute, error) {
	var want string
	if about != "" {
		e, err := st.Resolve(ctx, about)
		if err != nil {
			return nil, err
		}
		want = e.ID
	}
	ds, err := st.Disputes(ctx)
	if err != nil {
		return nil, err
	}
	ns := newNodes(ctx, st)
	out := []Dispute{}
	for _, d := range ds {
		if want != "" && d.Subject != want && d.Object != want {
			continue
		}
		s, err := ns.get(d.Subject)
		if err != nil {
			return nil, err
		}
		nd := Dispute{Kind: d.Kind, Subject: s, Relation: d.Relation, Sides: d.Sides}
		if d.Object != "" {
			o, err := ns.get(d.Object)
			if err != nil {
				return nil, err
			}
			nd.Object = &o
		}
		out = append(out, nd)
	}
	return out, nil
}

// Retract removes a source and what only it says (see graph.Store.Retract).
func Retract(ctx context.Context, st *graph.Store, source string, opt graph.RetractOptions) (graph.Retraction, error) {
	return st.Retract(ctx, source, opt)
}

// MergeQuery asks to treat two actors as one.
type MergeQuery struct {
	A, B string // any names: IDs, names or aliases
	Why  string
	By   string
	At   time.Time
}

// Merge resolves both names and records the same-as decision.
func Merge(ctx context.Context, st *graph.Store, q MergeQuery) (graph.Decision, error) {
	a, b, err := resolvePair(ctx, st, q.A, q.B)
	if err != nil {
		return graph.Decision{}, err
	}
	return st.Merge(ctx, graph.Decision{A: a, B: b, Why: q.Why, By: q.By, At: graph.DecisionAt(q.At)})
}

// Unmerge undoes the decision that merged two IDs.
func Unmerge(ctx context.Context, st *graph.Store, a, b string) (graph.Decision, error) {
	return st.Unmerge(ctx, a, b)
}

// resolvePair resolves two names to entity IDs. For merge the IDs must be
// the entities' own, not a group's: a name resolves through merges, so an ID
// given as such is taken as it is.
func resolvePair(ctx context.Context, st *graph.Store, a, b string) (string, string, error) {
	ida, err := ownID(ctx, st, a)
	if err != nil {
		return "", "", err
	}
	idb, err := ownID(ctx, st, b)
	return ida, idb, err
}

func ownID(ctx context.Context, st *graph.Store, name string) (string, error) {
	if ok, err := st.HasEntity(ctx, name); err != nil || ok {
		return name, err
	}
	e, err := st.Resolve(ctx, name)
	return e.ID, err
}
