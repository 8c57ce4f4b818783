package graph

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestOpenChoosesTheBackend: Open picks the backend once, by location, and
// both answer the seam's questions alike on the same quads.
func TestOpenChoosesTheBackend(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	stores := map[string]*Store{"memory": NewMemory()}
	for _, loc := range []Location{{Backend: BackendLevelDB, Address: filepath.Join(dir, "level")}, {Backend: BackendBolt, Address: filepath.Join(dir, "g.db")}} {
		st, err := Open(ctx, loc, OpenOptions{})
		if err != nil {
			t.Fatal(err)
		}
		stores[string(loc.Backend)] = st
	}
	for name, st := range stores {
		_, kv := st.be.(kvBackend)
		_, indexed := st.be.(indexedBackend) // the embedded stores: Cayley's KV and our adjacency index
		if kv == (name != "memory") || indexed != (name != "memory") {
			t.Errorf("%s store: backend %T, want kvBackend in memory, indexedBackend embedded", name, st.be)
		}
	}
	for name, st := range stores {
		t.Run(name, func(t *testing.T) {
			defer st.Close()
			checkBackend(t, st)
		})
	}
	t.Run("postgres", func(t *testing.T) {
		pg := openPG(t)
		if b, ok := pg.be.(*sqlBackend); !ok || !b.copyWrites {
			t.Errorf("postgres store: backend %#v, want a *sqlBackend writing with COPY", pg.be)
		}
		checkBackend(t, pg)
	})
}

// checkBackend asks a store's backend the seam's questions on three quads.
func checkBackend(t *testing.T, st *Store) {
	ctx := context.Background()
	qs := []quad.Quad{
		quad.Make(quad.IRI("ag:a"), quad.IRI("rel:opposes"), quad.IRI("ag:b"), quad.IRI("claim:c1")),
		quad.Make(quad.IRI("ag:b"), quad.IRI("rel:opposes"), quad.IRI("ag:a"), nil),
		quad.Make(quad.IRI("ag:a"), quad.IRI("rel:opposes"), quad.IRI("ag:a"), nil), // a self-loop: never a link
	}
	name := string(st.Location().Backend)
	if n, err := st.AddQuads(ctx, append(qs, qs[0])); err != nil || n != 3 {
		t.Errorf("%s: AddQuads = %d, %v; want 3 (the duplicate skipped)", name, n, err)
	}
	if r, err := st.refOf(ctx, quad.IRI("ag:nobody")); err != nil || r != nil {
		t.Errorf("%s: ref of a value not stored = %v, %v; want nil", name, r, err)
	}
	a, err := st.refOf(ctx, quad.IRI("ag:a"))
	if err != nil || a == nil {
		t.Fatalf("%s: ref of ag:a = %v, %v", name, a, err)
	}
	rels, err := st.ResolveRelations(ctx, []string{"opposes"}, nil)
	if err != nil || rels.Len() != 1 {
		t.Fatalf("%s: ResolveRelations = %d, %v", name, rels.Len(), err)
	}
	var dirs []bool
	if err := st.LinksOf(ctx, []NodeRef{a}, Both, rels, func(_ NodeRef, l Link) error {
		dirs = append(dirs, l.Out)
		return nil
	}); err != nil || len(dirs) != 2 || !dirs[0] || dirs[1] {
		t.Errorf("%s: links of ag:a out-then-in %v, %v; want [true false]", name, dirs, err)
	}
	n := 0
	if err := st.QuadsWith(ctx, quad.Subject, quad.IRI("ag:a"), func(quad.Quad) error { n++; return nil }); err != nil || n != 2 {
		t.Errorf("%s: quads with subject ag:a = %d, %v; want 2", name, n, err)
	}
}

// TestNoStoreGivesNoCLIAdvice: what to run next is the caller's to say, in
// its own words (the CLI names its commands).
func TestNoStoreGivesNoCLIAdvice(t *testing.T) {
	for _, loc := range []Location{{Backend: BackendLevelDB, Address: filepath.Join(t.TempDir(), "none")}, {Backend: BackendBolt, Address: filepath.Join(t.TempDir(), "none.db")}} {
		_, err := Open(context.Background(), loc, OpenOptions{ReadOnly: true})
		if !errors.Is(err, ErrNoStore) || strings.Contains(err.Error(), "actorgraph") || !strings.Contains(err.Error(), loc.Address) {
			t.Errorf("%s: %v; want ErrNoStore naming the path and no command", loc.Backend, err)
		}
	}
}

// TestCachedQuadsMatchCayley: the embedded stores read quads with node
// values from our cache; they must be exactly the quads Cayley's own
// QuadStore.Quad gives, by subject and by object, also after a node has
// been deleted with its last quad and another written.
func TestCachedQuadsMatchCayley(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b, c := EntityIRI("amber-guild"), EntityIRI("brass-circle"), ClaimIRI("ledger/amber-guild.opposes.brass-circle")
	quads := []quad.Quad{
		quad.Make(a, PropType, TypeIRI("armed-group"), nil),
		quad.Make(a, PropName, quad.String("Amber Guild"), nil),
		quad.Make(a, RelationIRI("opposes"), b, c),
		quad.Make(c, PropQuote, quad.LangString{Value: "the Guild opposes the Circle", Lang: "en"}, nil),
		quad.Make(c, PropValidFrom, quad.TypedString{Value: "2024-01", Type: "xsd:gYearMonth"}, nil),
		quad.Make(b, PropNote, quad.String("temporary"), SourceIRI("ledger")),
	}
	for _, loc := range []Location{{Backend: BackendLevelDB, Address: filepath.Join(dir, "level")}, {Backend: BackendBolt, Address: filepath.Join(dir, "g.db")}} {
		st, err := Open(ctx, loc, OpenOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := st.AddQuads(ctx, quads); err != nil {
			t.Fatal(err)
		}
		ib := st.be.(indexedBackend)
		compare := func(when string) {
			t.Helper()
			n := 0
			defer func() {
				if n < 5 {
					t.Errorf("%s, %s: only %d quads compared", loc.Backend, when, n)
				}
			}()
			for _, v := range []quad.Value{a, b, c} {
				for _, d := range []quad.Direction{quad.Subject, quad.Object} {
					ref, err := st.refOf(ctx, v)
					if err != nil || ref == nil {
						continue
					}
					var got, want []string
					ib.quadsOf(ctx, d, ref, func(q quad.Quad) error { got = append(got, q.NQuad()); return nil })
					ib.kvBackend.quadsOf(ctx, d, ref, func(q quad.Quad) error { want = append(want, q.NQuad()); return nil })
					n += len(want)
					if strings.Join(got, "\n") != strings.Join(want, "\n") {
						t.Errorf("%s, %s: %s by %s: cached read gives\n%s\nCayley gives\n%s", loc.Backend, when, v, d, strings.Join(got, "\n"), strings.Join(want, "\n"))
					}
				}
			}
		}
		compare("after the first write")
		if err := st.Apply(ctx, nil, quads[5:]); err != nil { // b's note: "temporary" goes with it
			t.Fatal(err)
		}
		if err := st.Apply(ctx, []quad.Quad{quad.Make(b, PropNote, quad.String("lasting"), SourceIRI("ledger"))}, nil); err != nil {
			t.Fatal(err)
		}
		compare("after a node was deleted and another written")
	}
}
