// Package pgtest gives tests a fresh PostgreSQL database on the server named
// by ACTORGRAPH_TEST_POSTGRES (bash .ci/postgres.sh starts one and prints
// the export line).
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	// The PostgreSQL driver, also used by Cayley's postgres backend.
	_ "github.com/lib/pq"
)

// EnvVar names the environment variable holding the test server's URL.
const EnvVar = "ACTORGRAPH_TEST_POSTGRES"

// URL returns the test server's connection URL. Without one, the test is
// skipped when CI is unset and fails when CI is set: a CI run must never
// skip the PostgreSQL tests silently.
func URL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(EnvVar)
	if u != "" {
		return u
	}
	msg := EnvVar + " is not set: start a server with `eval \"$(bash .ci/postgres.sh)\"` to run the PostgreSQL tests"
	if os.Getenv("CI") != "" {
		tb.Fatalf("CI is set but %s", msg)
	}
	tb.Skip(msg)
	return ""
}

var counter atomic.Int64

var unsafeChars = regexp.MustCompile(`[^a-z0-9_]+`)

// NewStore makes an empty place for one test's store on the test server, a
// schema of its own (creating a database takes seconds, a schema
// milliseconds), drops it when the test ends, and returns a connection URL
// whose search_path selects it.
func NewStore(tb testing.TB) string {
	tb.Helper()
	base := URL(tb)
	name := fmt.Sprintf("ag_%s_%d_%d", unsafeChars.ReplaceAllString(strings.ToLower(tb.Name()), "_"),
		os.Getpid(), counter.Add(1))
	if len(name) > 60 {
		name = fmt.Sprintf("ag_%s_%d_%d", name[3:40], os.Getpid(), counter.Load())
	}
	db, err := sql.Open("postgres", base)
	if err != nil {
		tb.Fatalf("open %s: %v", EnvVar, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		db.Close()
		tb.Fatalf("create test schema on %s: %v", EnvVar, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := db.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE"); err != nil {
			tb.Errorf("drop test schema %s: %v", name, err)
		}
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s is not a URL: %v", EnvVar, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
