package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/testgraph"
)

// The multi-source fixtures: fictional sources written for these tests
// (testdata/multisource). herald is the first source; monitor gives another
// date and death toll for the same bombing, corroborates one relation,
// denies another, and names the Red Lantern Brigades by an ID of its own;
// gazette gives a different group the alias RLB.
var (
	msHerald  = filepath.Join(testgraph.MultiSourceDir, "herald.ag")
	msMonitor = filepath.Join(testgraph.MultiSourceDir, "monitor.ag")
	msGazette = filepath.Join(testgraph.MultiSourceDir, "gazette.ag")
)

// msStep is one command of the multi-source script. Steps named in golden
// compare their stdout with a golden file; every step's output must be the
// same on every backend.
type msStep struct {
	name   string
	args   []string
	code   exitCode
	check  func(t *testing.T, s *msState, stdout, stderr string)
	golden string
}

// msState carries exports between steps, to compare the store with itself.
type msState struct{ saved map[string]string }

func saveAs(name string) func(*testing.T, *msState, string, string) {
	return func(_ *testing.T, st *msState, stdout, _ string) { st.saved[name] = stdout }
}

func same(name string) func(*testing.T, *msState, string, string) {
	return func(t *testing.T, st *msState, stdout, _ string) {
		t.Helper()
		if want, ok := st.saved[name]; !ok || stdout != want {
			t.Errorf("export differs from %q (%d bytes now, %d then)", name, len(stdout), len(want))
		}
	}
}

func errHas(pieces ...string) func(*testing.T, *msState, string, string) {
	return func(t *testing.T, _ *msState, stdout, stderr string) {
		t.Helper()
		stderrHas(pieces...)(t, stdout, stderr)
	}
}

func jsonCheck[T any](check func(*testing.T, T)) func(*testing.T, *msState, string, string) {
	return func(t *testing.T, _ *msState, stdout, stderr string) {
		t.Helper()
		decodes(check)(t, stdout, stderr)
	}
}

type msHop struct {
	Relation    string `json:"relation"`
	Subject     struct{ ID string }
	Object      struct{ ID string }
	Sources     []string `json:"sources"`
	SourceCount int      `json:"source_count"`
}

type msFact struct {
	Kind   string   `json:"kind"`
	Source string   `json:"source"`
	Quotes []string `json:"quotes"`
	Figure *struct {
		N         int    `json:"n"`
		Qualifier string `json:"qualifier"`
	} `json:"figure"`
	Date *struct{ Value string }
}

var msScript = []msStep{
	{name: "load first source", args: []string{"load", msHerald}},
	{name: "first source before", args: []string{"export", "--source", "northwind-herald", "--format", "nquads"}, check: saveAs("first")},
	{name: "whole store, one source", args: []string{"export", "--format", "nquads"}, check: saveAs("one source")},
	{name: "load second source", args: []string{"load", msMonitor}},
	{name: "first source unchanged", args: []string{"export", "--source", "northwind-herald", "--format", "nquads"}, check: same("first")},
	{name: "whole store, two sources", args: []string{"export", "--format", "nquads"}, check: saveAs("two sources")},
	{name: "show event", args: []string{"show", "Kesh market bombing"}, golden: "multisource-show-bombing.txt"},
	{name: "show event json", args: []string{"show", "Port Kesh market bombing", "--format", "json"}, check: jsonCheck(func(t *testing.T, v struct{ Facts []msFact }) {
		killed := map[string]int{}
		for _, f := range v.Facts {
			if f.Kind == "killed" && f.Figure != nil && len(f.Quotes) == 1 {
				killed[f.Source] = f.Figure.N
			}
		}
		if killed["northwind-herald"] != 31 || killed["coastal-monitor"] != 38 || len(killed) != 2 {
			t.Errorf("killed by source = %v; want northwind-herald 31 and coastal-monitor 38, each with its quote", killed)
		}
	})},
	{name: "timeline", args: []string{"timeline", "RLB", "--quotes"}, golden: "multisource-timeline.txt"},
	{name: "timeline json", args: []string{"timeline", "RLB", "--format", "json"}, check: jsonCheck(func(t *testing.T, v struct {
		Events []struct {
			Earliest, Latest string
			Dates            []msFact
		}
	}) {
		if len(v.Events) != 1 || v.Events[0].Earliest != "2025-04-27" || v.Events[0].Latest != "2025-04-28" || len(v.Events[0].Dates) != 2 {
			t.Errorf("timeline = %+v; want the bombing spanning both sources' dates, with both", v.Events)
		}
	})},
	{name: "corroborated neighbours", args: []string{"neighbors", "RLB", "--min-sources", "2", "--format", "json"}, check: jsonCheck(func(t *testing.T, v struct {
		Neighbors []struct {
			Node struct{ ID string }
			Via  []msHop
		}
	}) {
		if len(v.Neighbors) != 1 || v.Neighbors[0].Node.ID != "velmar" {
			t.Fatalf("neighbours with 2 sources = %+v; want only velmar", v.Neighbors)
		}
		h := v.Neighbors[0].Via[0]
		if h.SourceCount != 2 || !slices.Equal(h.Sources, []string{"coastal-monitor", "northwind-herald"}) {
			t.Errorf("velmar hop sources = %v (%d); want both sources", h.Sources, h.SourceCount)
		}
	})},
	{name: "path needs corroboration", args: []string{"path", "Ostra Front", "Velmar", "--min-sources", "2"}, code: exitNoPath},
	{name: "path", args: []string{"path", "Ostra Front", "Velmar"}, check: func(t *testing.T, _ *msState, stdout, _ string) {
		if !strings.Contains(stdout, "→ opposes → Velmar  [2 sources]") {
			t.Errorf("path lacks the corroborated hop:\n%s", stdout)
		}
	}},
	{name: "one source only", args: []string{"neighbors", "Red Lantern Brigades", "--source", "coastal-monitor", "--format", "json"}, check: jsonCheck(func(t *testing.T, v struct {
		Neighbors []struct{ Via []msHop }
	}) {
		for _, n := range v.Neighbors {
			for _, h := range n.Via {
				if !slices.Equal(h.Sources, []string{"coastal-monitor"}) {
					t.Errorf("--source coastal-monitor shows a hop of %v", h.Sources)
				}
			}
		}
		if len(v.Neighbors) != 1 {
			t.Errorf("got %d neighbours through coastal-monitor; want 1 (velmar)", len(v.Neighbors))
		}
	})},
	{name: "excluded source", args: []string{"show", "Kesh market bombing", "--exclude-source", "coastal-monitor", "--format", "json"}, check: jsonCheck(func(t *testing.T, v struct{ Facts []msFact }) {
		for _, f := range v.Facts {
			if f.Source != "northwind-herald" {
				t.Errorf("fact of %s shown with --exclude-source coastal-monitor", f.Source)
			}
		}
	})},
	{name: "unknown source filter", args: []string{"show", "RLB", "--source", "no-such-source"}, code: exitNotFound, check: errHas(`no source "no-such-source"`)},
	{name: "sources", args: []string{"sources"}, golden: "multisource-sources.txt"},
	{name: "sources json", args: []string{"sources", "--format", "json"}, check: jsonCheck(func(t *testing.T, v []struct {
		ID       string
		Claims   int
		Facts    int
		Entities []string
	}) {
		if len(v) != 2 || v[0].ID != "coastal-monitor" || v[0].Claims != 4 || v[0].Facts != 1 || !slices.Equal(v[0].Entities, []string{"dario-venn", "kesh-market-bombing", "rlb-militia"}) {
			t.Errorf("sources = %+v", v)
		}
	})},
	{name: "disputes", args: []string{"disputes"}, golden: "multisource-disputes.txt"},
	{name: "disputes json", args: []string{"disputes", "--format", "json"}, check: jsonCheck(func(t *testing.T, v []struct {
		Kind  string
		Sides []struct{ Value, Source string }
	}) {
		kinds := []string{}
		for _, d := range v {
			kinds = append(kinds, d.Kind)
			if len(d.Sides) != 2 || d.Sides[0].Source == d.Sides[1].Source {
				t.Errorf("%s dispute sides = %+v; want two sources", d.Kind, d.Sides)
			}
		}
		if !slices.Equal(kinds, []string{"date", "killed", "injured", "relation"}) {
			t.Errorf("dispute kinds = %v", kinds)
		}
	})},
	{name: "retyping source refused", args: []string{"load", filepath.Join(testgraph.MultiSourceDir, "bad-type.ag")}, code: exitBadInput,
		check: errHas("bad-type.ag:5: red-lantern is state here but is in the store (source coastal-monitor, northwind-herald) as armed-group")},
	{name: "figure without quote refused", args: []string{"load", filepath.Join(testgraph.MultiSourceDir, "bad-quote.ag")}, code: exitBadInput,
		check: errHas("bad-quote.ag:5: event kesh-market-bombing gives killed under source bad-quote with no `quote`")},
	{name: "store unchanged by bad input", args: []string{"export", "--format", "nquads"}, check: same("two sources")},
	{name: "merge", args: []string{"merge", "red-lantern", "rlb-militia", "--why", "the monitor's name for the Brigades", "--by", "analyst"}},
	{name: "merged answers as one", args: []string{"show", "Red Lantern militia", "--format", "json"}, check: jsonCheck(func(t *testing.T, v struct {
		ID        string
		SameAs    []string `json:"same_as"`
		Relations []msHop
	}) {
		if v.ID != "red-lantern" || !slices.Equal(v.SameAs, []string{"rlb-militia"}) {
			t.Errorf("merged show: id %s same_as %v", v.ID, v.SameAs)
		}
		rels := []string{}
		for _, h := range v.Relations {
			rels = append(rels, h.Relation)
		}
		if !slices.Contains(rels, "claimed-responsibility-for") || !slices.Contains(rels, "perpetrated") {
			t.Errorf("merged relations %v lack one ID's claims", rels)
		}
	})},
	{name: "merge twice refused", args: []string{"merge", "rlb-militia", "red-lantern", "--why", "again"}, code: exitUsage, check: errHas("already merged")},
	{name: "merge unknown refused", args: []string{"merge", "red-lantern", "no-such-actor", "--why", "x"}, code: exitNotFound},
	{name: "unmerge", args: []string{"unmerge", "rlb-militia", "red-lantern"}},
	{name: "unmerge restores", args: []string{"export", "--format", "nquads"}, check: same("two sources")},
	{name: "unmerge unmerged refused", args: []string{"unmerge", "rlb-militia", "red-lantern"}, code: exitUsage, check: errHas("not merged")},
	{name: "load clashing alias", args: []string{"load", msGazette}},
	{name: "shared alias is ambiguous", args: []string{"show", "RLB"}, code: exitNotFound, check: errHas(`"RLB" could mean`, "crimson-lantern", "red-lantern")},
	{name: "retract third", args: []string{"retract", "capital-gazette"}},
	{name: "retract dry run", args: []string{"retract", "coastal-monitor", "--dry-run", "--format", "json"}, check: jsonCheck(func(t *testing.T, v struct {
		Claims, Facts, Quads int
		Entities             []string
	}) {
		if v.Claims != 4 || v.Facts != 1 || !slices.Equal(v.Entities, []string{"dario-venn", "rlb-militia"}) {
			t.Errorf("dry run = %+v", v)
		}
	})},
	{name: "dry run writes nothing", args: []string{"export", "--format", "nquads"}, check: same("two sources")},
	{name: "retract", args: []string{"retract", "coastal-monitor"}, golden: "multisource-retract.txt"},
	{name: "retract leaves the first source", args: []string{"export", "--format", "nquads"}, check: same("one source")},
	{name: "retract unknown", args: []string{"retract", "coastal-monitor"}, code: exitNotFound, check: errHas(`no source "coastal-monitor"`)},
	{name: "reload", args: []string{"load", msMonitor}},
	{name: "reload restores", args: []string{"export", "--format", "nquads"}, check: same("two sources")},
}

// TestMultiSource runs the multi-source script on every backend and requires
// the same answers from each.
func TestMultiSource(t *testing.T) {
	answers := map[string][]string{}
	for _, b := range storeBackends {
		t.Run(b.name, func(t *testing.T) {
			loc := b.loc(t)
			te := newTestEnv(t)
			st := &msState{saved: map[string]string{}}
			got := make([]string, len(msScript))
			for i, step := range msScript {
				stdout, stderr, code := te.run(t, append([]string{"--store", loc}, step.args...)...)
				if code != step.code {
					t.Fatalf("%s: exit %d, want %d; stderr:\n%s", step.name, code, step.code, stderr)
				}
				t.Run(step.name, func(t *testing.T) {
					if step.check != nil {
						step.check(t, st, stdout, stderr)
					}
					if step.golden != "" {
						golden(t, step.golden, stdout)
					}
				})
				got[i] = stdout
			}
			answers[b.name] = got
		})
	}
	ref := storeBackends[0].name
	for _, b := range storeBackends[1:] {
		got, ok := answers[b.name]
		if !ok || answers[ref] == nil {
			continue
		}
		for i, step := range msScript {
			if got[i] != answers[ref][i] {
				t.Errorf("%s: %s answers differently from %s:\n%s\n--- %s ---\n%s", step.name, b.name, ref, got[i], ref, answers[ref][i])
			}
		}
	}
}
