package graph

import (
	"context"

	hkv "github.com/hidal-go/hidalgo/kv"
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
