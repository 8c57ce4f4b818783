package graph

import (
	"context"
	"fmt"
	"sync"

	"github.com/cayleygraph/quad"
)

// Filter restricts what a store view reads to some sources' statements.
// The zero Filter keeps everything.
type Filter struct {
	// Sources keeps only claims and facts of these sources (all when empty).
	Sources []string
	// ExcludeSources drops claims and facts of these sources.
	ExcludeSources []string
	// MinSources keeps only relations that at least this many distinct
	// sources assert (0 and 1 keep all).
	MinSources int

	keep, drop map[string]bool // set by init
}

// IsZero reports whether the filter keeps everything.
func (f Filter) IsZero() bool {
	return len(f.Sources) == 0 && len(f.ExcludeSources) == 0 && f.MinSources <= 1
}

// WithFilter returns a view of the store that reads only what f keeps: every
// query over the view (entities, edges, links, paths) sees the same
// restriction. The view shares the store: close the store, not the view. A
// view of a view replaces its filter. Unknown source IDs are an error.
func (s *Store) WithFilter(ctx context.Context, f Filter) (*Store, error) {
	if f.MinSources < 0 {
		return nil, &ArgError{Param: "min-sources", Msg: fmt.Sprintf("want 0 or more sources, got %d", f.MinSources)}
	}
	for _, id := range append(append([]string{}, f.Sources...), f.ExcludeSources...) {
		ok, err := s.HasSource(ctx, id)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &UnknownSourceError{ID: id}
		}
	}
	v := *s
	v.close = nil
	v.discard = false
	v.created = ""
	if f.IsZero() {
		v.filter = nil
	} else {
		v.filter = &Filter{Sources: f.Sources, ExcludeSources: f.ExcludeSources, MinSources: f.MinSources}
		v.filter.init()
	}
	v.linkCache = &linkCache{}
	return &v, nil
}

// Filter returns the view's filter (the zero Filter for the whole store).
func (s *Store) Filter() Filter {
	if s.filter == nil {
		return Filter{}
	}
	return *s.filter
}

// HasSource reports whether the store holds a source with that ID.
func (s *Store) HasSource(ctx context.Context, id string) (bool, error) {
	found := false
	err := s.QuadsWith(ctx, quad.Subject, SourceIRI(id), func(q quad.Quad) error {
		if q.Predicate == PropType && q.Object == TypeSource {
			found = true
		}
		return nil
	})
	return found, err
}

func (f *Filter) init() {
	f.keep = map[string]bool{}
	for _, id := range f.Sources {
		f.keep[id] = true
	}
	f.drop = map[string]bool{}
	for _, id := range f.ExcludeSources {
		f.drop[id] = true
	}
}

// active reports whether the view filters by source (unsourced quads, from
// N-Quads files, are then left out).
func (f *Filter) active() bool { return f != nil && (len(f.keep) > 0 || len(f.drop) > 0) }

func (f *Filter) keepsSource(id string) bool {
	if f == nil {
		return true
	}
	if len(f.keep) > 0 && !f.keep[id] {
		return false
	}
	return !f.drop[id]
}

func (f *Filter) keepsCount(n int) bool { return f == nil || f.MinSources <= 1 || n >= f.MinSources }

func (f *Filter) keepFacts(fs []Fact) []Fact {
	if !f.active() {
		return fs
	}
	out := fs[:0]
	for _, x := range fs {
		if f.keepsSource(x.Source) {
			out = append(out, x)
		}
	}
	return out
}

// keepsEntity keeps an entity that a kept source defines or mentions.
func (f *Filter) keepsEntity(e Entity) bool {
	if !f.active() {
		return true
	}
	for _, src := range e.Sources {
		if f.keepsSource(src) {
			return true
		}
	}
	return false
}

// UnknownSourceError names a source ID the store does not hold.
type UnknownSourceError struct{ ID string }

func (e *UnknownSourceError) Error() string {
	return fmt.Sprintf("no source %q in the store", e.ID)
}

// Unwrap makes errors.Is(err, ErrNotFound) hold.
func (e *UnknownSourceError) Unwrap() error { return ErrNotFound }

// linkCache remembers, for one filtered view, what link filtering has read:
// each claim label's source and each triple's source count.
type linkCache struct {
	mu      sync.Mutex
	source  map[any]string // Key(label ref) → source ID
	triples map[[3]any]int // (subject, predicate, object) keys → distinct kept sources
}

// keepsLink reports whether a filtered view keeps a link: its claim's source
// is kept, and enough kept sources assert its triple.
func (s *Store) keepsLink(ctx context.Context, l Link) (bool, error) {
	f := s.filter
	if f == nil {
		return true, nil
	}
	if f.active() {
		src, ok, err := s.linkSource(ctx, l.Quad)
		if err != nil {
			return false, err
		}
		if !ok || !f.keepsSource(src) {
			return false, nil
		}
	}
	if f.MinSources <= 1 {
		return true, nil
	}
	n, err := s.tripleSources(ctx, l.Quad)
	return n >= f.MinSources, err
}

// linkSource returns the source of the claim labelling a relation quad.
func (s *Store) linkSource(ctx context.Context, q NodeRef) (string, bool, error) {
	label, err := s.qs.QuadDirection(q, quad.Label)
	if err != nil || label == nil {
		return "", false, err
	}
	c := s.linkCache
	c.mu.Lock()
	src, ok := c.source[Key(label)]
	c.mu.Unlock()
	if ok {
		return src, true, nil
	}
	err = s.quadsOf(ctx, quad.Subject, label, func(q quad.Quad) error {
		if q.Predicate == PropSource {
			src = IDOfSource(q.Object)
		}
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("read claim source: %w", err)
	}
	c.mu.Lock()
	if c.source == nil {
		c.source = map[any]string{}
	}
	c.source[Key(label)] = src
	c.mu.Unlock()
	return src, true, nil
}

// tripleSources counts the distinct kept sources that assert a relation
// quad's (subject, relation, object).
func (s *Store) tripleSources(ctx context.Context, q NodeRef) (int, error) {
	var dirs [3]NodeRef
	for i, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object} {
		r, err := s.qs.QuadDirection(q, d)
		if err != nil {
			return 0, fmt.Errorf("read link: %w", err)
		}
		dirs[i] = r
	}
	k := [3]any{Key(dirs[0]), Key(dirs[1]), Key(dirs[2])}
	c := s.linkCache
	c.mu.Lock()
	n, ok := c.triples[k]
	c.mu.Unlock()
	if ok {
		return n, nil
	}
	srcs := map[string]bool{}
	it := s.qs.QuadIterator(quad.Subject, dirs[0]).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		r := it.Result()
		p, err := s.qs.QuadDirection(r, quad.Predicate)
		if err != nil {
			return 0, err
		}
		o, err := s.qs.QuadDirection(r, quad.Object)
		if err != nil {
			return 0, err
		}
		if Key(p) != k[1] || Key(o) != k[2] {
			continue
		}
		src, ok, err := s.linkSource(ctx, r)
		if err != nil {
			return 0, err
		}
		if ok && s.filter.keepsSource(src) {
			srcs[src] = true
		}
	}
	if err := it.Err(); err != nil {
		return 0, err
	}
	c.mu.Lock()
	if c.triples == nil {
		c.triples = map[[3]any]int{}
	}
	c.triples[k] = len(srcs)
	c.mu.Unlock()
	return len(srcs), nil
}
