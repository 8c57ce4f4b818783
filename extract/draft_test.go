package extract

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/seed"
)

const draftText = "The Red Front loathes the Blue Army.\nThe Sol Dorado Front opposes Velta."

func testDraft(t *testing.T) *Draft {
	t.Helper()
	r := Extract(draftText, Options{SourceID: "draft-src", Known: fictional()})
	d := NewDraft(draftText, r)
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadDraft(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

func index(t *testing.T, d *Draft, kind, what string) int {
	t.Helper()
	if kind == "entity" {
		for i, e := range d.Entities {
			if e.Name == what {
				return i
			}
		}
	}
	for i, c := range d.Claims {
		if c.Subject+" "+c.Relation+" "+c.Object == what {
			return i
		}
	}
	t.Fatalf("no %s candidate %q in the draft (entities %+v, claims %+v)", kind, what, d.Entities, d.Claims)
	return -1
}

// An accepted draft is a curated file that loads as a normal source, its
// claims with their quotes; the rejected candidates are not in it.
func TestAcceptedDraftLoadsAsASource(t *testing.T) {
	d := testDraft(t)
	sol := index(t, d, "entity", "Sol Dorado Front")
	rv := Reviewed{Reviewer: "Ana Analyst", Decisions: []Decision{
		{Kind: "claim", Index: index(t, d, "claim", "red-front opposes blue-army"), Accept: true},
		{Kind: "entity", Index: sol, Accept: true, ID: "sol-dorado", Name: "Sol Dorado Front"},
	}}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "draft-src.txt"), []byte(d.Text), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.Curated(rv, "draft-src.txt", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), &buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `note "accepted in review by Ana Analyst on 2026-12-01"`) {
		t.Errorf("the reviewer is not recorded:\n%s", out)
	}
	file := filepath.Join(dir, "reviewed.ag")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The known actors, then the reviewed file as a source of its own.
	var known bytes.Buffer
	for _, e := range fictional() {
		known.WriteString("actor " + e.ID + " " + e.Type + " " + quote(e.Name) + "\n")
	}
	kf := filepath.Join(dir, "known.ag")
	if err := os.WriteFile(kf, known.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st := graph.NewMemory()
	defer st.Close()
	if _, err := seed.Load(ctx, st, []seed.Input{seed.File(kf), seed.File(file)}, seed.Options{}); err != nil {
		t.Fatalf("load the reviewed file: %v\n%s", err, out)
	}
	edges, err := st.Edges(ctx, "red-front", graph.Out, "opposes")
	if err != nil {
		t.Fatal(err)
	}
	if len(edges) != 1 || len(edges[0].Claims) != 1 || edges[0].Claims[0].Quote != "The Red Front loathes the Blue Army." || edges[0].Claims[0].Source != "draft-src" {
		t.Errorf("red-front opposes: %+v, want one claim of draft-src with its quote", edges)
	}
	if _, err := st.Entity(ctx, "sol-dorado"); err != nil {
		t.Errorf("the accepted, renamed actor: %v", err)
	}
	ents, err := st.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != len(fictional())+1 {
		t.Errorf("%d entities, want the %d known and the one accepted: a rejected candidate was loaded", len(ents), len(fictional()))
	}
}

func TestReviewErrors(t *testing.T) {
	d := testDraft(t)
	var buf bytes.Buffer
	now := time.Now()
	if err := d.Curated(Reviewed{}, "x.txt", now, &buf); !errors.Is(err, ErrReview) {
		t.Errorf("no reviewer: %v, want ErrReview", err)
	}
	// A claim about a new entity that was not accepted.
	for i, c := range d.Claims {
		if strings.HasPrefix(c.Subject, "sol-dorado") || strings.HasPrefix(c.Object, "sol-dorado") {
			err := d.Curated(Reviewed{Reviewer: "x", Decisions: []Decision{{Kind: "claim", Index: i, Accept: true}}}, "x.txt", now, &buf)
			if !errors.Is(err, ErrReview) || !strings.Contains(err.Error(), "did not accept") {
				t.Errorf("claim on a rejected entity: %v", err)
			}
			return
		}
	}
	t.Errorf("no claim about Sol Dorado in the draft: %+v", d.Claims)
}
