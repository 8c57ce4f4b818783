package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"golang.org/x/sys/unix"
)

// bulkBatch is how many quads the bulk loader hands Cayley's bulk writer at
// once.
const bulkBatch = 50_000

// bulkSuffix names the staging directory of a bulk load, a sibling of the
// store's directory (the same file system, so that it can be swapped in).
const bulkSuffix = ".bulk-"

// ErrNoBulk is returned by BeginBulk for a store that cannot be bulk loaded.
var ErrNoBulk = errors.New("bulk load needs an empty embedded LevelDB store opened for writing")

// CanBulkLoad reports whether BeginBulk can load into the store: an
// embedded LevelDB store, opened for writing, that holds no quads yet.
func (s *Store) CanBulkLoad(ctx context.Context) bool {
	if s.readOnly || s.loc.Backend != BackendLevelDB || s.close == nil {
		return false
	}
	n, err := s.Size(ctx)
	return err == nil && n == 0
}

// BulkLoad streams quads into a fresh staging store beside an empty
// LevelDB store, through Cayley's own bulk writer (no bloom filter, no
// fsync per write), and on Commit syncs it once and swaps it in with one
// atomic rename. Until then the store stays empty: a load that fails, is
// aborted or is killed leaves it holding none of the quads. The store's
// directory lock is held throughout, so no other process writes meanwhile.
type BulkLoad struct {
	s       *Store
	staging string
	qs      cgraph.QuadStore
	w       quad.WriteCloser
	buf     []quad.Quad
	err     error
}

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
	db, err := hleveldb.Open(staging, &levelOptions{
		NoSync:                       true,
		WriteBuffer:                  32 << 20,
		CompactionTableSize:          8 << 20,
		DisableLargeBatchTransaction: true,
	})
	if err != nil {
		os.RemoveAll(staging)
		return nil, fmt.Errorf("create staging store %s: %w", staging, err)
	}
	kv := flat.Upgrade(db)
	abort := func(err error) (*BulkLoad, error) {
		db.Close()
		os.RemoveAll(staging)
		return nil, err
	}
	if err := ckv.Init(kv, kvOptions); err != nil {
		return abort(fmt.Errorf("initialise staging store: %w", err))
	}
	// The staging store keeps Cayley's bloom filters: on an empty store they
	// cost no scan, and they spare a lookup per new node and quad.
	qs, err := ckv.New(kv, nil)
	if err != nil {
		return abort(fmt.Errorf("open staging store: %w", err))
	}
	w, err := qs.NewQuadWriter()
	if err != nil {
		qs.Close()
		os.RemoveAll(staging)
		return nil, err
	}
	return &BulkLoad{s: s, staging: staging, qs: qs, w: w, buf: make([]quad.Quad, 0, bulkBatch)}, nil
}

// Add queues one quad. Duplicates are dropped.
func (b *BulkLoad) Add(q quad.Quad) error {
	if b.err != nil {
		return b.err
	}
	b.buf = append(b.buf, q)
	if len(b.buf) == cap(b.buf) {
		return b.flush()
	}
	return nil
}

func (b *BulkLoad) flush() error {
	if len(b.buf) == 0 || b.err != nil {
		return b.err
	}
	if _, err := b.w.WriteQuads(b.buf); err != nil {
		b.err = fmt.Errorf("bulk write: %w", err)
	}
	clear(b.buf)
	b.buf = b.buf[:0]
	return b.err
}

// Abort drops everything added: the store stays empty.
func (b *BulkLoad) Abort() {
	if b.qs == nil {
		return
	}
	b.w.Close()
	b.qs.Close()
	b.qs = nil
	os.RemoveAll(b.staging)
}

// Commit writes the last quads, syncs the staging store to disk once and
// swaps it in for the store's empty directory, atomically. It returns how
// many quads the store now holds.
func (b *BulkLoad) Commit(ctx context.Context) (int64, error) {
	if b.qs == nil {
		return 0, errors.New("bulk load already finished")
	}
	if err := b.flush(); err != nil {
		b.Abort()
		return 0, err
	}
	if err := b.w.Close(); err != nil {
		b.qs.Close()
		os.RemoveAll(b.staging)
		b.qs = nil
		return 0, fmt.Errorf("bulk write: %w", err)
	}
	err := b.qs.Close()
	b.qs = nil
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
	if err := unix.Renameat2(unix.AT_FDCWD, b.staging, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE); err != nil {
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
