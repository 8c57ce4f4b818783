package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// SourceInfo is a source document and what the store holds from it.
type SourceInfo struct {
	ID        string   `json:"id"`
	Title     string   `json:"title,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Published string   `json:"published,omitempty"`
	URL       string   `json:"url,omitempty"`
	Claims    int      `json:"claims"`   // relation claims and denials
	Facts     int      `json:"facts"`    // event-fact claims (dates, figures)
	Entities  []string `json:"entities"` // IDs its actor and event blocks define
}

// Fact claim and denial IDs: a fact claim is SOURCE/EVENT@facts, a denial
// SOURCE/S.R.O!denied (with ~N for repeats), beside SOURCE/S.R.O for claims.
const (
	FactClaimMark = "@facts"
	DenialMark    = "!denied"
)

// IsFactClaim reports whether a claim ID names an event-fact claim.
func IsFactClaim(id string) bool { return strings.Contains(id, FactClaimMark) }

// Sources lists every source document in the store, by ID.
func (s *Store) Sources(ctx context.Context) ([]SourceInfo, error) {
	var ids []string
	err := s.QuadsWith(ctx, quad.Object, TypeSource, func(q quad.Quad) error {
		if q.Predicate == PropType {
			ids = append(ids, IDOfSource(q.Subject))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	ids = uniqueSorted(ids)
	out := make([]SourceInfo, 0, len(ids))
	for _, id := range ids {
		info, err := s.Source(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, info)
	}
	return out, nil
}

// Source reads one source document and counts what it asserts.
func (s *Store) Source(ctx context.Context, id string) (SourceInfo, error) {
	info := SourceInfo{ID: id, Entities: []string{}}
	iri := SourceIRI(id)
	found := false
	err := s.QuadsWith(ctx, quad.Subject, iri, func(q quad.Quad) error {
		v := Text(q.Object)
		switch q.Predicate {
		case PropType:
			found = found || q.Object == TypeSource
		case PropTitle:
			info.Title = v
		case PropPublisher:
			info.Publisher = v
		case PropPublished:
			info.Published = v
		case PropURL:
			info.URL = v
		}
		return nil
	})
	if err != nil {
		return info, fmt.Errorf("read source %s: %w", id, err)
	}
	if !found {
		return info, &UnknownSourceError{ID: id}
	}
	err = s.QuadsWith(ctx, quad.Object, iri, func(q quad.Quad) error {
		switch q.Predicate {
		case PropSource:
			if IsFactClaim(IDOfClaim(q.Subject)) {
				info.Facts++
			} else {
				info.Claims++
			}
		case PropDefinedIn:
			info.Entities = append(info.Entities, IDOf(q.Subject))
		}
		return nil
	})
	info.Entities = uniqueSorted(info.Entities)
	if info.Entities == nil {
		info.Entities = []string{}
	}
	return info, err
}

// Retraction is what retracting a source removes.
type Retraction struct {
	Source   string   `json:"source"`
	Claims   int      `json:"claims"`   // relation claims and denials
	Facts    int      `json:"facts"`    // event-fact claims
	Entities []string `json:"entities"` // entities no other source mentions, removed with it
	Quads    int      `json:"quads"`    // quads removed in all
	DryRun   bool     `json:"dry_run,omitempty"`
}

// RetractOptions are how Retract runs.
type RetractOptions struct {
	DryRun   bool     // only say what would be removed
	Progress Progress // told of the phases: "read" by claims, then "write" (nil: nothing)
}

// retractChunk is how many claims Retract reads between progress reports
// (one statement on a SQL store).
const retractChunk = 1000

// Retract removes a source: its claims and facts, the aliases and notes it
// gave, the source node, and every entity that no other source defines or
// mentions, in one all-or-nothing write. With opt.DryRun it only says what
// it would remove. Loading the source's file again restores the store exactly.
func (s *Store) Retract(ctx context.Context, id string, opt RetractOptions) (Retraction, error) {
	dryRun := opt.DryRun
	report := func(phase string, done, total int) {
		if opt.Progress != nil {
			opt.Progress(phase, int64(done), int64(total))
		}
	}
	r := Retraction{Source: id, Entities: []string{}, DryRun: dryRun}
	if ok, err := s.HasSource(ctx, id); err != nil || !ok {
		if err == nil {
			err = &UnknownSourceError{ID: id}
		}
		return r, err
	}
	rm := newQuadSet()
	iri := SourceIRI(id)
	var claims []quad.Value
	touched := map[string]bool{}
	err := s.QuadsWith(ctx, quad.Object, iri, func(q quad.Quad) error {
		switch q.Predicate {
		case PropSource:
			claims = append(claims, q.Subject)
		case PropDefinedIn, PropMentionedIn:
			touched[IDOf(q.Subject)] = true
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	// Every quad the source or one of its claims labels has as subject a
	// claim node or an entity the source defines or mentions: read those
	// through the subject index (Cayley's KV stores have no label index, so
	// a lookup by label would scan the store once per claim).
	labels := map[quad.Value]bool{iri: true}
	for _, c := range claims {
		labels[c] = true
		if IsFactClaim(IDOfClaim(c)) {
			r.Facts++
		} else {
			r.Claims++
		}
	}
	for i := 0; i < len(claims); i += retractChunk {
		report("read", i, len(claims))
		if err := s.quadsWith(ctx, quad.Subject, claims[i:min(i+retractChunk, len(claims))], anyPred, rm.add); err != nil {
			return r, err
		}
	}
	report("read", len(claims), len(claims))
	for _, e := range sortedKeys(touched) {
		err := s.QuadsWith(ctx, quad.Subject, EntityIRI(e), func(q quad.Quad) error {
			if q.Label != nil && labels[q.Label] {
				return rm.add(q)
			}
			return nil
		})
		if err != nil {
			return r, err
		}
	}
	if err := s.QuadsWith(ctx, quad.Subject, iri, rm.add); err != nil {
		return r, err
	}
	for _, e := range sortedKeys(touched) {
		orphan, err := s.orphanQuads(ctx, e, rm)
		if err != nil {
			return r, err
		}
		if orphan != nil {
			r.Entities = append(r.Entities, e)
			for _, q := range orphan {
				rm.add(q)
			}
		}
	}
	r.Quads = len(rm.list)
	if dryRun {
		return r, nil
	}
	report("write", 0, r.Quads)
	if err := s.Apply(ctx, nil, rm.list); err != nil {
		return r, err
	}
	report("write", r.Quads, r.Quads)
	return r, nil
}

// orphanQuads returns the quads left of entity id once rm is removed, when no
// source defines or mentions it any more; nil when one still does.
func (s *Store) orphanQuads(ctx context.Context, id string, rm *quadSet) ([]quad.Quad, error) {
	var rest []quad.Quad
	still := false
	err := s.QuadsWith(ctx, quad.Subject, EntityIRI(id), func(q quad.Quad) error {
		if rm.has(q) || q.Predicate == PropSameAs {
			return nil // a merge decision outlives its sources (unmerge removes it)
		}
		if q.Predicate == PropDefinedIn || q.Predicate == PropMentionedIn {
			still = true
		}
		rest = append(rest, q)
		return nil
	})
	if err != nil || still {
		return nil, err
	}
	if rest == nil {
		rest = []quad.Quad{}
	}
	return rest, nil
}

// quadSet is a list of quads without repeats.
type quadSet struct {
	seen map[string]bool
	list []quad.Quad
}

func newQuadSet() *quadSet { return &quadSet{seen: map[string]bool{}} }

func (qs *quadSet) add(q quad.Quad) error {
	if k := q.NQuad(); !qs.seen[k] {
		qs.seen[k] = true
		qs.list = append(qs.list, q)
	}
	return nil
}

func (qs *quadSet) has(q quad.Quad) bool { return qs.seen[q.NQuad()] }

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
