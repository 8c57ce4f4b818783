package main

import (
	"testing"

	"github.com/actorgraph/actorgraph/internal/errkind"
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
