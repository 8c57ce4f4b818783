package queries

import (
	"context"
	"errors"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// ActorsQuery filters the actor list.
type ActorsQuery struct {
	Types []string // entity type names; empty for all
	Match string   // text found in the name, an alias or the ID (case-insensitive)
}

// Actors lists actors, places and events, sorted by name.
func Actors(ctx context.Context, st *graph.Store, q ActorsQuery) ([]graph.Entity, error) {
	for _, t := range q.Types {
		if _, err := graph.LookupType(t); err != nil {
			return nil, err
		}
	}
	all, err := st.Entities(ctx, q.Types...)
	if err != nil {
		return nil, err
	}
	if q.Match == "" {
		return all, nil
	}
	want := graph.NameKey(q.Match)
	var out []graph.Entity
	for _, e := range all {
		if matches(e, want) {
			out = append(out, e)
		}
	}
	return out, nil
}

func matches(e graph.Entity, want string) bool {
	if strings.Contains(graph.NameKey(e.ID), want) || strings.Contains(graph.NameKey(e.Name), want) {
		return true
	}
	for _, a := range e.Aliases {
		if strings.Contains(graph.NameKey(a), want) {
			return true
		}
	}
	return false
}

// Profile is everything known about one actor or event.
type Profile struct {
	graph.Entity
	Relations []Hop `json:"relations"`
	// Denials are relations of the entity that a source denies (see
	// Disputes for those another source asserts).
	Denials []Hop `json:"denials,omitempty"`
}

// Show resolves name (any alias) and returns the entity with every relation
// in and out, each with its claims.
func Show(ctx context.Context, st *graph.Store, name string) (Profile, error) {
	e, err := st.Resolve(ctx, name)
	if err != nil {
		return Profile{}, err
	}
	edges, err := st.Edges(ctx, e.ID, graph.Both)
	if err != nil {
		return Profile{}, err
	}
	if err := nameAnchors(ctx, st, &e); err != nil {
		return Profile{}, err
	}
	ns := newNodes(ctx, st)
	if err := ns.prefetchEnds(map[string][]graph.Edge{e.ID: edges}); err != nil {
		return Profile{}, err
	}
	p := Profile{Entity: e, Relations: make([]Hop, 0, len(edges))}
	for _, ed := range edges {
		h, err := ns.hop(ed, e.ID)
		if err != nil {
			return Profile{}, err
		}
		p.Relations = append(p.Relations, h)
	}
	sortHops(p.Relations)
	denied, err := st.Denials(ctx, e.ID)
	if err != nil {
		return Profile{}, err
	}
	for _, ed := range denied {
		h, err := ns.hop(ed, e.ID)
		if err != nil {
			return Profile{}, err
		}
		p.Denials = append(p.Denials, h)
	}
	return p, nil
}

// nameAnchors fills in the names of the events the entity's dates come
// after, so they read "after Kerman province attack".
func nameAnchors(ctx context.Context, st *graph.Store, e *graph.Entity) error {
	dates := []*graph.Date{e.Date}
	for i := range e.Facts {
		dates = append(dates, e.Facts[i].Date)
	}
	for _, d := range dates {
		if d == nil || d.After == "" {
			continue
		}
		a, err := st.Entity(ctx, d.After)
		if err != nil && !errors.Is(err, graph.ErrNotFound) {
			return err
		}
		d.AfterName = a.Name
	}
	return nil
}
