package graph

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
)

// Cayley's KV store gives its query optimizer no sizes: every iterator of
// the quads of one node or one predicate says it holds half the store (it
// keeps no count by node, and its default indexes, sp and ops, cannot look
// a predicate up), so the optimizer joins in the order the query was
// written. "Who starred in The Net and Speed" then walks the quads of every
// value as an object (the save beside `has("<name>", "The Net")`) instead
// of starting from the one film named "The Net": seconds instead of
// milliseconds (docs/benchmarks.md, "Gizmo plans").
//
// plannedQS is the quad store Gizmo, GraphQL and Cayley's HTTP API get on
// our embedded stores: Cayley's own, whose quad iterators carry real sizes.
// A predicate's comes from our counters; a node's from a count of its
// entries in Cayley's sp or ops index (keys only, no quad read). Sizes stay
// marked inexact, so nothing counts by them: they only choose join orders,
// and the answers are Cayley's.
type plannedQS struct {
	cgraph.QuadStore // Cayley's KV store
	ix               *indexKV
	// buckets are Cayley's index buckets whose first direction is subject
	// or object (empty when the store's indexes are not those we know).
	buckets map[quad.Direction][]byte
}

var _ shape.Optimizer = (*plannedQS)(nil)

// plannedCache holds a store's plannedQS, made again when the store's
// Cayley store changes (a bulk load reopens it).
type plannedCache struct {
	mu sync.Mutex
	p  *plannedQS
}

// get is the plannedQS on qs and ix; qs itself if its indexes cannot be read.
func (c *plannedCache) get(qs cgraph.QuadStore, ix *indexKV) cgraph.QuadStore {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.p == nil || c.p.QuadStore != qs || c.p.ix != ix {
		p, err := newPlannedQS(context.Background(), qs, ix)
		if err != nil {
			return qs
		}
		c.p = p
	}
	return c.p
}

// newPlannedQS wraps qs, Cayley's KV store on ix.
func newPlannedQS(ctx context.Context, qs cgraph.QuadStore, ix *indexKV) (*plannedQS, error) {
	p := &plannedQS{QuadStore: qs, ix: ix, buckets: map[quad.Direction][]byte{}}
	var inds []ckv.QuadIndex
	err := hkv.View(ctx, ix.KV, func(tx hkv.Tx) error {
		raw, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte("indexes")})
		if errors.Is(err, hkv.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return json.Unmarshal(raw, &inds)
	})
	if err != nil {
		return nil, err
	}
	for _, ind := range inds {
		if len(ind.Dirs) == 0 {
			continue
		}
		if d := ind.Dirs[0]; d == quad.Subject || d == quad.Object {
			name := make([]byte, len(ind.Dirs))
			for i, d := range ind.Dirs {
				name[i] = d.Prefix()
			}
			if _, seen := p.buckets[d]; !seen {
				p.buckets[d] = name
			}
		}
	}
	return p, nil
}

// QuadIterator is Cayley's, with the size of what it yields.
func (p *plannedQS) QuadIterator(d quad.Direction, v cgraph.Ref) iterator.Shape {
	it := p.QuadStore.QuadIterator(d, v)
	id, ok := v.(ckv.Int64Value)
	if !ok || iterator.IsNull(it) {
		return it
	}
	sized := &sizedShape{Shape: it, qs: p.QuadStore}
	switch {
	case d == quad.Predicate && p.ix.on:
		sized.scan = true
		sized.count = func(ctx context.Context) (int64, bool) { return p.predicateQuads(ctx, uint64(id)) }
	case p.buckets[d] != nil:
		sized.count = func(ctx context.Context) (int64, bool) { return p.nodeQuads(ctx, d, uint64(id)) }
	default:
		return it
	}
	return sized
}

// ValuesOf and RefsOf are Cayley's batch lookups (refs.BatchNamer), which
// an embedding would hide.
func (p *plannedQS) ValuesOf(ctx context.Context, vals []refs.Ref) ([]quad.Value, error) {
	return refs.ValuesOf(ctx, p.QuadStore, vals)
}

func (p *plannedQS) RefsOf(ctx context.Context, nodes []quad.Value) ([]refs.Ref, error) {
	return refs.RefsOf(ctx, p.QuadStore, nodes)
}

var _ refs.BatchNamer = (*plannedQS)(nil)

// QuadIteratorSize is the size QuadIterator's iterator gives.
func (p *plannedQS) QuadIteratorSize(ctx context.Context, d quad.Direction, v cgraph.Ref) (refs.Size, error) {
	st, err := p.QuadIterator(d, v).Stats(ctx)
	return st.Size, err
}

// predicateQuads is our counter of quads with predicate id.
func (p *plannedQS) predicateQuads(ctx context.Context, id uint64) (n int64, ok bool) {
	err := hkv.View(ctx, p.ix.KV, func(tx hkv.Tx) error {
		var err error
		n, err = readCounter(ctx, tx, predCounterKey(id))
		return err
	})
	return n, err == nil
}

// maxNodeCount bounds the index entries counted for one node: past it the
// node is a hub, and the bound says so well enough.
const maxNodeCount = 1 << 16

// nodeQuads counts the quads with node id in direction d, from the keys of
// Cayley's index that starts with d (each value lists the quads with those
// directions).
func (p *plannedQS) nodeQuads(ctx context.Context, d quad.Direction, id uint64) (n int64, ok bool) {
	pref := hkv.Key{p.buckets[d], binary.BigEndian.AppendUint64(nil, id)}
	errEnough := errors.New("enough")
	err := hkv.View(ctx, p.ix.KV, func(tx hkv.Tx) error {
		return hkv.Each(ctx, tx, func(_ hkv.Key, v hkv.Value) error {
			for len(v) > 0 {
				_, w := binary.Uvarint(v)
				if w <= 0 {
					return errors.New("bad index entry")
				}
				v, n = v[w:], n+1
			}
			if n >= maxNodeCount {
				return errEnough
			}
			return nil
		}, options.WithPrefixKV(pref))
	})
	return n, err == nil || errors.Is(err, errEnough)
}

// OptimizeShape is Cayley's KV optimisation, whose index scans are built
// on Cayley's store (they refuse any other).
func (p *plannedQS) OptimizeShape(ctx context.Context, s shape.Shape) (shape.Shape, bool) {
	o, ok := p.QuadStore.(shape.Optimizer)
	if !ok {
		return s, false
	}
	qa, isAction := s.(shape.QuadsAction)
	ns, changed := o.OptimizeShape(ctx, s)
	if !changed {
		return s, false
	}
	var scans []ckv.IndexScan
	shape.Walk(ns, func(sh shape.Shape) bool {
		if is, ok := sh.(ckv.IndexScan); ok {
			scans = append(scans, is)
		}
		return true
	})
	switch {
	case len(scans) == 0:
		return ns, true
	case isAction && len(scans) == 1:
		// What Cayley's optimisation gives, as it builds it.
		return qa.SimplifyFrom(boundScan{IndexScan: scans[0], qs: p.QuadStore}), true
	}
	return s, false
}

// boundScan is Cayley's index scan, built on Cayley's store.
type boundScan struct {
	ckv.IndexScan
	qs cgraph.QuadStore
}

func (s boundScan) BuildIterator(cgraph.QuadStore) iterator.Shape {
	return s.IndexScan.BuildIterator(s.qs)
}

func (s boundScan) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) { return s, false }

// sizedShape is one of Cayley's quad iterators with its size counted.
type sizedShape struct {
	iterator.Shape
	count func(ctx context.Context) (int64, bool)
	// scan: the iterator goes through every quad of the store to find its
	// own (a predicate's, with no index for it): each one it yields costs
	// the quads it skips.
	scan bool
	qs   cgraph.QuadStore

	once sync.Once
	n    int64
	ok   bool
}

func (s *sizedShape) Stats(ctx context.Context) (iterator.Costs, error) {
	st, err := s.Shape.Stats(ctx)
	if err != nil {
		return st, err
	}
	s.once.Do(func() { s.n, s.ok = s.count(ctx) })
	if !s.ok {
		return st, nil
	}
	if sz, ok := s.qs.(interface{ Size() int64 }); ok && s.scan && s.n > 0 {
		st.NextCost *= max(1, (sz.Size()+s.n-1)/s.n)
	}
	st.Size = refs.Size{Value: s.n, Exact: false}
	return st, nil
}

func (s *sizedShape) Optimize(ctx context.Context) (iterator.Shape, bool) {
	ns, changed := s.Shape.Optimize(ctx)
	if !changed {
		return s, false
	}
	if iterator.IsNull(ns) {
		return ns, true
	}
	return &sizedShape{Shape: ns, count: s.count, scan: s.scan, qs: s.qs}, true
}
