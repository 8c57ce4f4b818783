package queries

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// The query layer's sentinel errors. Match them with errors.Is; the typed
// errors below wrap them.
var (
	// ErrBadArgs: a query got arguments it cannot take (the wrong number,
	// kind or range), such as a saved query's parameters or a depth out of
	// bounds. Every *graph.ArgError of this package is one.
	ErrBadArgs = errors.New("bad arguments")
	// ErrNoPath: the two actors are not connected within the depth asked for.
	ErrNoPath = errors.New("no path")
	// ErrSameActor: a path asked from an actor to itself.
	ErrSameActor = errors.New("same actor")
	// ErrPathWithTypes: a type filter would cut the paths of a path export.
	ErrPathWithTypes = errors.New("a path export cannot be filtered by type")
	// ErrBadQuery: a query that does not parse or fails to run.
	ErrBadQuery = errors.New("bad query")
	// ErrUnknownQuery: no saved query has that name.
	ErrUnknownQuery = errors.New("unknown saved query")
)

// argError is a bad argument of a query: a *graph.ArgError, the one
// argument-error type of the store and the query layer, which is also
// ErrBadArgs; msg names parameters as {name}, params[0] first.
func argError(msg string, cause error, params ...string) *graph.ArgError {
	err := ErrBadArgs
	if cause != nil {
		err = errors.Join(ErrBadArgs, cause)
	}
	return &graph.ArgError{Param: params[0], Also: params[1:], Msg: msg, Err: err}
}

// rangeError: a whole-number parameter outside lo..hi.
func rangeError(param string, v, lo, hi int) *graph.ArgError {
	return argError(fmt.Sprintf("{%s} %d out of range %d..%d", param, v, lo, hi), nil, param)
}

// NoPathError says which actors are not connected and within how many hops.
// Its text gives no advice: what to change is the caller's to say, in the
// names of its flags or parameters.
type NoPathError struct {
	From, To Node
	Depth    int
}

func (e *NoPathError) Error() string {
	return fmt.Sprintf("no path from %s to %s within %d hops", e.From.Name, e.To.Name, e.Depth)
}

// Unwrap makes errors.Is(err, ErrNoPath) hold.
func (e *NoPathError) Unwrap() error { return ErrNoPath }

// SameActorError: the two ends of a path are one actor, under two names.
type SameActorError struct{ From, To string }

func (e *SameActorError) Error() string {
	return fmt.Sprintf("%s and %s are the same actor", e.From, e.To)
}

// Unwrap makes errors.Is(err, ErrSameActor) hold.
func (e *SameActorError) Unwrap() error { return ErrSameActor }

// TimeoutError says after how long a query was stopped. Like NoPathError it
// leaves the advice (a longer timeout) to the caller.
type TimeoutError struct{ After time.Duration }

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("query timed out after %s and was stopped", e.After)
}

// Unwrap makes errors.Is(err, context.DeadlineExceeded) hold.
func (e *TimeoutError) Unwrap() error { return context.DeadlineExceeded }
