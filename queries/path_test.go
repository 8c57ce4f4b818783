package queries

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/seed"
)

func hopNames(p Path) []string {
	var out []string
	for _, s := range p.Steps {
		for _, h := range s.Hops {
			out = append(out, h.From().ID+" "+h.Direction+":"+h.Relation+" "+h.To().ID)
		}
	}
	return out
}

func nodeIDs(p Path) string {
	s := ""
	for i, n := range p.Nodes {
		if i > 0 {
			s += ">"
		}
		s += n.ID
	}
	return s
}

func TestFindPaths(t *testing.T) {
	st := testgraph.Seeded(t)
	ctx := context.Background()
	tests := []struct {
		name      string
		q         PathQuery
		wantPaths []string // node sequences, in answer order
		wantHops  []string // hops of the first path, when set
	}{
		{name: "one hop read backwards", q: PathQuery{From: "Kabul airport", To: "Kabul airport bombing"},
			wantPaths: []string{"kabul-airport>kabul-airport-bombing"}, wantHops: []string{"kabul-airport in:occurred-in kabul-airport-bombing"}},
		{name: "directed forward", q: PathQuery{From: "Taliban", To: "Russia", Directed: true},
			wantPaths: []string{"taliban>russia"}, wantHops: []string{"taliban out:expressed-sympathy-to russia"}},
		{name: "directed has no way back", q: PathQuery{From: "Al-Qaeda", To: "ISKP", Directed: true, Relations: []string{"opposes"}},
			wantPaths: []string{"al-qaeda>iskp"}},
		{name: "parallel relations in one step", q: PathQuery{From: "iskp", To: "taliban"},
			wantHops: []string{"iskp out:criticised taliban", "iskp out:opposes taliban", "iskp out:rival-of taliban", "iskp out:splinter-of taliban", "iskp in:opposes taliban"}},
		{name: "rel filter forces a longer path", q: PathQuery{From: "iskp", To: "iran", Relations: []string{"perpetrated", "targeted"}},
			wantPaths: []string{"iskp>kerman-attack>iran"}, wantHops: []string{"iskp out:perpetrated kerman-attack", "kerman-attack out:targeted iran"}},
		{name: "exclude", q: PathQuery{From: "iskp", To: "iran", Exclude: []string{"opposes"}, All: true},
			wantPaths: []string{"iskp>kerman-attack>iran", "iskp>khorasan>iran", "iskp>pakistan>iran"}},
		{name: "all shortest", q: PathQuery{From: "iskp", To: "iran", All: true}, wantPaths: []string{"iskp>iran"}},
		{name: "upto", q: PathQuery{From: "iskp", To: "iran", UpTo: 2},
			wantPaths: []string{"iskp>iran", "iskp>kerman-attack>iran", "iskp>khorasan>iran", "iskp>pakistan>iran", "iskp>russia>iran"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ans, err := FindPaths(ctx, st, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantPaths != nil {
				var got []string
				for _, p := range ans.Paths {
					got = append(got, nodeIDs(p))
				}
				if !equal(got, tc.wantPaths) {
					t.Errorf("paths = %q, want %q", got, tc.wantPaths)
				}
			}
			if tc.wantHops != nil {
				if got := hopNames(ans.Paths[0]); !equal(got, tc.wantHops) {
					t.Errorf("hops = %q, want %q", got, tc.wantHops)
				}
			}
			for _, p := range ans.Paths {
				for _, s := range p.Steps {
					for _, h := range s.Hops {
						if len(h.Claims) == 0 || h.Claims[0].Quote == "" {
							t.Errorf("hop %s %s %s has no quote", h.Subject.ID, h.Relation, h.Object.ID)
						}
					}
				}
			}
		})
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFindPathsNoPath(t *testing.T) {
	st := testgraph.Seeded(t)
	ctx := context.Background()
	for _, q := range []PathQuery{
		{From: "iskp", To: "united-kingdom"}, // no relation at all
		{From: "united-states", To: "iskp", Directed: true, Relations: []string{"perpetrated"}},
		{From: "iskp", To: "paris", MaxDepth: 1},
	} {
		_, err := FindPaths(ctx, st, q)
		var npe *NoPathError
		if !errors.As(err, &npe) || !errors.Is(err, ErrNoPath) {
			t.Errorf("%s → %s: err = %v, want a NoPathError", q.From, q.To, err)
		}
	}
}

// Sharing a type, a source or an asserting analyst is no connection.
func TestFindPathsIgnoresTypesAndSources(t *testing.T) {
	st := graph.NewMemory()
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if _, err := seed.Load(ctx, st, []seed.Input{seed.File("testdata/disconnected.ag")}, seed.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := FindPaths(ctx, st, PathQuery{From: "alpha", To: "beta", MaxDepth: MaxPathDepth}); !errors.Is(err, ErrNoPath) {
		t.Errorf("alpha → beta: err = %v, want no path", err)
	}
	if _, err := FindPaths(ctx, st, PathQuery{From: "gamma", To: "delta", UpTo: 6}); !errors.Is(err, ErrNoPath) {
		t.Errorf("gamma → delta: err = %v, want no path", err)
	}
	ans, err := FindPaths(ctx, st, PathQuery{From: "alpha", To: "gamma"})
	if err != nil || len(ans.Paths) != 1 || ans.Paths[0].Length != 1 {
		t.Fatalf("alpha → gamma = %+v, %v; want one hop", ans, err)
	}
}

func TestFindPathsAsOf(t *testing.T) {
	st := testgraph.Seeded(t)
	ctx := context.Background()
	// iskp splinter-of taliban holds from 2015: before that it is no link.
	q := PathQuery{From: "iskp", To: "taliban", Relations: []string{"splinter-of"}}
	if _, err := FindPaths(ctx, st, q); err != nil {
		t.Fatalf("without --as-of: %v", err)
	}
	q.AsOf = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := FindPaths(ctx, st, q); !errors.Is(err, ErrNoPath) {
		t.Errorf("as of 2010: err = %v, want no path", err)
	}
	// The Kerman attack (2024) is not yet an event in 2023.
	q = PathQuery{From: "iskp", To: "kerman-province", Relations: []string{"perpetrated", "targeted"}, AsOf: time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := FindPaths(ctx, st, q); !errors.Is(err, ErrNoPath) {
		t.Errorf("through a 2024 event as of 2023: err = %v, want no path", err)
	}
}

func TestFindPathsBadInput(t *testing.T) {
	st := testgraph.Seeded(t)
	ctx := context.Background()
	if _, err := FindPaths(ctx, st, PathQuery{From: "iskp", To: "iran", Relations: []string{"hugs"}}); !errors.Is(err, graph.ErrUnknownRelation) {
		t.Errorf("unknown relation: err = %v", err)
	}
	if _, err := FindPaths(ctx, st, PathQuery{From: "iskq", To: "iran"}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("unknown actor: err = %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := FindPaths(cctx, st, PathQuery{From: "iskp", To: "iran", UpTo: 6}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}

func BenchmarkShortestPath(b *testing.B) {
	st := testgraph.Seeded(b)
	ctx := context.Background()
	q := PathQuery{From: "kyle-orton", To: "kabul-airport", MaxDepth: MaxPathDepth}
	if _, err := FindPaths(ctx, st, q); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := FindPaths(ctx, st, q); err != nil {
			b.Fatal(err)
		}
	}
}
