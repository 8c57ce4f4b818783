package graph

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// analyzeMin is the smallest load after which we ANALYZE the tables, so
// that PostgreSQL plans Cayley's queries on the new sizes at once instead of
// waiting for autovacuum.
const analyzeMin = 50_000

// nodeCopyColumns are the columns of Cayley's nodes table that a value can
// fill (all of them but refs), in the order sqlNodeRow fills them.
var nodeCopyColumns = []string{
	"hash", "value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time",
}

// sqlNodeRow is the nodes row of a value, as Cayley's SQL backend writes it
// (csql.NodeValues), spread over nodeCopyColumns.
func sqlNodeRow(h refs.ValueHash, v quad.Value) ([]any, error) {
	typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: h}, v)
	if err != nil {
		return nil, err
	}
	row := make([]any, len(nodeCopyColumns))
	row[0] = vals[0]
	for i, col := range typ.Columns() {
		for j, c := range nodeCopyColumns {
			if c == col {
				row[j] = vals[i+1]
			}
		}
	}
	return row, nil
}

// sqlAddQuads is AddQuads for PostgreSQL: one transaction that COPYs the
// distinct nodes and quads into temporary tables and moves them into
// Cayley's nodes and quads tables with two set-based statements, instead of
// Cayley's two INSERT round trips per quad. It writes exactly what Cayley
// writes (same hashes, columns and reference counts; a quad already present
// is skipped and adds no references) and returns how many quads were added.
func (s *Store) sqlAddQuads(ctx context.Context, quads []quad.Quad) (int64, error) {
	nodes := make(map[refs.ValueHash]quad.Value, len(quads))
	seen := make(map[refs.QuadHash]struct{}, len(quads))
	hashes := make([]refs.QuadHash, 0, len(quads))
	for _, q := range quads {
		var qh refs.QuadHash
		for _, d := range quad.Directions {
			v := q.Get(d)
			if v == nil {
				continue
			}
			h := refs.HashOf(v)
			qh.Set(d, h)
			nodes[h] = v
		}
		if _, dup := seen[qh]; dup {
			continue
		}
		seen[qh] = struct{}{}
		hashes = append(hashes, qh)
	}
	seen = nil

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() // after Commit, a no-op
	for _, stmt := range []string{
		`CREATE TEMP TABLE ag_nodes (hash BYTEA, value BYTEA, value_string TEXT, datatype TEXT,
			language TEXT, iri BOOLEAN, bnode BOOLEAN, value_int BIGINT, value_bool BOOLEAN,
			value_float DOUBLE PRECISION, value_time TIMESTAMP WITH TIME ZONE) ON COMMIT DROP`,
		`CREATE TEMP TABLE ag_quads (s BYTEA, p BYTEA, o BYTEA, l BYTEA) ON COMMIT DROP`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return 0, fmt.Errorf("create staging table: %w", err)
		}
	}
	err = copyRows(ctx, tx, "ag_nodes", nodeCopyColumns, func(put func(...any) error) error {
		for h, v := range nodes {
			row, err := sqlNodeRow(h, v)
			if err != nil {
				return err
			}
			if err := put(row...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("copy nodes: %w", err)
	}
	err = copyRows(ctx, tx, "ag_quads", []string{"s", "p", "o", "l"}, func(put func(...any) error) error {
		for _, qh := range hashes {
			if err := put(hashValue(qh.Subject), hashValue(qh.Predicate), hashValue(qh.Object), hashValue(qh.Label)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("copy quads: %w", err)
	}
	// New nodes start with no references; the quads actually inserted add
	// theirs, so that duplicates leave the counts as they were.
	if _, err := tx.ExecContext(ctx, `INSERT INTO nodes (refs, `+strings.Join(nodeCopyColumns, ", ")+`)
		SELECT 0, `+strings.Join(nodeCopyColumns, ", ")+` FROM ag_nodes
		ON CONFLICT (hash) DO NOTHING`); err != nil {
		return 0, fmt.Errorf("insert nodes: %w", err)
	}
	var added int64
	err = tx.QueryRowContext(ctx, `
		WITH ins AS (
			INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
			SELECT s, p, o, l, now() FROM ag_quads
			ON CONFLICT DO NOTHING
			RETURNING subject_hash, predicate_hash, object_hash, label_hash
		), used AS (
			SELECT subject_hash AS h FROM ins
			UNION ALL SELECT predicate_hash FROM ins
			UNION ALL SELECT object_hash FROM ins
			UNION ALL SELECT label_hash FROM ins WHERE label_hash IS NOT NULL
		), counted AS (
			SELECT h, count(*) AS n FROM used GROUP BY h
		), upd AS (
			UPDATE nodes SET refs = nodes.refs + counted.n FROM counted
			WHERE nodes.hash = counted.h RETURNING 1
		)
		SELECT count(*) FROM ins`).Scan(&added)
	if err != nil {
		return 0, fmt.Errorf("insert quads: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("commit: %w", err)
	}
	// Cayley caches the store's counts and drops the cache on its own
	// writes only: an empty write through it does that for ours.
	if err := s.qs.ApplyDeltas(nil, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return added, fmt.Errorf("refresh counts: %w", err)
	}
	if added >= analyzeMin {
		if _, err := s.db.ExecContext(ctx, `ANALYZE nodes, quads`); err != nil {
			return added, fmt.Errorf("analyze: %w", err)
		}
	}
	return added, nil
}

// copyRows streams rows into table with COPY FROM STDIN.
func copyRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows func(put func(...any) error) error) error {
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return err
	}
	put := func(vals ...any) error {
		_, err := stmt.ExecContext(ctx, vals...)
		return err
	}
	if err := rows(put); err != nil {
		stmt.Close()
		return err
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		stmt.Close()
		return err
	}
	return stmt.Close()
}

// hashValue is a hash as Cayley stores it: its bytes, or NULL for none.
func hashValue(h refs.ValueHash) any {
	return csql.NodeHash{ValueHash: h}.SQLValue()
}
