package graph

import (
	"errors"
	"testing"
)

func TestArgErrorNamesItsParameters(t *testing.T) {
	flag := func(p string) string { return "--" + p }
	plain := &ArgError{Param: "why", Msg: "say why the two are one actor"}
	if got := plain.Message(flag); got != "--why: say why the two are one actor" {
		t.Errorf("plain: %q", got)
	}
	if got := plain.Error(); got != "why: say why the two are one actor" {
		t.Errorf("plain Error: %q", got)
	}
	two := &ArgError{Param: "all", Also: []string{"upto"}, Msg: "{all} and {upto} do not go together: {upto} already lists every path", Err: ErrBadDate}
	if got := two.Message(flag); got != "--all and --upto do not go together: --upto already lists every path" {
		t.Errorf("two: %q", got)
	}
	if !errors.Is(two, ErrInvalid) || !errors.Is(two, ErrBadDate) {
		t.Error("an ArgError is ErrInvalid and wraps its cause")
	}
}
