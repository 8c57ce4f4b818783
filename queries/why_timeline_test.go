package queries

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
)

func TestWhy(t *testing.T) {
	st := testgraph.Seeded(t)
	ctx := context.Background()
	ans, err := Why(ctx, st, "IS-K", "opposes", "Taliban")
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Hops) != 1 || len(ans.Hops[0].Claims) != 2 {
		t.Fatalf("hops = %+v, want one hop with two claims", ans.Hops)
	}
	c := ans.Hops[0].Claims
	if c[0].Quote != "IS-K loathes the Taliban and has challenged its rule." || c[1].AssertedBy != "nicholas-heras" || c[1].Certainty != graph.Attributed {
		t.Errorf("claims = %+v", c)
	}
	// A relation asked forward does not match its reverse.
	if ans, err := Why(ctx, st, "united-states", "opposes", "iskp"); err != nil || len(ans.Hops) != 1 {
		t.Errorf("us opposes iskp = %+v, %v", ans.Hops, err)
	}
	if ans, err := Why(ctx, st, "iskp", "opposes", "united-states"); err != nil || len(ans.Hops) != 0 {
		t.Errorf("iskp opposes us = %+v, %v; want none", ans.Hops, err)
	}
	// A symmetric relation matches either way round.
	if ans, err := Why(ctx, st, "taliban", "rival-of", "iskp"); err != nil || len(ans.Hops) != 1 {
		t.Errorf("taliban rival-of iskp = %+v, %v", ans.Hops, err)
	}
	// Two actors: every relation, both directions.
	all, err := Why(ctx, st, "iskp", "", "taliban")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range all.Hops {
		got = append(got, h.Direction+":"+h.Relation)
	}
	want := []string{"out:criticised", "out:opposes", "out:rival-of", "out:splinter-of", "in:opposes"}
	if !equal(got, want) {
		t.Errorf("relations = %q, want %q", got, want)
	}
	if _, err := Why(ctx, st, "iskp", "hugs", "taliban"); !errors.Is(err, graph.ErrUnknownRelation) {
		t.Errorf("unknown relation: %v", err)
	}
}

func TestTimeline(t *testing.T) {
	st := testgraph.Seeded(t)
	ctx := context.Background()
	tests := []struct {
		q    TimelineQuery
		want []string // when event role actor
	}{
		{TimelineQuery{Name: "iskp"}, []string{
			"2021-08-26 kabul-airport-bombing perpetrator iskp",
			"2024 (year) crocus-city-hall-attack perpetrator iskp",
			"2024 (year) iskp-moscow-statement actor iskp",
			"2024 (year) kerman-attack perpetrator iskp",
		}},
		{TimelineQuery{Name: "iskp", From: "2022", To: "2024-03"}, []string{
			"2024 (year) crocus-city-hall-attack perpetrator iskp",
			"2024 (year) iskp-moscow-statement actor iskp",
			"2024 (year) kerman-attack perpetrator iskp",
		}},
		{TimelineQuery{Name: "Islamic State", Affiliates: true, To: "2021"}, []string{
			"2014-06 (month) caliphate-declaration actor islamic-state",
			"2015-11 (month) paris-attack perpetrator islamic-state",
			"2021-08-26 kabul-airport-bombing perpetrator iskp",
		}},
		{TimelineQuery{Name: "Iran"}, []string{
			"2024 (year) kerman-attack place iran",
			"2024 (year) kerman-attack target iran",
		}},
	}
	for _, tc := range tests {
		tl, err := BuildTimeline(ctx, st, tc.q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range tl.Events {
			got = append(got, strings.Join([]string{e.When, e.Event.ID, e.Role, e.Actor.ID}, " "))
			if len(e.Hop.Claims) == 0 {
				t.Errorf("%s: event %s has no claim", tc.q.Name, e.Event.ID)
			}
		}
		if !equal(got, tc.want) {
			t.Errorf("%+v:\n got %q\nwant %q", tc.q, got, tc.want)
		}
	}
	if _, err := BuildTimeline(ctx, st, TimelineQuery{Name: "iskp", From: "March 2024"}); !errors.Is(err, graph.ErrBadDate) {
		t.Errorf("bad date: %v", err)
	}
}

func TestRunRaw(t *testing.T) {
	st := testgraph.Seeded(t)
	ctx := context.Background()
	var got []any
	err := RunRaw(ctx, st, RawQuery{Lang: "gizmo", Text: `g.V("<ag:iskp>").out("<rel:opposes>").unique().all()`}, func(v any) error {
		got = append(got, v.(map[string]any)["id"])
		return nil
	})
	if err != nil || len(got) != 3 {
		t.Errorf("gizmo = %v, %v; want taliban, iran, russia", got, err)
	}
	got = nil
	err = RunRaw(ctx, st, RawQuery{Lang: "graphql", Text: `{ nodes(id: <ag:iskp>) { id } }`}, func(v any) error { got = append(got, v); return nil })
	if err != nil || len(got) != 1 {
		t.Errorf("graphql = %v, %v", got, err)
	}
	start := time.Now()
	err = RunRaw(ctx, st, RawQuery{Lang: "gizmo", Text: "while(true){}", Timeout: 300 * time.Millisecond}, func(any) error { return nil })
	var te *TimeoutError
	if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Errorf("runaway query: err = %v after %s", err, time.Since(start))
	}
	err = RunRaw(ctx, st, RawQuery{Lang: "gizmo", Text: "var a = 1;\ng.V(("}, func(any) error { return nil })
	if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), "Line 2") {
		t.Errorf("syntax error: %v, want the line", err)
	}
	if err := RunRaw(ctx, st, RawQuery{Lang: "sparql", Text: "x"}, nil); !errors.Is(err, ErrBadQuery) {
		t.Errorf("unknown language: %v", err)
	}
}
