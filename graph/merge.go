package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
)

// ErrNotMerged: unmerge of two IDs no decision joins.
var ErrNotMerged = errors.New("not merged")

// Decision is an analyst's same-as decision: two IDs, from two sources,
// name one actor. It is recorded with who took it, when and why, and undone
// exactly by Unmerge.
type Decision struct {
	A, B string    `json:"-"`
	IDs  [2]string `json:"ids"`
	Why  string    `json:"why"`
	By   string    `json:"by"`
	At   string    `json:"at"` // RFC 3339, UTC
}

// identityCache holds the same-as groups, read once per store and reset by
// every write.
type identityCache struct {
	mu     sync.Mutex
	cur    *identity
	loaded bool
}

func (c *identityCache) reset() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.cur, c.loaded = nil, false
	c.mu.Unlock()
}

// identity is the store's same-as groups: each merged ID to its group's
// members (sorted; the first is the canonical ID), and the same by node
// reference for path search.
type identity struct {
	groups     map[string][]string
	refMembers map[any][]NodeRef // Key(canonical ref) → refs of every member
	refCanon   map[any]NodeRef   // Key(member ref) → canonical ref
}

func (i *identity) members(id string) []string {
	if i != nil {
		if g, ok := i.groups[id]; ok {
			return g
		}
	}
	return []string{id}
}

func (i *identity) canon(id string) string {
	if i != nil {
		if g, ok := i.groups[id]; ok {
			return g[0]
		}
	}
	return id
}

func (i *identity) merged() bool { return i != nil && len(i.groups) > 0 }

// identity returns the same-as groups, reading them from the store once.
func (s *Store) identity(ctx context.Context) (*identity, error) {
	c := s.ids
	if c == nil {
		return nil, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded {
		return c.cur, nil
	}
	id, err := s.readIdentity(ctx)
	if err != nil {
		return nil, err
	}
	c.cur, c.loaded = id, true
	return id, nil
}

func (s *Store) readIdentity(ctx context.Context) (*identity, error) {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			parent[x] = x
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	err := s.QuadsWith(ctx, quad.Predicate, PropSameAs, func(q quad.Quad) error {
		a, b := find(IDOf(q.Subject)), find(IDOf(q.Object))
		if a != b {
			parent[b] = a
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read same-as decisions: %w", err)
	}
	if len(parent) == 0 {
		return nil, nil
	}
	byRoot := map[string][]string{}
	for x := range parent {
		r := find(x)
		byRoot[r] = append(byRoot[r], x)
	}
	id := &identity{groups: map[string][]string{}, refMembers: map[any][]NodeRef{}, refCanon: map[any]NodeRef{}}
	for _, g := range byRoot {
		sort.Strings(g)
		refs := make([]NodeRef, 0, len(g))
		for _, m := range g {
			id.groups[m] = g
			r, err := s.refOf(ctx, IRIOf(m))
			if err != nil {
				return nil, err
			}
			if r != nil {
				refs = append(refs, r)
			}
		}
		if len(refs) == 0 {
			continue
		}
		canon := refs[0]
		id.refMembers[Key(canon)] = refs
		for _, r := range refs {
			id.refCanon[Key(r)] = canon
		}
	}
	return id, nil
}

// SameAs returns the IDs merged with id (id included, sorted).
func (s *Store) SameAs(ctx context.Context, id string) ([]string, error) {
	idn, err := s.identity(ctx)
	if err != nil {
		return nil, err
	}
	return idn.members(id), nil
}

// HasEntity reports whether id is the ID of a typed entity node of its
// own, merged or not.
func (s *Store) HasEntity(ctx context.Context, id string) (bool, error) {
	e, err := s.entityNode(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil && e.Type != "", err
}

// Merge records that entity IDs a and b name one actor: from then on every
// query answers them as one (under the first ID in sort order, listing
// both). Both must exist and have the same type.
func (s *Store) Merge(ctx context.Context, d Decision) (Decision, error) {
	ea, err := s.entityNode(ctx, d.A)
	if err != nil {
		return d, err
	}
	eb, err := s.entityNode(ctx, d.B)
	if err != nil {
		return d, err
	}
	if d.A == d.B {
		return d, &ArgError{Param: "ACTOR", Msg: "an actor cannot be merged with itself"}
	}
	if ea.Type != eb.Type {
		return d, &ArgError{Param: "ACTOR", Msg: fmt.Sprintf("%s is %s and %s is %s: only entities of one type can be the same actor", d.A, ea.Type, d.B, eb.Type)}
	}
	idn, err := s.identity(ctx)
	if err != nil {
		return d, err
	}
	if idn.canon(d.A) == idn.canon(d.B) {
		return d, &ArgError{Param: "ACTOR", Msg: fmt.Sprintf("%s and %s are already merged", d.A, d.B)}
	}
	if d.Why == "" {
		return d, &ArgError{Param: "why", Msg: "say why the two are one actor"}
	}
	d.IDs = [2]string{d.A, d.B}
	if d.IDs[1] < d.IDs[0] {
		d.IDs[0], d.IDs[1] = d.IDs[1], d.IDs[0]
	}
	label := DecisionIRI(d.A, d.B)
	add := []quad.Quad{
		quad.Make(EntityIRI(d.IDs[0]), PropSameAs, EntityIRI(d.IDs[1]), label),
		quad.Make(label, PropWhy, quad.String(d.Why), label),
		quad.Make(label, PropDecidedBy, quad.String(d.By), label),
		quad.Make(label, PropDecidedAt, quad.String(d.At), label),
	}
	return d, s.Apply(ctx, add, nil)
}

// Unmerge undoes the decision that merged a and b, removing exactly the quads
// Merge wrote.
func (s *Store) Unmerge(ctx context.Context, a, b string) (Decision, error) {
	d := Decision{A: a, B: b}
	for _, id := range []string{a, b} {
		if _, err := s.entityNode(ctx, id); err != nil {
			return d, err
		}
	}
	var remove []quad.Quad
	label := DecisionIRI(a, b)
	// The decision's quads: its own node's, and the same-as quad on the
	// first ID (read by subject: the KV stores have no label index).
	first := a
	if b < a {
		first = b
	}
	err := s.eachQuadOfSubjects(ctx, []quad.Value{label, EntityIRI(first)}, func(q quad.Quad) error {
		if q.Label != label {
			return nil
		}
		remove = append(remove, q)
		switch q.Predicate {
		case PropWhy:
			d.Why = Text(q.Object)
		case PropDecidedBy:
			d.By = Text(q.Object)
		case PropDecidedAt:
			d.At = Text(q.Object)
		case PropSameAs:
			d.IDs = [2]string{IDOf(q.Subject), IDOf(q.Object)}
		}
		return nil
	})
	if err != nil {
		return d, err
	}
	if len(remove) == 0 {
		return d, &NotMergedError{A: a, B: b}
	}
	return d, s.Apply(ctx, nil, remove)
}

// eachQuadOfSubjects calls fn with the quads of each subject in turn.
func (s *Store) eachQuadOfSubjects(ctx context.Context, subjects []quad.Value, fn func(quad.Quad) error) error {
	for _, v := range subjects {
		if err := s.QuadsWith(ctx, quad.Subject, v, fn); err != nil {
			return err
		}
	}
	return nil
}

// DecisionAt formats the time of a decision (the caller's clock) as stored.
func DecisionAt(t time.Time) string { return t.UTC().Format(time.RFC3339) }
