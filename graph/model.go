package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Entity is an actor, place or event node.
type Entity struct {
	ID      string   `json:"id"`   // slug: "iskp"
	Type    string   `json:"type"` // entity type name: "armed-group"
	Name    string   `json:"name"` // canonical name
	Aliases []string `json:"aliases,omitempty"`
	Notes   []string `json:"notes,omitempty"`
	// Event facts, for events.
	Date       *Date      `json:"date,omitempty"`
	Killed     *Figure    `json:"killed,omitempty"`
	Injured    *Figure    `json:"injured,omitempty"`
	Casualties string     `json:"casualties,omitempty"`
	Evidence   []Evidence `json:"evidence,omitempty"` // quotes that give the event's date and figures
	// Facts are the event facts source by source: every source's date and
	// figures with its quotes. Date, Killed, Injured and Casualties above
	// show one of them (the value most sources give).
	Facts []Fact `json:"facts,omitempty"`
	// AliasSources says which sources use each alias (aliases from N-Quads
	// files have none).
	AliasSources map[string][]string `json:"alias_sources,omitempty"`
	// SameAs lists the other IDs merged into this entity (see Merge).
	SameAs []string `json:"same_as,omitempty"`
	// Sources are the sources that define or mention the entity.
	Sources []string `json:"sources,omitempty"`
}

// DisplayName is the canonical name, or the ID for a node without one.
func (e Entity) DisplayName() string {
	if e.Name != "" {
		return e.Name
	}
	return e.ID
}

// IsEvent reports whether the entity is an event.
func (e Entity) IsEvent() bool {
	t, err := LookupType(e.Type)
	return err == nil && t.Is(KindEvent)
}

// Figure is a casualty count with its qualifier: "at least" 143.
type Figure struct {
	N         int    `json:"n"`
	Qualifier string `json:"qualifier,omitempty"`
}

func (f Figure) String() string {
	if f.Qualifier == "" {
		return strconv.Itoa(f.N)
	}
	return f.Qualifier + " " + strconv.Itoa(f.N)
}

// Evidence is a quote from a source.
type Evidence struct {
	Source string `json:"source"`
	Quote  string `json:"quote"`
}

// Claim is one source's assertion of a relation.
type Claim struct {
	ID         string    `json:"id"`
	Source     string    `json:"source"`
	Quote      string    `json:"quote"`
	Certainty  Certainty `json:"certainty"`
	AssertedBy string    `json:"asserted_by,omitempty"` // entity ID
	Hedge      string    `json:"hedge,omitempty"`       // the words that make it hedged or hypothetical: "could"
	ValidFrom  *Date     `json:"valid_from,omitempty"`
	ValidUntil *Date     `json:"valid_until,omitempty"`
	Notes      []string  `json:"notes,omitempty"`
}

// Holds reports whether the claim's validity window may include day asOf.
func (c Claim) Holds(asOf time.Time) bool {
	var from, until Date
	if c.ValidFrom != nil {
		from = *c.ValidFrom
	}
	if c.ValidUntil != nil {
		until = *c.ValidUntil
	}
	return Holds(from, until, asOf)
}

// Edge is a relation between two nodes with the claims that assert it.
type Edge struct {
	Subject  string  `json:"subject"`
	Relation string  `json:"relation"`
	Object   string  `json:"object"`
	Claims   []Claim `json:"claims"`
	// Sources are the distinct sources of the claims, sorted; SourceCount
	// is how many: the edge's corroboration.
	Sources     []string `json:"sources"`
	SourceCount int      `json:"source_count"`
}

// withSources fills Sources and SourceCount from the claims.
func (e Edge) withSources() Edge {
	e.Sources = ClaimSources(e.Claims)
	if e.Sources == nil {
		e.Sources = []string{}
	}
	e.SourceCount = len(e.Sources)
	return e
}

// ClaimSources lists the distinct sources of claims, sorted.
func ClaimSources(cs []Claim) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.Source)
	}
	return uniqueSorted(out)
}

// Direction selects edges by the side a node is on.
type Direction int

// Edge directions relative to a node.
const (
	Out  Direction = 1 << iota // the node is the subject
	In                         // the node is the object
	Both = Out | In
)

// ParseDirection reads out, in or both.
func ParseDirection(s string) (Direction, error) {
	switch s {
	case "out":
		return Out, nil
	case "in":
		return In, nil
	case "both", "":
		return Both, nil
	}
	return 0, fmt.Errorf("unknown direction %q (want out, in or both)", s)
}

// refOf is a value's reference; nil when the store has no such node.
func (s *Store) refOf(ctx context.Context, v quad.Value) (cgraph.Ref, error) {
	return s.be.ref(ctx, v)
}

// quadsOf calls fn with every quad that has ref in direction d.
func (s *Store) quadsOf(ctx context.Context, d quad.Direction, ref cgraph.Ref, fn func(quad.Quad) error) error {
	if ref == nil {
		return nil
	}
	return s.be.quadsOf(ctx, d, ref, fn)
}

// Entity reads the node with the given ID. An ID merged with others (see
// Merge) reads as the whole group under its canonical ID, with the other IDs
// in SameAs; facts of sources the store's filter leaves out are left out.
func (s *Store) Entity(ctx context.Context, id string) (Entity, error) {
	ids, err := s.identity(ctx)
	if err != nil {
		return Entity{}, err
	}
	members := ids.members(id)
	if len(members) <= 1 {
		return s.entityNode(ctx, id)
	}
	canon := ids.canon(id)
	var e Entity
	for _, m := range members {
		part, err := s.entityNode(ctx, m)
		if err != nil {
			return Entity{}, err
		}
		if m == canon {
			for a, srcs := range e.AliasSources {
				if part.AliasSources == nil {
					part.AliasSources = map[string][]string{}
				}
				part.AliasSources[a] = uniqueSorted(append(part.AliasSources[a], srcs...))
			}
			part.Aliases = append(part.Aliases, e.Aliases...)
			part.Notes = append(part.Notes, e.Notes...)
			part.Facts = append(part.Facts, e.Facts...)
			part.Sources = append(part.Sources, e.Sources...)
			e = part
			continue
		}
		e.SameAs = append(e.SameAs, m)
		for a, srcs := range part.AliasSources {
			if e.AliasSources == nil {
				e.AliasSources = map[string][]string{}
			}
			e.AliasSources[a] = uniqueSorted(append(e.AliasSources[a], srcs...))
		}
		if part.Name != "" {
			e.Aliases = append(e.Aliases, part.Name)
		}
		e.Aliases = append(e.Aliases, part.Aliases...)
		e.Notes = append(e.Notes, part.Notes...)
		e.Facts = append(e.Facts, part.Facts...)
		e.Sources = append(e.Sources, part.Sources...)
	}
	e.ID = canon
	e.Aliases = uniqueSorted(without(e.Aliases, e.Name))
	e.Sources = uniqueSorted(e.Sources)
	sortFacts(e.Facts)
	e.setDisplay()
	return e, nil
}

// entityNode reads one node's own quads, with no regard to merges.
func (s *Store) entityNode(ctx context.Context, id string) (Entity, error) {
	ref, err := s.refOf(ctx, NodeOf(id))
	if err != nil {
		return Entity{}, err
	}
	if ref == nil {
		return Entity{}, &NotFoundError{Name: id}
	}
	var qs []quad.Quad
	err = s.attrQuadsOf(ctx, ref, func(q quad.Quad) error {
		qs = append(qs, q)
		return nil
	})
	if err != nil {
		return Entity{}, fmt.Errorf("read %s: %w", id, err)
	}
	return s.entityOf(ctx, id, qs)
}

// entityOf builds the entity id from its own quads (relations left out).
func (s *Store) entityOf(ctx context.Context, id string, qs []quad.Quad) (Entity, error) {
	e := Entity{ID: id}
	var fq factQuads
	for _, q := range qs {
		if fq.add(q) {
			continue
		}
		p, _ := q.Predicate.(quad.IRI)
		val := Text(q.Object)
		switch p {
		case PropType:
			e.Type = strings.TrimPrefix(val, TypePrefix)
		case PropName:
			e.Name = val
		case PropAlias:
			e.Aliases = append(e.Aliases, val)
			if q.Label != nil {
				if e.AliasSources == nil {
					e.AliasSources = map[string][]string{}
				}
				e.AliasSources[val] = append(e.AliasSources[val], IDOfSource(q.Label))
			}
		case PropNote:
			e.Notes = append(e.Notes, val)
		case PropDefinedIn, PropMentionedIn:
			e.Sources = append(e.Sources, IDOfSource(q.Object))
		case PropQuote: // stores written before facts had claims
			e.Evidence = append(e.Evidence, Evidence{Source: IDOfSource(q.Label), Quote: val})
		}
	}
	legacy := e.Evidence
	facts, quoteOnly, err := fq.facts(func(label quad.Value) (string, error) { return s.factSource(ctx, label) })
	if err != nil {
		return Entity{}, fmt.Errorf("read facts of %s: %w", id, err)
	}
	e.Facts = s.filter.keepFacts(facts)
	for _, ev := range quoteOnly {
		if s.filter.keepsSource(ev.Source) {
			legacy = append(legacy, ev)
		}
	}
	e.Aliases = uniqueSorted(e.Aliases)
	for a, srcs := range e.AliasSources {
		e.AliasSources[a] = uniqueSorted(srcs)
	}
	e.Notes = uniqueStable(e.Notes)
	e.Sources = uniqueSorted(e.Sources)
	e.setDisplay()
	if len(legacy) > 0 {
		e.Evidence = append(e.Evidence, legacy...)
		sort.Slice(e.Evidence, func(i, j int) bool { return e.Evidence[i].Quote < e.Evidence[j].Quote })
	}
	return e, nil
}

// factSource reads a fact claim's source. A fact claim's ID starts with its
// source's (SOURCE/EVENT@facts), which saves a lookup per event.
func (s *Store) factSource(ctx context.Context, label quad.Value) (string, error) {
	if id := IDOfClaim(label); IsFactClaim(id) {
		if i := strings.IndexByte(id, '/'); i > 0 {
			return id[:i], nil
		}
	}
	var src string
	err := s.QuadsWith(ctx, quad.Subject, label, func(q quad.Quad) error {
		if q.Predicate == PropSource {
			src = IDOfSource(q.Object)
		}
		return nil
	})
	return src, err
}

func uniqueSorted(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	sort.Strings(xs)
	out := xs[:1]
	for _, x := range xs[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

func uniqueStable(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func without(xs []string, drop string) []string {
	out := xs[:0]
	for _, x := range xs {
		if x != drop {
			out = append(out, x)
		}
	}
	return out
}

// IDOfSource returns the source ID of a source IRI (<src:x> → "x").
func IDOfSource(v quad.Value) string {
	return strings.TrimPrefix(IDOf(v), SourcePrefix)
}

// Entities lists every typed node (actors, places and events), sorted by name.
// A non-empty types keeps only those types.
func (s *Store) Entities(ctx context.Context, types ...string) ([]Entity, error) {
	ids, err := s.entityIDs(ctx, types)
	if err != nil {
		return nil, err
	}
	idn, err := s.identity(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Entity, 0, len(ids))
	for _, id := range ids {
		if idn.canon(id) != id {
			continue // listed under the ID it is merged into
		}
		e, err := s.Entity(ctx, id)
		if err != nil {
			return nil, err
		}
		if !s.filter.keepsEntity(e) {
			continue
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].DisplayName()), strings.ToLower(out[j].DisplayName())
		if a != b {
			return a < b
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// entityIDs lists nodes with a prop:type of one of types (any type when empty),
// skipping source documents.
func (s *Store) entityIDs(ctx context.Context, types []string) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	add := func(q quad.Quad) error {
		if q.Object == TypeSource {
			return nil
		}
		id := IDOf(q.Subject)
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
		return nil
	}
	if len(types) == 0 {
		ref, err := s.refOf(ctx, PropType)
		if err != nil {
			return nil, err
		}
		return ids, s.quadsOf(ctx, quad.Predicate, ref, add)
	}
	for _, t := range types {
		ref, err := s.refOf(ctx, TypeIRI(t))
		if err != nil {
			return nil, err
		}
		if err := s.quadsOf(ctx, quad.Object, ref, func(q quad.Quad) error {
			if q.Predicate != PropType {
				return nil
			}
			return add(q)
		}); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// Edges lists the relations of node id in direction dir, one Edge per
// (subject, relation, object) with all its claims. A non-empty rels keeps
// only those relations. Merged IDs answer as one node (their edges under the
// canonical ID), and the store's filter drops claims of sources it leaves
// out and edges with too few sources.
func (s *Store) Edges(ctx context.Context, id string, dir Direction, rels ...string) ([]Edge, error) {
	byID, err := s.EdgesOf(ctx, []string{id}, dir, rels...)
	return byID[id], err
}

// ownedQuad is a relation quad read for one of the nodes asked for.
type ownedQuad struct {
	id string // the node asked for
	q  quad.Quad
}

// EdgesOf is Edges for many nodes at once: their quads and their claims
// are read in a few batched reads (see batch.go), not node by node.
func (s *Store) EdgesOf(ctx context.Context, ids []string, dir Direction, rels ...string) (map[string][]Edge, error) {
	idn, err := s.identity(ctx)
	if err != nil {
		return nil, err
	}
	owners := map[string][]string{} // member ID → the IDs asked for it stands in
	var members []quad.Value
	for _, id := range ids {
		for _, m := range idn.members(id) {
			if len(owners[m]) == 0 {
				members = append(members, NodeOf(m))
			}
			if !slices.Contains(owners[m], id) {
				owners[m] = append(owners[m], id)
			}
		}
	}
	keep := map[string]bool{}
	for _, r := range rels {
		keep[r] = true
	}
	var got []ownedQuad
	var labels []string
	read := func(d quad.Direction) error {
		return s.quadsWith(ctx, d, members, relPreds, func(q quad.Quad) error {
			if rel, ok := RelationOf(q.Predicate); !ok || (len(keep) > 0 && !keep[rel]) {
				return nil
			}
			for _, id := range owners[IDOf(q.Get(d))] {
				got = append(got, ownedQuad{id, q})
			}
			if q.Label != nil {
				labels = append(labels, IDOfClaim(q.Label))
			}
			return nil
		})
	}
	for _, d := range []struct {
		on   Direction
		side quad.Direction
	}{{Out, quad.Subject}, {In, quad.Object}} {
		if dir&d.on != 0 {
			if err := read(d.side); err != nil {
				return nil, fmt.Errorf("read relations of %s: %w", strings.Join(ids, ", "), err)
			}
		}
	}
	claims, err := s.claimsByID(ctx, labels)
	if err != nil {
		return nil, err
	}
	return s.edgesFrom(ids, idn, dir, got, claims), nil
}

// edgesFrom groups relation quads into each node's edges.
func (s *Store) edgesFrom(ids []string, idn *identity, dir Direction, got []ownedQuad, claims map[string]Claim) map[string][]Edge {
	type key struct{ s, r, o string }
	byKey := map[string]map[key]*Edge{}
	seen := map[ownedQuad]bool{} // quads seen from both ends (self-loops, merged IDs)
	for _, oq := range got {
		q := oq.q
		if dir == Both && (q.Subject == q.Object || idn.merged()) {
			if seen[oq] {
				continue
			}
			seen[oq] = true
		}
		rel, _ := RelationOf(q.Predicate)
		k := key{idn.canon(IDOf(q.Subject)), rel, idn.canon(IDOf(q.Object))}
		if k.s == k.o && IDOf(q.Subject) != IDOf(q.Object) {
			continue // two merged IDs related to each other
		}
		var c *Claim
		if q.Label != nil {
			cl := claims[IDOfClaim(q.Label)]
			if !s.filter.keepsSource(cl.Source) {
				continue
			}
			c = &cl
		} else if s.filter.active() {
			continue
		}
		if byKey[oq.id] == nil {
			byKey[oq.id] = map[key]*Edge{}
		}
		e := byKey[oq.id][k]
		if e == nil {
			e = &Edge{Subject: k.s, Relation: k.r, Object: k.o}
			byKey[oq.id][k] = e
		}
		if c != nil {
			e.Claims = append(e.Claims, *c)
		}
	}
	out := make(map[string][]Edge, len(ids))
	for _, id := range ids {
		edges := make([]Edge, 0, len(byKey[id]))
		for _, e := range byKey[id] {
			sort.Slice(e.Claims, func(a, b int) bool { return e.Claims[a].ID < e.Claims[b].ID })
			ed := e.withSources()
			if s.filter.keepsCount(ed.SourceCount) {
				edges = append(edges, ed)
			}
		}
		sortEdges(edges)
		out[id] = edges
	}
	return out
}

func sortEdges(es []Edge) {
	sort.Slice(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Relation != b.Relation {
			return a.Relation < b.Relation
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		return a.Object < b.Object
	})
}

// IDOfClaim returns the claim ID of a claim IRI.
func IDOfClaim(v quad.Value) string {
	return strings.TrimPrefix(IDOf(v), ClaimPrefix)
}

// Claim reads the claim with the given ID.
func (s *Store) Claim(ctx context.Context, id string) (Claim, error) {
	c := Claim{ID: id, Certainty: Reported}
	ref, err := s.refOf(ctx, ClaimIRI(id))
	if err != nil {
		return c, err
	}
	err = s.quadsOf(ctx, quad.Subject, ref, func(q quad.Quad) error {
		c.set(q)
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("read claim %s: %w", id, err)
	}
	return c, nil
}

// set takes one of the claim's own quads into c.
func (c *Claim) set(q quad.Quad) {
	p, _ := q.Predicate.(quad.IRI)
	val := Text(q.Object)
	switch p {
	case PropSource:
		c.Source = IDOfSource(q.Object)
	case PropQuote:
		c.Quote = val
	case PropCertainty:
		c.Certainty = Certainty(val)
	case PropAssertedBy:
		c.AssertedBy = IDOf(q.Object)
	case PropHedge:
		c.Hedge = val
	case PropValidFrom:
		if d, err := ParseDate(val); err == nil {
			c.ValidFrom = &d
		}
	case PropValidUntil:
		if d, err := ParseDate(val); err == nil {
			c.ValidUntil = &d
		}
	case PropNote:
		c.Notes = append(c.Notes, val)
	}
}

// CountQuads counts the quads that have v in direction d, from the index.
func (s *Store) CountQuads(ctx context.Context, d quad.Direction, v quad.Value) (int64, error) {
	ref, err := s.refOf(ctx, v)
	if err != nil || ref == nil {
		return 0, err
	}
	sz, err := s.qs.QuadIteratorSize(ctx, d, ref)
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", v, err)
	}
	if sz.Exact {
		return sz.Value, nil
	}
	var n int64
	err = s.quadsOf(ctx, d, ref, func(quad.Quad) error { n++; return nil })
	return n, err
}
