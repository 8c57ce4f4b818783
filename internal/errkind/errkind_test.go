package errkind

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/actorgraph/actorgraph/seed"
)

func TestOf(t *testing.T) {
	argErr := queries.PathQuery{MaxDepth: 99}.Validate()
	tests := []struct {
		name string
		err  error
		want Kind
	}{
		{"nil", nil, None},
		{"plain", errors.New("disk on fire"), Other},
		{"argument", argErr, Usage},
		{"wrapped argument", fmt.Errorf("path: %w", argErr), Usage},
		{"bad date argument", queries.TimelineQuery{From: "2024-13"}.Validate(), Usage},
		{"path export with types", queries.ExportQuery{Path: &queries.PathQuery{MaxDepth: 1}, Types: []string{"state"}}.Validate(), Usage},
		{"bare path-with-types", queries.ErrPathWithTypes, Usage},
		{"same actor", &queries.SameActorError{From: "iskp", To: "IS-K"}, Usage},
		{"unknown saved query", fmt.Errorf("%w %q", queries.ErrUnknownQuery, "x"), Usage},
		{"unknown relation", fmt.Errorf("%w %q", graph.ErrUnknownRelation, "likes"), Usage},
		{"store argument", &graph.ArgError{Param: "ACTOR", Msg: "an actor cannot be merged with itself"}, Usage},
		{"not merged", fmt.Errorf("a and b: %w", graph.ErrNotMerged), Usage},
		{"not found", &graph.NotFoundError{Name: "Talibn"}, NotFound},
		{"ambiguous", &graph.AmbiguousError{Name: "IS"}, Ambiguous},
		{"bare ambiguous", graph.ErrAmbiguous, Ambiguous},
		{"no path", &queries.NoPathError{Depth: 2}, NoPath},
		{"timeout", &queries.TimeoutError{}, Timeout},
		{"deadline", context.DeadlineExceeded, Timeout},
		{"canceled", fmt.Errorf("load: %w", context.Canceled), Canceled},
		{"type mismatch", fmt.Errorf("%w: a city cannot perpetrate", graph.ErrTypeMismatch), BadInput},
		{"file line naming an unknown relation", &seed.LineError{Pos: seed.Pos{File: "x.ag", Line: 3}, Err: graph.ErrUnknownRelation}, BadInput},
		{"unreadable input", fmt.Errorf("x: %w", seed.ErrBadInput), BadInput},
		{"bad query", fmt.Errorf("%w: gizmo", queries.ErrBadQuery), BadInput},
		{"no store", fmt.Errorf("open: %w", graph.ErrNoStore), NoStore},
		{"busy", graph.ErrStoreBusy, StoreInUse},
		{"unreachable", graph.ErrConnect, Unreachable},
		{"read-only", graph.ErrReadOnly, ReadOnly},
	}
	for _, tc := range tests {
		if got := Of(tc.err); got != tc.want {
			t.Errorf("%s: Of(%v) = %s, want %s", tc.name, tc.err, got, tc.want)
		}
	}
}

func TestKindNames(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range append([]Kind{None}, All...) {
		n := k.String()
		if seen[n] {
			t.Errorf("two kinds are called %q", n)
		}
		seen[n] = true
	}
	if len(names) != len(All)+1 {
		t.Errorf("%d names for %d kinds", len(names), len(All)+1)
	}
}
