package graph

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"slices"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
	"google.golang.org/protobuf/proto"
)

// IndexReport is what CheckIndex found.
type IndexReport struct {
	Quads       int64    // live quads in Cayley's log
	Counters    int      // counters compared
	Adjacency   int64    // adjacency entries expected
	Differences []string // empty when our keys match Cayley's data
}

// Progress is told how far long work has got: its phase, and how many of
// total quads it has done (total 0: unknown).
type Progress func(phase string, done, total int64)

// indexState is what our keys should hold (or hold): counters by node ID,
// and the adjacency entries as a count and an order-free checksum.
type indexState struct {
	raw    rawCounters
	adjN   int64
	adjSum uint64
}

func newIndexState() *indexState {
	return &indexState{raw: rawCounters{preds: map[uint64]int64{}, types: map[uint64]int64{}}}
}

func (st *indexState) addAdj(key hkv.Key, label []byte) {
	h := fnv.New64a()
	h.Write(key[1])
	h.Write(label)
	st.adjN++
	st.adjSum += h.Sum64()
}

// CheckIndex recomputes our counters and adjacency index from a scan of
// Cayley's log and compares them with what the store keeps.
func (s *Store) CheckIndex(ctx context.Context, progress Progress) (IndexReport, error) {
	var rep IndexReport
	if b, ok := s.be.(*sqlBackend); ok && b.counted {
		return b.checkCounts(ctx)
	}
	if s.ix == nil {
		return rep, nil // in-memory and CockroachDB stores: Cayley's own indexes count
	}
	if !s.ix.on {
		return rep, ErrNoIndex
	}
	want, err := s.expectedIndex(ctx, s.viewKV, progress, nil)
	if err != nil {
		return rep, err
	}
	got := newIndexState()
	err = hkv.View(ctx, s.ix.KV, func(tx hkv.Tx) error {
		if err := got.raw.read(ctx, tx); err != nil {
			return err
		}
		return hkv.Each(ctx, tx, func(k hkv.Key, v hkv.Value) error {
			if len(k) == 2 && len(k[1]) == adjLen {
				got.addAdj(k, v)
			}
			return nil
		}, options.WithPrefixKV(hkv.Key{agAdjacency}))
	})
	if err != nil {
		return rep, fmt.Errorf("read index: %w", err)
	}
	rep.Quads, rep.Adjacency = want.quads, want.adjN
	rep.Counters = len(want.raw.preds) + len(want.raw.types)
	rep.Differences = append(s.diffCounters("quads with predicate", want.raw.preds, got.raw.preds),
		s.diffCounters("quads typed", want.raw.types, got.raw.types)...)
	if want.adjN != got.adjN || want.adjSum != got.adjSum {
		rep.Differences = append(rep.Differences, fmt.Sprintf("adjacency index: %d entries (checksum %x), want %d (checksum %x)", got.adjN, got.adjSum, want.adjN, want.adjSum))
	}
	if n, err := s.Size(ctx); err != nil {
		return rep, err
	} else if n != want.quads {
		rep.Differences = append(rep.Differences, fmt.Sprintf("Cayley's quad count is %d, its log holds %d", n, want.quads))
	}
	return rep, nil
}

func (s *Store) diffCounters(what string, want, got map[uint64]int64) []string {
	var out []string
	ids := make([]uint64, 0, len(want)+len(got))
	for id := range want {
		ids = append(ids, id)
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		if want[id] == got[id] {
			continue
		}
		name := fmt.Sprintf("node %d", id)
		if v, err := s.qs.NameOf(ckv.Int64Value(id)); err == nil && v != nil {
			name = v.String()
		}
		out = append(out, fmt.Sprintf("%s %s: counter %d, store holds %d", what, name, got[id], want[id]))
	}
	return out
}

// expected is the index a scan of Cayley's log gives.
type expected struct {
	*indexState
	quads int64
}

// expectedIndex scans Cayley's log. With put, it also hands every
// adjacency entry to put (for Reindex).
func (s *Store) expectedIndex(ctx context.Context, view viewFunc, progress Progress, put func(hkv.Key, []byte) error) (expected, error) {
	ex := expected{indexState: newIndexState()}
	var typeID uint64
	if r, err := s.qs.ValueOf(PropType); err != nil {
		return ex, err
	} else if v, ok := r.(ckv.Int64Value); ok {
		typeID = uint64(v)
	}
	total, _ := s.Size(ctx)
	var nodes []uint64 // bitset: node IDs whose value is an IRI or blank node
	isNode := func(tx hkv.Tx, id uint64) (bool, error) {
		if w := id / 64; w < uint64(len(nodes)) && nodes[w]&(1<<(id%64)) != 0 {
			return true, nil
		}
		raw, err := readNodeValue(ctx, tx, id)
		if err != nil || raw == nil {
			return false, err
		}
		v, err := pquads.UnmarshalValue(raw)
		return err == nil && isNodeValue(v), err
	}
	err := view(ctx, func(tx hkv.Tx) error {
		return hkv.Each(ctx, tx, func(k hkv.Key, val hkv.Value) error {
			if len(k) != 2 || len(k[1]) != 8 {
				return nil // the bucket itself
			}
			p := new(cproto.Primitive)
			if err := proto.Unmarshal(val, p); err != nil {
				return fmt.Errorf("read log: %w", err)
			}
			if p.IsNode() {
				if v, err := pquads.UnmarshalValue(p.Value); err == nil && isNodeValue(v) {
					for uint64(len(nodes)) <= p.ID/64 {
						nodes = append(nodes, 0)
					}
					nodes[p.ID/64] |= 1 << (p.ID % 64)
				}
				return nil
			}
			if p.Deleted {
				return nil
			}
			ex.quads++
			if progress != nil && ex.quads%50_000 == 0 {
				progress("scan", ex.quads, total)
			}
			return ex.link(tx, p, typeID, isNode, put)
		}, options.WithPrefixKV(hkv.Key{cayleyLog}))
	})
	if progress != nil {
		progress("scan", ex.quads, total)
	}
	return ex, err
}

func (ex expected) link(tx hkv.Tx, p *cproto.Primitive, typeID uint64, isNode func(hkv.Tx, uint64) (bool, error), put func(hkv.Key, []byte) error) error {
	ex.raw.preds[p.Predicate]++
	if p.Predicate == typeID {
		ex.raw.types[p.Object]++
	}
	if p.Subject == p.Object {
		return nil
	}
	node, err := isNode(tx, p.Object)
	if err != nil || !node {
		return err
	}
	label := binary.AppendUvarint(nil, p.Label)
	for _, k := range []hkv.Key{adjKey(p.Subject, adjOut, p.Predicate, p.Object, p.ID), adjKey(p.Object, adjIn, p.Predicate, p.Subject, p.ID)} {
		ex.addAdj(k, label)
		if put != nil {
			if err := put(k, label); err != nil {
				return err
			}
		}
	}
	return nil
}

// Reindex rebuilds our counters and adjacency index from Cayley's data, in
// one transaction, and starts keeping them if the store did not. It
// returns how many quads it indexed.
func (s *Store) Reindex(ctx context.Context, progress Progress) (int64, error) {
	if s.readOnly {
		return 0, ErrReadOnly
	}
	if b, ok := s.be.(*sqlBackend); ok && b.copyWrites {
		return b.recount(ctx) // PostgreSQL: counters, no adjacency index
	}
	if s.ix == nil {
		return 0, nil
	}
	tx, err := s.ix.KV.Tx(ctx, true)
	if err != nil {
		return 0, fmt.Errorf("reindex: %w", err)
	}
	defer tx.Close()
	// LevelDB reads a snapshot beside the write transaction; bbolt must not
	// open a second transaction in this goroutine, and reads tx itself.
	view := s.viewKV
	if s.ldb == nil {
		view = func(_ context.Context, fn func(hkv.Tx) error) error { return fn(tx) }
	}
	if err := dropIndex(ctx, view, tx); err != nil {
		return 0, err
	}
	ex, err := s.expectedIndex(ctx, view, progress, func(k hkv.Key, v []byte) error { return tx.Put(ctx, k, v) })
	if err != nil {
		return 0, fmt.Errorf("reindex: %w", err)
	}
	if progress != nil {
		progress("write", ex.quads, ex.quads)
	}
	for what, m := range map[byte]map[uint64]int64{'p': ex.raw.preds, 't': ex.raw.types} {
		for id, n := range m {
			k := hkv.Key{agCounters, binary.BigEndian.AppendUint64([]byte{what}, id)}
			if err := tx.Put(ctx, k, binary.LittleEndian.AppendUint64(nil, uint64(n))); err != nil {
				return 0, fmt.Errorf("reindex: %w", err)
			}
		}
	}
	if err := tx.Put(ctx, keyAgVersion, agVersionText); err != nil {
		return 0, fmt.Errorf("reindex: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("reindex: %w", err)
	}
	s.ix.on = true
	s.ix.cache.invalidate()
	return ex.quads, nil
}

// viewFunc runs fn in a transaction that reads the store.
type viewFunc func(ctx context.Context, fn func(hkv.Tx) error) error

func (s *Store) viewKV(ctx context.Context, fn func(hkv.Tx) error) error {
	return hkv.View(ctx, s.ix.KV, fn)
}

// dropIndex deletes every key of ours (read through view, deleted in tx).
func dropIndex(ctx context.Context, view viewFunc, tx hkv.Tx) error {
	var keys []hkv.Key
	err := view(ctx, func(rt hkv.Tx) error {
		for _, b := range [][]byte{agCounters, agAdjacency} {
			err := hkv.Each(ctx, rt, func(k hkv.Key, _ hkv.Value) error {
				keys = append(keys, k.Clone())
				return nil
			}, options.WithPrefixKV(hkv.Key{b}))
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reindex: read old index: %w", err)
	}
	for _, k := range keys {
		if err := tx.Del(ctx, k); err != nil {
			return fmt.Errorf("reindex: drop old index: %w", err)
		}
	}
	return nil
}
