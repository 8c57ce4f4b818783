package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/errkind"
	"github.com/actorgraph/actorgraph/queries"
)

// TestEveryErrorKindHasAnExitCode: a kind added to errkind without an exit
// code would end as "other failure".
func TestEveryErrorKindHasAnExitCode(t *testing.T) {
	for _, k := range errkind.All {
		if _, ok := exitCodes[k]; !ok {
			t.Errorf("error kind %s has no exit code", k)
		}
	}
}

// TestMessageAddsTheCLIsAdvice: the store and the query layer say what is
// wrong; the CLI adds what to do in its own words, after the facts.
func TestMessageAddsTheCLIsAdvice(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&graph.ArgError{Param: "max-depth", Msg: "{max-depth} 13 out of range 1..12"}, "--max-depth 13 out of range 1..12"},
		{&graph.ArgError{Param: "ACTOR", Msg: "an actor cannot be merged with itself"}, "ACTOR: an actor cannot be merged with itself"},
		{fmt.Errorf("path: %w", &queries.NoPathError{From: queries.Node{Name: "A"}, To: queries.Node{Name: "B"}, Depth: 2}),
			"path: no path from A to B within 2 hops (only relations count as links; try a larger --max-depth, fewer --exclude-rel or no --directed)"},
		{&queries.TimeoutError{After: 2 * time.Second}, "query timed out after 2s and was stopped (raise --timeout to give it longer)"},
		{&graph.UnknownSourceError{ID: "x"}, `no source "x" in the store (actorgraph sources lists them)`},
		{&graph.NotMergedError{A: "a", B: "b"}, "a and b: not merged (no merge decision joins them directly; actorgraph show lists same_as)"},
		{fmt.Errorf("%w at /tmp/s", graph.ErrNoStore), "no store at /tmp/s: run `actorgraph seed` or `actorgraph load` first"},
	}
	for _, tc := range tests {
		if got := message(tc.err); got != tc.want {
			t.Errorf("message(%v)\n got %q\nwant %q", tc.err, got, tc.want)
		}
		if strings.Contains(tc.err.Error(), "actorgraph ") || strings.Contains(tc.err.Error(), "--") {
			t.Errorf("%q gives CLI advice itself", tc.err.Error())
		}
	}
}
