package graph

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/hidal-go/hidalgo/kv/flat"
	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/util"
	"google.golang.org/protobuf/proto"
)

// Appending to a store that already holds quads takes the bulk path too:
// the staging directory starts as a copy of the store (LevelDB's table
// files, which it never changes, hard-linked; the rest copied), the new
// quads are merged into it (nodes and quads that already exist are looked
// up, index entries and reference counts of existing keys read and
// extended), and Commit swaps it in as for an empty store. Until then the
// store is untouched: all of the file or none of it.

// stageCopy fills staging with a copy of the store's directory. The store's
// database is made read-only first, which waits for a running compaction
// and stops further ones, so that no file changes under the copy.
func (s *Store) stageCopy(staging string) error {
	// Flush the memtable first and wait for it: opening a store replays its
	// journal into a memtable that LevelDB may write out at any moment
	// (SetReadOnly stops table compactions, not that). The range is past
	// every key, so no table is compacted.
	past := bytes.Repeat([]byte{0xff}, 8)
	if err := s.ldb.CompactRange(util.Range{Start: past, Limit: append(past, 0xff)}); err != nil {
		return fmt.Errorf("flush the store before the copy: %w", err)
	}
	if err := s.ldb.SetReadOnly(); err != nil {
		return fmt.Errorf("freeze the store for the copy: %w", err)
	}
	dir := filepath.Clean(s.loc.Address)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if err := os.Mkdir(staging, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || name == "LOCK" || strings.HasPrefix(name, "LOG") {
			continue
		}
		from, to := filepath.Join(dir, name), filepath.Join(staging, name)
		if strings.HasSuffix(name, ".ldb") || strings.HasSuffix(name, ".sst") {
			err = os.Link(from, to)
		} else {
			err = copyFile(from, to)
		}
		if err != nil {
			return fmt.Errorf("copy the store: %w", err)
		}
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}

// reopenLevel closes and reopens the store's LevelDB (after stageCopy made
// it read-only, when an append is given up).
func (s *Store) reopenLevel() error {
	if s.close != nil {
		s.close()
		s.close = nil
	}
	fresh, err := openLevelDB(s.loc, OpenOptions{LockTimeout: DefaultLockTimeout})
	if err != nil {
		return fmt.Errorf("reopen the store: %w", err)
	}
	s.qs, s.be, s.close, s.ix, s.ldb = fresh.qs, fresh.be, fresh.close, fresh.ix, fresh.ldb
	return nil
}

// get reads a Cayley KV key from the staging store; nil when absent.
func (b *BulkLoad) get(key hkv.Key) ([]byte, error) {
	v, err := b.db.Get(flat.KeyEscape(key), nil)
	if errors.Is(err, leveldb.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("bulk append: read %q: %w", key, err)
	}
	return v, nil
}

// readBase reads the store's horizon and size before an append.
func (b *BulkLoad) readBase() error {
	for _, m := range []struct {
		key string
		to  *uint64
	}{{"horizon", &b.horizon}, {"size", &b.baseSize}} {
		v, err := b.get(hkv.Key{[]byte("meta"), []byte(m.key)})
		if err != nil {
			return err
		}
		if len(v) != 8 {
			return fmt.Errorf("bulk append: meta %s is %d bytes, want 8", m.key, len(v))
		}
		*m.to = binary.LittleEndian.Uint64(v)
	}
	return nil
}

// stored reads a value's node ID from the staging store; 0 when absent.
func (b *BulkLoad) stored(h refs.ValueHash) (uint64, error) {
	v, err := b.get(hkv.Key{[]byte{'v', h[0], h[1]}, h[:]})
	if err != nil || v == nil {
		return 0, err
	}
	id, n := binary.Uvarint(v)
	if n <= 0 {
		return 0, fmt.Errorf("bulk load: bad node ID %x", v)
	}
	return id, nil
}

// inBase reports whether the store already holds a live quad of these
// node IDs (subject, predicate, object, label).
func (b *BulkLoad) inBase(ids [4]uint64) (bool, error) {
	key := binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(make([]byte, 0, 16), ids[0]), ids[1])
	list, err := b.get(hkv.Key{spBucket, key})
	if err != nil || list == nil {
		return false, err
	}
	for len(list) > 0 {
		id, n := binary.Uvarint(list)
		if n <= 0 {
			return false, fmt.Errorf("bulk append: bad index entry")
		}
		list = list[n:]
		raw, err := b.get(hkv.Key{cayleyLog, binary.BigEndian.AppendUint64(nil, id)})
		if err != nil || raw == nil {
			continue
		}
		p := new(cproto.Primitive)
		if err := proto.Unmarshal(raw, p); err != nil {
			return false, fmt.Errorf("bulk append: read quad %d: %w", id, err)
		}
		if !p.Deleted && p.Object == ids[2] && p.Label == ids[3] {
			return true, nil
		}
	}
	return false, nil
}

// merged returns an index value: the store's entries for key, if any of
// its nodes existed before, followed by the new ones.
func (b *BulkLoad) merged(key hkv.Key, existed bool, val []byte) ([]byte, error) {
	if !existed {
		return val, nil
	}
	old, err := b.get(key)
	if err != nil || old == nil {
		return val, err
	}
	return append(old, val...), nil
}

// addCounterBase adds the store's value of a counter to ours.
func (b *BulkLoad) counterBase(key hkv.Key, n int64) (int64, error) {
	if !b.base {
		return n, nil
	}
	v, err := b.get(key)
	if err != nil || len(v) != 8 {
		return n, err
	}
	return n + int64(binary.LittleEndian.Uint64(v)), nil
}

// refsBase adds the store's reference count of an existing node.
func (b *BulkLoad) refsBase(key hkv.Key, n uint64) (uint64, error) {
	v, err := b.get(key)
	if err != nil || v == nil {
		return n, err
	}
	old, k := binary.Uvarint(v)
	if k <= 0 {
		return n, fmt.Errorf("bulk append: bad reference count %x", v)
	}
	return n + old, nil
}

// readBloom fills the bloom filter with every value the store holds, by
// one scan of Cayley's value buckets (v + two hash bytes / hash).
func (b *BulkLoad) readBloom(nodes int) error {
	b.bloom = newValueBloom(nodes)
	it := b.db.NewIterator(util.BytesPrefix([]byte{'v'}), nil)
	defer it.Release()
	for it.Next() {
		k := flat.KeyUnescape(it.Key())
		if len(k) == 2 && len(k[0]) == 3 && len(k[1]) == len(refs.ValueHash{}) {
			var h refs.ValueHash
			copy(h[:], k[1])
			b.bloom.add(h)
		}
	}
	return it.Error()
}
