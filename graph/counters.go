package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
)

// Counts are the store's exact counters, kept in the same transaction as
// every write on the embedded stores and on PostgreSQL.
type Counts struct {
	Quads      int64
	Predicates map[quad.Value]int64 // quads by predicate
	Types      map[quad.Value]int64 // quads <x> <prop:type> <T>, by T
}

// ErrNoIndex says that an embedded store has no counters or adjacency
// index of ours yet (made before they existed): `actorgraph reindex` adds them.
var ErrNoIndex = errors.New("the store has no actorgraph index (run `actorgraph reindex`)")

// Indexed reports whether the store keeps our counters and adjacency index.
func (s *Store) Indexed() bool { return s.ix != nil && s.ix.on }

// markIndexed records in a fresh (empty) store that it keeps our keys.
func markIndexed(ctx context.Context, k *indexKV) error {
	err := hkv.Update(ctx, k.KV, func(tx hkv.Tx) error {
		return tx.Put(ctx, keyAgVersion, agVersionText)
	})
	if err != nil {
		return fmt.Errorf("initialise actorgraph index: %w", err)
	}
	k.on = true
	return nil
}

// Counts reads the counters. ok is false when the store keeps none (the
// in-memory and CockroachDB stores, whose own indexes count exactly, and
// embedded stores made before the counters existed). PostgreSQL keeps them
// in tables of ours (sqlcounts.go).
func (s *Store) Counts(ctx context.Context) (c Counts, ok bool, err error) {
	if b, isSQL := s.be.(*sqlBackend); isSQL && b.counted {
		c, err := b.counts(ctx)
		return c, err == nil, err
	}
	if !s.Indexed() {
		return Counts{}, false, nil
	}
	raw := rawCounters{preds: map[uint64]int64{}, types: map[uint64]int64{}}
	err = hkv.View(ctx, s.ix.KV, func(tx hkv.Tx) error { return raw.read(ctx, tx) })
	if err != nil {
		return Counts{}, false, err
	}
	if c.Quads, err = s.Size(ctx); err != nil {
		return Counts{}, false, err
	}
	if c.Predicates, err = s.namesOf(raw.preds); err != nil {
		return Counts{}, false, err
	}
	if c.Types, err = s.namesOf(raw.types); err != nil {
		return Counts{}, false, err
	}
	return c, true, nil
}

// rawCounters are counters by Cayley node ID.
type rawCounters struct {
	preds, types map[uint64]int64
}

func (r rawCounters) read(ctx context.Context, tx hkv.Tx) error {
	return hkv.Each(ctx, tx, func(k hkv.Key, v hkv.Value) error {
		if len(k) != 2 || len(k[1]) != 9 || len(v) != 8 {
			return nil // the version key
		}
		n := int64(binary.LittleEndian.Uint64(v))
		id := binary.BigEndian.Uint64(k[1][1:])
		switch k[1][0] {
		case 'p':
			r.preds[id] = n
		case 't':
			r.types[id] = n
		}
		return nil
	}, options.WithPrefixKV(hkv.Key{agCounters}))
}

// namesOf turns counters by node ID into counters by value.
func (s *Store) namesOf(byID map[uint64]int64) (map[quad.Value]int64, error) {
	out := make(map[quad.Value]int64, len(byID))
	for id, n := range byID {
		if id == 0 {
			continue // quads Cayley left without that node (see index_test.go)
		}
		v, err := s.qs.NameOf(ckv.Int64Value(id))
		if err != nil {
			return nil, fmt.Errorf("read counters: %w", err)
		}
		if v == nil {
			return nil, fmt.Errorf("read counters: node %d is not in the store (run `actorgraph check`)", id)
		}
		out[v] = n
	}
	return out, nil
}
