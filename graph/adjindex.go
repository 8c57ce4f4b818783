package graph

import (
	"context"
	"encoding/binary"
	"fmt"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/options"
)

// adjLinks is rawLinks read from our adjacency index (kvindex.go): one
// prefix scan per direction, each entry carrying the predicate, the other
// end, the quad and its label, so no quad is read from Cayley's log. Links
// come in the order Cayley's own index lookups give.
func (s *Store) adjLinks(ctx context.Context, node NodeRef, dir Direction, rels RelSet, fn func(Link) error) error {
	id, ok := node.(ckv.Int64Value)
	if !ok {
		return fmt.Errorf("links: not an embedded store's node reference: %T", node)
	}
	var links []Link
	err := hkv.View(ctx, s.ix.KV, func(tx hkv.Tx) error {
		for _, side := range [2]struct {
			d Direction
			b byte
		}{{Out, adjOut}, {In, adjIn}} {
			if dir&side.d == 0 {
				continue
			}
			prefix := append(binary.BigEndian.AppendUint64(make([]byte, 0, 9), uint64(id)), side.b)
			err := hkv.Each(ctx, tx, func(k hkv.Key, v hkv.Value) error {
				if len(k) != 2 || len(k[1]) != adjLen {
					return nil
				}
				l, ok := adjLink(uint64(id), k[1], v, rels)
				if ok {
					links = append(links, l)
				}
				return nil
			}, options.WithPrefixKV(hkv.Key{agAdjacency, prefix}))
			if err != nil {
				return fmt.Errorf("read links: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// fn runs outside the read transaction: it may read the store itself.
	for _, l := range links {
		if err := fn(l); err != nil {
			return err
		}
	}
	return nil
}

// adjLink decodes one adjacency entry; ok is false when its predicate is
// not in rels.
func adjLink(node uint64, k, v []byte, rels RelSet) (Link, bool) {
	dir, pred, other, qid := parseAdj(k)
	rel, ok := rels.byKey[Key(ckv.Int64Value(pred))]
	if !ok {
		return Link{}, false
	}
	label, _ := binary.Uvarint(v)
	p := &cproto.Primitive{ID: qid, Predicate: pred, Label: label, Subject: node, Object: other}
	if dir == adjIn {
		p.Subject, p.Object = other, node
	}
	return Link{Node: ckv.Int64Value(other), Relation: rel, Out: dir == adjOut, Quad: p}, true
}
