package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/pgtest"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/queries"
)

// storeCase is one command line of the suite that every store backend must
// answer identically, with a check of the answer itself.
type storeCase struct {
	name  string
	args  []string
	code  exitCode
	check func(t *testing.T, stdout, stderr string)
	// unordered: compare the lines as a set. Raw queries run on Cayley's
	// engine, whose result order is the backend's index order.
	unordered bool
}

// contains checks that stdout holds every piece.
func contains(pieces ...string) func(*testing.T, string, string) {
	return func(t *testing.T, stdout, _ string) {
		t.Helper()
		for _, p := range pieces {
			if !strings.Contains(stdout, p) {
				t.Errorf("stdout lacks %q:\n%s", p, stdout)
			}
		}
	}
}

// stderrHas checks that stderr holds every piece.
func stderrHas(pieces ...string) func(*testing.T, string, string) {
	return func(t *testing.T, _, stderr string) {
		t.Helper()
		for _, p := range pieces {
			if !strings.Contains(stderr, p) {
				t.Errorf("stderr lacks %q:\n%s", p, stderr)
			}
		}
	}
}

// decodes checks that stdout is JSON of type T and runs check on it.
func decodes[T any](check func(*testing.T, T)) func(*testing.T, string, string) {
	return func(t *testing.T, stdout, _ string) {
		t.Helper()
		var v T
		if err := json.Unmarshal([]byte(stdout), &v); err != nil {
			t.Fatalf("stdout is not the JSON expected: %v\n%s", err, stdout)
		}
		check(t, v)
	}
}

// storeSuite runs after `seed` on each backend.
var storeSuite = []storeCase{
	{name: "actors", args: []string{"actors"}, check: contains("iskp", "Islamic State Khorasan Province", "Crocus City Hall attack")},
	{name: "actors json", args: []string{"actors", "--format", "json"}, check: decodes(func(t *testing.T, v []map[string]any) {
		if len(v) < 50 {
			t.Errorf("got %d actors; want the seed graph's 75", len(v))
		}
	})},
	{name: "actors by type", args: []string{"actors", "--type", "state"}, check: contains("Afghanistan", "Iran")},
	{name: "actors match", args: []string{"actors", "--match", "khorasan"}, check: contains("iskp")},
	{name: "show by alias", args: []string{"show", "IS-K"}, check: contains("Islamic State Khorasan Province", "id:       iskp", "→ is based in → Afghanistan", "source: tna-2024-islamic-state-comeback")},
	{name: "show json", args: []string{"show", "iskp", "--format", "json"}, check: decodes(func(t *testing.T, v map[string]any) {
		if v["id"] != "iskp" || v["type"] != "armed-group" {
			t.Errorf("show json: id %v type %v; want iskp armed-group", v["id"], v["type"])
		}
	})},
	{name: "show event", args: []string{"show", "Moscow attack"}, check: contains("Crocus City Hall attack")},
	{name: "show unknown", args: []string{"show", "Iskpp"}, code: exitNotFound, check: stderrHas(`no actor or event named "Iskpp"`, "did you mean")},
	{name: "show unknown id", args: []string{"show", "no-such-id"}, code: exitNotFound, check: stderrHas(`no actor or event named "no-such-id"`)},
	{name: "neighbors", args: []string{"neighbors", "ISKP"}, check: contains("Afghanistan", "Al-Qaeda", "is a rival of")},
	{name: "neighbors out depth 2", args: []string{"neighbors", "ISKP", "--direction", "out", "--depth", "2", "--format", "json"}, check: decodes(func(t *testing.T, net queries.Network) {
		at := map[int]int{}
		for _, n := range net.Neighbors {
			at[n.Depth]++
			for _, h := range n.Via {
				if r, err := graph.LookupRelation(h.Relation); h.Direction != "out" && (err != nil || !r.Symmetric) {
					t.Errorf("%s reached by %s followed %s with --direction out", n.Node.ID, h.Relation, h.Direction)
				}
			}
		}
		if at[1] == 0 || at[2] == 0 || len(at) != 2 {
			t.Errorf("neighbors by depth %v: want some at depth 1 and 2 and none elsewhere", at)
		}
	})},
	{name: "neighbors rel", args: []string{"neighbors", "ISKP", "--rel", "rival-of"}, check: contains("Al-Qaeda")},
	{name: "neighbors json", args: []string{"neighbors", "ISKP", "--format", "json"}, check: func(t *testing.T, stdout, _ string) {
		if !json.Valid([]byte(stdout)) || !strings.Contains(stdout, "afghanistan") {
			t.Errorf("neighbors json invalid or without afghanistan:\n%s", stdout)
		}
	}},
	{name: "stats", args: []string{"stats"}, check: func(t *testing.T, stdout, stderr string) {
		want := seedCounts(t)
		contains(fmt.Sprintf("quads:     %d\n", want.Quads), fmt.Sprintf("entities:  %d\n", want.Entities))(t, stdout, stderr)
	}},
	{name: "stats json", args: []string{"stats", "--format", "json"}, check: decodes(func(t *testing.T, v map[string]any) {
		want := seedCounts(t)
		if v["quads"] != float64(want.Quads) || v["entities"] != float64(want.Entities) {
			t.Errorf("stats json: quads %v entities %v; want %d and %d", v["quads"], v["entities"], want.Quads, want.Entities)
		}
	})},
	{name: "path", args: []string{"path", "ISKP", "United States"}, check: contains("Islamic State Khorasan Province to United States: 2 hop(s)", "is based in → Afghanistan")},
	{name: "path 4 hops", args: []string{"path", "Alina Romanowski", "Crocus City Hall"}, check: contains("Alina Romanowski to Crocus City Hall: 4 hop(s)")},
	{name: "path 3 hops json", args: []string{"path", "Kabul airport", "Russia", "--format", "json"}, check: decodes(func(t *testing.T, v map[string]any) {
		paths, _ := v["paths"].([]any)
		if len(paths) != 1 {
			t.Fatalf("want one path, got %v", v["paths"])
		}
		if p := paths[0].(map[string]any); p["length"] != 3.0 {
			t.Errorf("path length %v, want 3", p["length"])
		}
	})},
	{name: "path all directed", args: []string{"path", "Taliban", "Russia", "--all", "--directed"}, check: contains("Taliban → expressed sympathy to → Russia")},
	{name: "path upto", args: []string{"path", "iskp", "iran", "--upto", "2", "--exclude-rel", "opposes"}, check: contains("Path 1 of 3, 2 hop(s)", "Kerman province attack")},
	{name: "path as-of", args: []string{"path", "Hasaka", "Europe", "--as-of", "2023"}, check: contains("Hasaka to Europe: 3 hop(s)")},
	{name: "no path", args: []string{"path", "Al-Hol camp", "Moscow"}, code: exitNoPath, check: stderrHas("no path from Al-Hol camp to Moscow within 6 hops")},
	{name: "why", args: []string{"why", "ISKP", "Taliban"}, check: contains("Islamic State Khorasan Province → criticised → Taliban")},
	{name: "why relation", args: []string{"why", "ISKP", "opposes", "Taliban"}},
	{name: "timeline", args: []string{"timeline", "iskp", "--from", "2022", "--to", "2024-03", "--quotes"}, check: contains("Crocus City Hall attack")},
	{name: "timeline affiliates", args: []string{"timeline", "Islamic State", "--affiliates"}},
	{name: "run network", args: []string{"run", "network", "Kabul airport", "1"}, check: contains("Kabul airport suicide bombing")},
	{name: "run opponents", args: []string{"run", "opponents", "Taliban"}},
	{name: "query gizmo", args: []string{"query", `g.V("<ag:iskp>").out("<rel:opposes>").out("<prop:name>").unique().all()`}, check: contains(`{"id":"Taliban"}`, `{"id":"Iran"}`), unordered: true},
	{name: "query graphql", args: []string{"query", "--lang", "graphql", `{ nodes(id: <ag:iskp>) { <prop:name> } }`}, check: contains("Islamic State Khorasan Province")},
	{name: "export focus dot", args: []string{"export", "--focus", "HTS"}, check: contains("digraph", "Hayat Tahrir al-Sham")},
	{name: "export focus json", args: []string{"export", "--focus", "HTS", "--format", "json"}, check: func(t *testing.T, stdout, _ string) {
		if !json.Valid([]byte(stdout)) || !strings.Contains(stdout, `"id": "hayat-tahrir-al-sham"`) {
			t.Errorf("export json invalid or without hayat-tahrir-al-sham:\n%.300s", stdout)
		}
	}},
	{name: "export path graphml", args: []string{"export", "--path", "HTS", "Moscow", "--all", "--format", "graphml"}, check: contains("<graphml")},
	{name: "export nquads", args: []string{"export", "--format", "nquads"}, check: contains("<ag:iskp>")},
	{name: "export by relation", args: []string{"export", "--rel", "opposes", "--format", "json"}},
	{name: "seed again", args: []string{"seed"}, check: func(t *testing.T, stdout, stderr string) {
		n := seedCounts(t).Quads
		stderrHas(fmt.Sprintf(": %d quads, 0 new", n), fmt.Sprintf("now holds %d quads", n))(t, stdout, stderr)
	}},
}

// seedCounts is what the built-in seed graph holds, counted on a memory
// store: the figures every backend must agree on.
func seedCounts(t *testing.T) queries.Summary {
	t.Helper()
	sum, err := queries.Stats(context.Background(), testgraph.Seeded(t))
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// storeBackend makes an empty store location for a test.
type storeBackend struct {
	name string
	loc  func(t *testing.T) string
}

// storeBackends: the default embedded store (LevelDB) first, as the
// reference; then bbolt and PostgreSQL.
var storeBackends = []storeBackend{
	{"leveldb", func(t *testing.T) string { return filepath.Join(t.TempDir(), "graph") }},
	{"bbolt", func(t *testing.T) string { return "bbolt:" + filepath.Join(t.TempDir(), "graph.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.NewStore(t) }},
}

// TestStoresAgree seeds each backend, runs the suite on each, and requires
// every backend to give the first one's answers byte for byte (with the
// store's location masked).
func TestStoresAgree(t *testing.T) {
	answers := map[string][]string{}
	for _, b := range storeBackends {
		t.Run(b.name, func(t *testing.T) {
			loc := b.loc(t)
			te := newTestEnv(t)
			if _, stderr, code := te.run(t, "--store", loc, "seed"); code != exitOK {
				t.Fatalf("seed: exit %d: %s", code, stderr)
			}
			shown := redactedLocation(t, te, loc)
			got := make([]string, len(storeSuite))
			for i, tc := range storeSuite {
				t.Run(tc.name, func(t *testing.T) {
					stdout, stderr, code := te.run(t, append([]string{"--store", loc}, tc.args...)...)
					if code != tc.code {
						t.Fatalf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
					}
					if tc.check != nil {
						tc.check(t, stdout, stderr)
					}
					if tc.unordered {
						lines := strings.Split(stdout, "\n")
						sort.Strings(lines)
						stdout = strings.Join(lines, "\n")
					}
					got[i] = strings.ReplaceAll(stdout+"\n--- stderr ---\n"+stderr, shown, "STORE")
				})
			}
			answers[b.name] = got
		})
	}
	ref := storeBackends[0].name
	for _, b := range storeBackends[1:] {
		got, ok := answers[b.name]
		if !ok || len(answers[ref]) == 0 {
			continue // skipped or failed above
		}
		for i, tc := range storeSuite {
			if got[i] != answers[ref][i] {
				t.Errorf("%s: %s answers differently from %s:\n--- %s ---\n%s\n--- %s ---\n%s",
					tc.name, b.name, ref, b.name, got[i], ref, answers[ref][i])
			}
		}
	}
}

// redactedLocation is the location as commands print it.
func redactedLocation(t *testing.T, te *testEnv, loc string) string {
	t.Helper()
	stdout, stderr, _ := te.run(t, "--store", loc, "stats", "--format", "json")
	var v struct {
		Store string `json:"store"`
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil || v.Store == "" {
		t.Fatalf("stats json has no store: %v %q %s", err, stdout, stderr)
	}
	return v.Store
}

// TestSQLStoreUnreachable: a server that is down, a wrong password and a
// missing database give exit code 5 and a one-line message within 5 s.
func TestSQLStoreUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := fmt.Sprintf("postgres://actorgraph:s3cret@%s/actors?sslmode=disable", l.Addr())
	l.Close()
	cases := []struct{ name, store, want string }{
		{"down", down, "connection refused (is the server running and listening there?)"},
	}
	if u := os.Getenv(pgtest.EnvVar); u != "" || os.Getenv("CI") != "" {
		base, err := url.Parse(pgtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		wrong := *base
		wrong.User = url.UserPassword(base.User.Username(), "s3cret")
		missing := *base
		missing.Path = "/no_such_db"
		cases = append(cases,
			struct{ name, store, want string }{"wrong password", wrong.String(), "authentication failed"},
			struct{ name, store, want string }{"missing database", missing.String(), `database "no_such_db" does not exist`})
	}
	for _, tc := range cases {
		for _, args := range [][]string{{"actors"}, {"seed"}, {"path", "ISKP", "United States"}} {
			t.Run(tc.name+"/"+args[0], func(t *testing.T) {
				te := newTestEnv(t)
				start := time.Now()
				stdout, stderr, code := te.run(t, append([]string{"--store", tc.store}, args...)...)
				if took := time.Since(start); took >= 5*time.Second {
					t.Errorf("took %s; want under 5s", took)
				}
				if code != exitStore || stdout != "" {
					t.Errorf("exit %d, stdout %q; want exit %d and no output", code, stdout, exitStore)
				}
				if !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 ||
					strings.Contains(stderr, "s3cret") || strings.Contains(stderr, "goroutine") {
					t.Errorf("stderr %q; want one line with %q and no password", stderr, tc.want)
				}
			})
		}
	}
}
