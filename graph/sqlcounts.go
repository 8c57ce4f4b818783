package graph

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// Counters on PostgreSQL: two tables of our own beside Cayley's, quads by
// predicate and <prop:type> quads by type, kept by statement-level triggers
// on the quads table. They count in the same transaction as every write,
// whoever makes it (our COPY loads, Cayley's writer, its HTTP API), so
// `stats` reads a few rows instead of counting the store. CockroachDB has
// no transition tables for triggers: its stores count with Cayley's index
// sizes, as before.

// sqlCount is the statements that add the quads of the table rows to the
// counters (sign "-" to take them off).
func sqlCount(sign, rows string) string {
	h := refs.HashOf(PropType)
	typeHash := `'\x` + hex.EncodeToString(h[:]) + `'::bytea`
	return `
	INSERT INTO ag_pred_counts (predicate_hash, n)
		SELECT predicate_hash, ` + sign + `count(*) FROM ` + rows + ` GROUP BY predicate_hash
		ON CONFLICT (predicate_hash) DO UPDATE SET n = ag_pred_counts.n + EXCLUDED.n;
	INSERT INTO ag_type_counts (object_hash, n)
		SELECT object_hash, ` + sign + `count(*) FROM ` + rows + ` WHERE predicate_hash = ` + typeHash + ` GROUP BY object_hash
		ON CONFLICT (object_hash) DO UPDATE SET n = ag_type_counts.n + EXCLUDED.n;`
}

// sqlCountersFill counts the quads already in the store.
var sqlCountersFill = `DO $$ BEGIN` + sqlCount("", "quads") + ` END $$`

// sqlCountersDDL makes the tables, the trigger functions and the triggers,
// then fills the tables from the quads already there. It runs once, in one
// transaction that holds off writers meanwhile.
func sqlCountersDDL() []string {
	fn := func(name, sign, rows string) string {
		// The tables are found where they were made, whatever the writer's
		// search_path.
		return `CREATE FUNCTION ` + name + `() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN` + sqlCount(sign, rows) + `
	RETURN NULL;
END $$`
	}
	return []string{
		`CREATE TABLE ag_pred_counts (predicate_hash BYTEA PRIMARY KEY, n BIGINT NOT NULL)`,
		`CREATE TABLE ag_type_counts (object_hash BYTEA PRIMARY KEY, n BIGINT NOT NULL)`,
		fn("ag_count_added", "", "ag_added"),
		fn("ag_count_removed", "-", "ag_removed"),
		`CREATE TRIGGER ag_count_added AFTER INSERT ON quads REFERENCING NEW TABLE AS ag_added
			FOR EACH STATEMENT EXECUTE FUNCTION ag_count_added()`,
		`CREATE TRIGGER ag_count_removed AFTER DELETE ON quads REFERENCING OLD TABLE AS ag_removed
			FOR EACH STATEMENT EXECUTE FUNCTION ag_count_removed()`,
		sqlCountersFill,
	}
}

// ensureSQLCounters adds the counters to a PostgreSQL store that has none.
func ensureSQLCounters(ctx context.Context, db *sql.DB) error {
	if have, err := sqlCountersExist(ctx, db); err != nil || have {
		return err // the common case: no lock taken
	}
	return addSQLCounters(ctx, db)
}

// addSQLCounters makes and fills the counters unless another process has
// meanwhile.
func addSQLCounters(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Writers wait until the counters are there and filled; a second
	// process opening meanwhile finds them made once it gets the lock.
	if _, err := tx.ExecContext(ctx, `LOCK TABLE quads IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return err
	}
	if have, err := sqlCountersExist(ctx, tx); err != nil || have {
		return err
	}
	for _, stmt := range sqlCountersDDL() {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%.60s…: %w", stmt, err)
		}
	}
	return tx.Commit()
}

// sqlCountersExist reports whether the store keeps our counters.
func sqlCountersExist(ctx context.Context, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (bool, error) {
	var have sql.NullString
	err := db.QueryRowContext(ctx, `SELECT to_regclass('ag_pred_counts')::text`).Scan(&have)
	return have.Valid, err
}

// counts reads the counters: two statements.
func (b *sqlBackend) counts(ctx context.Context) (Counts, error) {
	c := Counts{Predicates: map[quad.Value]int64{}, Types: map[quad.Value]int64{}}
	for _, t := range []struct {
		table, col string
		into       map[quad.Value]int64
	}{{"ag_pred_counts", "predicate_hash", c.Predicates}, {"ag_type_counts", "object_hash", c.Types}} {
		b.countQuery()
		rows, err := b.db.QueryContext(ctx, `SELECT c.n, n.value, n.value_string, n.datatype, n.language, n.iri, n.bnode,
			n.value_int, n.value_bool, n.value_float, n.value_time
			FROM `+t.table+` AS c JOIN nodes AS n ON n.hash = c.`+t.col+` WHERE c.n <> 0`)
		if err != nil {
			return c, fmt.Errorf("read counters: %w", err)
		}
		if err := scanCounts(rows, t.into); err != nil {
			return c, fmt.Errorf("read counters: %w", err)
		}
	}
	for _, n := range c.Predicates {
		c.Quads += n
	}
	return c, nil
}

func scanCounts(rows *sql.Rows, into map[quad.Value]int64) error {
	defer rows.Close()
	var (
		n    int64
		node sqlNode
	)
	dest := append([]any{&n}, node.dest()...)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		v, err := node.value()
		if err != nil {
			return err
		}
		into[v] = n
	}
	return rows.Err()
}

// checkCounts recounts the quads by predicate and by type and compares the
// counts with the counters.
func (b *sqlBackend) checkCounts(ctx context.Context) (IndexReport, error) {
	var rep IndexReport
	b.countQuery()
	if err := b.db.QueryRowContext(ctx, `SELECT count(*) FROM quads`).Scan(&rep.Quads); err != nil {
		return rep, fmt.Errorf("check counters: %w", err)
	}
	h := refs.HashOf(PropType)
	for _, t := range []struct {
		what, table, col, where string
	}{
		{"quads with predicate", "ag_pred_counts", "predicate_hash", ""},
		{"quads typed", "ag_type_counts", "object_hash", "WHERE predicate_hash = $1"},
	} {
		args := []any{}
		if t.where != "" {
			args = append(args, h[:])
		}
		b.countQuery()
		rows, err := b.db.QueryContext(ctx, `WITH want AS (SELECT `+t.col+` AS h, count(*) AS n FROM quads `+t.where+` GROUP BY 1)
			SELECT coalesce(nd.value_string, encode(coalesce(w.h, c.`+t.col+`), 'hex')), coalesce(c.n, 0), coalesce(w.n, 0),
				(c.n IS NOT NULL)::int
			FROM want AS w FULL JOIN `+t.table+` AS c ON c.`+t.col+` = w.h
			LEFT JOIN nodes AS nd ON nd.hash = coalesce(w.h, c.`+t.col+`)`, args...)
		if err != nil {
			return rep, fmt.Errorf("check counters: %w", err)
		}
		diffs, n, err := scanCountDiffs(rows, t.what)
		if err != nil {
			return rep, fmt.Errorf("check counters: %w", err)
		}
		rep.Counters += n
		rep.Differences = append(rep.Differences, diffs...)
	}
	return rep, nil
}

// scanCountDiffs reads (name, counter, count, kept) rows.
func scanCountDiffs(rows *sql.Rows, what string) (diffs []string, counters int, err error) {
	defer rows.Close()
	for rows.Next() {
		var (
			name      string
			got, want int64
			kept      int
		)
		if err := rows.Scan(&name, &got, &want, &kept); err != nil {
			return nil, 0, err
		}
		counters += kept
		if got != want {
			diffs = append(diffs, fmt.Sprintf("%s %s: counter %d, store holds %d", what, name, got, want))
		}
	}
	return diffs, counters, rows.Err()
}

// recount rebuilds the counters from the quads in one transaction (adding
// them to a store that has none) and returns how many quads it counted.
func (b *sqlBackend) recount(ctx context.Context) (int64, error) {
	if err := ensureSQLCounters(ctx, b.db); err != nil {
		return 0, err
	}
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	stmts := append([]string{`LOCK TABLE quads IN SHARE ROW EXCLUSIVE MODE`, `DELETE FROM ag_pred_counts`, `DELETE FROM ag_type_counts`},
		sqlCountersFill)
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return 0, fmt.Errorf("recount: %w", err)
		}
	}
	var n int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM quads`).Scan(&n); err != nil {
		return 0, fmt.Errorf("recount: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("recount: %w", err)
	}
	b.counted = true
	return n, nil
}
