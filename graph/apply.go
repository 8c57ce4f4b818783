package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Apply adds and removes quads in one transaction: all of it or none, on
// every backend. Quads to add that are already there, and quads to remove
// that are not, are skipped. It is the one write path of retract and merge.
func (s *Store) Apply(ctx context.Context, add, remove []quad.Quad) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if len(add)+len(remove) == 0 {
		return nil
	}
	defer s.ids.reset()
	deltas := make([]cgraph.Delta, 0, len(add)+len(remove))
	for _, q := range remove {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	}
	for _, q := range add {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
		return fmt.Errorf("write %d quads, remove %d: %w", len(add), len(remove), err)
	}
	return nil
}
