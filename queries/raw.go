package queries

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"

	// Cayley's query languages offered by `actorgraph query`: they register
	// themselves with Cayley's query registry on import (gizmo above).
	_ "github.com/cayleygraph/cayley/query/graphql"
	"github.com/cayleygraph/quad"
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
	// Memory bounds the heap the query may grow (with the others it
	// watches); a guard of DefaultQueryMemory when nil.
	Memory *MemoryGuard
}

// RunRaw runs a Gizmo or GraphQL query over the store's quads and calls fn
// with each result (JSON-ready values). A query still running at the
// timeout is interrupted and gives a *TimeoutError; one that grows the heap
// past its memory budget is interrupted and gives a *MemoryError.
//
// Gizmo results are what Cayley's Gizmo documents: each path an all(),
// getLimit() or forEach() emits (tag to value), each value g.emit() is given,
// and the value of the query's last expression when it is not a path
// (count(), toArray(), toValue(), ...), which Cayley's own JSON output drops.
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
	if q.Memory == nil {
		q.Memory = NewMemoryGuard(DefaultQueryMemory)
	}
	ctx, cancel := context.WithTimeout(ctx, q.Timeout)
	defer cancel()
	ctx, done := q.Memory.Watch(ctx)
	defer done()
	timedOut := func(err error) error {
		if me := memoryCause(ctx); me != nil {
			return me
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return &TimeoutError{After: q.Timeout}
		}
		return err
	}
	collation := query.JSON
	if q.Lang == "gizmo" {
		collation = query.Raw // to keep the value of the last expression
	}
	qs := st.QuadStore()
	it, err := query.Execute(ctx, qs, q.Lang, q.Text, query.Options{Collation: collation, Limit: q.Limit})
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrBadQuery, q.Lang, err)
	}
	defer it.Close()
	// Gizmo ignores Execute's context; the one given to Next interrupts it.
	for it.Next(ctx) {
		v, ok, err := gizmoJSON(qs, it.Result())
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		if err = timedOut(err); errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || errors.Is(err, ErrMemoryBudget) {
			return err
		}
		return fmt.Errorf("%w: %s: %v", ErrBadQuery, q.Lang, err)
	}
	return timedOut(ctx.Err())
}

// gizmoJSON turns one result into a JSON-ready value as Cayley's JSON
// collation does, except that a Gizmo query's final value is kept. ok is
// false for a result that stands for nothing (the final value of a query
// that ends with a path or with all()).
func gizmoJSON(qs cgraph.QuadStore, r any) (any, bool, error) {
	res, isGizmo := r.(*gizmo.Result)
	if !isGizmo {
		return r, true, nil // GraphQL: already JSON-ready
	}
	switch {
	case res.Meta:
		if res.Val == nil || reflect.TypeOf(res.Val).PkgPath() == gizmoPkg ||
			reflect.TypeOf(res.Val).Kind() == reflect.Pointer && reflect.TypeOf(res.Val).Elem().PkgPath() == gizmoPkg {
			return nil, false, nil // a path object: the query ended with a path
		}
		return res.Val, true, nil
	case res.Val != nil:
		return res.Val, true, nil // g.emit(...)
	}
	obj := make(map[string]any, len(res.Tags))
	for k, ref := range res.Tags {
		v, err := qs.NameOf(ref)
		if err != nil {
			return nil, false, err
		}
		if v == nil {
			continue
		}
		// As Gizmo's JSON collation: native values, quad.StringOf otherwise.
		n := v.Native()
		if nv, isValue := n.(quad.Value); isValue && nv == v {
			n = quad.StringOf(v)
		}
		obj[k] = n
	}
	return obj, true, nil
}

// gizmoPkg is the package of Gizmo's own objects (paths, the graph object).
var gizmoPkg = reflect.TypeOf(gizmo.Result{}).PkgPath()
