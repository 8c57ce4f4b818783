package graph

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
)

// TestViews saves, replaces and lists views in a real bbolt file, reopens it
// read-only to read them back and to see a save refused, and refuses bad names.
func TestViews(t *testing.T) {
	ctx := context.Background()
	loc := Location{Backend: BackendBolt, Address: filepath.Join(t.TempDir(), "g.db")}
	w := mustOpen(t, loc, false)
	if _, err := w.AddQuads(ctx, sampleQuads()); err != nil {
		t.Fatal(err)
	}
	for _, v := range []View{
		{Name: "iskp-2021", Query: "actor=ISKP&depth=2", Saved: "2026-12-01T08:00:00Z"},
		{Name: "alpha", Query: "actor=a", Saved: "2026-12-01T08:01:00Z"},
		{Name: "iskp-2021", Query: "actor=ISKP&depth=1&rel=opposes", Saved: "2026-12-01T08:02:00Z"}, // replaces the first
	} {
		if err := w.SaveView(ctx, v); err != nil {
			t.Fatalf("SaveView(%s): %v", v.Name, err)
		}
	}
	for _, bad := range []string{"", "two words", "-dash", "a/b", string(make([]byte, 65))} {
		if err := w.SaveView(ctx, View{Name: bad, Query: "x"}); !errors.Is(err, ErrBadViewName) {
			t.Errorf("SaveView(%q) = %v, want ErrBadViewName", bad, err)
		}
	}
	want := []View{
		{Name: "alpha", Query: "actor=a", Saved: "2026-12-01T08:01:00Z"},
		{Name: "iskp-2021", Query: "actor=ISKP&depth=1&rel=opposes", Saved: "2026-12-01T08:02:00Z"},
	}
	w.Close()

	r := mustOpen(t, loc, true)
	defer r.Close()
	got, err := r.Views(ctx)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Views = %+v, %v; want %+v", got, err, want)
	}
	if err := r.SaveView(ctx, View{Name: "new", Query: "actor=a"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveView on a read-only store = %v, want ErrReadOnly", err)
	}
	// A view is not an entity.
	es, err := r.Entities(ctx)
	if err != nil || len(es) != 2 {
		t.Errorf("Entities = %d, %v; want the 2 entities only", len(es), err)
	}
}
