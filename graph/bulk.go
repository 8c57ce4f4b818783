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
	"google.golang.org/protobuf/proto"
)

// bulkBatch is how many LevelDB writes the bulk loader gathers in one
// batch (each batch is written without fsync).
const bulkBatch = 20_000

// bulkSuffix names the staging directory of a bulk load, a sibling of the
// store's directory (the same file system, so that it can be swapped in).
const bulkSuffix = ".bulk-"

// ErrNoBulk is returned by BeginBulk for a store that cannot be bulk loaded.
var ErrNoBulk = errors.New("bulk load needs an empty embedded LevelDB store opened for writing")

// CanBulkLoad reports whether BeginBulk can load into the store: an
// embedded LevelDB store, opened for writing, that holds no quads yet.
func (s *Store) CanBulkLoad(ctx context.Context) bool {
	if !bulkSupported || s.readOnly || s.loc.Backend != BackendLevelDB || s.close == nil {
		return false
	}
	n, err := s.Size(ctx)
	return err == nil && n == 0
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
	s       *Store
	staging string
	db      *leveldb.DB
	batch   *leveldb.Batch
	nodes   map[refs.ValueHash]int // value → index in nodeIDs and nodeRefs
	nodeIDs []uint64
	refs    []uint32 // quads referring to each node (per direction)
	quads   map[[4]uint64]struct{}
	sp      []spEntry // index entries, sorted at the end
	ops     []opsEntry
	horizon uint64 // the last ID given out
	size    int64
	ts      int64
	err     error
	done    bool
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
	db, err := leveldb.OpenFile(staging, &levelOptions{
		NoSync:              true,
		WriteBuffer:         8 << 20,
		CompactionTableSize: 8 << 20,
	})
	if err != nil {
		os.RemoveAll(staging)
		return nil, fmt.Errorf("create staging store %s: %w", staging, err)
	}
	abort := func(err error) (*BulkLoad, error) {
		db.Close()
		os.RemoveAll(staging)
		return nil, err
	}
	kv := flat.Upgrade(hleveldb.New(db))
	if err := ckv.Init(kv, kvOptions); err != nil {
		return abort(fmt.Errorf("initialise staging store: %w", err))
	}
	// Cayley's Init writes the indexes it will read; we write the defaults.
	want, _ := json.Marshal(ckv.DefaultQuadIndexes)
	got, err := db.Get(flat.KeyEscape(hkv.Key{[]byte("meta"), []byte("indexes")}), nil)
	if err != nil || string(got) != string(want) {
		return abort(fmt.Errorf("staging store: unexpected Cayley indexes %s (is CAYLEY_KV_INDEXES set?)", got))
	}
	return &BulkLoad{
		s: s, staging: staging, db: db, batch: new(leveldb.Batch),
		nodes: make(map[refs.ValueHash]int), quads: make(map[[4]uint64]struct{}),
		ts: time.Now().UnixNano(),
	}, nil
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
	val, err := pquads.MarshalValue(v)
	if err != nil {
		return 0, err
	}
	b.horizon++
	i := len(b.nodeIDs)
	b.nodes[h] = i
	b.nodeIDs = append(b.nodeIDs, b.horizon)
	b.refs = append(b.refs, 0)
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
	return b.err
}

// finish writes the node reference counts, the indexes and the counters.
func (b *BulkLoad) finish() error {
	for h, i := range b.nodes {
		b.put(hkv.Key{[]byte{'n', h[0], h[1]}, append([]byte(nil), h[:]...)}, binary.AppendUvarint(nil, uint64(b.refs[i])))
	}
	b.nodes, b.quads, b.nodeIDs, b.refs = nil, nil, nil, nil
	// Each index key lists its quads' IDs in ascending (insertion) order,
	// as Cayley's writer appends them.
	slices.SortFunc(b.sp, func(x, y spEntry) int {
		return cmp.Or(cmp.Compare(x.s, y.s), cmp.Compare(x.p, y.p), cmp.Compare(x.id, y.id))
	})
	for i := 0; i < len(b.sp); {
		e := b.sp[i]
		var val []byte
		for ; i < len(b.sp) && b.sp[i].s == e.s && b.sp[i].p == e.p; i++ {
			val = binary.AppendUvarint(val, b.sp[i].id)
		}
		key := binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(make([]byte, 0, 16), e.s), e.p)
		b.put(hkv.Key{spBucket, key}, val)
	}
	b.sp = nil
	slices.SortFunc(b.ops, func(x, y opsEntry) int {
		return cmp.Or(cmp.Compare(x.o, y.o), cmp.Compare(x.p, y.p), cmp.Compare(x.s, y.s), cmp.Compare(x.id, y.id))
	})
	for i := 0; i < len(b.ops); {
		e := b.ops[i]
		var val []byte
		for ; i < len(b.ops) && b.ops[i].o == e.o && b.ops[i].p == e.p && b.ops[i].s == e.s; i++ {
			val = binary.AppendUvarint(val, b.ops[i].id)
		}
		key := make([]byte, 0, 24)
		key = binary.BigEndian.AppendUint64(key, e.o)
		key = binary.BigEndian.AppendUint64(key, e.p)
		key = binary.BigEndian.AppendUint64(key, e.s)
		b.put(hkv.Key{opsBucket, key}, val)
	}
	b.ops = nil
	meta := func(key string, v uint64) {
		b.put(hkv.Key{[]byte("meta"), []byte(key)}, binary.LittleEndian.AppendUint64(nil, v))
	}
	meta("horizon", b.horizon)
	meta("size", uint64(b.size))
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
}

// Commit writes what is left, syncs the staging store to disk once and
// swaps it in for the store's empty directory, atomically. It returns how
// many quads the store now holds.
func (b *BulkLoad) Commit(ctx context.Context) (int64, error) {
	if b.done {
		return 0, errors.New("bulk load already finished")
	}
	if err := b.finish(); err != nil {
		b.Abort()
		return 0, err
	}
	b.done = true
	err := b.db.Close()
	if err == nil {
		err = syncTree(b.staging)
	}
	if err != nil {
		os.RemoveAll(b.staging)
		return 0, fmt.Errorf("finish staging store: %w", err)
	}
	s := b.s
	dir := filepath.Clean(s.loc.Address)
	// One atomic step: the store's directory now holds the loaded store and
	// the staging name the old, empty one. Our open handle follows the old
	// files; we close it and reopen the store.
	if err := exchange(b.staging, dir); err != nil {
		os.RemoveAll(b.staging)
		return 0, fmt.Errorf("swap in the loaded store: %w", err)
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
	s.qs, s.close = fresh.qs, fresh.close
	return s.Size(ctx)
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
