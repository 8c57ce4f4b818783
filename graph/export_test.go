package graph

import (
	"context"

	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/flat"
)

// BreakIndexForTest changes one counter and drops one adjacency entry
// behind Cayley's back.
func BreakIndexForTest(ctx context.Context, s *Store) {
	_ = hkv.Update(ctx, s.ix.KV, func(tx hkv.Tx) error {
		_ = addCounter(ctx, tx, predCounterKey(1), 5)
		it := tx.Scan(ctx)
		defer it.Close()
		for it.Next(ctx) {
			if k := it.Key(); len(k) == 2 && string(k[0]) == string(agAdjacency) {
				return tx.Del(ctx, k.Clone())
			}
		}
		return nil
	})
}

// CayleyLinksForTest is rawLinks read from Cayley's own indexes and log,
// as stores without our adjacency index read them.
func CayleyLinksForTest(ctx context.Context, s *Store, node NodeRef, rels RelSet, fn func(Link) error) error {
	return kvBackend{s.qs}.links(ctx, []NodeRef{node}, Both, rels, func(_ NodeRef, l Link) error { return fn(l) })
}

// UnescapeAdjForTest escapes an adjacency key with hidalgo and unescapes
// it with ours.
func UnescapeAdjForTest(node, pred, other, id uint64) ([]byte, []byte, bool) {
	k := adjKey(node, adjOut, pred, other, id)
	esc := flat.KeyEscape(k)
	bucket := len(flat.KeyEscape(hkv.Key{agAdjacency, nil}))
	var buf [adjLen]byte
	got, ok := unescapeAdj(esc[bucket:], &buf)
	return k[1], got, ok
}

// AttrQuadsForTest is attrQuadsOf.
func AttrQuadsForTest(ctx context.Context, s *Store, ref NodeRef, fn func(quad.Quad) error) error {
	return s.attrQuadsOf(ctx, ref, fn)
}

// SetBulkLimitsForTest makes a bulk load hold at most recs records in
// memory before it writes a sorted run, and slots values in its cache;
// ts, when not 0, is the timestamp of every log entry.
func SetBulkLimitsForTest(b *BulkLoad, recs, slots int, ts int64) {
	b.runMax, b.quads.max = recs, recs
	b.cache = newValueCache(slots)
	if ts != 0 {
		b.ts = ts
	}
}
