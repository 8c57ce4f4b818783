package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/queries"
)

func TestShowAnyAliasGivesTheSameActor(t *testing.T) {
	te := seeded(t)
	first, _, code := te.run(t, "show", "ISKP")
	if code != exitOK {
		t.Fatalf("show ISKP: exit %d", code)
	}
	for _, alias := range []string{"Islamic State Khorasan Province", "is-k", "ISIS Khorasan Province", "iskp"} {
		out, errOut, code := te.run(t, "show", alias)
		if code != exitOK || out != first {
			t.Errorf("show %q: exit %d, stderr %q; output differs from show ISKP", alias, code, errOut)
		}
	}
	if !strings.Contains(first, "→ opposes → Taliban") || !strings.Contains(first, "“IS-K loathes the Taliban and has challenged its rule.”") {
		t.Errorf("show ISKP lacks the Taliban relation and its quote:\n%s", first)
	}
	golden(t, "show-iskp.txt", first)
}

func TestNeighborsJSONCarriesTheLinkingSentences(t *testing.T) {
	te := seeded(t)
	out, errOut, code := te.run(t, "neighbors", "IS-K", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var net queries.Network
	if err := json.Unmarshal([]byte(out), &net); err != nil {
		t.Fatalf("decode: %v\n%s", err, out)
	}
	if net.Root.ID != "iskp" {
		t.Errorf("root = %+v", net.Root)
	}
	for _, want := range []string{"taliban", "iran"} {
		found := false
		for _, n := range net.Neighbors {
			if n.Node.ID != want {
				continue
			}
			found = true
			if len(n.Via) == 0 || len(n.Via[0].Claims) == 0 || n.Via[0].Claims[0].Quote == "" || n.Via[0].Claims[0].Source == "" {
				t.Errorf("%s: no quote and source: %+v", want, n.Via)
			}
		}
		if !found {
			t.Errorf("neighbors of IS-K lack %s", want)
		}
	}
}

func TestNeighborsFilters(t *testing.T) {
	te := seeded(t)
	tests := []struct {
		name string
		args []string
		want func(queries.Network) string // "" when fine
	}{
		{"rel and direction", []string{"neighbors", "Taliban", "--rel", "opposes", "--direction", "in"}, func(n queries.Network) string {
			for _, nb := range n.Neighbors {
				for _, h := range nb.Via {
					if h.Relation != "opposes" || h.Direction != "in" || h.Object.ID != "taliban" {
						return "unexpected hop " + h.Subject.ID + " " + h.Relation + " " + h.Object.ID
					}
				}
			}
			if len(n.Neighbors) == 0 {
				return "no opponents of the Taliban"
			}
			return ""
		}},
		{"depth 2 reaches further", []string{"neighbors", "ISKP", "--depth", "2"}, func(n queries.Network) string {
			for _, nb := range n.Neighbors {
				if nb.Depth == 2 {
					return ""
				}
			}
			return "no neighbor at depth 2"
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := te.run(t, append(tc.args, "--format", "json")...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var net queries.Network
			if err := json.Unmarshal([]byte(out), &net); err != nil {
				t.Fatal(err)
			}
			if msg := tc.want(net); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestErrorsAndExitCodes(t *testing.T) {
	te := seeded(t)
	tests := []struct {
		name    string
		args    []string
		code    exitCode
		wantErr string
	}{
		{"unknown actor suggests", []string{"show", "Talibn"}, exitNotFound, `did you mean "Taliban"`},
		{"unknown relation lists vocabulary", []string{"neighbors", "ISKP", "--rel", "likes"}, exitUsage, "unknown relation \"likes\" (the vocabulary: accredited-to"},
		{"unknown type", []string{"actors", "--type", "militia"}, exitUsage, "unknown type \"militia\""},
		{"bad direction", []string{"neighbors", "ISKP", "--direction", "up"}, exitUsage, "--direction: unknown direction"},
		{"bad as-of", []string{"neighbors", "ISKP", "--as-of", "yesterday"}, exitUsage, "use YYYY, YYYY-MM or YYYY-MM-DD"},
		{"bad format", []string{"actors", "--format", "xml"}, exitUsage, "want text or json"},
		{"missing arg", []string{"show"}, exitUsage, "want one ACTOR"},
		{"bad file", []string{"load", "testdata/bad-middle.nq"}, exitBadInput, "testdata/bad-middle.nq:3: unknown relation \"frobnicates\""},
		{"missing file", []string{"load", "testdata/nope.nq"}, exitBadInput, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := te.mem.Size(t.Context())
			_, errOut, code := te.run(t, tc.args...)
			if code != tc.code && !(tc.name == "missing file" && code != exitOK) {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errOut)
			}
			if !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut, tc.wantErr)
			}
			if after, _ := te.mem.Size(t.Context()); after != before {
				t.Errorf("the store changed from %d to %d quads", before, after)
			}
		})
	}
}

func TestSeedTwiceChangesNothing(t *testing.T) {
	te := seeded(t)
	before, _ := te.mem.Size(t.Context())
	_, errOut, code := te.run(t, "seed")
	after, _ := te.mem.Size(t.Context())
	if code != exitOK || after != before || !strings.Contains(errOut, " 0 new") {
		t.Fatalf("second seed: exit %d, %d → %d quads, stderr %q", code, before, after, errOut)
	}
}

func TestActorsAndStats(t *testing.T) {
	te := seeded(t)
	out, _, code := te.run(t, "actors", "--type", "armed-group")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	golden(t, "actors-armed-groups.txt", out)

	out, _, _ = te.run(t, "actors", "--match", "khorasan", "--format", "json")
	var list []struct{ ID string }
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, e := range list {
		ids[e.ID] = true
	}
	if !ids["iskp"] {
		t.Errorf("actors --match khorasan lacks iskp: %v", ids)
	}

	out, _, _ = te.run(t, "stats", "--format", "json")
	var s queries.Summary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s.Claims < 50 || s.Entities < 30 || s.Sources != 1 || s.Quads == 0 {
		t.Errorf("stats = %+v", s)
	}
}

func TestRealStoreFileAcrossCommands(t *testing.T) {
	te := newTestEnv(t)
	store := filepath.Join(t.TempDir(), "g.db")
	if _, errOut, code := te.run(t, "--store", store, "seed"); code != exitOK {
		t.Fatalf("seed: %d %s", code, errOut)
	}
	out, _, code := te.run(t, "--store", store, "show", "Washington")
	if code != exitOK || !strings.HasPrefix(out, "United States\n") {
		t.Fatalf("show Washington on a bbolt file: exit %d\n%s", code, out)
	}
	_, errOut, code := te.run(t, "--store", filepath.Join(t.TempDir(), "none.db"), "show", "ISKP")
	if code != exitStore || !strings.Contains(errOut, "run `actorgraph seed`") {
		t.Fatalf("missing store: exit %d, %q", code, errOut)
	}
}

func TestNeighborsTable(t *testing.T) {
	te := seeded(t)
	out, _, code := te.run(t, "neighbors", "IS-K", "--rel", "opposes")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	golden(t, "neighbors-iskp-opposes.txt", out)
}

func TestLoadShowsProgressOnlyOnATerminal(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.nq")
	var b strings.Builder
	for i := 0; b.Len() < progressMin+1024; i++ {
		fmt.Fprintf(&b, "<ag:n%d> <prop:name> \"Node number %d with a long enough name\" .\n", i, i)
	}
	if err := os.WriteFile(big, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tty := range []bool{false, true} {
		te := newTestEnv(t)
		te.isTerminal = func(io.Writer) bool { return tty }
		_, errOut, code := te.run(t, "load", big)
		if code != exitOK {
			t.Fatalf("tty=%v: exit %d: %s", tty, code, errOut)
		}
		if got := strings.Contains(errOut, "reading "+big); got != tty {
			t.Errorf("tty=%v: progress bar shown = %v; stderr %q", tty, got, clip(errOut, 300))
		}
	}
}

func TestCompletionOffersActorIDs(t *testing.T) {
	te := seeded(t)
	out, _, code := te.run(t, "__complete", "show", "tal")
	if code != exitOK || !strings.Contains(out, "taliban\tTaliban") {
		t.Fatalf("exit %d, completions:\n%s", code, out)
	}
	out, _, _ = te.run(t, "__complete", "show", "iskp", "")
	if strings.Contains(out, "taliban") {
		t.Errorf("show takes one ACTOR; a second was offered:\n%s", out)
	}
}

func TestFailedFirstLoadLeavesNoStore(t *testing.T) {
	te := newTestEnv(t)
	store := filepath.Join(t.TempDir(), "new-store")
	_, _, code := te.run(t, "--store", store, "load", "testdata/bad-middle.nq")
	if code != exitBadInput {
		t.Fatalf("exit %d, want %d", code, exitBadInput)
	}
	if _, err := os.Stat(store); !os.IsNotExist(err) {
		t.Fatalf("a failed load into a new store left %s behind (%v)", store, err)
	}
}

func TestNeighborsDepthOutOfRangeIsAUsageError(t *testing.T) {
	te := seeded(t)
	_, errOut, code := te.run(t, "neighbors", "ISKP", "--depth", "11")
	if code != exitUsage || !strings.Contains(errOut, "depth 11 out of range 1..10") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestNeighborsAsOfKeepsOnlyRelationsHoldingThen(t *testing.T) {
	te := seeded(t)
	count := func(asOf string) int {
		out, errOut, code := te.run(t, "neighbors", "Islamic State", "--rel", "controls-territory-in", "--as-of", asOf, "--format", "json")
		if code != exitOK {
			t.Fatalf("as of %s: exit %d %s", asOf, code, errOut)
		}
		var net queries.Network
		if err := json.Unmarshal([]byte(out), &net); err != nil {
			t.Fatal(err)
		}
		return len(net.Neighbors)
	}
	if during, after := count("2016"), count("2020"); during == 0 || after != 0 {
		t.Errorf("territory held 2014-06..2019-03: %d places in 2016, %d in 2020; want some, then none", during, after)
	}
}

// TestBulkLoadShowsPhases: a bulk load into an embedded store shows a bar
// by quads and phase on a terminal.
func TestBulkLoadShowsPhases(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.nq")
	var b strings.Builder
	for i := 0; b.Len() < 2<<20; i++ {
		fmt.Fprintf(&b, "<ag:n%d> <prop:name> \"Node %d\" .\n", i, i)
	}
	if err := os.WriteFile(big, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	te := newTestEnv(t)
	te.isTerminal = func(io.Writer) bool { return true }
	_, errOut, code := te.run(t, "--store", filepath.Join(t.TempDir(), "s"), "load", big)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"load: read", "load: index", "quads"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("no %q in stderr %q", want, clip(errOut, 400))
		}
	}
}

func TestCheckAndReindexAfterLoads(t *testing.T) {
	te := newTestEnv(t)
	store := filepath.Join(t.TempDir(), "s")
	for _, step := range [][]string{
		{"seed"},
		{"check"},
		{"load", "testdata/disconnected.ag"},
		{"check"},
		{"reindex"},
		{"check", "--format", "json"},
	} {
		out, errOut, code := te.run(t, append([]string{"--store", store}, step...)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s%s", step, code, out, errOut)
		}
		if step[0] == "check" && len(step) > 1 {
			var rep struct {
				Quads       int64
				Differences []string
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Quads == 0 || len(rep.Differences) != 0 {
				t.Errorf("check --format json: %v, %+v", err, rep)
			}
		}
	}
}
