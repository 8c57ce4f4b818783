package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"
	"google.golang.org/protobuf/proto"
)

// actorgraph's own keys in an embedded store, beside Cayley's buckets
// (meta, log, v.., n.., and the index buckets, none of which start "ag"):
//
//	agc / 'p' pred(8)          quads with that predicate (uint64, little endian)
//	agc / 't' object(8)        quads <x> <prop:type> <object>
//	agc / "version"            present when the counters and adjacency are kept
//	aga / node(8) 'o' pred(8) quad(8) other(8)   an edge out of node → label ID (uvarint)
//	aga / node(8) 'i' pred(8) other(8) quad(8)   an edge into node → label ID
//
// IDs are Cayley's node and quad IDs (its log keys). dir is adjOut when node
// is the quad's subject, adjIn when it is the object. Only quads whose
// object is a node (an IRI or blank node) and whose ends differ are
// adjacency entries: literals are attributes, not neighbours.
var (
	agCounters    = []byte("agc")
	agAdjacency   = []byte("aga")
	keyAgVersion  = hkv.Key{agCounters, []byte("version")}
	cayleyLog     = []byte("log")
	agVersionText = []byte("1")
)

const (
	adjOut byte = 'o'
	adjIn  byte = 'i'
	adjLen      = 8 + 1 + 8 + 8 + 8
)

func predCounterKey(p uint64) hkv.Key {
	return hkv.Key{agCounters, binary.BigEndian.AppendUint64([]byte{'p'}, p)}
}

func typeCounterKey(o uint64) hkv.Key {
	return hkv.Key{agCounters, binary.BigEndian.AppendUint64([]byte{'t'}, o)}
}

// adjKey is the key of an adjacency entry. Outgoing entries sort by
// predicate and quad ID, incoming ones by predicate, other end and quad ID:
// the orders of Cayley's sp and ops indexes, so links come in the order
// Cayley's own lookups give them.
func adjKey(node uint64, dir byte, pred, other, id uint64) hkv.Key {
	k := make([]byte, 0, adjLen)
	k = binary.BigEndian.AppendUint64(k, node)
	k = append(k, dir)
	k = binary.BigEndian.AppendUint64(k, pred)
	if dir == adjOut {
		k = binary.BigEndian.AppendUint64(k, id)
		k = binary.BigEndian.AppendUint64(k, other)
	} else {
		k = binary.BigEndian.AppendUint64(k, other)
		k = binary.BigEndian.AppendUint64(k, id)
	}
	return hkv.Key{agAdjacency, k}
}

// parseAdj reads an adjacency key (its part after the bucket).
func parseAdj(k []byte) (dir byte, pred, other, id uint64) {
	dir, pred = k[8], binary.BigEndian.Uint64(k[9:])
	a, b := binary.BigEndian.Uint64(k[17:]), binary.BigEndian.Uint64(k[25:])
	if dir == adjOut {
		return dir, pred, b, a
	}
	return dir, pred, a, b
}

// isNodeValue reports whether a value can be a neighbour: an IRI or a
// blank node.
func isNodeValue(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.BNode:
		return true
	}
	return false
}

// indexKV wraps the hidalgo KV that Cayley writes through. Every read-write
// transaction Cayley commits also updates our counters and adjacency
// entries, inside that same transaction: they can never disagree with
// Cayley's data, whatever writes it (our loads, Cayley's HTTP API, Gizmo).
type indexKV struct {
	hkv.KV
	on bool // the store carries our keys (keyAgVersion); else nothing is maintained

	mu    sync.Mutex
	vals  map[uint64]quad.Value // predicates and node kinds seen, by ID
	kinds map[uint64]bool       // object ID → is a node value
	cache adjCache              // decoded adjacency entries (adjindex.go)
}

func newIndexKV(kv hkv.KV) *indexKV {
	return &indexKV{KV: kv, vals: map[uint64]quad.Value{}, kinds: map[uint64]bool{}}
}

// probe reads whether the store carries our keys.
func (k *indexKV) probe(ctx context.Context) error {
	return k.KV.View(ctx, func(tx hkv.Tx) error {
		_, err := tx.Get(ctx, keyAgVersion)
		k.on = err == nil
		if errors.Is(err, hkv.ErrNotFound) {
			return nil
		}
		return err
	})
}

// Tx wraps read-write transactions; read-only ones pass through.
func (k *indexKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	tx, err := k.KV.Tx(ctx, rw)
	if err != nil || !rw || !k.on {
		return tx, err
	}
	return &indexTx{Tx: tx, k: k, nodes: map[uint64][]byte{}, d: newDeltas()}, nil
}

// View and Update must go through our Tx (the embedded KV's would not).
func (k *indexKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, k, fn)
}

func (k *indexKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, k, fn)
}

// indexTx records what the log entries Cayley writes change and, on
// Commit, applies that to our keys before committing. Links are read as
// they are written: a delete may remove their nodes later in the same
// transaction.
type indexTx struct {
	hkv.Tx
	k     *indexKV
	nodes map[uint64][]byte // node primitives written in this transaction: ID → value
	d     *deltas
}

func (t *indexTx) Put(ctx context.Context, key hkv.Key, val hkv.Value) error {
	if len(key) != 2 || !bytes.Equal(key[0], cayleyLog) {
		return t.Tx.Put(ctx, key, val)
	}
	p := new(cproto.Primitive)
	if err := proto.Unmarshal(val, p); err != nil {
		return fmt.Errorf("index: read log entry: %w", err)
	}
	if p.IsNode() {
		t.nodes[p.ID] = p.Value
		return t.Tx.Put(ctx, key, val)
	}
	sign := int64(1)
	if p.Deleted {
		// Count the entry as stored, not as Cayley re-writes it (its
		// delete path may fill in fewer directions), and only once.
		old, err := t.storedLink(ctx, key)
		if err != nil || old == nil {
			return errors.Join(err, t.Tx.Put(ctx, key, val))
		}
		p, sign = old, -1
	}
	if err := t.link(ctx, p, sign); err != nil {
		return err
	}
	return t.Tx.Put(ctx, key, val)
}

// storedLink reads a live link from the log; nil when there is none.
func (t *indexTx) storedLink(ctx context.Context, key hkv.Key) (*cproto.Primitive, error) {
	raw, err := t.Tx.Get(ctx, key)
	if errors.Is(err, hkv.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("index: read log entry: %w", err)
	}
	p := new(cproto.Primitive)
	if err := proto.Unmarshal(raw, p); err != nil {
		return nil, fmt.Errorf("index: read log entry: %w", err)
	}
	if p.Deleted || p.IsNode() {
		return nil, nil
	}
	return p, nil
}

// link counts a link added (sign 1) or removed (-1).
func (t *indexTx) link(ctx context.Context, p *cproto.Primitive, sign int64) error {
	pv, err := t.value(ctx, p.Predicate)
	if err != nil {
		return err
	}
	isNode, err := t.isNode(ctx, p.Object)
	if err != nil {
		return err
	}
	t.d.add(p, pv, isNode, sign)
	return nil
}

func (t *indexTx) Commit(ctx context.Context) error {
	if err := t.d.write(ctx, t.Tx); err != nil {
		return err
	}
	err := t.Tx.Commit(ctx)
	t.k.cache.invalidate()
	return err
}

// value returns a node's value, from this transaction or the log (cached).
func (t *indexTx) value(ctx context.Context, id uint64) (quad.Value, error) {
	t.k.mu.Lock()
	v, ok := t.k.vals[id]
	t.k.mu.Unlock()
	if ok {
		return v, nil
	}
	// Values written in this transaction are not cached: if it fails,
	// Cayley gives their IDs out again.
	raw, fresh := t.nodes[id]
	if !fresh {
		var err error
		if raw, err = readNodeValue(ctx, t.Tx, id); err != nil {
			return nil, err
		}
	}
	if raw != nil {
		var err error
		if v, err = pquads.UnmarshalValue(raw); err != nil {
			return nil, fmt.Errorf("index: read node %d: %w", id, err)
		}
	}
	if fresh || raw == nil {
		return v, nil // not cached: the transaction may fail, a node may come back
	}
	t.k.mu.Lock()
	if len(t.k.vals) > 1<<17 {
		clear(t.k.vals)
	}
	t.k.vals[id] = v
	t.k.mu.Unlock()
	return v, nil
}

func (t *indexTx) isNode(ctx context.Context, id uint64) (bool, error) {
	t.k.mu.Lock()
	n, ok := t.k.kinds[id]
	t.k.mu.Unlock()
	if ok {
		return n, nil
	}
	raw, fresh := t.nodes[id]
	if !fresh {
		var err error
		if raw, err = readNodeValue(ctx, t.Tx, id); err != nil {
			return false, err
		}
	}
	if raw == nil {
		return false, nil // not cached, as in value
	}
	v, err := pquads.UnmarshalValue(raw)
	if err != nil {
		return false, fmt.Errorf("index: read node %d: %w", id, err)
	}
	n = isNodeValue(v)
	if fresh {
		return n, nil
	}
	t.k.mu.Lock()
	if len(t.k.kinds) > 1<<20 {
		clear(t.k.kinds)
	}
	t.k.kinds[id] = n
	t.k.mu.Unlock()
	return n, nil
}

// readNodeValue reads a node's marshalled value from Cayley's log; nil for
// node 0 (Cayley's writer can leave it in a quad: see index_test.go) and
// for a node deleted with its last quad.
func readNodeValue(ctx context.Context, tx hkv.Getter, id uint64) ([]byte, error) {
	if id == 0 {
		return nil, nil
	}
	raw, err := tx.Get(ctx, hkv.Key{cayleyLog, binary.BigEndian.AppendUint64(nil, id)})
	if errors.Is(err, hkv.ErrNotFound) {
		return nil, nil // deleted with its last quad (index keys outlive it)
	}
	if err != nil {
		return nil, fmt.Errorf("index: read node %d: %w", id, err)
	}
	p := new(cproto.Primitive)
	if err := proto.Unmarshal(raw, p); err != nil {
		return nil, fmt.Errorf("index: read node %d: %w", id, err)
	}
	return p.Value, nil
}

// deltas gathers changes to our keys: counters to add to, adjacency
// entries to put or delete.
type deltas struct {
	preds map[uint64]int64
	types map[uint64]int64
	put   []adjEntry
	del   []adjEntry
}

type adjEntry struct {
	key   hkv.Key
	label uint64
}

func newDeltas() *deltas {
	return &deltas{preds: map[uint64]int64{}, types: map[uint64]int64{}}
}

// add counts one link (sign +1 added, -1 removed).
func (d *deltas) add(p *cproto.Primitive, pred quad.Value, objIsNode bool, sign int64) {
	d.preds[p.Predicate] += sign
	if pred == PropType {
		d.types[p.Object] += sign
	}
	if !objIsNode || p.Subject == p.Object {
		return
	}
	list := &d.put
	if sign < 0 {
		list = &d.del
	}
	*list = append(*list,
		adjEntry{adjKey(p.Subject, adjOut, p.Predicate, p.Object, p.ID), p.Label},
		adjEntry{adjKey(p.Object, adjIn, p.Predicate, p.Subject, p.ID), p.Label})
}

// write applies the changes in tx.
func (d *deltas) write(ctx context.Context, tx hkv.Tx) error {
	for id, n := range d.preds {
		if err := addCounter(ctx, tx, predCounterKey(id), n); err != nil {
			return err
		}
	}
	for id, n := range d.types {
		if err := addCounter(ctx, tx, typeCounterKey(id), n); err != nil {
			return err
		}
	}
	for _, e := range d.put {
		if err := tx.Put(ctx, e.key, binary.AppendUvarint(nil, e.label)); err != nil {
			return fmt.Errorf("index: write adjacency: %w", err)
		}
	}
	for _, e := range d.del {
		if err := tx.Del(ctx, e.key); err != nil {
			return fmt.Errorf("index: delete adjacency: %w", err)
		}
	}
	return nil
}

// addCounter adds n to a counter (removing it when it reaches zero).
func addCounter(ctx context.Context, tx hkv.Tx, key hkv.Key, n int64) error {
	if n == 0 {
		return nil
	}
	cur, err := readCounter(ctx, tx, key)
	if err != nil {
		return err
	}
	if cur+n == 0 {
		return tx.Del(ctx, key)
	}
	return tx.Put(ctx, key, binary.LittleEndian.AppendUint64(nil, uint64(cur+n)))
}

func readCounter(ctx context.Context, tx hkv.Getter, key hkv.Key) (int64, error) {
	v, err := tx.Get(ctx, key)
	if errors.Is(err, hkv.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("index: read counter: %w", err)
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("index: counter %q: %d bytes, want 8", key, len(v))
	}
	return int64(binary.LittleEndian.Uint64(v)), nil
}
