package queries

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
)

// TestMemoryGuard: a watched context is stopped with a *MemoryError when
// the heap grows past the budget (slowly: only once it has; fast: before
// it does), not while it stays under; after the memory is let go, a new
// watch runs undisturbed.
func TestMemoryGuard(t *testing.T) {
	const budget = 32 << 20
	g := NewMemoryGuard(budget)
	for _, tc := range []struct {
		name    string
		step    int           // bytes more each time
		every   time.Duration // how often
		atLeast int           // MiB held when stopped
	}{{"slow growth", 64 << 10, 5 * time.Millisecond, 20}, {"fast growth", 4 << 20, time.Millisecond, 0}} {
		ctx, done := g.Watch(context.Background())
		small := make([]byte, 4<<20) // well under the budget
		time.Sleep(50 * time.Millisecond)
		if ctx.Err() != nil {
			t.Fatalf("%s: stopped under the budget: %v", tc.name, context.Cause(ctx))
		}
		var hold [][]byte
		deadline := time.Now().Add(10 * time.Second)
		for ctx.Err() == nil && time.Now().Before(deadline) {
			hold = append(hold, make([]byte, tc.step))
			time.Sleep(tc.every)
		}
		held := len(hold) * tc.step >> 20
		var me *MemoryError
		if !errors.As(context.Cause(ctx), &me) || !errors.Is(context.Cause(ctx), ErrMemoryBudget) || me.Budget != budget {
			t.Fatalf("%s: cause %v after %d MiB; want a *MemoryError of 32 MiB", tc.name, context.Cause(ctx), held)
		}
		t.Logf("%s: stopped with %d MiB held", tc.name, held)
		if held < tc.atLeast || held > 2*budget>>20 {
			t.Errorf("%s: stopped with %d MiB held; want %d to %d", tc.name, held, tc.atLeast, 2*budget>>20)
		}
		done()
		runtime.KeepAlive(small)
		hold, small = nil, nil
		runtime.GC() // garbage counts until collected: start the next case at rest
	}
	ctx, done := g.Watch(context.Background())
	defer done()
	time.Sleep(50 * time.Millisecond)
	if ctx.Err() != nil {
		t.Errorf("a new query was stopped for memory let go before it started: %v", context.Cause(ctx))
	}
}
