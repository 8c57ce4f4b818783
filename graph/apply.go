package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Apply removes and adds quads. Each of the two is one transaction, all of
// it or none, on every backend; quads to add that are already there, and
// quads to remove that are not, are skipped. It is the one write path of
// retract, merge, unmerge and saved views.
//
// When both lists are given, the removal is committed first and the
// addition second: two transactions, not one. Cayley's KV stores corrupt
// node references when one transaction both deletes and adds quads (the
// speed work found 251 of 5,904 quads losing their subject or object), so
// no caller may rely on a mixed write being atomic: retract only removes,
// merge only adds, and a view replaced is at worst gone after a crash.
func (s *Store) Apply(ctx context.Context, add, remove []quad.Quad) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if len(add)+len(remove) == 0 {
		return nil
	}
	defer s.ids.reset()
	if err := s.applyOne(ctx, cgraph.Delete, remove); err != nil {
		return fmt.Errorf("remove %d quads: %w", len(remove), err)
	}
	if err := s.applyOne(ctx, cgraph.Add, add); err != nil {
		return fmt.Errorf("write %d quads: %w", len(add), err)
	}
	return nil
}

// applyOne writes quads of one action in one transaction.
func (s *Store) applyOne(ctx context.Context, action cgraph.Procedure, quads []quad.Quad) error {
	if len(quads) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	deltas := make([]cgraph.Delta, len(quads))
	for i, q := range quads {
		deltas[i] = cgraph.Delta{Quad: q, Action: action}
	}
	return s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
}
