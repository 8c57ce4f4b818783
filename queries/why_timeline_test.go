package queries

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/seed"
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
	if c[0].Quote != "IS-K loathes the Taliban and has challenged its rule." || c[1].AssertedBy != "nicholas-heras" || c[1].Certainty != graph.Assessed {
		t.Errorf("claims = %+v", c)
	}
	// A relation asked forward does not match its reverse.
	if ans, err := Why(ctx, st, "taliban", "opposes", "iskp"); err != nil || len(ans.Hops) != 1 {
		t.Errorf("taliban opposes iskp = %+v, %v", ans.Hops, err)
	}
	if ans, err := Why(ctx, st, "iskp", "opposes", "al-qaeda"); err != nil || len(ans.Hops) != 0 {
		t.Errorf("iskp opposes al-qaeda = %+v, %v; want none (al-qaeda opposes iskp)", ans.Hops, err)
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
		// In the article's order: Kerman "began the year", Moscow came after
		// it (through the Turkey attack), the statement after Moscow.
		{TimelineQuery{Name: "iskp"}, []string{
			"2021-08-26 kabul-airport-bombing perpetrator iskp",
			"2024-01 (month) kerman-attack perpetrator iskp",
			"2024 (year), not after 2024-03-27, after Islamic State attack in Turkey crocus-city-hall-attack perpetrator iskp",
			"2024 (year), after Crocus City Hall attack iskp-moscow-statement actor iskp",
		}},
		{TimelineQuery{Name: "iskp", From: "2022", To: "2024-03"}, []string{
			"2024-01 (month) kerman-attack perpetrator iskp",
			"2024 (year), not after 2024-03-27, after Islamic State attack in Turkey crocus-city-hall-attack perpetrator iskp",
			"2024 (year), after Crocus City Hall attack iskp-moscow-statement actor iskp",
		}},
		{TimelineQuery{Name: "Islamic State", Affiliates: true, To: "2021"}, []string{
			"2014-06 (month) caliphate-declaration actor islamic-state",
			"between 2014-06 and 2019-03, after Declaration of the Islamic State caliphate is-europe-attacks-caliphate facilitator islamic-state",
			"2015-11 (month) paris-attack facilitator islamic-state",
			"2019-03 (month) caliphate-destruction target islamic-state",
			"2021-08-26 kabul-airport-bombing perpetrator iskp",
		}},
		{TimelineQuery{Name: "Iran"}, []string{
			"2024-01 (month) kerman-attack place iran",
			"2024-01 (month) kerman-attack target iran",
		}},
		// --from keeps an event that may fall on or after it.
		{TimelineQuery{Name: "Islamic State", From: "2024-03-25"}, []string{
			"between 2023-03 and 2024-03-27 is-europe-attacks-last-year director islamic-state",
			"between 2023-03 and 2024-03-27 is-europe-attacks-last-year perpetrator islamic-state",
			"2024 (year), not after 2024-03-27 is-syria-attacks-2024 perpetrator islamic-state",
			"2024 (year), not after 2024-03-27, after Kerman province attack turkey-attack-2024 perpetrator islamic-state",
			"2024 (year), not after 2024-03-27, after Islamic State attack in Turkey crocus-city-hall-attack claimant islamic-state",
			"2024 (year), not after 2024-03-27, after Islamic State attack in Turkey crocus-city-hall-attack perpetrator islamic-state",
			"2024 (year), 2 days after Crocus City Hall attack truffle-hunters-attack perpetrator islamic-state",
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
	if err != nil || len(got) != 5 {
		t.Errorf("gizmo = %v, %v; want taliban, iran, shia-muslims, russia, taliban-government", got, err)
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

// Two sources whose `after` dates point at each other make a cycle no
// single file can: the timeline still ends, ordering by what each date
// says on its own.
func TestTimelineSurvivesAnAfterCycle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files := map[string]string{
		"one.ag": "source zzz\nactor g armed-group \"G\"\nevent a attack \"A\"\n  date 2024\n  quote \"A.\"\nevent b attack \"B\"\n  date 2024 after a\n  quote \"B.\"\n" +
			"claim g perpetrated a\n  quote \"A.\"\nclaim g perpetrated b\n  quote \"B.\"\n",
		"two.ag": "source aaa\nevent a attack \"A\"\n  date 2024 after b\n  quote \"A came after B.\"\n",
	}
	var inputs []seed.Input
	for _, name := range []string{"one.ag", "two.ag"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, seed.File(path))
	}
	st := graph.NewMemory()
	defer st.Close()
	if _, err := seed.Load(ctx, st, inputs, seed.Options{}); err != nil {
		t.Fatal(err)
	}
	// Source aaa sorts first, so A's date on display is aaa's: after B.
	if a, err := st.Entity(ctx, "a"); err != nil || a.Date == nil || a.Date.After != "b" {
		t.Fatalf("a's date = %+v, %v; want aaa's, after b", a.Date, err)
	}
	tl, err := BuildTimeline(ctx, st, TimelineQuery{Name: "G"})
	if err != nil || len(tl.Events) != 2 {
		t.Fatalf("timeline = %+v, %v", tl.Events, err)
	}
}
