package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"
)

// Dispute is a fact on which sources disagree: two figures or dates for one
// event, or a relation one source asserts and another denies.
type Dispute struct {
	Kind     string        `json:"kind"`               // date, killed, injured, casualties or relation
	Subject  string        `json:"subject"`            // the event, or the relation's subject
	Relation string        `json:"relation,omitempty"` // for relation disputes
	Object   string        `json:"object,omitempty"`
	Sides    []DisputeSide `json:"sides"`
}

// DisputeSide is one source's side of a dispute.
type DisputeSide struct {
	Value     string    `json:"value"` // the figure or date, or "asserts" / "denies"
	Source    string    `json:"source"`
	Claim     string    `json:"claim,omitempty"`
	Quotes    []string  `json:"quotes"`
	Certainty Certainty `json:"certainty,omitempty"`
	By        string    `json:"asserted_by,omitempty"`
}

// Disputes lists every disagreement between sources in the store (or the
// view's sources): events first, then relations, each sorted by subject.
func (s *Store) Disputes(ctx context.Context) ([]Dispute, error) {
	var out []Dispute
	events, err := s.Entities(ctx, eventTypeNames()...)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		out = append(out, factDisputes(e)...)
	}
	rels, err := s.relationDisputes(ctx)
	if err != nil {
		return nil, err
	}
	return append(out, rels...), nil
}

func eventTypeNames() []string {
	var out []string
	for _, t := range Types {
		if t.Is(KindEvent) {
			out = append(out, t.Name)
		}
	}
	return out
}

// factDisputes finds the kinds of fact on which an event's sources differ.
func factDisputes(e Entity) []Dispute {
	var out []Dispute
	for _, kind := range []string{FactDate, FactKilled, FactInjured, FactCasualties} {
		fs := e.FactsOf(kind)
		vals := map[string]bool{}
		srcs := map[string]bool{}
		for _, f := range fs {
			vals[f.Value()] = true
			srcs[f.Source] = true
		}
		if len(vals) < 2 || len(srcs) < 2 {
			continue
		}
		d := Dispute{Kind: kind, Subject: e.ID}
		for _, f := range fs {
			d.Sides = append(d.Sides, DisputeSide{Value: f.Value(), Source: f.Source, Claim: f.Claim, Quotes: nonNil(f.Quotes)})
		}
		out = append(out, d)
	}
	return out
}

// relationDisputes pairs every denial with the claims asserting the relation
// it denies.
func (s *Store) relationDisputes(ctx context.Context) ([]Dispute, error) {
	idn, err := s.identity(ctx)
	if err != nil {
		return nil, err
	}
	type key struct{ s, r, o string }
	byKey := map[key]*Dispute{}
	for _, rel := range RelationNames() {
		var denials []quad.Quad
		if err := s.QuadsWith(ctx, quad.Predicate, DenialIRI(rel), func(q quad.Quad) error {
			denials = append(denials, q)
			return nil
		}); err != nil {
			return nil, err
		}
		for _, dq := range denials {
			k := key{idn.canon(IDOf(dq.Subject)), rel, idn.canon(IDOf(dq.Object))}
			if byKey[k] != nil {
				continue
			}
			d, err := s.relationDispute(ctx, k.s, rel, k.o)
			if err != nil {
				return nil, err
			}
			if d != nil {
				byKey[k] = d
			}
		}
	}
	out := make([]Dispute, 0, len(byKey))
	for _, d := range byKey {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		if a.Relation != b.Relation {
			return a.Relation < b.Relation
		}
		return a.Object < b.Object
	})
	return out, nil
}

// relationDispute collects the assertions and denials of one triple; nil
// when one of the two sides is missing (in the view).
func (s *Store) relationDispute(ctx context.Context, subj, rel, obj string) (*Dispute, error) {
	d := &Dispute{Kind: "relation", Subject: subj, Relation: rel, Object: obj}
	var asserts, denies int
	idn, _ := s.identity(ctx)
	for _, m := range idn.members(subj) {
		err := s.QuadsWith(ctx, quad.Subject, EntityIRI(m), func(q quad.Quad) error {
			if q.Label == nil || idn.canon(IDOf(q.Object)) != obj {
				return nil
			}
			value := ""
			switch q.Predicate {
			case RelationIRI(rel):
				value = "asserts"
			case DenialIRI(rel):
				value = "denies"
			default:
				return nil
			}
			c, err := s.Claim(ctx, IDOfClaim(q.Label))
			if err != nil {
				return err
			}
			if !s.filter.keepsSource(c.Source) {
				return nil
			}
			if value == "asserts" {
				asserts++
			} else {
				denies++
			}
			d.Sides = append(d.Sides, DisputeSide{Value: value, Source: c.Source, Claim: c.ID, Quotes: []string{c.Quote}, Certainty: c.Certainty, By: c.AssertedBy})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read claims of %s %s %s: %w", subj, rel, obj, err)
		}
	}
	if asserts == 0 || denies == 0 {
		return nil, nil
	}
	sort.SliceStable(d.Sides, func(i, j int) bool { return d.Sides[i].Value < d.Sides[j].Value })
	return d, nil
}

// Denials lists the relations of node id that sources deny, as edges whose
// claims are the denials.
func (s *Store) Denials(ctx context.Context, id string) ([]Edge, error) {
	idn, err := s.identity(ctx)
	if err != nil {
		return nil, err
	}
	var out []Edge
	for _, m := range idn.members(id) {
		for _, d := range []quad.Direction{quad.Subject, quad.Object} {
			err := s.QuadsWith(ctx, d, EntityIRI(m), func(q quad.Quad) error {
				rel, ok := DenialOf(q.Predicate)
				if !ok || q.Label == nil {
					return nil
				}
				c, err := s.Claim(ctx, IDOfClaim(q.Label))
				if err != nil || !s.filter.keepsSource(c.Source) {
					return err
				}
				e := Edge{Subject: idn.canon(IDOf(q.Subject)), Relation: rel, Object: idn.canon(IDOf(q.Object)), Claims: []Claim{c}}
				out = append(out, e.withSources())
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Claims[0].ID < out[j].Claims[0].ID })
	return out, nil
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
