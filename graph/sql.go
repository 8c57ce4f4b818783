package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"
)

// ConnectTimeout bounds how long opening a SQL store waits for its server,
// unless the connection string sets connect_timeout
// (under the 5 s we promise):
// it is added to a connection string that sets no connect_timeout, and it
// bounds the first ping.
const ConnectTimeout = 4 * time.Second

// sqlDriver is the database/sql driver we use for our own statements (the
// connection check, bulk loads, counts and breadth-first expansion). Cayley's
// postgres backend uses the same one (lib/pq); its cockroach backend uses pgx,
// but CockroachDB speaks the same wire protocol.
const sqlDriver = "postgres"

// withConnectTimeout adds connect_timeout to a postgres:// URL or key=value
// connection string that has none, and returns the timeout in force.
func withConnectTimeout(addr string) (string, time.Duration) {
	secs := fmt.Sprint(int(ConnectTimeout / time.Second))
	given := ""
	if strings.Contains(addr, "://") {
		u, err := url.Parse(addr)
		if err != nil {
			return addr, ConnectTimeout
		}
		q := u.Query()
		if given = q.Get("connect_timeout"); given == "" {
			q.Set("connect_timeout", secs)
			u.RawQuery = q.Encode()
			addr = u.String()
		}
	} else {
		for _, kv := range strings.Fields(addr) {
			if v, ok := strings.CutPrefix(kv, "connect_timeout="); ok {
				given = v
			}
		}
		if given == "" {
			addr = strings.TrimSpace(addr + " connect_timeout=" + secs)
		}
	}
	if n, err := strconv.Atoi(given); err == nil && n > 0 {
		return addr, time.Duration(n) * time.Second
	}
	return addr, ConnectTimeout
}

// dbName is the database named in a connection string, for messages.
func dbName(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.Scheme != "" {
		return strings.TrimPrefix(u.Path, "/")
	}
	return ""
}

// explainConnect turns a driver's connection error into a message a person
// can act on.
func explainConnect(loc Location, err error) error {
	var pe *pq.Error
	var ne net.Error
	switch {
	case errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000"):
		return fmt.Errorf("%w %s: authentication failed (check the user and password): %s", ErrConnect, loc, pe.Message)
	case errors.As(err, &pe) && pe.Code == "3D000":
		return fmt.Errorf("%w %s: database %q does not exist (create it first, e.g. createdb %s)", ErrConnect, loc, dbName(loc.Address), dbName(loc.Address))
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("%w %s: connection refused (is the server running and listening there?)", ErrConnect, loc)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("%w %s: no answer within the connect timeout (connect_timeout, default %s)", ErrConnect, loc, ConnectTimeout)
	case errors.As(err, &pe):
		return fmt.Errorf("%w %s: %s", ErrConnect, loc, pe.Message)
	}
	return fmt.Errorf("%w %s: %v", ErrConnect, loc, err)
}

// sqlTablesExist reports whether Cayley's schema (the nodes and quads tables)
// is in the database.
func sqlTablesExist(ctx context.Context, db *sql.DB) (bool, error) {
	var nodes, quads sql.NullString
	err := db.QueryRowContext(ctx, `SELECT to_regclass('nodes')::text, to_regclass('quads')::text`).Scan(&nodes, &quads)
	if err != nil {
		return false, err
	}
	return nodes.Valid && quads.Valid, nil
}

// openSQL opens a store on PostgreSQL or CockroachDB through Cayley's SQL
// backend. It checks the connection itself first, within ConnectTimeout, so
// that a server that is down, a wrong password or a missing database give a
// clear ErrConnect instead of Cayley's logged driver error. Opening for
// writing creates Cayley's tables in an empty database; opening read-only
// an uninitialised database gives ErrNoStore.
func openSQL(ctx context.Context, loc Location, opt OpenOptions) (*Store, error) {
	name := string(loc.Backend)
	addr, timeout := withConnectTimeout(loc.Address)
	db, err := sql.Open(sqlDriver, addr)
	if err != nil {
		return nil, fmt.Errorf("%w %s: bad connection string: %v", ErrConnect, loc, err)
	}
	fail := func(err error) (*Store, error) {
		db.Close()
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		return fail(explainConnect(loc, err))
	}
	exists, err := sqlTablesExist(pctx, db)
	if err != nil {
		return fail(explainConnect(loc, err))
	}
	if !exists {
		if opt.ReadOnly {
			return fail(fmt.Errorf("%w in database %q at %s (it has no actorgraph tables)", ErrNoStore, dbName(loc.Address), loc))
		}
		err := cgraph.InitQuadStore(name, addr, nil)
		if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) { // a concurrent first open
			return fail(fmt.Errorf("initialise store %s: %w", loc, err))
		}
	}
	qs, err := cgraph.NewQuadStore(name, addr, nil)
	if err != nil {
		return fail(explainConnect(loc, err))
	}
	be := &sqlBackend{kv: kvBackend{qs}, db: db, queries: new(atomic.Int64), copyWrites: loc.Backend == BackendPostgres}
	if loc.Backend == BackendPostgres {
		if opt.ReadOnly {
			be.counted, err = sqlCountersExist(ctx, db)
		} else if err = ensureSQLCounters(ctx, db); err == nil {
			be.counted = true
		}
		if err != nil {
			qs.Close()
			return fail(fmt.Errorf("actorgraph's counters in %s: %w", loc, err))
		}
	}
	st := &Store{qs: qs, loc: loc, readOnly: opt.ReadOnly, be: be, ids: &identityCache{}}
	st.close = func() error {
		err := qs.Close()
		if derr := db.Close(); err == nil {
			err = derr
		}
		return err
	}
	return st, nil
}

// sqlBackend reads a SQL store with statements of our own beside Cayley's
// (one round trip where Cayley's iterators make one per quad or per value),
// and writes PostgreSQL with COPY; what it does not cover goes through kv,
// Cayley's own QuadStore.
type sqlBackend struct {
	kv         kvBackend     // Cayley's SQL QuadStore
	db         *sql.DB       // our own connection pool, beside Cayley's
	queries    *atomic.Int64 // statements sent through db (see SQLQueries)
	copyWrites bool          // write with COPY (PostgreSQL; CockroachDB writes through Cayley)
	counted    bool          // the store keeps our counters (sqlcounts.go; PostgreSQL)
}

var _ backend = (*sqlBackend)(nil)

// size counts the quads exactly (Cayley's estimate, from pg_class, is -1
// before PostgreSQL first analyses the table).
func (b *sqlBackend) size(ctx context.Context) (int64, error) {
	var n int64
	b.countQuery()
	if err := b.db.QueryRowContext(ctx, `SELECT count(*) FROM quads`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count quads: %w", err)
	}
	return n, nil
}

func (b *sqlBackend) addQuads(ctx context.Context, quads []quad.Quad) (int64, error) {
	if b.copyWrites {
		return b.copyQuads(ctx, quads)
	}
	return countAdded(ctx, b, func() error { return applyQuads(b.kv.qs, quads) })
}

// ref is Cayley's reference of v if the nodes table holds it: Cayley's SQL
// ValueOf hashes any value, and the queries rely on nil for one that is not
// there, as the KV stores answer.
func (b *sqlBackend) ref(ctx context.Context, v quad.Value) (NodeRef, error) {
	r, err := b.kv.ref(ctx, v)
	if err != nil || r == nil {
		return r, err
	}
	var ok bool
	h := refs.HashOf(v)
	b.countQuery()
	if err := b.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM nodes WHERE hash = $1)`, h[:]).Scan(&ok); err != nil {
		return nil, fmt.Errorf("look up %s: %w", v, err)
	}
	if !ok {
		return nil, nil
	}
	return r, nil
}

// sqlNode scans one value stored by Cayley's SQL backend; it decodes it as
// Cayley's QuadStore.NameOf does.
type sqlNode struct {
	data   []byte
	str    sql.NullString
	typ    sql.NullString
	lang   sql.NullString
	iri    sql.NullBool
	bnode  sql.NullBool
	vint   sql.NullInt64
	vbool  sql.NullBool
	vfloat sql.NullFloat64
	vtime  sql.NullTime
}

func (n *sqlNode) dest() []any {
	return []any{&n.data, &n.str, &n.typ, &n.lang, &n.iri, &n.bnode, &n.vint, &n.vbool, &n.vfloat, &n.vtime}
}

func (n *sqlNode) value() (quad.Value, error) {
	unescape := func(s string) quad.String { return quad.String(strings.ReplaceAll(s, `\x00`, "\x00")) }
	switch {
	case n.str.Valid && n.iri.Bool:
		return quad.IRI(n.str.String), nil
	case n.str.Valid && n.bnode.Bool:
		return quad.BNode(n.str.String), nil
	case n.str.Valid && n.lang.Valid:
		return quad.LangString{Value: unescape(n.str.String), Lang: n.lang.String}, nil
	case n.str.Valid && n.typ.Valid:
		return quad.TypedString{Value: unescape(n.str.String), Type: quad.IRI(n.typ.String)}, nil
	case n.str.Valid:
		return unescape(n.str.String), nil
	case n.vint.Valid:
		return quad.Int(n.vint.Int64), nil
	case n.vbool.Valid:
		return quad.Bool(n.vbool.Bool), nil
	case n.vfloat.Valid:
		return quad.Float(n.vfloat.Float64), nil
	case n.vtime.Valid:
		return quad.Time(n.vtime.Time.UTC()), nil
	case n.data == nil:
		return nil, nil // no label
	}
	v, err := pquads.UnmarshalValue(n.data)
	if err != nil {
		return nil, fmt.Errorf("unmarshal value: %w", err)
	}
	return v, nil
}

// sqlQuadsSelect reads quads with their four values in one statement,
// in insertion order (as the embedded store lists them).
const sqlQuadsSelect = `SELECT s.value, s.value_string, s.datatype, s.language, s.iri, s.bnode, s.value_int, s.value_bool, s.value_float, s.value_time,
	p.value, p.value_string, p.datatype, p.language, p.iri, p.bnode, p.value_int, p.value_bool, p.value_float, p.value_time,
	o.value, o.value_string, o.datatype, o.language, o.iri, o.bnode, o.value_int, o.value_bool, o.value_float, o.value_time,
	l.value, l.value_string, l.datatype, l.language, l.iri, l.bnode, l.value_int, l.value_bool, l.value_float, l.value_time
FROM quads AS q
JOIN nodes AS s ON s.hash = q.subject_hash
JOIN nodes AS p ON p.hash = q.predicate_hash
JOIN nodes AS o ON o.hash = q.object_hash
LEFT JOIN nodes AS l ON l.hash = q.label_hash
`

// sqlDirColumn is the quads column of a direction.
func sqlDirColumn(d quad.Direction) string {
	return "q." + d.String() + "_hash"
}

// sqlHashes are the hashes Cayley's SQL schema keys values by.
func sqlHashes(values []quad.Value) [][]byte {
	hashes := make([][]byte, len(values))
	for i, v := range values {
		h := refs.HashOf(v)
		hashes[i] = h[:]
	}
	return hashes
}

// quadsOf calls fn with every quad that has ref in direction d, in one
// round trip: Cayley's iterator would fetch each quad's values with a query
// apiece.
func (b *sqlBackend) quadsOf(ctx context.Context, d quad.Direction, ref NodeRef, fn func(quad.Quad) error) error {
	h, ok := ref.(csql.NodeHash)
	if !ok {
		return b.kv.quadsOf(ctx, d, ref, fn)
	}
	hashes := [][]byte{h.ValueHash[:]}
	b.countQuery()
	rows, err := b.db.QueryContext(ctx, sqlQuadsSelect+`WHERE `+sqlDirColumn(d)+` = ANY($1) ORDER BY q.horizon`,
		pq.ByteaArray(hashes))
	if err != nil {
		return err
	}
	return scanQuads(rows, fn)
}

// eachQuad is one streaming query, in insertion order (the embedded
// stores' order), instead of up to four name lookups per quad.
func (b *sqlBackend) eachQuad(ctx context.Context, fn func(quad.Quad) error) error {
	b.countQuery()
	rows, err := b.db.QueryContext(ctx, sqlQuadsSelect+`ORDER BY q.horizon`)
	if err != nil {
		return err
	}
	return scanQuads(rows, fn)
}

// scanQuads reads rows of sqlQuadsSelect and closes them.
func scanQuads(rows *sql.Rows, fn func(quad.Quad) error) error {
	defer rows.Close()
	var n [4]sqlNode
	dest := append(append(append(n[0].dest(), n[1].dest()...), n[2].dest()...), n[3].dest()...)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		var vals [4]quad.Value
		for i := range n {
			v, err := n[i].value()
			if err != nil {
				return err
			}
			vals[i] = v
		}
		if err := fn(quad.Make(vals[0], vals[1], vals[2], vals[3])); err != nil {
			return err
		}
	}
	return rows.Err()
}

// countQuery counts a statement sent through our own SQL helpers.
func (b *sqlBackend) countQuery() { b.queries.Add(1) }

func (b *sqlBackend) statements() int64 { return b.queries.Load() }

// SQLQueries is how many read statements the store has sent to its SQL
// server through actorgraph's own helpers (lookups, links, counts); Cayley's
// own statements (value names, index sizes) are not counted. 0 for the
// embedded stores.
func (s *Store) SQLQueries() int64 { return s.be.statements() }

// refsOf is refOf for many values: one query on a SQL store. A value the
// store does not hold gets nil.
func (s *Store) refsOf(ctx context.Context, values []quad.Value) ([]NodeRef, error) {
	return s.be.refs(ctx, values)
}

// refs looks many values up with one query.
func (b *sqlBackend) refs(ctx context.Context, values []quad.Value) ([]NodeRef, error) {
	out := make([]NodeRef, len(values))
	if len(values) == 0 {
		return out, nil
	}
	b.countQuery()
	rows, err := b.db.QueryContext(ctx, `SELECT hash FROM nodes WHERE hash = ANY($1)`, pq.ByteaArray(sqlHashes(values)))
	if err != nil {
		return nil, fmt.Errorf("look up %d values: %w", len(values), err)
	}
	defer rows.Close()
	present := map[refs.ValueHash]bool{}
	for rows.Next() {
		var h csql.NodeHash
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		present[h.ValueHash] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, v := range values {
		if h := refs.HashOf(v); present[h] {
			out[i] = csql.NodeHash{ValueHash: h}
		}
	}
	return out, nil
}
