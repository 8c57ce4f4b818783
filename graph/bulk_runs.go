package graph

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/cayleygraph/cayley/graph/refs"
)

// The bulk loader's memory is bounded: what grows with the input goes to
// disk. Quads are gathered as records of node IDs in a buffer; a full
// buffer is sorted, deduplicated and written out as a sorted run, and
// Commit merges the runs (an external merge sort). Values are found again
// through a bounded cache, a bloom filter of every value written, and a
// read of the staging store when both say maybe.

// rec is one record of a sorted run: a quad (subject, predicate, object,
// label, flags) or an ops index entry (object, predicate, subject, quad
// ID, label and flag). Records sort field by field.
type rec [5]uint64

func compareRec(a, b rec) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// runSet sorts records with bounded memory: up to max records in memory,
// the rest in sorted runs on disk. Records whose first key fields are
// equal are duplicates: the merge gives the least of them only.
type runSet struct {
	dir   string // where runs go (created by the bulk load)
	name  string // file name prefix
	key   int    // leading fields that make two records duplicates
	max   int
	buf   []rec
	files []string
}

func newRunSet(dir, name string, key, max int) *runSet {
	return &runSet{dir: dir, name: name, key: key, max: max}
}

func (r *runSet) add(x rec) error {
	if r.buf == nil {
		r.buf = make([]rec, 0, r.max) // untouched pages cost no memory
	}
	r.buf = append(r.buf, x)
	if len(r.buf) >= r.max {
		return r.spill()
	}
	return nil
}

// sortBuf sorts the buffer and drops its duplicates.
func (r *runSet) sortBuf() {
	slices.SortFunc(r.buf, compareRec)
	r.buf = slices.CompactFunc(r.buf, func(a, b rec) bool { return same(a, b, r.key) })
}

func same(a, b rec, key int) bool {
	for i := range key {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// spill writes the buffer out as one sorted run.
func (r *runSet) spill() error {
	r.sortBuf()
	name := filepath.Join(r.dir, r.name+"-"+strconv.Itoa(len(r.files)))
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("bulk load: write a sorted run: %w", err)
	}
	r.files = append(r.files, name)
	w := bufio.NewWriterSize(f, 1<<20)
	var b [8 * len(rec{})]byte
	for _, x := range r.buf {
		for i, v := range x {
			binary.LittleEndian.PutUint64(b[8*i:], v)
		}
		w.Write(b[:])
	}
	err = errors.Join(w.Flush(), f.Close())
	r.buf = r.buf[:0]
	if err != nil {
		return fmt.Errorf("bulk load: write a sorted run: %w", err)
	}
	return nil
}

// merge calls fn with every record in order, duplicates dropped. When
// nothing was spilled the buffer is sorted in memory; otherwise what it
// holds is spilled too and the runs are merged (k-way, by a heap).
func (r *runSet) merge(fn func(rec) error) error {
	if len(r.files) == 0 {
		r.sortBuf()
		for _, x := range r.buf {
			if err := fn(x); err != nil {
				return err
			}
		}
		r.buf = nil
		return nil
	}
	if len(r.buf) > 0 {
		if err := r.spill(); err != nil {
			return err
		}
	}
	r.buf = nil
	h := make(runHeap, 0, len(r.files))
	defer func() {
		for _, rd := range h {
			rd.f.Close()
		}
	}()
	for _, name := range r.files {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("bulk load: read a sorted run: %w", err)
		}
		rd := &runReader{f: f, r: bufio.NewReaderSize(f, 64<<10)}
		ok, err := rd.next()
		if err != nil {
			f.Close()
			return err
		}
		if ok {
			h = append(h, rd)
		} else {
			f.Close()
		}
	}
	heap.Init(&h)
	var last rec
	first := true
	for len(h) > 0 {
		rd := h[0]
		x := rd.cur
		if first || !same(x, last, r.key) {
			if err := fn(x); err != nil {
				return err
			}
			last, first = x, false
		}
		ok, err := rd.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			rd.f.Close()
			heap.Pop(&h)
		}
	}
	for _, name := range r.files {
		os.Remove(name)
	}
	r.files = nil
	return nil
}

type runReader struct {
	f   *os.File
	r   *bufio.Reader
	cur rec
	b   [8 * len(rec{})]byte
}

func (rd *runReader) next() (bool, error) {
	if _, err := io.ReadFull(rd.r, rd.b[:]); err != nil {
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		return false, fmt.Errorf("bulk load: read a sorted run: %w", err)
	}
	for i := range rd.cur {
		rd.cur[i] = binary.LittleEndian.Uint64(rd.b[8*i:])
	}
	return true, nil
}

type runHeap []*runReader

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return compareRec(h[i].cur, h[j].cur) < 0 }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*runReader)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// valueCache maps value hashes to node IDs, with a fixed number of slots:
// four-way set associative, least recently used out. ID 0 is a free slot.
// A dropped entry is in the staging store, or in BulkLoad.pending until
// the batch that writes it goes out.
type valueCache struct {
	keys []refs.ValueHash
	ids  []uint64
	mask uint64 // sets - 1
}

const cacheWays = 4

func newValueCache(slots int) *valueCache {
	sets := 1
	for sets*cacheWays < slots {
		sets *= 2
	}
	return &valueCache{keys: make([]refs.ValueHash, sets*cacheWays), ids: make([]uint64, sets*cacheWays), mask: uint64(sets - 1)}
}

func (c *valueCache) set(h refs.ValueHash) int {
	return int(binary.LittleEndian.Uint64(h[12:20])&c.mask) * cacheWays
}

// get returns a value's ID, moving it to the front of its set.
func (c *valueCache) get(h refs.ValueHash) (uint64, bool) {
	s := c.set(h)
	for i := s; i < s+cacheWays; i++ {
		if c.ids[i] != 0 && c.keys[i] == h {
			id := c.ids[i]
			copy(c.keys[s+1:i+1], c.keys[s:i])
			copy(c.ids[s+1:i+1], c.ids[s:i])
			c.keys[s], c.ids[s] = h, id
			return id, true
		}
	}
	return 0, false
}

// put adds a value not in the cache, at the front of its set or, for a
// value seen once so far, at the back (where the next value put in the
// set replaces it unless it is used again first: values used once do not
// push out the ones used often). It returns the entry it drops (ID 0: none).
func (c *valueCache) put(h refs.ValueHash, id uint64, front bool) (refs.ValueHash, uint64) {
	s := c.set(h)
	last := s + cacheWays - 1
	outH, out := c.keys[last], c.ids[last]
	if front {
		copy(c.keys[s+1:last+1], c.keys[s:last])
		copy(c.ids[s+1:last+1], c.ids[s:last])
		last = s
	}
	c.keys[last], c.ids[last] = h, id
	return outH, out
}

// valueBloom is a bloom filter of value hashes (SHA-1, so its bytes are
// already uniform: the probes are taken from them) that grows: when a part
// is full, a part twice its size is added. Each part is blocked (every
// probe of a value falls in one 512-bit block, one cache line).
type valueBloom struct{ parts []*bloomPart }

type bloomPart struct {
	bits   []uint64
	blocks uint64
	n, cap int
}

const (
	bloomProbes  = 8
	bloomBits    = 12 // per value: under 1 % false positives
	bloomInitial = 1 << 20
)

func newValueBloom(n int) *valueBloom {
	f := &valueBloom{}
	f.grow(max(n, bloomInitial))
	return f
}

func (f *valueBloom) grow(n int) {
	blocks := max(1, (n*bloomBits+511)/512)
	f.parts = append(f.parts, &bloomPart{bits: make([]uint64, blocks*8), blocks: uint64(blocks), cap: n})
}

// at returns the first word of a value's block and its probe bits.
func (p *bloomPart) at(h refs.ValueHash) (blk int, a, c uint32) {
	blk = int(binary.LittleEndian.Uint64(h[0:8])%p.blocks) * 8
	return blk, binary.LittleEndian.Uint32(h[8:12]), binary.LittleEndian.Uint32(h[12:16]) | 1
}

func (f *valueBloom) add(h refs.ValueHash) {
	p := f.parts[len(f.parts)-1]
	if p.n >= p.cap {
		f.grow(2 * p.cap)
		p = f.parts[len(f.parts)-1]
	}
	p.n++
	blk, a, c := p.at(h)
	for i := range uint32(bloomProbes) {
		bit := (a + i*c) & 511
		p.bits[blk+int(bit/64)] |= 1 << (bit % 64)
	}
}

func (f *valueBloom) has(h refs.ValueHash) bool {
	for _, p := range f.parts {
		blk, a, c := p.at(h)
		in := true
		for i := range uint32(bloomProbes) {
			bit := (a + i*c) & 511
			if p.bits[blk+int(bit/64)]&(1<<(bit%64)) == 0 {
				in = false
				break
			}
		}
		if in {
			return true
		}
	}
	return false
}
