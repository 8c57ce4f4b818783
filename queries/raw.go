package queries

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/cayleygraph/cayley/query"

	// Cayley's query languages offered by `actorgraph query`: they register
	// themselves with Cayley's query registry on import.
	_ "github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql"
)

// Languages are the query languages RawQuery accepts.
var Languages = []string{"gizmo", "graphql"}

// Query-language limits.
const (
	DefaultQueryTimeout = 30 * time.Second
	DefaultQueryLimit   = 100
)

// RawQuery is a query in one of Cayley's own languages.
type RawQuery struct {
	Lang    string        // gizmo or graphql
	Text    string        // the query
	Timeout time.Duration // DefaultQueryTimeout when 0; the query is stopped when it runs out
	Limit   int           // results at most; DefaultQueryLimit when 0, unlimited when < 0
}

// RunRaw runs a Gizmo or GraphQL query over the store's quads and calls fn
// with each result (JSON-ready values). A query still running at the
// timeout is interrupted and gives a *TimeoutError.
func RunRaw(ctx context.Context, st *graph.Store, q RawQuery, fn func(any) error) error {
	known := false
	for _, l := range Languages {
		known = known || l == q.Lang
	}
	if !known {
		return fmt.Errorf("%w %q (want gizmo or graphql)", ErrBadQuery, q.Lang)
	}
	if q.Timeout == 0 {
		q.Timeout = DefaultQueryTimeout
	}
	if q.Limit == 0 {
		q.Limit = DefaultQueryLimit
	}
	if q.Limit < 0 {
		q.Limit = 0 // Cayley: no limit
	}
	ctx, cancel := context.WithTimeout(ctx, q.Timeout)
	defer cancel()
	timedOut := func(err error) error {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return &TimeoutError{After: q.Timeout}
		}
		return err
	}
	it, err := query.Execute(ctx, st.QuadStore(), q.Lang, q.Text, query.Options{Collation: query.JSON, Limit: q.Limit})
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrBadQuery, q.Lang, err)
	}
	defer it.Close()
	// Gizmo ignores Execute's context; the one given to Next interrupts it.
	for it.Next(ctx) {
		if err := fn(it.Result()); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		if err = timedOut(err); errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return err
		}
		return fmt.Errorf("%w: %s: %v", ErrBadQuery, q.Lang, err)
	}
	return timedOut(ctx.Err())
}
