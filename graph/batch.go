package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// Batched reads: the answers that visit many nodes (neighbours of a hub, a
// level of a breadth-first walk) read the quads of all of them at once. On a
// SQL store that is one statement per sqlBatch nodes instead of a few per
// node; the embedded stores read node by node, as local reads cost little.

// predFilter selects the quads of a batched read by predicate.
type predFilter int

const (
	anyPred   predFilter = iota
	attrPreds            // every predicate but relations and denials
	relPreds             // relations only
)

func (f predFilter) keeps(p quad.Value) bool {
	switch f {
	case attrPreds:
		return !isLinkPredicate(p)
	case relPreds:
		_, ok := RelationOf(p)
		return ok
	}
	return true
}

// sql is the condition on the predicate's nodes row (alias p) that keeps
// what f keeps.
func (f predFilter) sql() string {
	switch f {
	case attrPreds:
		return ` AND NOT (p.iri IS TRUE AND (p.value_string LIKE '` + RelationPrefix + `%' OR p.value_string LIKE '` + DenialPrefix + `%'))`
	case relPreds:
		return ` AND p.iri IS TRUE AND p.value_string LIKE '` + RelationPrefix + `%'`
	}
	return ""
}

// batchReader is a backend that reads the quads of many nodes at once.
type batchReader interface {
	quadsWith(ctx context.Context, d quad.Direction, values []quad.Value, f predFilter, fn func(quad.Quad) error) error
}

// sqlBatch bounds the values one statement asks for.
const sqlBatch = 5000

// quadsWith calls fn with every quad that has one of values in direction d
// and a predicate f keeps. Values the store does not hold give no calls.
func (s *Store) quadsWith(ctx context.Context, d quad.Direction, values []quad.Value, f predFilter, fn func(quad.Quad) error) error {
	if br, ok := s.be.(batchReader); ok {
		return br.quadsWith(ctx, d, values, f, fn)
	}
	for _, v := range values {
		ref, err := s.refOf(ctx, v)
		if err != nil || ref == nil {
			if err != nil {
				return err
			}
			continue
		}
		keep := func(q quad.Quad) error {
			if !f.keeps(q.Predicate) {
				return nil
			}
			return fn(q)
		}
		if f == attrPreds && d == quad.Subject {
			err = s.attrQuadsOf(ctx, ref, keep)
		} else {
			err = s.quadsOf(ctx, d, ref, keep)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// quadsWith reads the quads of up to sqlBatch values per statement.
func (b *sqlBackend) quadsWith(ctx context.Context, d quad.Direction, values []quad.Value, f predFilter, fn func(quad.Quad) error) error {
	for len(values) > 0 {
		n := min(len(values), sqlBatch)
		b.countQuery()
		rows, err := b.db.QueryContext(ctx, sqlQuadsSelect+`WHERE `+sqlDirColumn(d)+` = ANY($1)`+f.sql()+` ORDER BY q.horizon`,
			pq.ByteaArray(sqlHashes(values[:n])))
		if err != nil {
			return fmt.Errorf("read the quads of %d nodes: %w", n, err)
		}
		if err := scanQuads(rows, fn); err != nil {
			return fmt.Errorf("read the quads of %d nodes: %w", n, err)
		}
		values = values[n:]
	}
	return nil
}

// EntitiesByID reads many entities at once, as Entity reads each: merged
// IDs read as their whole group. An ID the store does not hold is a
// *NotFoundError.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) (map[string]Entity, error) {
	idn, err := s.identity(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Entity, len(ids))
	var plain []quad.Value
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		if len(idn.members(id)) > 1 {
			e, err := s.Entity(ctx, id)
			if err != nil {
				return nil, err
			}
			out[id] = e
			continue
		}
		out[id] = Entity{}
		plain = append(plain, NodeOf(id))
	}
	byID := map[string][]quad.Quad{}
	err = s.quadsWith(ctx, quad.Subject, plain, attrPreds, func(q quad.Quad) error {
		id := IDOf(q.Subject)
		byID[id] = append(byID[id], q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %d entities: %w", len(plain), err)
	}
	for _, v := range plain {
		id := IDOf(v)
		qs, ok := byID[id]
		if !ok {
			// No attributes: a bare node, or none at all.
			e, err := s.entityNode(ctx, id)
			if err != nil {
				return nil, err
			}
			out[id] = e
			continue
		}
		e, err := s.entityOf(ctx, id, qs)
		if err != nil {
			return nil, err
		}
		out[id] = e
	}
	return out, nil
}

// claimsByID reads many claims at once, as Claim reads each.
func (s *Store) claimsByID(ctx context.Context, ids []string) (map[string]Claim, error) {
	out := make(map[string]Claim, len(ids))
	values := make([]quad.Value, 0, len(ids))
	for _, id := range ids {
		if _, ok := out[id]; !ok {
			out[id] = Claim{ID: id, Certainty: Reported}
			values = append(values, ClaimIRI(id))
		}
	}
	err := s.quadsWith(ctx, quad.Subject, values, anyPred, func(q quad.Quad) error {
		id := IDOfClaim(q.Subject)
		c := out[id]
		c.set(q)
		out[id] = c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %d claims: %w", len(values), err)
	}
	return out, nil
}
