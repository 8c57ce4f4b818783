package queries_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
)

// cayleyTestData reads data/testdata.nq of the pinned Cayley module, the
// graph Cayley's own Gizmo tests run on.
func cayleyTestData(t *testing.T) []quad.Quad {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/cayleygraph/cayley").Output()
	if err != nil {
		t.Fatalf("locate the cayley module: %v", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "data", "testdata.nq"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := quad.ReadAll(nquads.NewReader(f, false))
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// stock answers a Gizmo query as Cayley does, in-process on a memstore
// with the same quads: the results of its JSON output (what `cayley query`
// prints), where a result stands for the query's final value (printed as
// null) replaced by that value as Cayley's Raw results hold it (what
// Cayley's own Gizmo tests check).
func stock(t *testing.T, data []quad.Quad, q string) []string {
	t.Helper()
	run := func(col query.Collation) []any {
		ctx := context.Background()
		it, err := gizmo.NewSession(memstore.New(data...)).Execute(ctx, q, query.Options{Collation: col, Limit: 100})
		if err != nil {
			t.Fatalf("stock %s: %v", q, err)
		}
		defer it.Close()
		var out []any
		for it.Next(ctx) {
			out = append(out, it.Result())
		}
		if err := it.Err(); err != nil {
			t.Fatalf("stock %s: %v", q, err)
		}
		return out
	}
	js, raw := run(query.JSON), run(query.Raw)
	if len(js) != len(raw) {
		t.Fatalf("stock %s: %d JSON results, %d raw ones", q, len(js), len(raw))
	}
	var out []string
	for i, v := range js {
		if r := raw[i].(*gizmo.Result); r.Meta {
			if r.Val == nil || strings.Contains(reflect.TypeOf(r.Val).String(), "gizmo.") {
				continue // the final value is a path: nothing to show
			}
			v = r.Val
		}
		out = append(out, jsonOf(t, v))
	}
	return out
}

func jsonOf(t *testing.T, v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

// TestGizmoAsCayley: our Gizmo answers (queries.RunRaw, the path of
// `actorgraph query` and /api/v2/query, on a real LevelDB store) are
// Cayley's answers, step by step of the path API, on the graph Cayley's own
// Gizmo tests use. Results are compared as multisets (a LevelDB store and a
// memstore iterate in different orders) unless the order is defined;
// limit/skip, whose order is not, are compared by count and membership.
func TestGizmoAsCayley(t *testing.T) {
	data := cayleyTestData(t)
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(t.TempDir(), "store")}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.AddQuads(ctx, data); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		step, query string
		want        []string // Cayley's documented answer, where its tests give one
		subsetOf    string   // limit/skip: the unlimited query whose answers these are some of
		ordered     bool
	}{
		{"out", `g.V("<alice>").out("<follows>").all()`, []string{`{"id":"<bob>"}`}, "", false},
		{"out all predicates", `g.V("<bob>").out().all()`, nil, "", false},
		{"out list", `g.V("<dani>").out(["<follows>", "<status>"]).all()`, nil, "", false},
		{"in", `g.V("<bob>").in("<follows>").all()`, nil, "", false},
		{"both", `g.V("<fred>").both("<follows>").all()`, nil, "", false},
		{"has", `g.V().has("<status>", "cool_person").all()`, nil, "", false},
		{"hasR", `g.V().hasR("<status>", "<bob>").all()`, nil, "", false},
		{"tag/back", `g.V("<bob>").in("<follows>").tag("foo").out("<status>").is("cool_person").back("foo").all()`, []string{`{"foo":"<dani>","id":"<dani>"}`}, "", false},
		{"save", `g.V().save("<status>", "somecool").all()`, nil, "", false},
		{"follow", `var gf = g.M().out("<follows>").out("<follows>"); g.V("<charlie>").follow(gf).all()`, nil, "", false},
		{"followR", `var gf = g.M().out("<follows>").out("<follows>"); g.V("<fred>").followR(gf).all()`, nil, "", false},
		{"followRecursive", `g.V("<alice>").followRecursive("<follows>").all()`, nil, "", false},
		{"followRecursive depth tag", `g.V("<alice>").followRecursive(g.M().out("<follows>"), 2, "depth").all()`, nil, "", false},
		{"intersect", `function f(x) { return g.V(x).out("<follows>") }; f("<dani>").intersect(f("<charlie>")).all()`, []string{`{"id":"<bob>"}`}, "", false},
		{"union", `g.V("<bob>").out("<follows>").union(g.V().has("<status>", "cool_person")).all()`, nil, "", false},
		{"except", `g.V("<alice>", "<bob>", "<charlie>").except(g.V("<bob>")).all()`, nil, "", false},
		{"unique", `g.V("<alice>", "<bob>", "<charlie>").out("<follows>").unique().all()`, nil, "", false},
		{"limit", `g.V().has("<status>", "cool_person").limit(2).all()`, nil, `g.V().has("<status>", "cool_person").all()`, false},
		{"skip", `g.V().has("<status>", "cool_person").skip(2).all()`, nil, `g.V().has("<status>", "cool_person").all()`, false},
		{"getLimit", `g.V().getLimit(5)`, nil, `g.V().all()`, false},
		{"count", `g.V().has("<status>").count()`, []string{`5`}, "", false},
		{"count in emit", `g.emit(g.V().has("<status>").count()+1)`, []string{`6`}, "", false},
		{"toArray", `g.V("<bob>").in("<follows>").toArray().sort()`, []string{`["<alice>","<charlie>","<dani>"]`}, "", false},
		{"toArray emitted", `var arr = g.V("<bob>").in("<follows>").toArray(); for (var i in arr) g.emit(arr[i]);`, nil, "", false},
		{"tagArray", `g.V("<bob>").out("<status>").tag("s").tagArray()`, nil, "", false},
		{"toValue", `g.V("<bob>").out("<status>").toValue()`, []string{`"cool_person"`}, "", false},
		{"toValue round trip", `var v = g.V("<bob>").toValue(); var s = g.V(v).out("<status>").toValue(); g.V(s).all()`, nil, "", false},
		{"tagValue", `g.V("<bob>").tag("who").out("<status>").tagValue()`, nil, "", false},
		// (Not g.V().count(): Cayley's memstore counts its quads as nodes too,
		// 29 here, where a LevelDB store, ours or stock, counts the 14 nodes.)
		{"emit object", `g.emit({name: "x", n: g.V("<bob>").in("<follows>").count()})`, []string{`{"n":3,"name":"x"}`}, "", false},
		{"forEach", `g.V("<bob>").in("<follows>").forEach(function(d) { g.emit(d.id) })`, nil, "", false},
		{"map", `g.V("<bob>").in("<follows>").map(function(d) { g.emit(d.id + "!") })`, nil, "", false},
		{"labelContext", `g.V().labelContext("<smart_graph>").in("<status>").all()`, nil, "", false},
		{"a path without all()", `g.V("<alice>")`, []string{}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.step, func(t *testing.T) {
			var ours []string
			err := queries.RunRaw(ctx, st, queries.RawQuery{Lang: "gizmo", Text: tc.query, Timeout: 10 * time.Second}, func(v any) error {
				ours = append(ours, jsonOf(t, v))
				return nil
			})
			if err != nil {
				t.Fatalf("%s: %v", tc.query, err)
			}
			theirs := stock(t, data, tc.query)
			if tc.subsetOf != "" {
				all := stock(t, data, tc.subsetOf)
				if len(ours) != len(theirs) {
					t.Fatalf("%s: %d results, Cayley %d", tc.query, len(ours), len(theirs))
				}
				for _, r := range ours {
					if !slices.Contains(all, r) {
						t.Errorf("%s: %s is not an answer of %s", tc.query, r, tc.subsetOf)
					}
				}
				return
			}
			if !tc.ordered {
				slices.Sort(ours)
				slices.Sort(theirs)
			}
			if strings.Join(ours, "\n") != strings.Join(theirs, "\n") {
				t.Errorf("%s:\n ours   %v\n Cayley %v", tc.query, ours, theirs)
			}
			if tc.want != nil && strings.Join(ours, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("%s: %v, want %v (Cayley's documented answer)", tc.query, ours, tc.want)
			}
			if len(ours) == 0 && tc.want == nil {
				t.Errorf("%s: no results: a comparison that proves nothing", tc.query)
			}
		})
	}
}
