package graph

import (
	"context"

	"github.com/cayleygraph/quad"
)

// QuadsWith calls fn with every quad that has v in direction d, from the
// index (no scan). A value the store does not hold gives no calls.
func (s *Store) QuadsWith(ctx context.Context, d quad.Direction, v quad.Value, fn func(quad.Quad) error) error {
	ref, err := s.refOf(ctx, v)
	if err != nil {
		return err
	}
	return s.quadsOf(ctx, d, ref, fn)
}
