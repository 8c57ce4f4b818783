package graph

import (
	"context"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// Resolve finds the actor, place or event a person means by name: its ID,
// its canonical name or any alias, in any case ("iskp", "IS-K", "Islamic
// State Khorasan Province"). It looks the name up in the name index (one
// index lookup, no scan). An unknown name gives a *NotFoundError with the
// closest names; a name shared by several entities gives an *AmbiguousError.
func (s *Store) Resolve(ctx context.Context, name string) (Entity, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Entity{}, &NotFoundError{Name: name}
	}
	if e, ok, err := s.byID(ctx, name); err != nil || ok {
		return e, err
	}
	ids, err := s.idsForKey(ctx, NameKey(name))
	if err != nil {
		return Entity{}, err
	}
	if ids, err = s.canonIDs(ctx, ids); err != nil {
		return Entity{}, err
	}
	switch len(ids) {
	case 0:
		sugg, err := s.Suggest(ctx, name, 3)
		if err != nil {
			return Entity{}, err
		}
		return Entity{}, &NotFoundError{Name: name, Suggestions: sugg}
	case 1:
		return s.Entity(ctx, ids[0])
	}
	cands := make([]Entity, 0, len(ids))
	for _, id := range ids {
		e, err := s.Entity(ctx, id)
		if err != nil {
			return Entity{}, err
		}
		cands = append(cands, e)
	}
	return Entity{}, &AmbiguousError{Name: name, Candidates: cands}
}

// byID finds an entity by its ID or IRI, if it has a type.
func (s *Store) byID(ctx context.Context, id string) (Entity, bool, error) {
	if strings.ContainsAny(id, " \t") {
		return Entity{}, false, nil
	}
	ref, err := s.refOf(ctx, NodeOf(id))
	if err != nil || ref == nil {
		return Entity{}, false, err
	}
	e, err := s.Entity(ctx, IDOf(NodeOf(id)))
	if err != nil {
		return Entity{}, false, err
	}
	// A node without a type or name (a foreign graph's node) still resolves.
	return e, true, nil
}

// canonIDs maps IDs to their merge groups' canonical IDs, once each: a name
// that two merged IDs share is one actor, not an ambiguity.
func (s *Store) canonIDs(ctx context.Context, ids []string) ([]string, error) {
	idn, err := s.identity(ctx)
	if err != nil || !idn.merged() {
		return ids, err
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, idn.canon(id))
	}
	return uniqueSorted(out), nil
}

func (s *Store) idsForKey(ctx context.Context, key string) ([]string, error) {
	ref, err := s.refOf(ctx, quad.String(key))
	if err != nil {
		return nil, err
	}
	var ids []string
	seen := map[string]bool{}
	err = s.quadsOf(ctx, quad.Object, ref, func(q quad.Quad) error {
		if q.Predicate != PropKey {
			return nil
		}
		id := IDOf(q.Subject)
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
		return nil
	})
	sort.Strings(ids)
	return ids, err
}

// Suggest returns up to n canonical names closest to name, best first. It
// reads the whole name index, so it is for error messages, not hot paths.
func (s *Store) Suggest(ctx context.Context, name string, n int) ([]string, error) {
	want := NameKey(name)
	ref, err := s.refOf(ctx, PropKey)
	if err != nil {
		return nil, err
	}
	best := map[string]float64{}
	err = s.quadsOf(ctx, quad.Predicate, ref, func(q quad.Quad) error {
		score := similarity(want, Text(q.Object))
		id := IDOf(q.Subject)
		if score > best[id] {
			best[id] = score
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	type cand struct {
		id    string
		score float64
	}
	var cands []cand
	for id, sc := range best {
		if sc >= 0.5 {
			cands = append(cands, cand{id, sc})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].id < cands[j].id
	})
	var names []string
	for _, c := range cands {
		if len(names) == n {
			break
		}
		e, err := s.Entity(ctx, c.id)
		if err != nil {
			return nil, err
		}
		names = append(names, e.DisplayName())
	}
	return names, nil
}
