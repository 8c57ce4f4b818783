package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/lib/pq"
)

// LinksOf calls fn with the links of every node of a breadth-first
// frontier, node by node in order, exactly as Links would for each node.
// The backend reads them: on a SQL store the whole frontier with one query
// (one round trip per level of a search instead of two per node), on the
// embedded stores, whose lookups are local, node by node. Merged IDs and
// filtered views go through Links for each node.
func (s *Store) LinksOf(ctx context.Context, nodes []NodeRef, dir Direction, rels RelSet, fn func(from NodeRef, l Link) error) error {
	idn, err := s.identity(ctx)
	if err != nil {
		return err
	}
	if !idn.merged() && s.filter == nil {
		return s.be.links(ctx, nodes, dir, rels, fn)
	}
	for _, n := range nodes {
		if err := s.Links(ctx, n, dir, rels, func(l Link) error { return fn(n, l) }); err != nil {
			return err
		}
	}
	return nil
}

// links reads the links of nodes on Cayley's SQL schema in one query: the
// relation quads of every node, ordered as the embedded stores list them
// (node by node, outgoing before incoming, each in insertion order),
// self-loops left out.
func (b *sqlBackend) links(ctx context.Context, nodes []NodeRef, dir Direction, rels RelSet, fn func(from NodeRef, l Link) error) error {
	if len(nodes) == 0 || len(rels.byKey) == 0 || dir&Both == 0 {
		return nil
	}
	frontier := make([][]byte, 0, len(nodes))
	for _, n := range nodes {
		h, ok := n.(csql.NodeHash)
		if !ok {
			return fmt.Errorf("links: not a SQL node reference: %T", n)
		}
		frontier = append(frontier, append([]byte(nil), h.ValueHash[:]...))
	}
	preds := make([][]byte, 0, len(rels.byKey))
	for k := range rels.byKey {
		h, ok := k.(refs.ValueHash)
		if !ok {
			return fmt.Errorf("links: not a SQL relation reference: %T", k)
		}
		preds = append(preds, append([]byte(nil), h[:]...))
	}
	var parts []string
	if dir&Out != 0 {
		parts = append(parts, `SELECT f.pos, 0 AS side, q.horizon, q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
			FROM f JOIN quads AS q ON q.subject_hash = f.h
			WHERE q.predicate_hash = ANY($2) AND q.object_hash <> q.subject_hash`)
	}
	if dir&In != 0 {
		parts = append(parts, `SELECT f.pos, 1 AS side, q.horizon, q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash
			FROM f JOIN quads AS q ON q.object_hash = f.h
			WHERE q.predicate_hash = ANY($2) AND q.object_hash <> q.subject_hash`)
	}
	query := `WITH f (h, pos) AS (SELECT * FROM unnest($1::bytea[]) WITH ORDINALITY) `
	for i, p := range parts {
		if i > 0 {
			query += ` UNION ALL `
		}
		query += p
	}
	query += ` ORDER BY 1, 2, 3`
	b.countQuery()
	rows, err := b.db.QueryContext(ctx, query, pq.ByteaArray(frontier), pq.ByteaArray(preds))
	if err != nil {
		return fmt.Errorf("read links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			pos, side, horizon int64
			sh, ph, oh, lh     csql.NodeHash
		)
		if err := rows.Scan(&pos, &side, &horizon, &sh, &ph, &oh, &lh); err != nil {
			return fmt.Errorf("read links: %w", err)
		}
		rel, ok := rels.byKey[ph.ValueHash]
		if !ok {
			continue
		}
		l := Link{Relation: rel, Out: side == 0,
			Quad: csql.QuadHashes{QuadHash: refs.QuadHash{Subject: sh.ValueHash, Predicate: ph.ValueHash, Object: oh.ValueHash, Label: lh.ValueHash}}}
		if l.Out {
			l.Node = oh
		} else {
			l.Node = sh
		}
		if err := fn(nodes[pos-1], l); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read links: %w", err)
	}
	return nil
}
