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

// rebuildMin is the smallest load that may rebuild the quads table's
// indexes instead of updating them (when the store holds fewer quads).
const rebuildMin = 20_000

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

// copyQuads is AddQuads for PostgreSQL: one transaction that COPYs the
// distinct nodes and quads into temporary tables and moves them into
// Cayley's nodes and quads tables with two set-based statements, instead of
// Cayley's two INSERT round trips per quad. It writes exactly what Cayley
// writes (same hashes, columns and reference counts; a quad already present
// is skipped and adds no references) and returns how many quads were added.
func (b *sqlBackend) copyQuads(ctx context.Context, quads []quad.Quad) (int64, error) {
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

	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback() // after Commit, a no-op
	// One writer at a time: readers go on, and no other load can slip a
	// quad in between the duplicate check and the insert below.
	if _, err := tx.ExecContext(ctx, `LOCK TABLE quads IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return 0, fmt.Errorf("lock quads: %w", err)
	}
	for _, stmt := range []string{
		`CREATE TEMP TABLE ag_nodes (hash BYTEA, value BYTEA, value_string TEXT, datatype TEXT,
			language TEXT, iri BOOLEAN, bnode BOOLEAN, value_int BIGINT, value_bool BOOLEAN,
			value_float DOUBLE PRECISION, value_time TIMESTAMP WITH TIME ZONE) ON COMMIT DROP`,
		`CREATE TEMP TABLE ag_quads (i INT, s BYTEA, p BYTEA, o BYTEA, l BYTEA) ON COMMIT DROP`,
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
	err = copyRows(ctx, tx, "ag_quads", []string{"i", "s", "p", "o", "l"}, func(put func(...any) error) error {
		for i, qh := range hashes {
			if err := put(i, hashValue(qh.Subject), hashValue(qh.Predicate), hashValue(qh.Object), hashValue(qh.Label)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("copy quads: %w", err)
	}
	// A load at least as big as the store is faster with the quads table's
	// secondary indexes and foreign keys rebuilt after it than maintained
	// row by row (random inserts into six B-trees on hashes).
	rebuild := false
	if len(hashes) >= rebuildMin {
		var smaller bool
		if err := tx.QueryRowContext(ctx, `SELECT count(*) < $1 FROM (SELECT 1 FROM quads LIMIT $1) AS q`,
			len(hashes)).Scan(&smaller); err != nil {
			return 0, fmt.Errorf("size quads: %w", err)
		}
		rebuild = smaller
	}
	var restore []string
	if rebuild {
		if restore, err = dropQuadIndexes(ctx, tx); err != nil {
			return 0, err
		}
	}
	// The quads not in the store yet; only they add node references, so
	// that loading a file twice leaves the counts as they were.
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE ag_new ON COMMIT DROP AS
		SELECT a.i, a.s, a.p, a.o, a.l FROM ag_quads AS a
		WHERE NOT EXISTS (SELECT 1 FROM quads AS q WHERE q.subject_hash = a.s
			AND q.predicate_hash = a.p AND q.object_hash = a.o AND q.label_hash IS NOT DISTINCT FROM a.l)`); err != nil {
		return 0, fmt.Errorf("find new quads: %w", err)
	}
	// Nodes first (the foreign keys want them), each with the references
	// the new quads give it: one insert, no update of fresh rows.
	cols := strings.Join(nodeCopyColumns, ", ")
	if _, err := tx.ExecContext(ctx, `
		WITH used AS (
			SELECT s AS h FROM ag_new
			UNION ALL SELECT p FROM ag_new
			UNION ALL SELECT o FROM ag_new
			UNION ALL SELECT l FROM ag_new WHERE l IS NOT NULL
		), counted AS (
			SELECT h, count(*) AS n FROM used GROUP BY h
		)
		INSERT INTO nodes (refs, `+cols+`)
		SELECT counted.n, `+cols+` FROM ag_nodes JOIN counted ON counted.h = ag_nodes.hash
		ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`); err != nil {
		return 0, fmt.Errorf("insert nodes: %w", err)
	}
	// In input order, so that horizon (Cayley's quad ID) lists a node's
	// quads in the order the embedded stores do.
	res, err := tx.ExecContext(ctx, `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
		SELECT s, p, o, l, now() FROM ag_new ORDER BY i ON CONFLICT DO NOTHING`)
	if err != nil {
		return 0, fmt.Errorf("insert quads: %w", err)
	}
	added, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("insert quads: %w", err)
	}
	for _, stmt := range restore {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return 0, fmt.Errorf("rebuild index: %s: %w", stmt, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("commit: %w", err)
	}
	// Cayley caches the store's counts and drops the cache on its own
	// writes only: an empty write through it does that for ours.
	if err := b.kv.qs.ApplyDeltas(nil, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return added, fmt.Errorf("refresh counts: %w", err)
	}
	if added >= analyzeMin {
		if _, err := b.db.ExecContext(ctx, `ANALYZE nodes, quads`); err != nil {
			return added, fmt.Errorf("analyze: %w", err)
		}
	}
	return added, nil
}

// dropQuadIndexes drops the foreign keys and the indexes of the quads table
// but its primary key, inside tx, and returns the statements that recreate
// them as they were (read from the catalog, so whatever Cayley's schema
// version made them). PostgreSQL's DDL is transactional: a load that fails
// afterwards rolls the drops back too. Readers wait for the commit.
func dropQuadIndexes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var drop, restore []string
	rows, err := tx.QueryContext(ctx, `SELECT quote_ident(conname), pg_get_constraintdef(oid)
		FROM pg_constraint WHERE conrelid = 'quads'::regclass AND contype = 'f' ORDER BY conname`)
	if err != nil {
		return nil, fmt.Errorf("read foreign keys of quads: %w", err)
	}
	var fks []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		drop = append(drop, `ALTER TABLE quads DROP CONSTRAINT `+name)
		fks = append(fks, `ALTER TABLE quads ADD CONSTRAINT `+name+` `+def)
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
		FROM pg_index AS i WHERE i.indrelid = 'quads'::regclass AND NOT i.indisprimary ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("read indexes of quads: %w", err)
	}
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		drop = append(drop, `DROP INDEX `+name)
		restore = append(restore, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Indexes first: the unique ones then check the load for duplicates,
	// and the foreign keys validate against nodes in one join each.
	restore = append(restore, fks...)
	drop = append([]string{`SET LOCAL maintenance_work_mem = '512MB'`}, drop...)
	for _, stmt := range drop {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return nil, fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return restore, nil
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
