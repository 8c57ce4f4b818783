package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/actorgraph/actorgraph/internal/pgtest"
)

// openPG opens a fresh PostgreSQL database as a store for writing.
func openPG(t *testing.T) *Store {
	t.Helper()
	loc, err := ParseLocation(pgtest.NewStore(t))
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(context.Background(), loc, OpenOptions{})
	if err != nil {
		t.Fatalf("open %s: %v", loc, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// mixedQuads has every kind of value Cayley's SQL schema stores, with and
// without labels, and one duplicate.
func mixedQuads() []quad.Quad {
	when := time.Date(2024, 3, 22, 19, 0, 0, 0, time.UTC)
	qs := []quad.Quad{
		quad.Make(quad.IRI("ag:iskp"), quad.IRI("prop:type"), quad.IRI("type:armed-group"), nil),
		quad.Make(quad.IRI("ag:iskp"), quad.IRI("prop:name"), quad.String("ISKP"), nil),
		quad.Make(quad.IRI("ag:iskp"), quad.IRI("prop:alias"), quad.LangString{Value: "ولاية خراسان", Lang: "ar"}, nil),
		quad.Make(quad.IRI("ag:iskp"), quad.IRI("rel:attacked"), quad.IRI("ag:crocus"), quad.IRI("claim:c1")),
		quad.Make(quad.IRI("claim:c1"), quad.IRI("prop:quote"), quad.String("a quote with a NUL \x00 and 'quotes'"), quad.IRI("claim:c1")),
		quad.Make(quad.IRI("ag:crocus"), quad.IRI("prop:killed"), quad.Int(145), nil),
		quad.Make(quad.IRI("ag:crocus"), quad.IRI("prop:confirmed"), quad.Bool(true), nil),
		quad.Make(quad.IRI("ag:crocus"), quad.IRI("prop:score"), quad.Float(0.75), nil),
		quad.Make(quad.IRI("ag:crocus"), quad.IRI("prop:at"), quad.Time(when), nil),
		quad.Make(quad.IRI("ag:crocus"), quad.IRI("prop:date"), quad.TypedString{Value: "2024-03-22", Type: "xsd:date"}, nil),
		quad.Make(quad.BNode("b1"), quad.IRI("prop:note"), quad.String("blank subject"), quad.BNode("g1")),
	}
	return append(qs, qs[1]) // a duplicate within the batch
}

type nodeRow struct {
	Hash, Value         []byte
	Refs                int64
	Str, Datatype, Lang sql.NullString
	IRI, BNode, Bool    sql.NullBool
	Int                 sql.NullInt64
	Float               sql.NullFloat64
	Time                sql.NullTime
}

// tables reads Cayley's nodes and quads tables, sorted.
func tables(t *testing.T, st *Store) ([]nodeRow, []string) {
	t.Helper()
	db := st.be.(*sqlBackend).db
	rows, err := db.Query(`SELECT hash, refs, value, value_string, datatype, language, iri, bnode,
		value_int, value_bool, value_float, value_time FROM nodes ORDER BY hash`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var nodes []nodeRow
	for rows.Next() {
		var n nodeRow
		if err := rows.Scan(&n.Hash, &n.Refs, &n.Value, &n.Str, &n.Datatype, &n.Lang, &n.IRI, &n.BNode,
			&n.Int, &n.Bool, &n.Float, &n.Time); err != nil {
			t.Fatal(err)
		}
		if n.Time.Valid {
			n.Time.Time = n.Time.Time.UTC()
		}
		nodes = append(nodes, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	qrows, err := db.Query(`SELECT encode(subject_hash, 'hex') || encode(predicate_hash, 'hex') ||
		encode(object_hash, 'hex') || coalesce(encode(label_hash, 'hex'), '-') FROM quads ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer qrows.Close()
	var quads []string
	for qrows.Next() {
		var s string
		if err := qrows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		quads = append(quads, s)
	}
	return nodes, quads
}

func quadStrings(t *testing.T, st *Store) []string {
	t.Helper()
	var out []string
	err := st.EachQuad(context.Background(), func(q quad.Quad) error {
		out = append(out, q.String())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// cayleyQuadStrings reads every quad through Cayley's own SQL iterator.
func cayleyQuadStrings(t *testing.T, st *Store) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	it := st.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := st.qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q.String())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestSQLBulkWriterMatchesCayley: our COPY writer leaves the same rows in
// Cayley's tables as Cayley's own writer, and Cayley reads them back.
func TestSQLBulkWriterMatchesCayley(t *testing.T) {
	ctx := context.Background()
	in := mixedQuads()
	distinct := in[:len(in)-1]

	stock := openPG(t)
	deltas := make([]cgraph.Delta, len(distinct))
	for i, q := range distinct {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	if err := stock.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		t.Fatalf("Cayley's writer: %v", err)
	}

	bulk := openPG(t)
	added, err := bulk.AddQuads(ctx, in)
	if err != nil {
		t.Fatalf("AddQuads: %v", err)
	}
	if added != int64(len(distinct)) {
		t.Errorf("AddQuads added %d, want %d", added, len(distinct))
	}
	wantNodes, wantQuads := tables(t, stock)
	gotNodes, gotQuads := tables(t, bulk)
	if !reflect.DeepEqual(gotNodes, wantNodes) {
		t.Errorf("nodes table differs from Cayley's:\ngot  %+v\nwant %+v", gotNodes, wantNodes)
	}
	if !reflect.DeepEqual(gotQuads, wantQuads) {
		t.Errorf("quads table differs from Cayley's:\ngot  %v\nwant %v", gotQuads, wantQuads)
	}
	var want []string
	for _, q := range distinct {
		want = append(want, q.String())
	}
	sort.Strings(want)
	if got := cayleyQuadStrings(t, bulk); !reflect.DeepEqual(got, want) {
		t.Errorf("Cayley reads back\n%v\nwant\n%v", got, want)
	}
	if got := quadStrings(t, bulk); !reflect.DeepEqual(got, want) {
		t.Errorf("EachQuad reads back\n%v\nwant\n%v", got, want)
	}
	if n, err := bulk.Size(ctx); err != nil || n != int64(len(distinct)) {
		t.Errorf("Size = %d, %v; want %d", n, err, len(distinct))
	}

	// Loading again adds nothing and leaves the reference counts alone.
	added, err = bulk.AddQuads(ctx, in)
	if err != nil || added != 0 {
		t.Errorf("second AddQuads = %d, %v; want 0, nil", added, err)
	}
	if again, _ := tables(t, bulk); !reflect.DeepEqual(again, wantNodes) {
		t.Errorf("a second load changed the nodes table:\ngot  %+v\nwant %+v", again, wantNodes)
	}

	// Cayley can delete what we wrote, dropping nodes no longer used.
	del := []cgraph.Delta{{Quad: distinct[len(distinct)-1], Action: cgraph.Delete}}
	if err := bulk.qs.ApplyDeltas(del, cgraph.IgnoreOpts{}); err != nil {
		t.Fatalf("Cayley's delete of a quad we wrote: %v", err)
	}
	if r, err := bulk.refOf(ctx, quad.BNode("b1")); err != nil || r != nil {
		t.Errorf("node of the deleted quad still there (%v, %v): reference counts are off", r, err)
	}
}

// TestSQLBulkWriterAllOrNothing: a load that fails part-way writes nothing.
func TestSQLBulkWriterAllOrNothing(t *testing.T) {
	ctx := context.Background()
	st := openPG(t)
	if _, err := st.AddQuads(ctx, mixedQuads()[:3]); err != nil {
		t.Fatal(err)
	}
	before, beforeQuads := tables(t, st)
	bad := append(mixedQuads()[3:], quad.Make(quad.IRI("ag:x"), quad.IRI("prop:name"), quad.String("bad \xff utf-8"), nil))
	if _, err := st.AddQuads(ctx, bad); err == nil {
		t.Fatal("AddQuads of invalid UTF-8 succeeded; want PostgreSQL to refuse it")
	}
	after, afterQuads := tables(t, st)
	if !reflect.DeepEqual(after, before) || !reflect.DeepEqual(afterQuads, beforeQuads) {
		t.Errorf("a failed load changed the tables: %d→%d nodes, %d→%d quads", len(before), len(after), len(beforeQuads), len(afterQuads))
	}
}

// TestSQLAbsentValues: looking up a value the store does not hold finds
// nothing, as on the embedded store (Cayley's SQL ValueOf hashes anything).
func TestSQLAbsentValues(t *testing.T) {
	ctx := context.Background()
	st := openPG(t)
	if _, err := st.AddQuads(ctx, mixedQuads()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Entity(ctx, "nosuch"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Entity(nosuch) = %v; want ErrNotFound", err)
	}
	if r, err := st.refOf(ctx, quad.IRI("ag:iskp")); err != nil || r == nil {
		t.Errorf("refOf(ag:iskp) = %v, %v; want a ref", r, err)
	}
}

// TestSQLReadOnlyNeedsSeed: opening an empty database read-only says to seed.
func TestSQLReadOnlyNeedsSeed(t *testing.T) {
	loc, err := ParseLocation(pgtest.NewStore(t))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), loc, OpenOptions{ReadOnly: true})
	if !errors.Is(err, ErrNoStore) || !strings.Contains(err.Error(), "seed") {
		t.Fatalf("read-only open of an empty database: %v; want ErrNoStore saying to seed", err)
	}
	st, err := Open(context.Background(), loc, OpenOptions{})
	if err != nil {
		t.Fatalf("open for writing initialises the database: %v", err)
	}
	st.Close()
	st, err = Open(context.Background(), loc, OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open after initialisation: %v", err)
	}
	st.Close()
}

// TestSQLConnectErrors: a server that is down or silent, a wrong password
// and a missing database each give ErrConnect quickly, with a hint and
// without the password.
func TestSQLConnectErrors(t *testing.T) {
	base, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	// A closed port: listen, note the port, close.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := l.Addr().(*net.TCPAddr).Port
	l.Close()
	// A silent server: accepts connections and never answers.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	withHost := func(port int) string {
		u := *base
		u.Host = fmt.Sprintf("127.0.0.1:%d", port)
		u.User = url.UserPassword("actorgraph", "s3cret")
		return u.String()
	}
	wrongPassword := *base
	wrongPassword.User = url.UserPassword(base.User.Username(), "s3cret-wrong")
	missingDB := *base
	missingDB.Path = "/no_such_database_here"
	for _, tc := range []struct {
		name, addr, want string
	}{
		{"down", withHost(closedPort), "connection refused"},
		{"silent", withHost(silent.Addr().(*net.TCPAddr).Port), "no answer within the connect timeout"},
		{"wrong password", wrongPassword.String(), "authentication failed"},
		{"missing database", missingDB.String(), `database "no_such_database_here" does not exist`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			loc, err := ParseLocation(tc.addr)
			if err != nil {
				t.Fatal(err)
			}
			for _, ro := range []bool{false, true} {
				start := time.Now()
				st, err := Open(context.Background(), loc, OpenOptions{ReadOnly: ro})
				took := time.Since(start)
				if err == nil {
					st.Close()
					t.Fatalf("read-only=%v: open succeeded; want ErrConnect", ro)
				}
				if !errors.Is(err, ErrConnect) || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("read-only=%v: error %q; want ErrConnect mentioning %q", ro, err, tc.want)
				}
				if strings.Contains(err.Error(), "s3cret") {
					t.Errorf("error shows the password: %q", err)
				}
				if took >= 5*time.Second {
					t.Errorf("read-only=%v: took %s; want under 5s", ro, took)
				}
			}
		})
	}
}

func TestWithConnectTimeout(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		timeout  time.Duration
	}{
		{"postgres://u@h/db?sslmode=disable", "postgres://u@h/db?connect_timeout=4&sslmode=disable", 4 * time.Second},
		{"postgres://u@h/db?connect_timeout=30", "postgres://u@h/db?connect_timeout=30", 30 * time.Second},
		{"host=h dbname=db", "host=h dbname=db connect_timeout=4", 4 * time.Second},
		{"host=h connect_timeout=1", "host=h connect_timeout=1", time.Second},
	} {
		got, timeout := withConnectTimeout(tc.in)
		if got != tc.want || timeout != tc.timeout {
			t.Errorf("withConnectTimeout(%q) = %q, %s; want %q, %s", tc.in, got, timeout, tc.want, tc.timeout)
		}
	}
}

// TestSQLConcurrentLoads: two processes loading the same file at once leave
// the store as one load does (the quads once, the reference counts right).
func TestSQLConcurrentLoads(t *testing.T) {
	ctx := context.Background()
	in := mixedQuads()
	once := openPG(t)
	if _, err := once.AddQuads(ctx, in); err != nil {
		t.Fatal(err)
	}
	wantNodes, wantQuads := tables(t, once)

	loc, err := ParseLocation(pgtest.NewStore(t))
	if err != nil {
		t.Fatal(err)
	}
	var stores [2]*Store
	for i := range stores {
		if stores[i], err = Open(ctx, loc, OpenOptions{}); err != nil {
			t.Fatal(err)
		}
		defer stores[i].Close()
	}
	errs := make(chan error, len(stores))
	added := make(chan int64, len(stores))
	for _, st := range stores {
		go func() {
			n, err := st.AddQuads(ctx, in)
			added <- n
			errs <- err
		}()
	}
	var total int64
	for range stores {
		if err := <-errs; err != nil {
			t.Errorf("concurrent AddQuads: %v", err)
		}
		total += <-added
	}
	if total != int64(len(in)-1) {
		t.Errorf("the two loads added %d quads together; want %d", total, len(in)-1)
	}
	gotNodes, gotQuads := tables(t, stores[0])
	if !reflect.DeepEqual(gotNodes, wantNodes) || !reflect.DeepEqual(gotQuads, wantQuads) {
		t.Errorf("two concurrent loads left %d nodes, %d quads (or other counts); one load leaves %d, %d",
			len(gotNodes), len(gotQuads), len(wantNodes), len(wantQuads))
	}
}

// TestSQLCountersAddedToOldStores: a PostgreSQL store made before the
// counters is read without them (read-only opens add nothing), gets them
// on the first open for writing, filled from its quads; CheckIndex sees a
// counter that is off, and Reindex mends it.
func TestSQLCountersAddedToOldStores(t *testing.T) {
	ctx := context.Background()
	loc, err := ParseLocation(pgtest.NewStore(t))
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(ctx, loc, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddQuads(ctx, mixedQuads()); err != nil {
		t.Fatal(err)
	}
	db := st.be.(*sqlBackend).db
	for _, stmt := range []string{`DROP TRIGGER ag_count_added ON quads`, `DROP TRIGGER ag_count_removed ON quads`,
		`DROP FUNCTION ag_count_added`, `DROP FUNCTION ag_count_removed`, `DROP TABLE ag_pred_counts`, `DROP TABLE ag_type_counts`} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	st.Close()
	ro, err := Open(ctx, loc, OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := ro.Counts(ctx); ok || err != nil {
		t.Errorf("a read-only open of an old store keeps counters: %v, %v", ok, err)
	}
	ro.Close()
	rw, err := Open(ctx, loc, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	c, ok, err := rw.Counts(ctx)
	if !ok || err != nil || c.Quads != 11 || c.Types[quad.IRI("type:armed-group")] != 1 || c.Predicates[quad.IRI("prop:name")] != 1 {
		t.Fatalf("after the first open for writing: %+v, kept %v, %v; want 11 quads, one typed, one name", c, ok, err)
	}
	db = rw.be.(*sqlBackend).db
	if _, err := db.ExecContext(ctx, `UPDATE ag_pred_counts SET n = n + 5`); err != nil {
		t.Fatal(err)
	}
	rep, err := rw.CheckIndex(ctx, nil)
	if err != nil || len(rep.Differences) == 0 || !strings.Contains(rep.Differences[0], "counter 6, store holds 1") {
		t.Fatalf("check after breaking the counters: %+v, %v", rep, err)
	}
	if n, err := rw.Reindex(ctx, nil); err != nil || n != 11 {
		t.Fatalf("reindex: %d, %v", n, err)
	}
	if rep, err := rw.CheckIndex(ctx, nil); err != nil || len(rep.Differences) != 0 || rep.Quads != 11 {
		t.Fatalf("check after reindex: %+v, %v", rep, err)
	}
}
