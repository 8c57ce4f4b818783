package server

import (
	"testing"

	"github.com/actorgraph/actorgraph/internal/errkind"
)

// TestEveryErrorKindHasAStatus: a kind added to errkind without a status
// would end as a 500.
func TestEveryErrorKindHasAStatus(t *testing.T) {
	for _, k := range errkind.All {
		if _, ok := statuses[k]; !ok {
			t.Errorf("error kind %s has no HTTP status", k)
		}
	}
}
