package queries

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
)

// Validate checks a path query's arguments as given, without a store: the
// depths, that all and upto are not both asked, and the relation names. Its
// errors are *graph.ArgError. (FindPaths fills in a zero MaxDepth first.)
func (q PathQuery) Validate() error {
	if q.MaxDepth < 1 || q.MaxDepth > MaxPathDepth {
		return rangeError("max-depth", q.MaxDepth, 1, MaxPathDepth)
	}
	if q.UpTo < 0 || q.UpTo > MaxPathDepth {
		return rangeError("upto", q.UpTo, 1, MaxPathDepth)
	}
	if q.All && q.UpTo > 0 {
		return argError("{all} and {upto} do not go together: {upto} already lists every path", nil, "all", "upto")
	}
	if len(q.Predicates) > 0 && len(q.Relations)+len(q.Exclude) > 0 {
		return argError("{predicate} follows predicates instead of relations: it does not go with {rel} or {exclude-rel}", nil, "predicate", "rel", "exclude-rel")
	}
	if err := relationsArg("rel", q.Relations); err != nil {
		return err
	}
	return relationsArg("exclude-rel", q.Exclude)
}

// Validate checks a neighbors query's depth and relations as given.
// (Neighbors fills in a zero Depth first.)
func (q NeighborsQuery) Validate() error {
	if q.Depth < 1 || q.Depth > MaxDepth {
		return rangeError("depth", q.Depth, 1, MaxDepth)
	}
	return relationsArg("rel", q.Relations)
}

// Validate checks an export query as given: the depth, the relation and
// type names, and, for a path export, the path query and that neither a
// focus nor a type filter goes with it. (Export fills in a zero Depth first.)
func (q ExportQuery) Validate() error {
	if q.Depth < 1 || q.Depth > MaxDepth {
		return argError(fmt.Sprintf("{depth}: want 1..%d, got %d", MaxDepth, q.Depth), nil, "depth")
	}
	if err := relationsArg("rel", q.Relations); err != nil {
		return err
	}
	for _, t := range q.Types {
		if _, err := graph.LookupType(t); err != nil {
			return argError("{type}: "+err.Error(), err, "type")
		}
	}
	if len(q.Nodes) > 0 && q.Focus != "" {
		return argError("{nodes} and {focus} do not go together", nil, "nodes", "focus")
	}
	if len(q.Nodes) > 0 && q.Path != nil {
		return argError("{nodes} and {path} do not go together", nil, "nodes", "path")
	}
	if q.Path == nil {
		return nil
	}
	if q.Focus != "" {
		return argError("{path} and {focus} do not go together", nil, "path", "focus")
	}
	if len(q.Types) > 0 {
		return argError("{path} and {type} do not go together: a type filter would cut the paths", ErrPathWithTypes, "path", "type")
	}
	return q.Path.Validate()
}

// Validate checks a timeline query's dates.
func (q TimelineQuery) Validate() error {
	_, _, err := q.dates()
	return err
}

// dates reads the query's From and To; a zero Date is an open end.
func (q TimelineQuery) dates() (from, to graph.Date, err error) {
	for _, d := range []struct {
		param, v string
		out      *graph.Date
	}{{"from", q.From, &from}, {"to", q.To, &to}} {
		if d.v == "" {
			continue
		}
		if *d.out, err = graph.ParseDate(d.v); err != nil {
			return from, to, argError("{"+d.param+"}: "+err.Error(), err, d.param)
		}
	}
	return from, to, nil
}

// relationsArg checks the relation names given as a parameter.
func relationsArg(param string, names []string) error {
	for _, n := range names {
		if _, err := graph.LookupRelation(n); err != nil {
			return argError("{"+param+"}: "+err.Error(), err, param)
		}
	}
	return nil
}
