package graph

import (
	"strconv"
	"testing"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

func hashOf(i int) refs.ValueHash { return refs.HashOf(quad.String("v" + strconv.Itoa(i))) }

// TestValueBloomGrows: a filter sized for 100 values holds 20,000 (it adds
// parts), answers yes for every one and rarely for others (false positives
// add up over the parts).
func TestValueBloomGrows(t *testing.T) {
	f := &valueBloom{}
	f.grow(100)
	const n = 20_000
	for i := range n {
		f.add(hashOf(i))
	}
	if len(f.parts) < 5 {
		t.Errorf("%d parts for %d values from a first part of 100, want at least 5", len(f.parts), n)
	}
	for i := range n {
		if !f.has(hashOf(i)) {
			t.Fatalf("value %d added but not in the filter", i)
		}
	}
	fp := 0
	for i := n; i < 2*n; i++ {
		if f.has(hashOf(i)) {
			fp++
		}
	}
	if fp > n*len(f.parts)/100 { // under 1 % a part
		t.Errorf("%d false positives in %d with %d parts, want at most 1 %% a part", fp, n, len(f.parts))
	}
}

// TestValueCacheSet: within one set, the least recently used entry goes
// first, and a value put at the back is the next to go unless it is used.
func TestValueCacheSet(t *testing.T) {
	c := newValueCache(cacheWays) // one set: every value shares it
	for i := 1; i <= cacheWays; i++ {
		if _, out := c.put(hashOf(i), uint64(i), true); out != 0 {
			t.Fatalf("put %d into a set with room dropped %d", i, out)
		}
	}
	if id, ok := c.get(hashOf(1)); !ok || id != 1 {
		t.Fatalf("get 1: %d, %v", id, ok)
	}
	// 2 is now the least recently used.
	if h, out := c.put(hashOf(100), 100, true); out != 2 || h != hashOf(2) {
		t.Errorf("a full set dropped %d, want 2 (least recently used)", out)
	}
	if _, out := c.put(hashOf(101), 101, false); out != 3 {
		t.Errorf("dropped %d, want 3", out)
	}
	if _, out := c.put(hashOf(102), 102, false); out != 101 {
		t.Errorf("dropped %d, want 101 (put at the back, never used)", out)
	}
	for _, i := range []int{1, 100, 102} {
		if id, ok := c.get(hashOf(i)); !ok || id != uint64(i) {
			t.Errorf("get %d: %d, %v", i, id, ok)
		}
	}
	if _, ok := c.get(hashOf(2)); ok {
		t.Error("a dropped value is still in the cache")
	}
}
