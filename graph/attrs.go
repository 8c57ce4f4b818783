package graph

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
	"google.golang.org/protobuf/proto"
)

// attrQuadsOf calls fn with the quads whose subject is ref, except relation
// and denial quads (rel:, deny:), in store order. On the embedded stores it
// walks Cayley's subject-predicate index and skips a relation's quads by
// their key, unread: a hub with thousands of claims costs a few reads, not
// thousands. Elsewhere it is quadsOf with the relations filtered out.
func (s *Store) attrQuadsOf(ctx context.Context, ref cgraph.Ref, fn func(quad.Quad) error) error {
	id, ok := ref.(ckv.Int64Value)
	if !ok || s.ix == nil {
		return s.quadsOf(ctx, quad.Subject, ref, func(q quad.Quad) error {
			if isLinkPredicate(q.Predicate) {
				return nil
			}
			return fn(q)
		})
	}
	var qs []quad.Quad
	err := hkv.View(ctx, s.ix.KV, func(tx hkv.Tx) error {
		pref := hkv.Key{spBucket, binary.BigEndian.AppendUint64(nil, uint64(id))}
		var prims []*cproto.Primitive
		err := hkv.Each(ctx, tx, func(k hkv.Key, v hkv.Value) error {
			if len(k) != 2 || len(k[1]) != 16 {
				return nil
			}
			p, err := s.ix.predicate(ctx, tx, binary.BigEndian.Uint64(k[1][8:]))
			if err != nil || isLinkPredicate(p) {
				return err
			}
			return readQuadList(ctx, tx, v, func(p *cproto.Primitive) { prims = append(prims, p) })
		}, options.WithPrefixKV(pref))
		if err != nil {
			return err
		}
		qs, err = s.ix.quadsOf(ctx, tx, prims)
		return err
	})
	if err != nil {
		return fmt.Errorf("read attributes: %w", err)
	}
	for _, q := range qs {
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}

// quadsOf turns log entries into quads as Cayley's QuadStore.Quad does,
// reading their values through the cache of node values (IDs are never
// given out twice, so a value read once stays right).
func (k *indexKV) quadsOf(ctx context.Context, tx hkv.Tx, prims []*cproto.Primitive) ([]quad.Quad, error) {
	out := make([]quad.Quad, 0, len(prims))
	for _, p := range prims {
		var vals [4]quad.Value
		for i, d := range quad.Directions {
			id := p.GetDirection(d)
			if id == 0 {
				continue
			}
			v, err := k.predicate(ctx, tx, id)
			if err != nil {
				return nil, err
			}
			vals[i] = v
		}
		out = append(out, quad.Make(vals[0], vals[1], vals[2], vals[3]))
	}
	return out, nil
}

// isLinkPredicate reports whether a predicate is a relation or a denial.
func isLinkPredicate(p quad.Value) bool {
	iri, ok := p.(quad.IRI)
	return ok && (strings.HasPrefix(string(iri), RelationPrefix) || strings.HasPrefix(string(iri), DenialPrefix))
}

// readQuadList reads the live quads of an index entry (a list of quad IDs)
// from Cayley's log.
func readQuadList(ctx context.Context, tx hkv.Tx, list []byte, fn func(*cproto.Primitive)) error {
	for len(list) > 0 {
		id, n := binary.Uvarint(list)
		if n <= 0 {
			return fmt.Errorf("bad index entry")
		}
		list = list[n:]
		raw, err := tx.Get(ctx, hkv.Key{cayleyLog, binary.BigEndian.AppendUint64(nil, id)})
		if errors.Is(err, hkv.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		p := new(cproto.Primitive)
		if err := proto.Unmarshal(raw, p); err != nil {
			return err
		}
		if !p.Deleted && !p.IsNode() {
			fn(p)
		}
	}
	return nil
}

// predicate returns a node's value (a predicate's or any other), cached (node IDs are never reused once
// committed, and tx reads committed data).
func (k *indexKV) predicate(ctx context.Context, tx hkv.Tx, id uint64) (quad.Value, error) {
	k.mu.Lock()
	v, ok := k.vals[id]
	k.mu.Unlock()
	if ok {
		return v, nil
	}
	t := &indexTx{Tx: tx, k: k}
	return t.value(ctx, id)
}
