package graph

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/util"
	"google.golang.org/protobuf/proto"
)

// bulkBatch is how many LevelDB writes the bulk loader gathers in one
// batch (each batch is written without fsync).
const bulkBatch = 20_000

// bulkSuffix names the staging directory of a bulk load, a sibling of the
// store's directory (the same file system, so that it can be swapped in).
const bulkSuffix = ".bulk-"

// ErrNoBulk is returned by BeginBulk for a store that cannot be bulk loaded.
var ErrNoBulk = errors.New("bulk load needs an embedded LevelDB store opened for writing, empty or keeping actorgraph's index")

// CanBulkLoad reports whether BeginBulk can load into the store: an
// embedded LevelDB store, opened for writing, that holds no quads yet or
// keeps our counters (which an append must extend; see bulk_append.go).
func (s *Store) CanBulkLoad(ctx context.Context) bool {
	if !bulkSupported || s.readOnly || s.loc.Backend != BackendLevelDB || s.close == nil || s.ldb == nil {
		return false
	}
	n, err := s.Size(ctx)
	return err == nil && (n == 0 || s.Indexed())
}

// BulkLoad streams quads into a fresh staging store beside an empty
// LevelDB store, and on Commit syncs it once and swaps it in with one
// atomic rename. Until then the store stays empty: a load that fails, is
// aborted or is killed leaves it holding none of the quads. The store's
// directory lock is held throughout, so no other process writes meanwhile.
//
// It writes Cayley's KV schema (graph/kv, data version 2, default
// indexes) itself: since the staging store starts empty, nodes and quads
// are deduplicated in memory and written without a single read, in big
// unsynced batches, instead of Cayley's lookups per node and quad.
type BulkLoad struct {
	s        *Store
	staging  string
	db       *leveldb.DB
	batch    *leveldb.Batch
	nodes    map[refs.ValueHash]int // value → index in nodeIDs and nodeRefs
	nodeIDs  []uint64
	refs     []uint32    // quads referring to each node (per direction)
	old      []bool      // appending: the node was in the store before
	base     bool        // appending to a store that holds quads
	baseSize uint64      // appending: the quads it held
	bloom    *valueBloom // appending: the values it held
	quads    map[[4]uint64]struct{}
	sp       []spEntry // index entries, sorted at the end
	ops      []opsEntry
	preds    map[uint64]int64 // our counters (see kvindex.go)
	types    map[uint64]int64
	horizon  uint64 // the last ID given out
	size     int64
	ts       int64
	err      error
	done     bool
	progress Progress // told of Commit's phases (nil: nothing)
}

// SetProgress asks Commit to report its phases (index, compact, sync) to p.
func (b *BulkLoad) SetProgress(p Progress) { b.progress = p }

func (b *BulkLoad) report(phase string, done, total int64) {
	if b.progress != nil {
		b.progress(phase, done, total)
	}
}

// spEntry and opsEntry are entries of Cayley's two default indexes:
// subject-predicate and object-predicate-subject, each listing quad IDs.
type spEntry struct{ s, p, id uint64 }

type opsEntry struct{ o, p, s, id uint64 }

// The default Cayley indexes, which BulkLoad writes.
var (
	spBucket  = []byte{quad.Subject.Prefix(), quad.Predicate.Prefix()}
	opsBucket = []byte{quad.Object.Prefix(), quad.Predicate.Prefix(), quad.Subject.Prefix()}
)

// BeginBulk starts a bulk load into s, which must be CanBulkLoad.
func (s *Store) BeginBulk(ctx context.Context) (*BulkLoad, error) {
	if !s.CanBulkLoad(ctx) {
		return nil, ErrNoBulk
	}
	dir := filepath.Clean(s.loc.Address)
	// Left over by a load that was killed: never part of the store.
	if old, err := filepath.Glob(dir + bulkSuffix + "*"); err == nil {
		for _, o := range old {
			os.RemoveAll(o)
		}
	}
	staging := dir + bulkSuffix + strconv.Itoa(os.Getpid())
	n, err := s.Size(ctx)
	if err != nil {
		return nil, err
	}
	base := n > 0
	if base {
		if err := s.stageCopy(staging); err != nil {
			os.RemoveAll(staging)
			return nil, errors.Join(err, s.reopenLevel())
		}
	}
	db, err := leveldb.OpenFile(staging, &levelOptions{
		NoSync:              true,
		WriteBuffer:         8 << 20,
		CompactionTableSize: 8 << 20,
		ErrorIfMissing:      base,
	})
	if err != nil {
		os.RemoveAll(staging)
		if base {
			err = errors.Join(err, s.reopenLevel())
		}
		return nil, fmt.Errorf("create staging store %s: %w", staging, err)
	}
	abort := func(err error) (*BulkLoad, error) {
		db.Close()
		os.RemoveAll(staging)
		if base {
			err = errors.Join(err, s.reopenLevel())
		}
		return nil, err
	}
	if !base {
		if err := ckv.Init(flat.Upgrade(hleveldb.New(db)), kvOptions); err != nil {
			return abort(fmt.Errorf("initialise staging store: %w", err))
		}
	}
	// Cayley's Init writes the indexes it will read; we write the defaults.
	want, _ := json.Marshal(ckv.DefaultQuadIndexes)
	got, err := db.Get(flat.KeyEscape(hkv.Key{[]byte("meta"), []byte("indexes")}), nil)
	if err != nil || string(got) != string(want) {
		return abort(fmt.Errorf("staging store: unexpected Cayley indexes %s (is CAYLEY_KV_INDEXES set?)", got))
	}
	b := &BulkLoad{
		s: s, staging: staging, db: db, batch: new(leveldb.Batch), base: base,
		nodes: make(map[refs.ValueHash]int), quads: make(map[[4]uint64]struct{}),
		preds: map[uint64]int64{}, types: map[uint64]int64{},
		ts: time.Now().UnixNano(),
	}
	if base {
		if err := b.readBase(); err != nil {
			return abort(err)
		}
		if err := b.readBloom(int(b.horizon - b.baseSize)); err != nil {
			return abort(fmt.Errorf("bulk append: read the store's values: %w", err))
		}
	}
	return b, nil
}

// put queues one write of key (a Cayley KV key) in the current batch.
func (b *BulkLoad) put(key hkv.Key, val []byte) {
	b.batch.Put(flat.KeyEscape(key), val)
	if b.batch.Len() >= bulkBatch {
		b.writeBatch()
	}
}

func (b *BulkLoad) writeBatch() {
	if b.err == nil && b.batch.Len() > 0 {
		if err := b.db.Write(b.batch, nil); err != nil {
			b.err = fmt.Errorf("bulk write: %w", err)
		}
	}
	b.batch.Reset()
}

func (b *BulkLoad) putLog(p *cproto.Primitive) {
	buf, err := proto.Marshal(p)
	if err != nil {
		b.err = err
		return
	}
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, p.ID)
	b.put(hkv.Key{[]byte("log"), k}, buf)
}

// node returns the index of a value, writing the value when it is new.
func (b *BulkLoad) node(v quad.Value) (int, error) {
	h := refs.HashOf(v)
	if i, ok := b.nodes[h]; ok {
		return i, nil
	}
	if b.base {
		id, err := b.baseNode(h)
		if err != nil {
			return 0, err
		}
		if id != 0 {
			i := len(b.nodeIDs)
			b.nodes[h] = i
			b.nodeIDs, b.refs, b.old = append(b.nodeIDs, id), append(b.refs, 0), append(b.old, true)
			return i, nil
		}
	}
	val, err := pquads.MarshalValue(v)
	if err != nil {
		return 0, err
	}
	b.horizon++
	i := len(b.nodeIDs)
	b.nodes[h] = i
	b.nodeIDs = append(b.nodeIDs, b.horizon)
	b.refs = append(b.refs, 0)
	b.old = append(b.old, false)
	b.putLog(&cproto.Primitive{ID: b.horizon, Value: val, Timestamp: b.ts})
	b.put(hkv.Key{[]byte{'v', h[0], h[1]}, h[:]}, binary.AppendUvarint(nil, b.horizon))
	return i, nil
}

// Add writes one quad. Duplicates are dropped.
func (b *BulkLoad) Add(q quad.Quad) error {
	if b.err != nil {
		return b.err
	}
	if b.done {
		return errors.New("bulk load already finished")
	}
	ns := [4]int{-1, -1, -1, -1}
	var ids [4]uint64
	for i, d := range quad.Directions {
		v := q.Get(d)
		if v == nil {
			continue
		}
		n, err := b.node(v)
		if err != nil {
			b.err = fmt.Errorf("bulk write %v: %w", q, err)
			return b.err
		}
		ns[i], ids[i] = n, b.nodeIDs[n]
	}
	if _, dup := b.quads[ids]; dup {
		return b.err
	}
	b.quads[ids] = struct{}{}
	if b.base && b.allOld(ns) {
		if dup, err := b.inBase(ids); err != nil || dup {
			b.err = err
			return err
		}
	}
	for _, n := range ns {
		if n >= 0 {
			b.refs[n]++
		}
	}
	b.horizon++
	p := &cproto.Primitive{ID: b.horizon, Subject: ids[0], Predicate: ids[1], Object: ids[2], Label: ids[3], Timestamp: b.ts}
	b.putLog(p)
	b.sp = append(b.sp, spEntry{s: p.Subject, p: p.Predicate, id: p.ID})
	b.ops = append(b.ops, opsEntry{o: p.Object, p: p.Predicate, s: p.Subject, id: p.ID})
	b.size++
	b.index(p, q)
	return b.err
}

// allOld reports whether every node of a quad was in the store before.
func (b *BulkLoad) allOld(ns [4]int) bool {
	for _, n := range ns {
		if n >= 0 && !b.old[n] {
			return false
		}
	}
	return true
}

// index counts a new quad and writes its adjacency entries.
func (b *BulkLoad) index(p *cproto.Primitive, q quad.Quad) {
	b.preds[p.Predicate]++
	if q.Predicate == PropType {
		b.types[p.Object]++
	}
	if isNodeValue(q.Object) && p.Subject != p.Object {
		label := binary.AppendUvarint(nil, p.Label)
		b.put(adjKey(p.Subject, adjOut, p.Predicate, p.Object, p.ID), label)
		b.put(adjKey(p.Object, adjIn, p.Predicate, p.Subject, p.ID), label)
	}
}

// writeCounters writes our counters and the marker that the store keeps them.
func (b *BulkLoad) writeCounters() error {
	for _, c := range []struct {
		m   map[uint64]int64
		key func(uint64) hkv.Key
	}{{b.preds, predCounterKey}, {b.types, typeCounterKey}} {
		for id, n := range c.m {
			n, err := b.counterBase(c.key(id), n)
			if err != nil {
				return err
			}
			b.put(c.key(id), binary.LittleEndian.AppendUint64(nil, uint64(n)))
		}
	}
	b.put(keyAgVersion, agVersionText)
	return nil
}

// finish writes the node reference counts, the indexes and the counters.
func (b *BulkLoad) finish() error {
	for h, i := range b.nodes {
		key := hkv.Key{[]byte{'n', h[0], h[1]}, append([]byte(nil), h[:]...)}
		n := uint64(b.refs[i])
		if b.old[i] {
			if n == 0 {
				continue
			}
			var err error
			if n, err = b.refsBase(key, n); err != nil {
				return err
			}
		}
		b.put(key, binary.AppendUvarint(nil, n))
	}
	oldNode := map[uint64]bool{}
	if b.base {
		for i, id := range b.nodeIDs {
			if b.old[i] {
				oldNode[id] = true
			}
		}
	}
	b.nodes, b.quads, b.nodeIDs, b.refs, b.old = nil, nil, nil, nil, nil
	// Each index key lists its quads' IDs in ascending (insertion) order,
	// as Cayley's writer appends them.
	slices.SortFunc(b.sp, func(x, y spEntry) int {
		return cmp.Or(cmp.Compare(x.s, y.s), cmp.Compare(x.p, y.p), cmp.Compare(x.id, y.id))
	})
	total := int64(len(b.sp) + len(b.ops))
	b.report("index", 0, total)
	for i := 0; i < len(b.sp); {
		if i%65536 == 0 {
			b.report("index", int64(i), total)
		}
		e := b.sp[i]
		var val []byte
		for ; i < len(b.sp) && b.sp[i].s == e.s && b.sp[i].p == e.p; i++ {
			val = binary.AppendUvarint(val, b.sp[i].id)
		}
		key := hkv.Key{spBucket, binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(make([]byte, 0, 16), e.s), e.p)}
		val, err := b.merged(key, oldNode[e.s] && oldNode[e.p], val)
		if err != nil {
			return err
		}
		b.put(key, val)
	}
	done := int64(len(b.sp))
	b.sp = nil
	slices.SortFunc(b.ops, func(x, y opsEntry) int {
		return cmp.Or(cmp.Compare(x.o, y.o), cmp.Compare(x.p, y.p), cmp.Compare(x.s, y.s), cmp.Compare(x.id, y.id))
	})
	for i := 0; i < len(b.ops); {
		if i%65536 == 0 {
			b.report("index", done+int64(i), total)
		}
		e := b.ops[i]
		var val []byte
		for ; i < len(b.ops) && b.ops[i].o == e.o && b.ops[i].p == e.p && b.ops[i].s == e.s; i++ {
			val = binary.AppendUvarint(val, b.ops[i].id)
		}
		key := make([]byte, 0, 24)
		key = binary.BigEndian.AppendUint64(key, e.o)
		key = binary.BigEndian.AppendUint64(key, e.p)
		key = binary.BigEndian.AppendUint64(key, e.s)
		k := hkv.Key{opsBucket, key}
		val, err := b.merged(k, oldNode[e.o] && oldNode[e.p] && oldNode[e.s], val)
		if err != nil {
			return err
		}
		b.put(k, val)
	}
	b.report("index", total, total)
	b.ops = nil
	meta := func(key string, v uint64) {
		b.put(hkv.Key{[]byte("meta"), []byte(key)}, binary.LittleEndian.AppendUint64(nil, v))
	}
	meta("horizon", b.horizon)
	meta("size", b.baseSize+uint64(b.size))
	if err := b.writeCounters(); err != nil {
		return err
	}
	b.writeBatch()
	return b.err
}

// Abort drops everything added: the store stays empty.
func (b *BulkLoad) Abort() {
	if b.done {
		return
	}
	b.done = true
	b.db.Close()
	os.RemoveAll(b.staging)
	if b.base {
		b.s.reopenLevel()
	}
}

// Commit writes what is left, syncs the staging store to disk once and
// swaps it in for the store's directory, atomically. It returns how many
// quads the store gained.
func (b *BulkLoad) Commit(ctx context.Context) (int64, error) {
	if b.done {
		return 0, errors.New("bulk load already finished")
	}
	if err := b.finish(); err != nil {
		b.Abort()
		return 0, err
	}
	b.done = true
	// One compaction into sorted, non-overlapping tables: a lookup then
	// reads one table, not every level-0 table the load left. It rewrites
	// the whole store, so an append smaller than the store skips it (its
	// few level-0 tables cost little) rather than pay for the store's size.
	var err error
	if !b.base || uint64(b.size) >= b.baseSize {
		b.report("compact", 0, 1)
		err = b.db.CompactRange(util.Range{})
	}
	if err == nil {
		err = b.db.Close()
	}
	b.report("sync", 0, 1)
	if err == nil {
		err = syncTree(b.staging)
	}
	if err != nil {
		os.RemoveAll(b.staging)
		return 0, b.giveUp(fmt.Errorf("finish staging store: %w", err))
	}
	s := b.s
	dir := filepath.Clean(s.loc.Address)
	// One atomic step: the store's directory now holds the loaded store and
	// the staging name the old, empty one. Our open handle follows the old
	// files; we close it and reopen the store.
	if err := exchange(b.staging, dir); err != nil {
		os.RemoveAll(b.staging)
		return 0, b.giveUp(fmt.Errorf("swap in the loaded store: %w", err))
	}
	if err := syncDir(filepath.Dir(dir)); err != nil {
		return 0, err
	}
	cerr := s.close()
	s.close = nil
	os.RemoveAll(b.staging)
	if cerr != nil {
		return 0, fmt.Errorf("close the empty store: %w", cerr)
	}
	fresh, err := openLevelDB(s.loc, OpenOptions{LockTimeout: DefaultLockTimeout})
	if err != nil {
		return 0, fmt.Errorf("reopen the loaded store: %w", err)
	}
	s.qs, s.be, s.close, s.ix, s.ldb = fresh.qs, fresh.be, fresh.close, fresh.ix, fresh.ldb
	return b.size, nil
}

// giveUp reopens the store after a failed append (stageCopy froze it).
func (b *BulkLoad) giveUp(err error) error {
	if b.base {
		err = errors.Join(err, b.s.reopenLevel())
	}
	return err
}

// syncTree fsyncs every file of a directory, then the directory.
func syncTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		f, err := os.OpenFile(filepath.Join(dir, e.Name()), os.O_RDWR, 0)
		if err != nil {
			return err
		}
		err = f.Sync()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
