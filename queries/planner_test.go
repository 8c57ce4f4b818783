package queries_test

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/synth"
	"github.com/actorgraph/actorgraph/queries"
)

// TestGizmoJoinsAsCayley: on a bulk-loaded LevelDB store, where Cayley's
// optimizer plans with the sizes our store gives it (graph/planner.go),
// queries shaped like Cayley's own integration queries (named starting
// points, saves, intersections, exceptions, morphisms, a "helpless
// checker") give Cayley's answers: those of its memstore on the same quads.
func TestGizmoJoinsAsCayley(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	ctx := context.Background()
	var buf bytes.Buffer
	if _, err := synth.Write(&buf, 20_000, synth.Seed); err != nil {
		t.Fatal(err)
	}
	data, err := quad.ReadAll(nquads.NewReader(&buf, false))
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(t.TempDir(), "store")}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b, err := st.BeginBulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range data {
		if err := b.Add(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	const common = `
		function actor(k) { return g.V().has("<prop:key>", k) }
		var claimsBy = g.M().in("<prop:asserted-by>").out("<prop:source>")
		var opposed = g.M().out("<rel:opposes>").save("<prop:key>", "opposed")
		var a = actor("actor 150").save("<prop:name>", "a")
		var b = actor("actor 200").save("<prop:name>", "b")
	`
	for _, q := range []struct{ name, query string }{
		{"name lookup", `g.V("actor 77").in("<prop:key>").out("<prop:type>").all()`},
		{"saves through a morphism", `a.follow(opposed).all()`},
		{"intersection of named", `a.follow(claimsBy).intersect(b.follow(claimsBy)).out("<prop:publisher>").all()`},
		{"in both", `a.out().intersect(b.out()).all()`},
		{"named and typed", `a.both().has("<prop:type>", "<type:state>").out("<prop:key>").all()`},
		{"the helpless checker", `g.V().as("k").in("<prop:key>").in().out("<prop:key>").is("actor 150").count()`},
		{"the helpless checker, negated", `g.V().as("k").in("<prop:key>").except(g.V("actor 9").in("<prop:key>")).in().out("<prop:key>").is("actor 150").count()`},
		{"all of a type through a claim", `g.V().has("<prop:type>", "<type:person>").in("<rel:backs>").has("<prop:key>", "actor 4").count()`},
	} {
		t.Run(q.name, func(t *testing.T) {
			text := common + q.query
			var ours []string
			err := queries.RunRaw(ctx, st, queries.RawQuery{Lang: "gizmo", Text: text, Timeout: time.Minute, Limit: -1}, func(v any) error {
				ours = append(ours, jsonOf(t, v))
				return nil
			})
			if err != nil {
				t.Fatalf("%s: %v", q.query, err)
			}
			theirs := stock(t, data, text)
			slices.Sort(ours)
			slices.Sort(theirs)
			if strings.Join(ours, "\n") != strings.Join(theirs, "\n") {
				t.Errorf("%s:\n ours   %v\n Cayley %v", q.query, ours, theirs)
			}
			if len(theirs) == 0 || len(theirs) >= 100 || theirs[0] == "0" {
				t.Errorf("%s: %d results (%v): pick a query with 1-99, whose comparison proves something", q.query, len(theirs), theirs)
			}
		})
	}
}
