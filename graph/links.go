package graph

import (
	"context"
	"fmt"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// NodeRef is a node's reference in the store's indexes: cheap to compare
// (use Key as a map key) and to look up, unlike its IRI.
type NodeRef = cgraph.Ref

// Key returns the map key of a store reference.
func Key(r NodeRef) any { return refs.ToKey(r) }

// RelSet is a set of relation predicates resolved to store references once,
// so adjacency lookups compare predicates by reference and never decode a
// quad. Only predicates in the rel: namespace can be in it: type, name,
// source and claim quads are never links.
type RelSet struct {
	byKey map[any]*Relation // Key(predicate ref) → the relation it stands for
}

// ResolveRelations resolves relation names (empty: the whole vocabulary)
// minus the excluded ones. Relations the store has no quad of are left out.
func (s *Store) ResolveRelations(ctx context.Context, names, exclude []string) (RelSet, error) {
	if len(names) == 0 {
		names = RelationNames()
	}
	skip := map[string]bool{}
	for _, n := range exclude {
		r, err := LookupRelation(n)
		if err != nil {
			return RelSet{}, err
		}
		skip[r.Name] = true
	}
	set := RelSet{byKey: map[any]*Relation{}}
	var want []*Relation
	var iris []quad.Value
	for _, n := range names {
		r, err := LookupRelation(n)
		if err != nil {
			return RelSet{}, err
		}
		if skip[r.Name] {
			continue
		}
		want = append(want, &Relations[relationIndex[r.Name]])
		iris = append(iris, RelationIRI(r.Name))
	}
	refs, err := s.refsOf(ctx, iris)
	if err != nil {
		return RelSet{}, err
	}
	for i, ref := range refs {
		if ref != nil {
			set.byKey[Key(ref)] = want[i]
		}
	}
	return set, nil
}

// PredicateSet makes a RelSet of arbitrary predicates, for graphs that do
// not use actorgraph's vocabulary (Cayley's movie data in benchmarks): each
// predicate reads as its IRI, in both directions.
func (s *Store) PredicateSet(ctx context.Context, preds ...quad.IRI) (RelSet, error) {
	vals := make([]quad.Value, len(preds))
	for i, p := range preds {
		vals[i] = p
	}
	refs, err := s.refsOf(ctx, vals)
	if err != nil {
		return RelSet{}, err
	}
	set := RelSet{byKey: map[any]*Relation{}}
	for i, ref := range refs {
		if ref != nil {
			name := string(preds[i])
			set.byKey[Key(ref)] = &Relation{Name: name, Label: name, Inverse: name, Domain: KindActor | KindPlace | KindEvent, Range: KindActor | KindPlace | KindEvent}
		}
	}
	return set, nil
}

// Len is the number of relations in the set that the store holds.
func (rs RelSet) Len() int { return len(rs.byKey) }

// Link is one relation quad seen from a node.
type Link struct {
	Node     NodeRef   // the node at the other end
	Relation *Relation // the relation (an entry of Relations)
	Out      bool      // the node looked up is the quad's subject
	Quad     NodeRef   // the relation quad
}

// Links calls fn with every relation quad of node in direction dir whose
// predicate is in rels. It reads the quad indexes directly: one index lookup
// per direction, and per quad only its predicate and other end. Self-loops
// are skipped. fn must not keep the Link past its call if it mutates it.
// Merged IDs are one node: the links of every member, their other ends
// given as canonical nodes. A filtered view skips links its filter drops.
func (s *Store) Links(ctx context.Context, node NodeRef, dir Direction, rels RelSet, fn func(Link) error) error {
	if node == nil || len(rels.byKey) == 0 {
		return nil
	}
	idn, err := s.identity(ctx)
	if err != nil {
		return err
	}
	if !idn.merged() && s.filter == nil {
		return s.rawLinks(ctx, node, dir, rels, fn)
	}
	members := []NodeRef{node}
	if idn.merged() {
		if c, ok := idn.refCanon[Key(node)]; ok {
			node = c
			members = idn.refMembers[Key(c)]
		}
	}
	self := Key(node)
	for _, m := range members {
		err := s.rawLinks(ctx, m, dir, rels, func(l Link) error {
			if idn.merged() {
				if c, ok := idn.refCanon[Key(l.Node)]; ok {
					l.Node = c
				}
				if Key(l.Node) == self {
					return nil
				}
			}
			if ok, err := s.keepsLink(ctx, l); err != nil || !ok {
				return err
			}
			return fn(l)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// rawLinks is Links of one node, with no regard to merges and filters.
func (s *Store) rawLinks(ctx context.Context, node NodeRef, dir Direction, rels RelSet, fn func(Link) error) error {
	return s.be.links(ctx, []NodeRef{node}, dir, rels, func(_ NodeRef, l Link) error { return fn(l) })
}

// NodeRefOf looks up the reference of an entity ID; nil when the store has
// no such node.
// A merged ID gives its group's canonical node.
func (s *Store) NodeRefOf(ctx context.Context, id string) (NodeRef, error) {
	if idn, err := s.identity(ctx); err != nil {
		return nil, err
	} else if idn.merged() {
		id = idn.canon(id)
	}
	return s.refOf(ctx, NodeOf(id))
}

// IDOfRef returns the entity ID of a node reference.
func (s *Store) IDOfRef(r NodeRef) (string, error) {
	v, err := s.qs.NameOf(r)
	if err != nil {
		return "", fmt.Errorf("name node: %w", err)
	}
	return IDOf(v), nil
}

// LinkEdge reads a link's relation quad in full: subject, relation, object and
// the claim that asserts it.
func (s *Store) LinkEdge(ctx context.Context, l Link) (Edge, error) {
	q, err := s.qs.Quad(l.Quad)
	if err != nil {
		return Edge{}, fmt.Errorf("read relation: %w", err)
	}
	idn, err := s.identity(ctx)
	if err != nil {
		return Edge{}, err
	}
	e := Edge{Subject: idn.canon(IDOf(q.Subject)), Relation: l.Relation.Name, Object: idn.canon(IDOf(q.Object))}
	if q.Label != nil {
		c, err := s.Claim(ctx, IDOfClaim(q.Label))
		if err != nil {
			return Edge{}, err
		}
		e.Claims = []Claim{c}
	}
	return e.withSources(), nil
}

// LinkHolds reports whether the claim behind a link may hold on day asOf,
// reading only the claim's validity quads.
func (s *Store) LinkHolds(ctx context.Context, l Link, asOf time.Time) (bool, error) {
	label, err := s.qs.QuadDirection(l.Quad, quad.Label)
	if err != nil || label == nil {
		return true, err
	}
	var from, until Date
	err = s.quadsOf(ctx, quad.Subject, label, func(q quad.Quad) error {
		switch q.Predicate {
		case PropValidFrom:
			from, _ = ParseDate(Text(q.Object))
		case PropValidUntil:
			until, _ = ParseDate(Text(q.Object))
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("read claim validity: %w", err)
	}
	return Holds(from, until, asOf), nil
}

// DateOfRef returns the date of an event node, zero when it has none.
func (s *Store) DateOfRef(ctx context.Context, r NodeRef) (Date, error) {
	// One date per fact claim (a source's): keep the first claim's, by
	// label, rather than mix the parts of two sources' dates.
	byLabel := map[string][]DateProp{}
	first := ""
	err := s.quadsOf(ctx, quad.Subject, r, func(q quad.Quad) error {
		if p, ok := q.Predicate.(quad.IRI); ok && IsDateProp(p) {
			l := ""
			if q.Label != nil {
				l = q.Label.String()
			}
			if _, ok := byLabel[l]; !ok && (len(byLabel) == 0 || l < first) {
				first = l
			}
			byLabel[l] = append(byLabel[l], DateProp{p, q.Object})
		}
		return nil
	})
	d, _ := DateFromProps(byLabel[first])
	return d, err
}
