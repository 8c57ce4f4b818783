package main

import (
	"context"
	"errors"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/actorgraph/actorgraph/seed"
)

// exitCode is the process exit status. Every code is documented in the
// README ("Exit codes") and in `actorgraph --help`.
type exitCode int

const (
	exitOK        exitCode = 0   // success
	exitError     exitCode = 1   // any other failure
	exitUsage     exitCode = 2   // bad flags or arguments
	exitNotFound  exitCode = 3   // unknown or ambiguous actor name
	exitBadInput  exitCode = 4   // a file failed validation; nothing was written
	exitStore     exitCode = 5   // the store is missing, busy or unreachable
	exitNoPath    exitCode = 6   // no path within the depth asked for
	exitTimeout   exitCode = 7   // a query ran out of time
	exitInterrupt exitCode = 130 // interrupted (Ctrl-C)
)

const exitCodesHelp = `Exit codes:
  0  success
  1  other failure
  2  bad flags or arguments
  3  unknown or ambiguous actor name (the message suggests names)
  4  invalid input file (nothing was written) or a query that does not parse
  5  store missing, in use by another process, or unreachable
  6  no path within the given depth
  7  query timed out
  130 interrupted`

// usageError marks a mistake in flags or arguments.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// codeFor maps an error to its exit code, in one place.
func codeFor(err error) exitCode {
	var ue *usageError
	var le *seed.LineError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitInterrupt
	case errors.Is(err, context.DeadlineExceeded):
		return exitTimeout
	case errors.Is(err, queries.ErrNoPath):
		return exitNoPath
	case errors.Is(err, graph.ErrNotFound), errors.Is(err, graph.ErrAmbiguous):
		return exitNotFound
	case errors.As(err, &le), errors.Is(err, seed.ErrBadInput), errors.Is(err, queries.ErrBadQuery):
		return exitBadInput
	case errors.Is(err, graph.ErrUnknownRelation), errors.Is(err, graph.ErrUnknownType),
		errors.Is(err, graph.ErrBadDate), errors.Is(err, graph.ErrUnknownCertainty),
		errors.Is(err, queries.ErrUnknownQuery), errors.Is(err, queries.ErrBadArgs),
		errors.Is(err, graph.ErrInvalid), errors.Is(err, graph.ErrNotMerged):
		return exitUsage
	case errors.Is(err, graph.ErrNoStore), errors.Is(err, graph.ErrStoreBusy),
		errors.Is(err, graph.ErrConnect), errors.Is(err, graph.ErrReadOnly):
		return exitStore
	}
	return exitError
}
