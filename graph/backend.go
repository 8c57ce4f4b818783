package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/quad"
)

// backend is what differs between kinds of store: how quads and links are
// counted, listed, looked up and written. Open picks one, once (kvBackend
// for the embedded and in-memory stores, sqlBackend for PostgreSQL and
// CockroachDB); the Store's methods never ask which they have. Everything
// else goes through Cayley's QuadStore, which every backend has. Every
// method takes its caller's context.
type backend interface {
	// size is the number of quads.
	size(ctx context.Context) (int64, error)
	// addQuads writes quads in one transaction, skipping those present, and
	// returns how many the store gained.
	addQuads(ctx context.Context, quads []quad.Quad) (int64, error)
	// eachQuad calls fn for every quad, in insertion order.
	eachQuad(ctx context.Context, fn func(quad.Quad) error) error
	// quadsOf calls fn with every quad that has ref (not nil) in direction d.
	quadsOf(ctx context.Context, d quad.Direction, ref NodeRef, fn func(quad.Quad) error) error
	// ref is a value's reference; nil when the store has no such node.
	ref(ctx context.Context, v quad.Value) (NodeRef, error)
	// refs is ref for many values.
	refs(ctx context.Context, values []quad.Value) ([]NodeRef, error)
	// links calls fn with the relation quads of every node in direction dir
	// whose predicate is in rels, node by node in order, outgoing before
	// incoming, self-loops left out, with no regard to merges and filters.
	links(ctx context.Context, nodes []NodeRef, dir Direction, rels RelSet, fn func(from NodeRef, l Link) error) error
	// statements is how many statements our own SQL helpers sent; 0 off SQL.
	statements() int64
}

// kvBackend reads and writes through Cayley's QuadStore alone: its
// iterators and index lookups are local to the process.
type kvBackend struct{ qs cgraph.QuadStore }

var _ backend = kvBackend{}

func (b kvBackend) size(ctx context.Context) (int64, error) {
	if sz, ok := b.qs.(interface{ Size() int64 }); ok {
		return sz.Size(), nil // KV stores: 0 before the first write
	}
	st, err := b.qs.Stats(ctx, false)
	if err != nil {
		return 0, fmt.Errorf("count quads: %w", err)
	}
	return st.Quads.Value, nil
}

func (b kvBackend) addQuads(ctx context.Context, quads []quad.Quad) (int64, error) {
	return countAdded(ctx, b, func() error { return applyQuads(b.qs, quads) })
}

// applyQuads writes quads through Cayley in one transaction, skipping those
// present.
func applyQuads(qs cgraph.QuadStore, quads []quad.Quad) error {
	deltas := make([]cgraph.Delta, len(quads))
	for i, q := range quads {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	if err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return fmt.Errorf("write %d quads: %w", len(quads), err)
	}
	return nil
}

// countAdded runs write and returns how many quads it added to be's store.
func countAdded(ctx context.Context, be backend, write func() error) (int64, error) {
	before, err := be.size(ctx)
	if err != nil {
		return 0, err
	}
	if err := write(); err != nil {
		return 0, err
	}
	after, err := be.size(ctx)
	if err != nil {
		return 0, err
	}
	return after - before, nil
}

func (b kvBackend) eachQuad(ctx context.Context, fn func(quad.Quad) error) error {
	return b.iterate(ctx, b.qs.QuadsAllIterator(), fn)
}

func (b kvBackend) quadsOf(ctx context.Context, d quad.Direction, ref NodeRef, fn func(quad.Quad) error) error {
	return b.iterate(ctx, b.qs.QuadIterator(d, ref), fn)
}

// iterate calls fn with every quad a quad iterator yields.
func (b kvBackend) iterate(ctx context.Context, sh iterator.Shape, fn func(quad.Quad) error) error {
	it := sh.Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := b.qs.Quad(it.Result())
		if err != nil {
			return err
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	return it.Err()
}

func (b kvBackend) ref(_ context.Context, v quad.Value) (NodeRef, error) {
	r, err := b.qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", v, err)
	}
	return r, nil
}

func (b kvBackend) refs(ctx context.Context, values []quad.Value) ([]NodeRef, error) {
	out := make([]NodeRef, len(values))
	for i, v := range values {
		r, err := b.ref(ctx, v)
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

func (b kvBackend) links(ctx context.Context, nodes []NodeRef, dir Direction, rels RelSet, fn func(from NodeRef, l Link) error) error {
	if len(rels.byKey) == 0 {
		return nil
	}
	for _, n := range nodes {
		if n == nil {
			continue
		}
		for _, side := range [2]struct {
			d     Direction
			here  quad.Direction
			there quad.Direction
		}{{Out, quad.Subject, quad.Object}, {In, quad.Object, quad.Subject}} {
			if dir&side.d == 0 {
				continue
			}
			if err := b.side(ctx, n, side.here, side.there, rels, func(l Link) error { return fn(n, l) }); err != nil {
				return err
			}
		}
	}
	return nil
}

// side lists the links of node on one side of its quads: here is the node's
// direction in them, there the other end's.
func (b kvBackend) side(ctx context.Context, node NodeRef, here, there quad.Direction, rels RelSet, fn func(Link) error) error {
	it := b.qs.QuadIterator(here, node).Iterate()
	defer it.Close()
	nodeKey := Key(node)
	for it.Next(ctx) {
		q := it.Result()
		p, err := b.qs.QuadDirection(q, quad.Predicate)
		if err != nil {
			return fmt.Errorf("read link: %w", err)
		}
		rel, ok := rels.byKey[Key(p)]
		if !ok {
			continue
		}
		other, err := b.qs.QuadDirection(q, there)
		if err != nil {
			return fmt.Errorf("read link: %w", err)
		}
		if Key(other) == nodeKey {
			continue
		}
		if err := fn(Link{Node: other, Relation: rel, Out: here == quad.Subject, Quad: q}); err != nil {
			return err
		}
	}
	return it.Err()
}

func (kvBackend) statements() int64 { return 0 }
