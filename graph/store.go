package graph

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"github.com/hidal-go/hidalgo/kv/flat"
	hleveldb "github.com/hidal-go/hidalgo/kv/flat/leveldb"
	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"
	bolt "go.etcd.io/bbolt"

	// SQL backends register themselves with Cayley's registry on import
	// (unlike the KV backends, whose init-order registration is broken on
	// Go >= 1.21: the embedded stores below are opened directly instead, which
	// also gives us read-only opens and lock timeouts the registry lacks).
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
	// The "single" quad writer used by Cayley's HTTP API.
	_ "github.com/cayleygraph/cayley/writer"
)

// Backend names a kind of store.
type Backend string

// The store backends.
const (
	BackendLevelDB   Backend = "leveldb"
	BackendBolt      Backend = "bbolt"
	BackendMemory    Backend = "memory"
	BackendPostgres  Backend = "postgres"
	BackendCockroach Backend = "cockroach"
)

// DefaultLockTimeout is how long opening a store waits for another process
// that holds it before giving up with ErrStoreBusy.
const DefaultLockTimeout = time.Second

// Location is a parsed --store value.
type Location struct {
	Backend Backend
	Address string // file path or connection string
}

// ParseLocation reads a store location:
//
//	memory:                       an empty in-memory store
//	PATH or leveldb:PATH          an embedded LevelDB directory (the default)
//	bbolt:PATH                    an embedded bbolt file
//	postgres://user@host/db?...   PostgreSQL through Cayley's SQL backend
//	cockroach://user@host/db?...  CockroachDB through Cayley's SQL backend
func ParseLocation(s string) (Location, error) {
	switch {
	case s == "":
		return Location{}, errors.New("empty store location")
	case s == "memory:" || s == "memory":
		return Location{Backend: BackendMemory}, nil
	case strings.HasPrefix(s, "postgres://"), strings.HasPrefix(s, "postgresql://"):
		return Location{Backend: BackendPostgres, Address: s}, nil
	case strings.HasPrefix(s, "cockroach://"):
		// Cayley's cockroach backend speaks the postgres wire protocol.
		return Location{Backend: BackendCockroach, Address: "postgres://" + strings.TrimPrefix(s, "cockroach://")}, nil
	case strings.HasPrefix(s, "bbolt:"), strings.HasPrefix(s, "bolt:"):
		return Location{Backend: BackendBolt, Address: s[strings.Index(s, ":")+1:]}, nil
	case strings.HasPrefix(s, "leveldb:"):
		return Location{Backend: BackendLevelDB, Address: s[len("leveldb:"):]}, nil
	case strings.Contains(s, "://"):
		return Location{}, fmt.Errorf("unsupported store location %q (want a file path, memory:, postgres://... or cockroach://...)", s)
	}
	return Location{Backend: BackendLevelDB, Address: s}, nil
}

func (l Location) String() string {
	switch l.Backend {
	case BackendMemory:
		return "memory:"
	case BackendLevelDB:
		return l.Address
	case BackendBolt:
		return "bbolt:" + l.Address
	}
	return redact(l.Address)
}

// redact hides a password in a connection string.
func redact(addr string) string {
	at := strings.Index(addr, "@")
	scheme := strings.Index(addr, "://")
	if at < 0 || scheme < 0 {
		return addr
	}
	userinfo := addr[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return addr[:scheme+3] + userinfo[:i] + ":***" + addr[at:]
	}
	return addr
}

// OpenOptions say how to open a store.
type OpenOptions struct {
	// ReadOnly opens the store for reading: several read-only processes can
	// share an embedded store. Writes fail with ErrReadOnly.
	ReadOnly bool
	// LockTimeout bounds the wait for another process; 0 means DefaultLockTimeout.
	LockTimeout time.Duration
}

// Store is an actor graph on a Cayley quad store.
type Store struct {
	qs       cgraph.QuadStore
	loc      Location
	readOnly bool
	close    func() error
	be       backend     // what differs by kind of store, chosen once by Open
	ix       *indexKV    // embedded stores: the KV Cayley writes through (counters, adjacency)
	ldb      *leveldb.DB // LevelDB stores: the database under ix
	// planned makes what QuadStore gives Cayley's query languages on the
	// embedded stores: qs with sizes for its optimizer (planner.go).
	planned *plannedCache
	// filter restricts what reads see to some sources (see WithFilter);
	// nil sees everything.
	filter *Filter
	// ids caches the same-as groups (see Merge); views share it.
	ids *identityCache
	// linkCache serves link filtering in a filtered view.
	linkCache *linkCache
	// created is the file or directory Open made for this store; discard
	// asks Close to remove it again if nothing was written.
	created string
	discard bool
}

// Open opens the store at loc, creating an embedded or SQL store when it does
// not exist yet and the store is opened for writing.
func Open(ctx context.Context, loc Location, opt OpenOptions) (*Store, error) {
	if opt.LockTimeout == 0 {
		opt.LockTimeout = DefaultLockTimeout
	}
	switch loc.Backend {
	case BackendMemory:
		return NewMemory(), nil
	case BackendLevelDB:
		return openLevelDB(loc, opt)
	case BackendBolt:
		return openBolt(loc, opt)
	case BackendPostgres, BackendCockroach:
		return openSQL(ctx, loc, opt)
	}
	return nil, fmt.Errorf("unknown backend %q", loc.Backend)
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Store {
	qs := memstore.New()
	return &Store{qs: qs, loc: Location{Backend: BackendMemory}, close: qs.Close, be: kvBackend{qs}, ids: &identityCache{}}
}

// kvOptions turns off Cayley's bloom filter, which scans every quad on open:
// duplicate detection falls back to index lookups.
var kvOptions = cgraph.Options{ckv.OptNoBloom: true}

func openBolt(loc Location, opt OpenOptions) (*Store, error) {
	path := loc.Address
	_, statErr := os.Stat(path)
	exists := statErr == nil
	if !exists {
		if opt.ReadOnly {
			return nil, fmt.Errorf("%w at %s", ErrNoStore, path)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("create store directory: %w", err)
		}
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: opt.LockTimeout, ReadOnly: opt.ReadOnly})
	if errors.Is(err, bolt.ErrTimeout) {
		what := "a writer"
		if !opt.ReadOnly {
			what = "another reader or writer"
		}
		return nil, fmt.Errorf("%w: %s holds %s (waited %s)", ErrStoreBusy, what, path, opt.LockTimeout)
	}
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
		return nil, fmt.Errorf("open store %s (is it an actorgraph store?): %w", path, err)
	}
	kv := newIndexKV(hbolt.New(db))
	if !exists {
		if err := initKV(kv); err != nil {
			db.Close()
			os.Remove(path)
			return nil, fmt.Errorf("initialise store %s: %w", path, err)
		}
	}
	qs, err := ckv.New(kv, kvOptions)
	if errors.Is(err, cgraph.ErrNotInitialized) && !opt.ReadOnly {
		// An empty file left by an interrupted first open.
		if err = initKV(kv); err == nil {
			qs, err = ckv.New(kv, kvOptions)
		}
	}
	if err == nil {
		err = kv.probe(context.Background())
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s (is it an actorgraph store?): %w", path, err)
	}
	st := &Store{qs: qs, loc: loc, readOnly: opt.ReadOnly, close: qs.Close, be: indexedBackend{kvBackend{qs}, kv, nil}, ids: &identityCache{}, ix: kv, planned: &plannedCache{}}
	if !exists {
		st.created = path
	}
	return st, nil
}

// openLevelDB opens (or creates) an embedded LevelDB store. LevelDB locks its
// directory: read-only opens can share it, and anything that meets a writer
// (or a writer that meets a reader) fails at once with ErrStoreBusy.
func openLevelDB(loc Location, opt OpenOptions) (*Store, error) {
	dir := loc.Address
	_, statErr := os.Stat(filepath.Join(dir, "CURRENT"))
	exists := statErr == nil
	if !exists && opt.ReadOnly {
		return nil, fmt.Errorf("%w at %s", ErrNoStore, dir)
	}
	ldb, err := leveldb.OpenFile(dir, &levelOptions{ErrorIfMissing: exists, ReadOnly: opt.ReadOnly, BlockCacheCapacity: levelBlockCache})
	if err != nil {
		if isLockErr(err) {
			return nil, fmt.Errorf("%w: %s is held by another process (a writer, or readers while you write)", ErrStoreBusy, dir)
		}
		if errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.ENOSPC) {
			return nil, fmt.Errorf("open store %s for writing: %w (read-only commands still work)", dir, err)
		}
		return nil, fmt.Errorf("open store %s (is it an actorgraph store?): %w", dir, err)
	}
	kv := newIndexKV(flat.Upgrade(hleveldb.New(ldb)))
	if !exists {
		if err := initKV(kv); err != nil {
			ldb.Close()
			return nil, fmt.Errorf("initialise store %s: %w", dir, err)
		}
	}
	qs, err := ckv.New(kv, kvOptions)
	if err == nil {
		err = kv.probe(context.Background())
	}
	if err != nil {
		ldb.Close()
		return nil, fmt.Errorf("open store %s (is it an actorgraph store?): %w", dir, err)
	}
	st := &Store{qs: qs, loc: loc, readOnly: opt.ReadOnly, close: qs.Close, be: indexedBackend{kvBackend{qs}, kv, ldb}, ids: &identityCache{}, ix: kv, ldb: ldb, planned: &plannedCache{}}
	if !exists {
		st.created = dir
	}
	return st, nil
}

type levelOptions = opt.Options

// levelBlockCache is LevelDB's cache of table blocks: Cayley's 8 MiB default
// holds little of a big store, and searches read blocks over and over.
const levelBlockCache = 64 << 20

// initKV initialises a new embedded store: Cayley's schema, and the marker
// that it keeps our counters and adjacency index from its first write on.
func initKV(kv *indexKV) error {
	if err := ckv.Init(kv, kvOptions); err != nil {
		return err
	}
	return markIndexed(context.Background(), kv)
}

// isLockErr reports whether err is LevelDB failing to take its lock file.
func isLockErr(err error) bool {
	return errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EWOULDBLOCK) ||
		strings.Contains(err.Error(), "resource temporarily unavailable")
}

// Location says where the store lives.
func (s *Store) Location() Location { return s.loc }

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// QuadStore exposes the underlying Cayley quad store, for Cayley's own query
// languages and HTTP API. Everything else goes through Store's methods.
func (s *Store) QuadStore() cgraph.QuadStore {
	if s.planned == nil || s.ix == nil {
		return s.qs
	}
	return s.planned.get(s.qs, s.ix)
}

// DiscardIfNew asks Close to remove the store again if this Open created it
// and it is still empty: a failed first load leaves no empty store behind.
func (s *Store) DiscardIfNew() { s.discard = s.created != "" }

// Close releases the store.
func (s *Store) Close() error {
	if s.close == nil {
		return nil
	}
	empty := false
	if s.discard {
		n, err := s.Size(context.Background())
		empty = err == nil && n == 0
	}
	err := s.close()
	s.close = nil
	if empty && err == nil {
		err = os.RemoveAll(s.created)
	}
	return err
}

// Size is the number of quads in the store.
func (s *Store) Size(ctx context.Context) (int64, error) { return s.be.size(ctx) }

// AddQuads writes quads in one transaction: all of them or none. Quads already
// present are skipped. It returns how many quads the store gained.
func (s *Store) AddQuads(ctx context.Context, quads []quad.Quad) (int64, error) {
	if s.readOnly {
		return 0, ErrReadOnly
	}
	if len(quads) == 0 {
		return 0, nil
	}
	return s.be.addQuads(ctx, quads)
}

// EachQuad calls fn for every quad in the store, in store order.
func (s *Store) EachQuad(ctx context.Context, fn func(quad.Quad) error) error {
	return s.be.eachQuad(ctx, fn)
}
