package queries

import (
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestValidate(t *testing.T) {
	flag := func(p string) string { return "--" + p }
	ok := PathQuery{MaxDepth: DefaultPathDepth}
	tests := []struct {
		name   string
		err    error
		params []string
		cli    string // the message with CLI flag names
		cause  error
	}{
		{"max-depth", PathQuery{MaxDepth: 13}.Validate(), []string{"max-depth"}, "--max-depth 13 out of range 1..12", nil},
		{"max-depth zero", PathQuery{}.Validate(), []string{"max-depth"}, "--max-depth 0 out of range 1..12", nil},
		{"upto", PathQuery{MaxDepth: 6, UpTo: 13}.Validate(), []string{"upto"}, "--upto 13 out of range 1..12", nil},
		{"all and upto", PathQuery{MaxDepth: 6, All: true, UpTo: 2}.Validate(), []string{"all", "upto"},
			"--all and --upto do not go together: --upto already lists every path", nil},
		{"exclude-rel", PathQuery{MaxDepth: 6, Exclude: []string{"hugs"}}.Validate(), []string{"exclude-rel"}, `--exclude-rel: unknown relation "hugs"`, graph.ErrUnknownRelation},
		{"neighbors depth", NeighborsQuery{Depth: 11}.Validate(), []string{"depth"}, "--depth 11 out of range 1..10", nil},
		{"neighbors rel", NeighborsQuery{Depth: 1, Relations: []string{"likes"}}.Validate(), []string{"rel"}, `--rel: unknown relation "likes"`, graph.ErrUnknownRelation},
		{"export depth", ExportQuery{Depth: 11}.Validate(), []string{"depth"}, "--depth: want 1..10, got 11", nil},
		{"export type", ExportQuery{Depth: 1, Types: []string{"band"}}.Validate(), []string{"type"}, `--type: unknown type "band"`, graph.ErrUnknownType},
		{"export path and focus", ExportQuery{Depth: 1, Focus: "iskp", Path: &ok}.Validate(), []string{"path", "focus"}, "--path and --focus do not go together", nil},
		{"export path and type", ExportQuery{Depth: 1, Types: []string{"state"}, Path: &ok}.Validate(), []string{"path", "type"},
			"--path and --type do not go together: a type filter would cut the paths", ErrPathWithTypes},
		{"export bad path", ExportQuery{Depth: 1, Path: &PathQuery{MaxDepth: 99}}.Validate(), []string{"max-depth"}, "--max-depth 99 out of range 1..12", nil},
		{"timeline from", TimelineQuery{From: "2024-13"}.Validate(), []string{"from"}, "--from: bad date", graph.ErrBadDate},
		{"timeline to", TimelineQuery{From: "2020", To: "soon"}.Validate(), []string{"to"}, "--to: bad date", graph.ErrBadDate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ae *graph.ArgError
			if !errors.As(tc.err, &ae) {
				t.Fatalf("got %v, want a *graph.ArgError", tc.err)
			}
			if got := append([]string{ae.Param}, ae.Also...); strings.Join(got, ",") != strings.Join(tc.params, ",") {
				t.Errorf("params %q, want %q", got, tc.params)
			}
			if got := ae.Message(flag); !strings.HasPrefix(got, tc.cli) {
				t.Errorf("message %q, want it to start %q", got, tc.cli)
			}
			if strings.Contains(ae.Error(), "--") {
				t.Errorf("Error() %q names CLI flags", ae.Error())
			}
			if !errors.Is(tc.err, graph.ErrInvalid) || !errors.Is(tc.err, ErrBadArgs) {
				t.Error("not graph.ErrInvalid and ErrBadArgs")
			}
			if tc.cause != nil && !errors.Is(tc.err, tc.cause) {
				t.Errorf("does not wrap %v", tc.cause)
			}
		})
	}
	for _, q := range []interface{ Validate() error }{
		ok, PathQuery{MaxDepth: 12, UpTo: 12}, NeighborsQuery{Depth: 10, Relations: []string{"opposes"}},
		ExportQuery{Depth: 1, Path: &ok}, ExportQuery{Depth: 3, Types: []string{"state"}}, TimelineQuery{From: "2021", To: "2024-03-22"},
	} {
		if err := q.Validate(); err != nil {
			t.Errorf("%+v: %v", q, err)
		}
	}
}

func TestParseAsOfNamesItsParameter(t *testing.T) {
	_, err := ParseAsOf("yesterday")
	var ae *graph.ArgError
	if !errors.As(err, &ae) || ae.Message(func(p string) string { return "--" + p })[:8] != "--as-of:" || !errors.Is(err, graph.ErrBadDate) {
		t.Errorf("got %v", err)
	}
}

func TestNoPathErrorGivesNoAdvice(t *testing.T) {
	msg := (&NoPathError{From: Node{Name: "A"}, To: Node{Name: "B"}, Depth: 2}).Error()
	if msg != "no path from A to B within 2 hops" {
		t.Errorf("got %q", msg)
	}
	if msg := (&TimeoutError{}).Error(); strings.Contains(msg, "--") {
		t.Errorf("TimeoutError names a flag: %q", msg)
	}
}
