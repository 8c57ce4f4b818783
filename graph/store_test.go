package graph

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

func sampleQuads() []quad.Quad {
	a, b := EntityIRI("a"), EntityIRI("b")
	l := ClaimIRI("s/a.opposes.b")
	return []quad.Quad{
		quad.Make(a, PropType, TypeIRI("armed-group"), nil),
		quad.Make(a, PropName, quad.String("Alpha Front"), nil),
		quad.Make(a, PropKey, quad.String(NameKey("Alpha Front")), nil),
		quad.Make(a, PropAlias, quad.String("AF"), nil),
		quad.Make(a, PropKey, quad.String(NameKey("AF")), nil),
		quad.Make(b, PropType, TypeIRI("state"), nil),
		quad.Make(b, PropName, quad.String("Beta"), nil),
		quad.Make(b, PropKey, quad.String(NameKey("Beta")), nil),
		quad.Make(a, RelationIRI("opposes"), b, l),
		quad.Make(l, PropSource, SourceIRI("s"), l),
		quad.Make(l, PropQuote, quad.String("Alpha Front opposes Beta."), l),
		quad.Make(l, PropCertainty, quad.String("reported"), l),
	}
}

func mustOpen(t *testing.T, loc Location, ro bool) *Store {
	t.Helper()
	st, err := Open(context.Background(), loc, OpenOptions{ReadOnly: ro, LockTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("open %s (read-only %v): %v", loc, ro, err)
	}
	return st
}

func TestEmbeddedStoresReadersShareWritersFail(t *testing.T) {
	for _, b := range []Backend{BackendLevelDB, BackendBolt} {
		t.Run(string(b), func(t *testing.T) {
			testReadersShareWritersFail(t, Location{Backend: b, Address: filepath.Join(t.TempDir(), "g.db")})
		})
	}
}

func testReadersShareWritersFail(t *testing.T, loc Location) {
	ctx := context.Background()

	if _, err := Open(ctx, loc, OpenOptions{ReadOnly: true}); !errors.Is(err, ErrNoStore) {
		t.Fatalf("read-only open of a missing store: got %v, want ErrNoStore", err)
	}

	w := mustOpen(t, loc, false)
	if n, err := w.AddQuads(ctx, sampleQuads()); err != nil || n != int64(len(sampleQuads())) {
		t.Fatalf("AddQuads = %d, %v", n, err)
	}
	if n, err := w.AddQuads(ctx, sampleQuads()); err != nil || n != 0 {
		t.Fatalf("AddQuads again = %d, %v; want 0 new", n, err)
	}
	w.Close()

	r1 := mustOpen(t, loc, true)
	defer r1.Close()
	r2 := mustOpen(t, loc, true) // a second reader at the same time
	defer r2.Close()
	e, err := r2.Resolve(ctx, "af")
	if err != nil || e.ID != "a" || e.Name != "Alpha Front" {
		t.Fatalf("Resolve(af) in second reader = %+v, %v", e, err)
	}
	if _, err := r1.AddQuads(ctx, sampleQuads()); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("write on a read-only store: got %v, want ErrReadOnly", err)
	}

	_, err = Open(ctx, loc, OpenOptions{LockTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrStoreBusy) {
		t.Fatalf("writer while readers hold the store: got %v, want ErrStoreBusy", err)
	}
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	st := NewMemory()
	defer st.Close()
	if _, err := st.AddQuads(ctx, sampleQuads()); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "Alpha Front", "alpha front", "AF", "af's"} {
		if e, err := st.Resolve(ctx, name); err != nil || e.ID != "a" {
			t.Errorf("Resolve(%q) = %q, %v; want a", name, e.ID, err)
		}
	}
	_, err := st.Resolve(ctx, "Alpha Frnt")
	var nf *NotFoundError
	if !errors.As(err, &nf) || len(nf.Suggestions) == 0 || nf.Suggestions[0] != "Alpha Front" {
		t.Fatalf("Resolve(Alpha Frnt) = %v; want NotFoundError suggesting Alpha Front", err)
	}
	// A second entity with the alias "AF" makes it ambiguous.
	c := EntityIRI("c")
	if _, err := st.AddQuads(ctx, []quad.Quad{
		quad.Make(c, PropType, TypeIRI("organisation"), nil),
		quad.Make(c, PropName, quad.String("Aid Foundation"), nil),
		quad.Make(c, PropKey, quad.String(NameKey("AF")), nil),
	}); err != nil {
		t.Fatal(err)
	}
	var amb *AmbiguousError
	if _, err := st.Resolve(ctx, "AF"); !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Fatalf("Resolve(AF) = %v; want AmbiguousError with 2 candidates", err)
	}
}

func TestEdgesCarryClaims(t *testing.T) {
	ctx := context.Background()
	st := NewMemory()
	defer st.Close()
	if _, err := st.AddQuads(ctx, sampleQuads()); err != nil {
		t.Fatal(err)
	}
	edges, err := st.Edges(ctx, "b", In)
	if err != nil || len(edges) != 1 {
		t.Fatalf("Edges(b, in) = %v, %v", edges, err)
	}
	e := edges[0]
	if e.Subject != "a" || e.Relation != "opposes" || len(e.Claims) != 1 || e.Claims[0].Quote != "Alpha Front opposes Beta." || e.Claims[0].Source != "s" {
		t.Fatalf("edge = %+v", e)
	}
	if out, _ := st.Edges(ctx, "b", Out); len(out) != 0 {
		t.Fatalf("Edges(b, out) = %v, want none", out)
	}
}

func TestParseLocation(t *testing.T) {
	tests := []struct {
		in   string
		want Backend
		addr string
		bad  bool
	}{
		{in: "memory:", want: BackendMemory},
		{in: "/tmp/x.db", want: BackendLevelDB, addr: "/tmp/x.db"},
		{in: "leveldb:rel", want: BackendLevelDB, addr: "rel"},
		{in: "bbolt:rel.db", want: BackendBolt, addr: "rel.db"},
		{in: "postgres://u:pw@localhost:5432/db", want: BackendPostgres, addr: "postgres://u:pw@localhost:5432/db"},
		{in: "cockroach://u@h:26257/db", want: BackendCockroach, addr: "postgres://u@h:26257/db"},
		{in: "mongo://x", bad: true},
		{in: "", bad: true},
	}
	for _, tc := range tests {
		l, err := ParseLocation(tc.in)
		if tc.bad != (err != nil) || (!tc.bad && (l.Backend != tc.want || l.Address != tc.addr)) {
			t.Errorf("ParseLocation(%q) = %+v, %v", tc.in, l, err)
		}
	}
	l, _ := ParseLocation("postgres://u:secret@h/db")
	if got := l.String(); got != "postgres://u:***@h/db" {
		t.Errorf("String() = %q: the password must not be shown", got)
	}
}
