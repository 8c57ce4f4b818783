package queries

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/cayleygraph/quad"
)

// Count is a named number.
type Count struct {
	Name  string `json:"name"`
	Count int64  `json:"count"`
}

// Summary counts what a store holds.
type Summary struct {
	Store     string  `json:"store"`
	Quads     int64   `json:"quads"`
	Entities  int64   `json:"entities"`
	Claims    int64   `json:"claims"`
	Sources   int64   `json:"sources"`
	Types     []Count `json:"types"`     // entities per type, vocabulary order, zeros left out
	Relations []Count `json:"relations"` // claims per relation, sorted by name, zeros left out
}

// Stats counts quads, entities by type, claims by relation and sources:
// on the embedded stores from our counters, elsewhere from Cayley's own
// exact index sizes (no scan of the store either way).
func Stats(ctx context.Context, st *graph.Store) (Summary, error) {
	sum := Summary{Store: st.Location().String(), Types: []Count{}, Relations: []Count{}}
	c, ok, err := st.Counts(ctx)
	if err != nil {
		return sum, err
	}
	if ok {
		return statsFromCounts(sum, c), nil
	}
	if sum.Quads, err = st.Size(ctx); err != nil {
		return sum, err
	}
	for _, t := range graph.Types {
		n, err := st.CountQuads(ctx, quad.Object, graph.TypeIRI(t.Name))
		if err != nil {
			return sum, err
		}
		if n > 0 {
			sum.Types = append(sum.Types, Count{t.Name, n})
			sum.Entities += n
		}
	}
	for _, name := range graph.RelationNames() {
		n, err := st.CountQuads(ctx, quad.Predicate, graph.RelationIRI(name))
		if err != nil {
			return sum, err
		}
		if n > 0 {
			sum.Relations = append(sum.Relations, Count{name, n})
		}
	}
	if sum.Claims, err = st.CountQuads(ctx, quad.Predicate, graph.PropSource); err != nil {
		return sum, err
	}
	if sum.Sources, err = st.CountQuads(ctx, quad.Object, graph.TypeSource); err != nil {
		return sum, err
	}
	return sum, nil
}

// statsFromCounts fills a summary from the store's counters.
func statsFromCounts(sum Summary, c graph.Counts) Summary {
	sum.Quads = c.Quads
	for _, t := range graph.Types {
		if n := c.Types[graph.TypeIRI(t.Name)]; n > 0 {
			sum.Types = append(sum.Types, Count{t.Name, n})
			sum.Entities += n
		}
	}
	for _, name := range graph.RelationNames() {
		if n := c.Predicates[graph.RelationIRI(name)]; n > 0 {
			sum.Relations = append(sum.Relations, Count{name, n})
		}
	}
	sum.Claims = c.Predicates[graph.PropSource]
	sum.Sources = c.Types[graph.TypeSource]
	return sum
}
