package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"sync"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/flat"
	"github.com/hidal-go/hidalgo/kv/options"
	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/iterator"
)

// indexedBackend is the embedded stores' backend: Cayley's KV store, with
// links read from our adjacency index (kvindex.go). ldb is nil on bbolt.
type indexedBackend struct {
	kvBackend
	ix  *indexKV
	ldb *leveldb.DB
}

var _ backend = indexedBackend{}

// quadsOf is kvBackend's, with the quads' values read through our cache of
// node values instead of one read of Cayley's log per value.
func (b indexedBackend) quadsOf(ctx context.Context, d quad.Direction, ref NodeRef, fn func(quad.Quad) error) error {
	var prims []*cproto.Primitive
	it := b.qs.QuadIterator(d, ref).Iterate()
	for it.Next(ctx) {
		p, ok := it.Result().(*cproto.Primitive)
		if !ok {
			it.Close()
			return b.kvBackend.quadsOf(ctx, d, ref, fn)
		}
		prims = append(prims, p)
	}
	err := it.Err()
	it.Close()
	if err != nil {
		return err
	}
	var qs []quad.Quad
	if err := hkv.View(ctx, b.ix.KV, func(tx hkv.Tx) error {
		qs, err = b.ix.quadsOf(ctx, tx, prims)
		return err
	}); err != nil {
		return err
	}
	for _, q := range qs {
		if err := fn(q); err != nil {
			return err
		}
	}
	return nil
}

// links is LinksOf read from our adjacency index (kvindex.go): per
// node one seek, each entry carrying the predicate, the other end, the
// quad and its label, so no quad is read from Cayley's log. Links come in
// the order Cayley's own index lookups give: outgoing, then incoming.
// Nodes read are kept decoded in a cache that any write empties.
func (b indexedBackend) links(ctx context.Context, nodes []NodeRef, dir Direction, rels RelSet, fn func(from NodeRef, l Link) error) error {
	if !b.ix.on {
		return b.kvBackend.links(ctx, nodes, dir, rels, fn) // a store made before the index: reindex
	}
	if len(nodes) == 0 || len(rels.byKey) == 0 || dir&Both == 0 {
		return nil
	}
	c := &b.ix.cache
	return b.adjRead(ctx, func(each adjEach) error {
		gen := c.generation()
		for _, n := range nodes {
			id, ok := n.(ckv.Int64Value)
			if !ok {
				return fmt.Errorf("links: not an embedded store's node reference: %T", n)
			}
			recs, ok := c.get(uint64(id))
			if !ok {
				var err error
				if recs, err = readAdj(uint64(id), each); err != nil {
					return fmt.Errorf("read links: %w", err)
				}
				c.put(gen, uint64(id), recs)
			}
			for _, r := range recs {
				if r.out && dir&Out == 0 || !r.out && dir&In == 0 {
					continue
				}
				rel, ok := rels.byKey[r.pred]
				if !ok {
					continue
				}
				l := r.link
				l.Relation = rel
				if err := fn(n, l); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// adjRec is one decoded adjacency entry.
type adjRec struct {
	pred any  // Key of the predicate
	out  bool // the node is the quad's subject
	link Link // without its Relation
}

// readAdj reads a node's entries, outgoing first.
func readAdj(node uint64, each adjEach) ([]adjRec, error) {
	var out, in []adjRec
	err := each(node, func(k, v []byte) {
		r := decodeAdj(node, k, v)
		if r.out {
			out = append(out, r)
		} else {
			in = append(in, r)
		}
	})
	return append(out, in...), err
}

// decodeAdj decodes one adjacency entry.
func decodeAdj(node uint64, k, v []byte) adjRec {
	dir, pred, other, qid := parseAdj(k)
	label, _ := binary.Uvarint(v)
	p := &cproto.Primitive{ID: qid, Predicate: pred, Label: label, Subject: node, Object: other}
	if dir == adjIn {
		p.Subject, p.Object = other, node
	}
	return adjRec{pred: Key(ckv.Int64Value(pred)), out: dir == adjOut,
		link: Link{Node: ckv.Int64Value(other), Out: dir == adjOut, Quad: p}}
}

// adjCache keeps decoded adjacency entries by node. Every committed write
// empties it (a new generation); a read that began before a write does
// not fill it.
type adjCache struct {
	mu   sync.Mutex
	gen  uint64
	m    map[uint64][]adjRec
	size int
}

// adjCacheMax bounds the entries the cache holds (about 100 bytes each).
const adjCacheMax = 1 << 20

func (c *adjCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

func (c *adjCache) get(node uint64) ([]adjRec, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[node]
	return r, ok
}

func (c *adjCache) put(gen, node uint64, recs []adjRec) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if c.m == nil || c.size+len(recs) > adjCacheMax {
		c.m, c.size = map[uint64][]adjRec{}, 0
	}
	c.m[node] = recs
	c.size += len(recs) + 1
}

// invalidate starts a new generation, after a write.
func (c *adjCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.m, c.size = nil, 0
}

// adjEach calls fn with every adjacency entry of a node: its key after the
// bucket, and its value. Both are only valid during the call.
type adjEach func(node uint64, fn func(k, v []byte)) error

// adjRead gives read to one reader of the adjacency index for a batch of
// lookups: on LevelDB one iterator that seeks from node to node; elsewhere
// one read transaction and a prefix scan per node.
func (b indexedBackend) adjRead(ctx context.Context, read func(adjEach) error) error {
	if b.ldb != nil {
		it := b.ldb.NewIterator(nil, nil)
		defer it.Release()
		return read(func(node uint64, fn func(k, v []byte)) error { return levelAdj(it, node, fn) })
	}
	return hkv.View(ctx, b.ix.KV, func(tx hkv.Tx) error {
		return read(func(node uint64, fn func(k, v []byte)) error {
			pref := hkv.Key{agAdjacency, binary.BigEndian.AppendUint64(nil, node)}
			return hkv.Each(ctx, tx, func(k hkv.Key, v hkv.Value) error {
				if len(k) == 2 && len(k[1]) == adjLen {
					fn(k[1], v)
				}
				return nil
			}, options.WithPrefixKV(pref))
		})
	})
}

// levelAdj reads a node's entries with a raw LevelDB iterator (keys as
// hidalgo's flat layer escapes them).
func levelAdj(it iterator.Iterator, node uint64, fn func(k, v []byte)) error {
	pref := flat.KeyEscape(hkv.Key{agAdjacency, binary.BigEndian.AppendUint64(nil, node)})
	bucket := len(flat.KeyEscape(hkv.Key{agAdjacency, nil}))
	var buf [adjLen]byte
	for ok := it.Seek(pref); ok && bytes.HasPrefix(it.Key(), pref); ok = it.Next() {
		if k, ok := unescapeAdj(it.Key()[bucket:], &buf); ok {
			fn(k, it.Value())
		}
	}
	return it.Error()
}

// unescapeAdj undoes hidalgo's flat key escaping of an adjacency key's
// part after the bucket, into buf; ok is false when it is not one.
func unescapeAdj(k []byte, buf *[adjLen]byte) ([]byte, bool) {
	n := 0
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == flatEsc {
			i++
			if i == len(k) {
				return nil, false
			}
			c = k[i]
		} else if c == flatSep {
			return nil, false
		}
		if n == adjLen {
			return nil, false
		}
		buf[n] = c
		n++
	}
	return buf[:n], n == adjLen
}

// hidalgo's flat key escaping (kv/flat/upgrade.go): a part separator, and
// the escape before a byte equal to either (TestUnescapeAdj checks them).
const (
	flatSep = '/'
	flatEsc = '\\'
)
