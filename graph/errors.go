package graph

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors of the graph package. Match them with errors.Is.
var (
	// ErrNotFound: no actor, event or node has that name or ID.
	ErrNotFound = errors.New("not found")
	// ErrAmbiguous: a name belongs to more than one actor.
	ErrAmbiguous = errors.New("ambiguous name")
	// ErrUnknownType: a type name outside the vocabulary.
	ErrUnknownType = errors.New("unknown type")
	// ErrUnknownRelation: a relation name outside the vocabulary.
	ErrUnknownRelation = errors.New("unknown relation")
	// ErrUnknownCertainty: a certainty level outside the vocabulary.
	ErrUnknownCertainty = errors.New("unknown certainty")
	// ErrTypeMismatch: a relation between entities of the wrong types.
	ErrTypeMismatch = errors.New("wrong types for relation")
	// ErrNoStore: the store does not exist yet.
	ErrNoStore = errors.New("no store")
	// ErrStoreBusy: another process holds the store.
	ErrStoreBusy = errors.New("store in use by another process")
	// ErrReadOnly: a write on a store opened read-only.
	ErrReadOnly = errors.New("store opened read-only")
	// ErrBadDate: a date outside the accepted forms.
	ErrBadDate = errors.New("bad date")
	// ErrConnect: a database server could not be reached or refused us.
	ErrConnect = errors.New("cannot connect to the store's server")
	// ErrInvalid: an argument a query or a write cannot take (see ArgError).
	ErrInvalid = errors.New("invalid argument")
)

// ArgError is an argument that cannot be used, naming the parameter as
// the query or operation calls it: a field in the CLI's words ("max-depth",
// "as-of", "why") or a positional argument in capitals ("ACTOR"). It says no
// more: each caller names the parameters its own way through Message, the
// CLI as its flags (--max-depth), the server as request parameters
// (max_depth). errors.Is(err, ErrInvalid) holds for every ArgError.
type ArgError struct {
	Param string   // the parameter at fault
	Msg   string   // what is wrong; {name} marks a parameter named in it (without {Param} the message reads "Param: Msg")
	Also  []string // the other parameters Msg names
	Err   error    // the cause, if any (a bad date, an unknown relation)
}

// Message is the error's text with each parameter named by name.
func (e *ArgError) Message(name func(param string) string) string {
	msg := e.Msg
	if !strings.Contains(msg, "{"+e.Param+"}") {
		msg = "{" + e.Param + "}: " + msg
	}
	for _, p := range append([]string{e.Param}, e.Also...) {
		msg = strings.ReplaceAll(msg, "{"+p+"}", name(p))
	}
	return msg
}

func (e *ArgError) Error() string { return e.Message(func(p string) string { return p }) }

// Is makes errors.Is(err, ErrInvalid) hold.
func (e *ArgError) Is(target error) bool { return target == ErrInvalid }

// Unwrap gives the cause, if any.
func (e *ArgError) Unwrap() error { return e.Err }

// NotMergedError: an unmerge of two IDs that no merge decision joins
// directly.
type NotMergedError struct{ A, B string }

func (e *NotMergedError) Error() string {
	return fmt.Sprintf("%s and %s: %s (no merge decision joins them directly)", e.A, e.B, ErrNotMerged)
}

// Unwrap makes errors.Is(err, ErrNotMerged) hold.
func (e *NotMergedError) Unwrap() error { return ErrNotMerged }

// NotFoundError says which name was not found and which known names are
// closest to it.
type NotFoundError struct {
	Name        string
	Suggestions []string // canonical names, closest first
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no actor or event named %q", e.Name)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + quoteList(e.Suggestions, " or ") + "?"
	}
	return msg
}

// Unwrap makes errors.Is(err, ErrNotFound) hold.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// AmbiguousError lists the entities a name could mean.
type AmbiguousError struct {
	Name       string
	Candidates []Entity
}

func (e *AmbiguousError) Error() string {
	parts := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		parts[i] = fmt.Sprintf("%s (%s, id %s)", c.Name, c.Type, c.ID)
	}
	return fmt.Sprintf("%q could mean %s; use one of the ids", e.Name, strings.Join(parts, ", "))
}

// Unwrap makes errors.Is(err, ErrAmbiguous) hold.
func (e *AmbiguousError) Unwrap() error { return ErrAmbiguous }

func quoteList(items []string, last string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + last + q[len(q)-1]
}
