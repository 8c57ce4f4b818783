package graph

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
// are deduplicated by the loader and written without Cayley's lookups per
// node and quad, in big unsynced batches. Its memory is bounded whatever
// the input's size (see bulk_runs.go): values are written as they come and
// found again through a bounded cache; quads are sorted in runs on disk
// and merged on Commit, which gives them their IDs and writes the indexes.
type BulkLoad struct {
	s        *Store
	staging  string
	runsDir  string // sorted runs and node hashes, removed on every exit
	db       *leveldb.DB
	batch    *leveldb.Batch
	cache    *valueCache               // value → node ID, bounded
	bloom    *valueBloom               // every value the store holds or the load wrote
	flushed  uint64                    // node IDs up to this are in db, not only in batch
	pending  map[refs.ValueHash]uint64 // dropped from cache, still in batch
	hashFile *os.File                  // hashes of the new nodes, in ID order
	hashes   *bufio.Writer
	refs     []uint32           // quads referring to each new node (per direction), by ID-nodeBase-1
	oldRefs  map[uint64]*oldRef // appending: the store's nodes that the load uses
	quads    *runSet            // records of the quads added, by node IDs
	ops      *runSet            // Commit: ops index entries
	runMax   int                // records a run set holds in memory
	base     bool               // appending to a store that holds quads
	baseSize uint64             // appending: the quads it held
	nodeBase uint64             // the store's horizon: IDs above it are new
	seq      uint64             // quads added (duplicates too)
	preds    map[uint64]int64   // our counters (see kvindex.go)
	types    map[uint64]int64
	horizon  uint64 // the last node ID given out (quads get theirs on Commit)
	size     int64
	ts       int64
	err      error
	done     bool
	progress Progress // told of Commit's phases (nil: nothing)
}

// oldRef counts the new quads that use a node the store held before.
type oldRef struct {
	h refs.ValueHash
	n uint64
}

// The loader's memory: records a run set sorts in memory (40 bytes each)
// and value cache slots (28 bytes each).
const (
	bulkRunRecs    = 1 << 19
	bulkCacheSlots = 1 << 20
)

// Flags in a quad record's last field, which Commit's indexes need. (An
// ops record's last field is the label, and recObjNode when the quad is an
// adjacency entry.)
const (
	recObjNode = 1 << 63 // the object is an IRI or blank node
	recType    = 1 << 62 // the predicate is prop:type
)

// SetProgress asks Commit to report its phases (index, compact, sync) to p.
func (b *BulkLoad) SetProgress(p Progress) { b.progress = p }

func (b *BulkLoad) report(phase string, done, total int64) {
	if b.progress != nil {
		b.progress(phase, done, total)
	}
}

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
	runs := staging + "-runs"
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
	var b *BulkLoad
	abort := func(err error) (*BulkLoad, error) {
		if b != nil {
			b.cleanup()
		}
		db.Close()
		os.RemoveAll(staging)
		os.RemoveAll(runs)
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
	b = &BulkLoad{
		s: s, staging: staging, runsDir: runs, db: db, batch: new(leveldb.Batch), base: base,
		cache: newValueCache(bulkCacheSlots), oldRefs: map[uint64]*oldRef{}, pending: map[refs.ValueHash]uint64{},
		quads: newRunSet(runs, "quads", 4, bulkRunRecs), runMax: bulkRunRecs,
		preds: map[uint64]int64{}, types: map[uint64]int64{},
		ts: time.Now().UnixNano(),
	}
	if err := b.openRuns(); err != nil {
		return abort(err)
	}
	if base {
		if err := b.readBase(); err != nil {
			return abort(err)
		}
		if err := b.readBloom(int(b.horizon - b.baseSize)); err != nil {
			return abort(fmt.Errorf("bulk append: read the store's values: %w", err))
		}
	} else {
		b.bloom = newValueBloom(0)
	}
	b.nodeBase, b.flushed = b.horizon, b.horizon
	return b, nil
}

// openRuns creates the directory of the sorted runs and the file of the
// new nodes' hashes.
func (b *BulkLoad) openRuns() error {
	if err := os.Mkdir(b.runsDir, 0o755); err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	f, err := os.Create(filepath.Join(b.runsDir, "nodes"))
	if err != nil {
		return fmt.Errorf("bulk load: %w", err)
	}
	b.hashFile, b.hashes = f, bufio.NewWriterSize(f, 1<<20)
	return nil
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
	b.flushed = b.horizon
	clear(b.pending)
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

// node returns the ID of a value, writing the value when it is new. A
// value the cache does not hold and the bloom filter cannot rule out is
// read back from the staging store.
func (b *BulkLoad) node(v quad.Value) (uint64, error) {
	h := refs.HashOf(v)
	if id, ok := b.cache.get(h); ok {
		return id, nil
	}
	if id, ok := b.pending[h]; ok {
		return id, nil
	}
	if b.bloom.has(h) {
		id, err := b.stored(h)
		if err != nil {
			return 0, err
		}
		if id != 0 {
			if id <= b.nodeBase && b.oldRefs[id] == nil {
				b.oldRefs[id] = &oldRef{h: h}
			}
			b.remember(h, id, true)
			return id, nil
		}
	}
	val, err := pquads.MarshalValue(v)
	if err != nil {
		return 0, err
	}
	b.horizon++
	// The value key first: a batch written by either put holds it, as
	// remember expects of every node ID up to b.flushed.
	b.put(hkv.Key{[]byte{'v', h[0], h[1]}, h[:]}, binary.AppendUvarint(nil, b.horizon))
	b.putLog(&cproto.Primitive{ID: b.horizon, Value: val, Timestamp: b.ts})
	b.bloom.add(h)
	b.remember(h, b.horizon, false)
	b.hashes.Write(h[:])
	b.refs = append(b.refs, 0)
	return b.horizon, nil
}

// remember caches a value's ID (see valueCache.put for front). A node the
// cache drops whose value key is still in the batch is kept in pending.
func (b *BulkLoad) remember(h refs.ValueHash, id uint64, front bool) {
	if outH, out := b.cache.put(h, id, front); out > b.flushed {
		b.pending[outH] = out
	}
}

// Add writes one quad. Duplicates are dropped.
func (b *BulkLoad) Add(q quad.Quad) error {
	if b.err != nil {
		return b.err
	}
	if b.done {
		return errors.New("bulk load already finished")
	}
	var ids [4]uint64
	for i, d := range quad.Directions {
		v := q.Get(d)
		if v == nil {
			continue
		}
		id, err := b.node(v)
		if err != nil {
			b.err = fmt.Errorf("bulk write %v: %w", q, err)
			return b.err
		}
		ids[i] = id
	}
	b.seq++
	last := uint64(0)
	if isNodeValue(q.Object) {
		last |= recObjNode
	}
	if q.Predicate == PropType {
		last |= recType
	}
	if err := b.quads.add(rec{ids[0], ids[1], ids[2], ids[3], last}); err != nil {
		b.err = err
	}
	return b.err
}

// old reports whether a node ID was in the store before (0, no label, is).
func (b *BulkLoad) old(id uint64) bool { return id <= b.nodeBase }

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

// finish merges the quads' runs into their log entries, adjacency entries
// and sp index, then the ops index's runs, and writes the node reference
// counts and the counters. Quads get their IDs after every node's, in the
// merge's order.
func (b *BulkLoad) finish() error {
	if err := b.hashes.Flush(); err != nil {
		return fmt.Errorf("bulk load: node hashes: %w", err)
	}
	b.cache, b.bloom = nil, nil
	qbase := b.horizon
	b.ops = newRunSet(b.runsDir, "ops", 5, b.runMax)
	if len(b.quads.files) == 0 {
		// Sorted in memory: each ops entry is written over a quad record
		// already read, in the one buffer.
		b.ops.buf = b.quads.buf[:0]
	}
	m := &indexMerge{b: b, qbase: qbase, total: 2 * int64(b.seq)}
	b.report("index", 0, m.total)
	if err := b.quads.merge(m.quad); err != nil {
		return err
	}
	m.flushSP()
	if err := b.ops.merge(m.opsEntry); err != nil {
		return err
	}
	m.flushOps()
	b.report("index", m.total, m.total)
	if b.err != nil {
		return b.err
	}
	if err := b.writeRefs(); err != nil {
		return err
	}
	meta := func(key string, v uint64) {
		b.put(hkv.Key{[]byte("meta"), []byte(key)}, binary.LittleEndian.AppendUint64(nil, v))
	}
	meta("horizon", qbase+uint64(b.size))
	meta("size", b.baseSize+uint64(b.size))
	if err := b.writeCounters(); err != nil {
		return err
	}
	b.writeBatch()
	return b.err
}

// indexMerge writes what the merged stream of quads gives: each index
// key's quad IDs are gathered, ascending as Cayley's writer lists them.
type indexMerge struct {
	b     *BulkLoad
	qbase uint64
	done  int64
	total int64
	key   [3]uint64 // the index key being gathered
	ids   []uint64
}

func (m *indexMerge) tick() {
	m.done++
	if m.done%65536 == 0 {
		m.b.report("index", m.done, m.total)
	}
}

// quad takes one distinct quad, in (subject, predicate, object, label)
// order, and gives it the next ID: the log, the sp index and the outgoing
// adjacency entries are then written in key order, as a table holds them.
func (m *indexMerge) quad(r rec) error {
	b := m.b
	m.tick()
	s, p, o, l := r[0], r[1], r[2], r[3]
	if b.base && b.old(s) && b.old(p) && b.old(o) && b.old(l) {
		if dup, err := b.inBase([4]uint64{s, p, o, l}); err != nil || dup {
			return err
		}
	}
	if len(m.ids) > 0 && (m.key[0] != s || m.key[1] != p) {
		m.flushSP()
	}
	b.size++
	id := m.qbase + uint64(b.size)
	m.key[0], m.key[1] = s, p
	m.ids = append(m.ids, id)
	for _, n := range r[:4] {
		switch {
		case n == 0:
		case n > b.nodeBase:
			b.refs[n-b.nodeBase-1]++
		default:
			b.oldRefs[n].n++
		}
	}
	b.putLog(&cproto.Primitive{ID: id, Subject: s, Predicate: p, Object: o, Label: l, Timestamp: b.ts})
	b.preds[p]++
	if r[4]&recType != 0 {
		b.types[o]++
	}
	adj := uint64(0)
	if r[4]&recObjNode != 0 && s != o {
		adj = recObjNode
		b.put(adjKey(s, adjOut, p, o, id), binary.AppendUvarint(nil, l))
	}
	// The incoming adjacency entry is written with the ops index, in its order.
	if err := b.ops.add(rec{o, p, s, id, l | adj}); err != nil {
		return err
	}
	return b.err
}

// flushSP writes the sp index entry gathered.
func (m *indexMerge) flushSP() {
	if len(m.ids) == 0 {
		return
	}
	s, p := m.key[0], m.key[1]
	key := hkv.Key{spBucket, binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(make([]byte, 0, 16), s), p)}
	m.write(key, m.b.old(s) && m.b.old(p))
}

func (m *indexMerge) write(key hkv.Key, existed bool) {
	var val []byte
	for _, id := range m.ids {
		val = binary.AppendUvarint(val, id)
	}
	m.ids = m.ids[:0]
	val, err := m.b.merged(key, existed, val)
	if err != nil && m.b.err == nil {
		m.b.err = err
	}
	m.b.put(key, val)
}

// opsEntry takes one ops entry, in (object, predicate, subject, ID) order,
// with its label and whether it is an adjacency entry.
func (m *indexMerge) opsEntry(r rec) error {
	m.tick()
	o, p, s, id := r[0], r[1], r[2], r[3]
	if len(m.ids) > 0 && m.key != [3]uint64{o, p, s} {
		m.flushOps()
	}
	m.key = [3]uint64{o, p, s}
	m.ids = append(m.ids, id)
	if r[4]&recObjNode != 0 {
		m.b.put(adjKey(o, adjIn, p, s, id), binary.AppendUvarint(nil, r[4]&^recObjNode))
	}
	return m.b.err
}

func (m *indexMerge) flushOps() {
	if len(m.ids) == 0 {
		return
	}
	o, p, s := m.key[0], m.key[1], m.key[2]
	key := make([]byte, 0, 24)
	key = binary.BigEndian.AppendUint64(key, o)
	key = binary.BigEndian.AppendUint64(key, p)
	key = binary.BigEndian.AppendUint64(key, s)
	b := m.b
	m.write(hkv.Key{opsBucket, key}, b.old(o) && b.old(p) && b.old(s))
}

// writeRefs writes the nodes' reference counts: the new nodes' from the
// file of their hashes (in ID order), the store's nodes' added to theirs.
func (b *BulkLoad) writeRefs() error {
	if _, err := b.hashFile.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("bulk load: node hashes: %w", err)
	}
	r := bufio.NewReaderSize(b.hashFile, 1<<20)
	var h refs.ValueHash
	for _, n := range b.refs {
		if _, err := io.ReadFull(r, h[:]); err != nil {
			return fmt.Errorf("bulk load: node hashes: %w", err)
		}
		b.put(hkv.Key{[]byte{'n', h[0], h[1]}, append([]byte(nil), h[:]...)}, binary.AppendUvarint(nil, uint64(n)))
	}
	b.refs = nil
	for _, o := range b.oldRefs {
		if o.n == 0 {
			continue
		}
		key := hkv.Key{[]byte{'n', o.h[0], o.h[1]}, append([]byte(nil), o.h[:]...)}
		n, err := b.refsBase(key, o.n)
		if err != nil {
			return err
		}
		b.put(key, binary.AppendUvarint(nil, n))
	}
	return b.err
}

// cleanup removes the runs and node hashes.
func (b *BulkLoad) cleanup() {
	if b.hashFile != nil {
		b.hashFile.Close()
		b.hashFile = nil
	}
	os.RemoveAll(b.runsDir)
}

// Abort drops everything added: the store stays empty.
func (b *BulkLoad) Abort() {
	if b.done {
		return
	}
	b.done = true
	b.cleanup()
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
	b.cleanup()
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
