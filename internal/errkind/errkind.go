// Package errkind sorts the errors of actorgraph's packages into the kinds
// its front ends answer differently. Of is the one place that knows which
// sentinel means what; the CLI turns a kind into an exit code and the server
// into an HTTP status, each with a small table.
package errkind

import (
	"context"
	"errors"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/actorgraph/actorgraph/seed"
)

// Kind is what went wrong, as a caller answers it.
type Kind int

// The kinds, from no error to any other failure.
const (
	None        Kind = iota // no error
	Other                   // anything else: a failure of ours or of the system
	Usage                   // bad flags, parameters or arguments (a date, a name outside the vocabulary, a depth out of range)
	NotFound                // no actor or event by that name
	Ambiguous               // a name that means more than one actor
	BadInput                // an input file that fails validation, a query that does not parse
	NoPath                  // no path within the depth asked for
	Timeout                 // a query ran out of time
	Canceled                // the caller gave up (Ctrl-C, a closed connection)
	NoStore                 // the store does not exist yet
	StoreInUse              // another process holds the store
	Unreachable             // the store's database server cannot be reached
	ReadOnly                // a write on a store opened read-only
	Memory                  // a query went over its memory budget and was stopped
)

// All lists every kind but None, for the tables that must cover them.
var All = []Kind{Other, Usage, NotFound, Ambiguous, BadInput, NoPath, Timeout, Canceled,
	NoStore, StoreInUse, Unreachable, ReadOnly, Memory}

var names = [...]string{"none", "other", "usage", "not-found", "ambiguous", "bad-input", "no-path",
	"timeout", "canceled", "no-store", "store-in-use", "unreachable", "read-only", "memory"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(names) {
		return "other"
	}
	return names[k]
}

// is matches any of the sentinels.
func is(sentinels ...error) func(error) bool {
	return func(err error) bool {
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return true
			}
		}
		return false
	}
}

// as matches an error of type T.
func as[T error](err error) bool {
	var t T
	return errors.As(err, &t)
}

// rules map errors to kinds, first match wins: a bad argument before its
// cause, and a file's line (bad input) before what the line says, except
// that an unknown name stays not-found wherever it comes from.
var rules = []struct {
	kind  Kind
	match func(error) bool
}{
	{Usage, as[*graph.ArgError]},
	{Memory, is(queries.ErrMemoryBudget)},
	{Canceled, is(context.Canceled)},
	{Timeout, is(context.DeadlineExceeded)},
	{NoPath, is(queries.ErrNoPath)},
	{Ambiguous, is(graph.ErrAmbiguous)},
	{NotFound, is(graph.ErrNotFound)},
	{BadInput, as[*seed.LineError]},
	{BadInput, is(seed.ErrBadInput, queries.ErrBadQuery, graph.ErrTypeMismatch)},
	{Usage, is(queries.ErrBadArgs, queries.ErrSameActor, queries.ErrPathWithTypes, queries.ErrUnknownQuery,
		graph.ErrUnknownRelation, graph.ErrUnknownType, graph.ErrUnknownCertainty, graph.ErrBadDate,
		graph.ErrInvalid, graph.ErrNotMerged)},
	{NoStore, is(graph.ErrNoStore)},
	{StoreInUse, is(graph.ErrStoreBusy)},
	{Unreachable, is(graph.ErrConnect)},
	{ReadOnly, is(graph.ErrReadOnly)},
}

// Of is the kind of err.
func Of(err error) Kind {
	if err == nil {
		return None
	}
	for _, r := range rules {
		if r.match(err) {
			return r.kind
		}
	}
	return Other
}
