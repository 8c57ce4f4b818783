package seed

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestEventDateForms(t *testing.T) {
	tests := []struct {
		line string
		want graph.Date
	}{
		{`date 2021-08-26`, graph.Date{Value: "2021-08-26", Precision: graph.Day}},
		{`date not-before 2014 not-after 2015 cue "2014-15" quote "in 2014-15"`, graph.Date{NotBefore: "2014", NotAfter: "2015", Precision: graph.Year, Cue: "2014-15", Quote: "in 2014-15"}},
		{`date 2024 not-after 2024-03-27`, graph.Date{Value: "2024", Precision: graph.Year, NotAfter: "2024-03-27"}},
		{`date after m 2 days`, graph.Date{After: "m", AfterDays: 2}},
		{`date 2024 after m cue "after the attack" quote "It came after the attack."`, graph.Date{Value: "2024", Precision: graph.Year, After: "m", Cue: "after the attack", Quote: "It came after the attack."}},
		{`date after m 1 week`, graph.Date{After: "m", AfterDays: 7}},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			doc, err := Parse("x.ag", []byte("source s\nevent m attack \"M\"\nevent e attack \"E\"\n  "+tc.line+"\n  quote \"E happened.\"\n"), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := *doc.Entities[1].Date; got != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestEventDateErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"no value", "source s\nevent e attack \"E\"\n  date cue \"x\"\n", "x.ag:3: date: bad date: a date needs a value"},
		{"unknown word", "source s\nevent e attack \"E\"\n  date 2024 around\n", `x.ag:3: date: unexpected "around"`},
		{"bad bound", "source s\nevent e attack \"E\"\n  date not-after March\n", `x.ag:3: date: not-after: bad date "March"`},
		{"bounds reversed", "source s\nevent e attack \"E\"\n  date not-before 2015 not-after 2014\n", "x.ag:3: date: bad date: between 2015 and 2014 is an empty stretch of time"},
		{"value outside bounds", "source s\nevent e attack \"E\"\n  date 2016 not-before 2017\n", "empty stretch of time"},
		{"cue not in quote", "source s\nevent e attack \"E\"\n  date 2024-01 cue \"began the year\" quote \"It began in winter.\"\n", `x.ag:2: date cue "began the year" is not in the date's quote`},
		{"cue in no quote", "source s\nevent e attack \"E\"\n  date 2024-01 cue \"began the year\"\n  quote \"It began in winter.\"\n", `date cue "began the year" is in none of e's quotes`},
		{"hedge not in quote", "source s\nactor a state \"A\"\nclaim a threatens a\n  quote \"A threatens A.\"\n  hedged could\n", `x.ag:3: hedged "could": the words are not in the claim's quote`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("x.ag", []byte(tc.text), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v\nwant an error containing %q", err, tc.want)
			}
		})
	}
}

func TestDateAnchorsAreChecked(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"unknown event", "source s\nevent e attack \"E\"\n  date after mosow 2 days\n  quote \"q\"\nevent moscow attack \"M\"\n", "x.ag:2: unknown event in `date ... after` \"mosow\""},
		{"not an event", "source s\nactor a state \"A\"\nevent e attack \"E\"\n  date after a\n  quote \"q\"\n", "x.ag:3: date after a: a is a state, not an event"},
		{"cycle", "source s\nevent a attack \"A\"\n  date after b\n  quote \"q\"\nevent b attack \"B\"\n  date after a\n  quote \"q\"\n", "the chain of `after`s comes back to"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.ag")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Compile(context.Background(), nil, []Input{File(path)}, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v\nwant an error containing %q", err, tc.want)
			}
		})
	}
}

// A date and a hedge written by the loader read back the same from a store.
func TestDateAndHedgeRoundTrip(t *testing.T) {
	ctx := context.Background()
	text := "source s\nevent m attack \"M\"\n  date 2024 not-after 2024-03-27\n  quote \"M happened.\"\nevent e attack \"E\"\n  date after m 2 days cue \"two days after\" quote \"E came two days after M.\"\n" +
		"actor a armed-group \"A\"\nclaim a threatens a\n  quote \"A could threaten A.\"\n  hedged could\n"
	path := filepath.Join(t.TempDir(), "x.ag")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	st := graph.NewMemory()
	defer st.Close()
	if _, err := Load(ctx, st, []Input{File(path)}, Options{}); err != nil {
		t.Fatal(err)
	}
	e, err := st.Entity(ctx, "e")
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Date{After: "m", AfterDays: 2, Cue: "two days after", Quote: "E came two days after M."}
	if e.Date == nil || *e.Date != want {
		t.Errorf("date %+v, want %+v", e.Date, want)
	}
	edges, err := st.Edges(ctx, "a", graph.Out, "threatens")
	if err != nil || len(edges) != 1 || edges[0].Claims[0].Hedge != "could" {
		t.Errorf("edges %+v, %v: want one claim hedged \"could\"", edges, err)
	}
}
