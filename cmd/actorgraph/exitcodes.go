package main

import (
	"errors"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/errkind"
	"github.com/actorgraph/actorgraph/queries"
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
	exitMemory    exitCode = 8   // a query went over its memory budget
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
  8  query stopped: over its memory budget (--max-memory)
  130 interrupted`

// usageError marks a mistake in flags or arguments.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// exitCodes turns each kind of error into its exit code.
var exitCodes = map[errkind.Kind]exitCode{
	errkind.None:        exitOK,
	errkind.Other:       exitError,
	errkind.Usage:       exitUsage,
	errkind.NotFound:    exitNotFound,
	errkind.Ambiguous:   exitNotFound,
	errkind.BadInput:    exitBadInput,
	errkind.NoStore:     exitStore,
	errkind.StoreInUse:  exitStore,
	errkind.Unreachable: exitStore,
	errkind.ReadOnly:    exitStore,
	errkind.NoPath:      exitNoPath,
	errkind.Timeout:     exitTimeout,
	errkind.Memory:      exitMemory,
	errkind.Canceled:    exitInterrupt,
}

// codeFor maps an error to its exit code, in one place.
func codeFor(err error) exitCode {
	var ue *usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	if code, ok := exitCodes[errkind.Of(err)]; ok {
		return code
	}
	return exitError
}

// message is the text of an error as the CLI prints it: a query's bad
// argument named as its flag, and advice in the words of our flags after the
// errors that leave it to the caller.
func message(err error) string {
	msg := err.Error()
	var (
		ae  *graph.ArgError
		npe *queries.NoPathError
		te  *queries.TimeoutError
	)
	if errors.As(err, &ae) {
		msg = strings.Replace(msg, ae.Error(), ae.Message(flagName), 1)
	}
	if errors.As(err, &npe) {
		msg = strings.Replace(msg, npe.Error(), npe.Error()+" (only relations count as links; try a larger --max-depth, fewer --exclude-rel or no --directed)", 1)
	}
	if errors.As(err, &te) {
		msg = strings.Replace(msg, te.Error(), te.Error()+" (raise --timeout to give it longer)", 1)
	}
	var (
		us *graph.UnknownSourceError
		nm *graph.NotMergedError
	)
	if errors.As(err, &us) {
		msg = strings.Replace(msg, us.Error(), us.Error()+" (actorgraph sources lists them)", 1)
	}
	if errors.As(err, &nm) {
		msg = strings.Replace(msg, nm.Error(), strings.TrimSuffix(nm.Error(), ")")+"; actorgraph show lists same_as)", 1)
	}
	if errkind.Of(err) == errkind.NoStore {
		msg += ": run `actorgraph seed` or `actorgraph load` first"
	}
	return msg
}

// flagName is how the CLI names a parameter: max-depth is --max-depth; a
// positional argument (ACTOR) keeps its name.
func flagName(p string) string {
	if p == strings.ToUpper(p) {
		return p
	}
	return "--" + p
}
