package queries

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// DefaultQueryMemory is the memory budget of queries when none is given.
const DefaultQueryMemory = 512 << 20

// ErrMemoryBudget: a query was stopped because the heap grew past the
// memory budget while it ran.
var ErrMemoryBudget = errors.New("query memory budget exceeded")

// MemoryError says which budget a stopped query went over.
type MemoryError struct{ Budget int64 }

func (e *MemoryError) Error() string {
	return fmt.Sprintf("query stopped: the heap grew past the query memory budget of %d MiB while it ran, or was about to (make the query smaller, or raise the budget)", e.Budget>>20)
}

// Unwrap makes errors.Is(err, ErrMemoryBudget) hold.
func (e *MemoryError) Unwrap() error { return ErrMemoryBudget }

// MemoryGuard bounds the memory that the queries it watches use together.
// Go cannot tell which goroutine holds which memory, and Gizmo's
// JavaScript runtime (goja) has no allocation limit, so a watchdog samples
// the heap every few milliseconds while any query runs, and stops every
// watched query when the heap (counting garbage not yet collected) is more
// than the budget above the live heap at the guard's creation (the process
// at rest), or is past a quarter of it and growing fast enough to pass it
// soon. It does not wait for a collection to tell garbage from live data:
// a runaway query doubles its memory faster than a collection ends (with
// Go's default GOGC=100, garbage alone reaches the budget only when the
// live heap is about half of it). While queries run, Go's soft memory limit
// is the budget too, so the collector works harder and slows an allocating
// query down. The others running with a runaway query fail with the same
// clear error rather than the process running out of memory; stopped
// queries' memory is handed back to the OS when the last one ends. The
// memory limit is process-wide: use one guard per process.
type MemoryGuard struct {
	budget int64
	every  time.Duration

	rest      uint64 // the live heap when the guard was made
	restTotal uint64 // all the memory Go held then (what its memory limit counts)

	mu       sync.Mutex
	running  map[*watched]struct{}
	stop     chan struct{}
	stopped  bool  // queries were stopped since the set was last empty
	oldLimit int64 // the Go memory limit before the watched set started
}

type watched struct{ cancel context.CancelCauseFunc }

// NewMemoryGuard makes a guard with a budget in bytes (DefaultQueryMemory
// when <= 0).
func NewMemoryGuard(budget int64) *MemoryGuard {
	if budget <= 0 {
		budget = DefaultQueryMemory
	}
	runtime.GC()
	h := newHeap().read()
	return &MemoryGuard{budget: budget, every: 2 * time.Millisecond, rest: h.live(), restTotal: h.goMemory(), running: map[*watched]struct{}{}}
}

// Budget is the guard's budget in bytes.
func (g *MemoryGuard) Budget() int64 { return g.budget }

// Watch returns a context that is cancelled with a *MemoryError cause when
// the guard stops the query; call done when the query has ended.
func (g *MemoryGuard) Watch(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	w := &watched{cancel: cancel}
	g.mu.Lock()
	if len(g.running) == 0 {
		if newHeap().read().objects() > g.rest+uint64(g.budget) {
			// Garbage of queries stopped before: collect it first, or the
			// watchdog would take it for this query's.
			runtime.GC()
		}
		g.stop = make(chan struct{})
		go g.watchdog(g.stop)
		// Near the budget the collector then runs back to back, and its
		// assists slow down the goroutine that allocates: a runaway query
		// grows more slowly than the watchdog looks.
		g.oldLimit = debug.SetMemoryLimit(-1)
		debug.SetMemoryLimit(min(g.oldLimit, int64(g.restTotal)+g.budget))
	}
	g.running[w] = struct{}{}
	g.mu.Unlock()
	return ctx, func() {
		cancel(nil)
		g.mu.Lock()
		if _, ok := g.running[w]; !ok {
			g.mu.Unlock()
			return
		}
		delete(g.running, w)
		free := false
		if len(g.running) == 0 {
			close(g.stop)
			debug.SetMemoryLimit(g.oldLimit)
			free, g.stopped = g.stopped, false
		}
		g.mu.Unlock()
		if free {
			debug.FreeOSMemory() // hand the stopped queries' memory back now
		}
	}
}

func (g *MemoryGuard) watchdog(stop <-chan struct{}) {
	t := time.NewTicker(g.every)
	defer t.Stop()
	limit := g.rest + uint64(g.budget)
	h := newHeap()
	// The growth rate is taken over the last 20-40 ms, not one tick: one
	// big allocation between two ticks is not a trend.
	type sample struct {
		objects uint64
		at      time.Time
	}
	now := time.Now()
	anchor := sample{h.read().objects(), now}
	older := anchor
	stopErr := &MemoryError{Budget: g.budget} // made here: the loop must not allocate
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		objects, now := h.read().objects(), time.Now()
		if now.Sub(anchor.at) >= rateWindow {
			older, anchor = anchor, sample{objects, now}
		}
		// A runaway query doubles its memory faster than this goroutine may
		// get to run again on a busy machine (gaps of 100-300 ms were seen):
		// stop it when the heap is over the limit, or when it is over a
		// quarter of the budget (and the last collection found an eighth of
		// it live: not only garbage) and growing fast enough to pass the
		// limit within lookahead.
		grown := float64(objects) - float64(older.objects)
		projected := float64(objects) + grown*float64(lookahead)/float64(max(now.Sub(older.at), time.Millisecond))
		fast := objects > g.rest+uint64(g.budget/4) && h.live() > g.rest+uint64(g.budget/8) && projected > float64(limit)
		if objects <= limit && !fast {
			continue
		}
		g.mu.Lock()
		for w := range g.running {
			w.cancel(stopErr)
		}
		g.stopped = true
		g.mu.Unlock()
	}
}

// lookahead is how far ahead the watchdog projects the heap's growth,
// measured over at least rateWindow.
const (
	lookahead  = 250 * time.Millisecond
	rateWindow = 20 * time.Millisecond
)

// memoryCause returns the *MemoryError that stopped ctx, or nil.
func memoryCause(ctx context.Context) error {
	var me *MemoryError
	if errors.As(context.Cause(ctx), &me) {
		return me
	}
	return nil
}

// heap reads the heap's metrics without allocating: the watchdog must
// not allocate, or while a huge heap is marked it would be made to help
// the collector (an assist) instead of looking.
type heap struct{ s [4]metrics.Sample }

func newHeap() *heap {
	h := &heap{}
	for i, n := range []string{"/memory/classes/heap/objects:bytes", "/gc/heap/live:bytes", "/memory/classes/total:bytes", "/memory/classes/heap/released:bytes"} {
		h.s[i].Name = n
	}
	return h
}

func (h *heap) read() *heap { metrics.Read(h.s[:]); return h }

func (h *heap) value(i int) uint64 {
	if h.s[i].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return h.s[i].Value.Uint64()
}

// objects is the memory of live objects and of dead ones not yet swept.
func (h *heap) objects() uint64 { return h.value(0) }

// live is the heap marked live by the last collection.
func (h *heap) live() uint64 { return h.value(1) }

// goMemory is the memory Go holds from the OS, as its memory limit counts it.
func (h *heap) goMemory() uint64 { return h.value(2) - h.value(3) }
