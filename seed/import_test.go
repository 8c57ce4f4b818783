package seed

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/cayleygraph/quad"
)

// importInto loads files into st and returns what was warned.
func importInto(t *testing.T, st *graph.Store, files ...string) ([]Result, []string, error) {
	t.Helper()
	var warned []string
	in := make([]Input, len(files))
	for i, f := range files {
		in[i] = File(f)
	}
	res, err := Load(context.Background(), st, in, Options{Warn: func(m string) { warned = append(warned, m) }})
	return res, warned, err
}

func memStore(t *testing.T) *graph.Store {
	t.Helper()
	st := graph.NewMemory()
	t.Cleanup(func() { st.Close() })
	return st
}

func storeSize(t *testing.T, st *graph.Store) int64 {
	t.Helper()
	n, err := st.Size(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// hasEdge reports whether subj rel obj holds with a claim citing source.
func hasEdge(t *testing.T, st *graph.Store, subj, rel, obj, source string) bool {
	t.Helper()
	edges, err := st.Edges(context.Background(), subj, graph.Out, rel)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edges {
		if e.Object != obj {
			continue
		}
		for _, c := range e.Claims {
			if c.Source == source && c.Quote != "" {
				return true
			}
		}
	}
	return false
}

// checkReimport loads the same files again and wants nothing added.
func checkReimport(t *testing.T, st *graph.Store, files ...string) {
	t.Helper()
	before := storeSize(t, st)
	res, _, err := importInto(t, st, files...)
	if err != nil {
		t.Fatalf("import again: %v", err)
	}
	for _, r := range res {
		if r.Added != 0 {
			t.Errorf("importing %s again added %d quads", r.File, r.Added)
		}
	}
	if after := storeSize(t, st); after != before {
		t.Errorf("store grew from %d to %d quads on a second import", before, after)
	}
}

// checkRejected wants the import to fail naming want (file:line) and the
// store unchanged.
func checkRejected(t *testing.T, file, want string) {
	t.Helper()
	st := memStore(t)
	_, _, err := importInto(t, st, file)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("import %s: got %v, want an error containing %q", file, err, want)
	}
	if n := storeSize(t, st); n != 0 {
		t.Errorf("a rejected import left %d quads", n)
	}
}

func TestImportACLED(t *testing.T) {
	ctx := context.Background()
	st := memStore(t)
	file := "testdata/import/acled-fictional.csv"
	res, warned, err := importInto(t, st, file)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if len(res) != 1 || res[0].Added == 0 {
		t.Fatalf("import added nothing: %+v", res)
	}
	ev, err := st.Entity(ctx, "acled-arv1001")
	if err != nil {
		t.Fatal(err)
	}
	if ev.Type != "attack" || ev.Date == nil || ev.Date.Value != "2024-03-02" || ev.Killed == nil || ev.Killed.N != 4 {
		t.Errorf("event ARV1001 = %+v, want an attack on 2024-03-02 with 4 killed", ev)
	}
	if len(ev.Evidence) != 1 || !strings.Contains(ev.Evidence[0].Quote, "clashed with Red Dawn Front") || ev.Evidence[0].Source != "acled-arv1001" {
		t.Errorf("event ARV1001 evidence = %+v, want the row's notes from source acled-arv1001", ev.Evidence)
	}
	if week, _ := st.Entity(ctx, "acled-arv1002"); week.Date == nil || week.Date.Value != "2024-03" {
		t.Errorf("ARV1002 (time_precision 2) date = %+v, want the month 2024-03", week.Date)
	}
	for _, actor := range []string{"acled-military-forces-of-arvenia-2019", "acled-red-dawn-front"} {
		if !hasEdge(t, st, actor, "took-part-in", "acled-arv1001", "acled-arv1001") {
			t.Errorf("%s took-part-in acled-arv1001 missing", actor)
		}
		if hasEdge(t, st, actor, "perpetrated", "acled-arv1001", "acled-arv1001") {
			t.Errorf("%s perpetrated acled-arv1001: ACLED gives no direction", actor)
		}
	}
	if !hasEdge(t, st, "acled-farmers-arvenia", "took-part-in", "acled-arv1002", "acled-arv1002") {
		t.Error("an associated actor is not a participant")
	}
	if !hasEdge(t, st, "acled-arv1001", "occurred-in", "acled-arvenia-northmoor-kelvar", "acled-arv1001") ||
		!hasEdge(t, st, "acled-arvenia-northmoor-kelvar", "located-in", "acled-arvenia-northmoor", "acled-arv1001") ||
		!hasEdge(t, st, "acled-arvenia-northmoor", "located-in", "acled-arvenia", "acled-arv1001") {
		t.Error("the place chain event → location → admin1 → country is missing")
	}
	types := map[string]string{"acled-military-forces-of-arvenia-2019": "military-force", "acled-civilians-arvenia": "population",
		"acled-red-dawn-front": "armed-group", "acled-arvenia": "state", "acled-arvenia-northmoor-kelvar": "city"}
	for id, want := range types {
		if e, err := st.Entity(ctx, id); err != nil || e.Type != want {
			t.Errorf("%s: type %q (%v), want %s", id, e.Type, err, want)
		}
	}
	if _, err := st.Entity(ctx, "acled-arv1005"); err == nil {
		t.Error("the Arrests row was imported; it has no event type")
	}
	if len(warned) == 0 || !strings.Contains(strings.Join(warned, "\n"), `1: sub_event_type "Arrests" has no event type (first at testdata/import/acled-fictional.csv:6)`) {
		t.Errorf("warnings = %q, want the Arrests row counted", warned)
	}
	checkReimport(t, st, file)
}

func TestImportACLEDRejectsBadRows(t *testing.T) {
	checkRejected(t, "testdata/import/acled-bad-row.csv", `acled-bad-row.csv:3: fatalities "several"`)
}

func TestImportGDELT(t *testing.T) {
	ctx := context.Background()
	st := memStore(t)
	file := "testdata/import/20240325000000.export.CSV"
	_, warned, err := importInto(t, st, file)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if !hasEdge(t, st, "gdelt-arvmil", "fights", "gdelt-arvreb", "gdelt-1200000001") {
		t.Error("CAMEO 190 (root 19) is not fights")
	}
	if !hasEdge(t, st, "gdelt-arvreb", "perpetrated", "gdelt-1200000002", "gdelt-1200000002") ||
		!hasEdge(t, st, "gdelt-1200000002", "targeted", "gdelt-arvcvl", "gdelt-1200000002") ||
		!hasEdge(t, st, "gdelt-1200000002", "occurred-in", "gdelt-port-lira-southgate-arvenia", "gdelt-1200000002") {
		t.Error("CAMEO 183 is not a bombing perpetrated by Actor1, targeting Actor2, at ActionGeo")
	}
	if ev, err := st.Entity(ctx, "gdelt-1200000002"); err != nil || ev.Type != "bombing" || ev.Date == nil || ev.Date.Value != "2024-03-12" {
		t.Errorf("event 1200000002 = %+v (%v), want a bombing on 2024-03-12", ev, err)
	}
	if !hasEdge(t, st, "gdelt-arvmil", "withdrew-from", "gdelt-kelvar-northmoor-arvenia", "gdelt-1200000003") {
		t.Error("CAMEO 0874 is not withdrew-from the ActionGeo place")
	}
	if !hasEdge(t, st, "gdelt-arvgov", "criticised", "gdelt-arvmed", "gdelt-1200000005") {
		t.Error("CAMEO 111 is not criticised")
	}
	edges, err := st.Edges(ctx, "gdelt-arvmil", graph.Out, "fights")
	if err != nil || len(edges) != 1 {
		t.Fatalf("fights edges: %v %v", edges, err)
	}
	c := edges[0].Claims[0]
	if c.ValidFrom == nil || c.ValidFrom.Value != "2024-03-02" || c.ValidUntil == nil || c.ValidUntil.Value != "2024-03-02" {
		t.Errorf("claim validity %v..%v, want the event's day", c.ValidFrom, c.ValidUntil)
	}
	if e, _ := st.Entity(ctx, "gdelt-arvreb"); e.Type != "armed-group" || e.Name != "Red Dawn Front" {
		t.Errorf("ARVREB = %+v, want armed group Red Dawn Front", e)
	}
	var url string
	_ = st.QuadsWith(ctx, quad.Subject, graph.SourceIRI("gdelt-1200000001"), func(q quad.Quad) error {
		if q.Predicate == graph.PropURL {
			url = graph.Text(q.Object)
		}
		return nil
	})
	if url != "https://arvenian-herald.example/2024/03/02/kelvar-clashes" {
		t.Errorf("source URL %q, want the row's SOURCEURL", url)
	}
	all := strings.Join(warned, "\n")
	for _, want := range []string{"skipped 3 rows", "1: CAMEO code 042 has no relation in the vocabulary (first at testdata/import/20240325000000.export.CSV:4)",
		"1: fights needs a second actor or a place", "1: assassinated: wrong types"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	checkReimport(t, st, file)
}

func TestImportGDELTRejectsBadRows(t *testing.T) {
	checkRejected(t, "testdata/import/gdelt-bad-row.export.CSV", "gdelt-bad-row.export.CSV:2: want the 61 tab-separated columns of a GDELT 2.0 event row, got 60")
}

func TestImportForeignSTIX(t *testing.T) {
	ctx := context.Background()
	st := memStore(t)
	file := "testdata/import/stix-foreign.json"
	_, warned, err := importInto(t, st, file)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	rdf := "stix-4e78f46f-a023-4e5f-bc24-71b3ca22ec29"
	daily := "stix-311b2d2d-f010-4473-83ec-1edf84858f4c"
	ied := "stix-0b9ad5a4-9c3e-4a5e-9d10-6a3c1d0b3f1e"
	lira := "stix-a6e9345f-5a15-4c29-8bb3-7dcc5d168d64"
	if e, _ := st.Entity(ctx, rdf); e.Type != "armed-group" || e.Name != "Red Dawn Front" || len(e.Aliases) != 2 {
		t.Errorf("intrusion set = %+v, want armed group Red Dawn Front with 2 aliases", e)
	}
	if e, _ := st.Entity(ctx, daily); e.Type != "media-outlet" {
		t.Errorf("identity with sector communications = %+v, want a media outlet", e)
	}
	if e, _ := st.Entity(ctx, lira); e.Type != "city" || e.Name != "Port Lira" || !slices.Contains(e.Notes, "coordinates: 44.9, 13.05") {
		t.Errorf("location = %+v, want city Port Lira with its coordinates", e)
	}
	if e, _ := st.Entity(ctx, "stix-9d3c1a77-0c55-4a63-a0f4-3b9b1f3e2a10"); e.Type != "state" || e.Name != "United Kingdom" {
		t.Errorf("location with only country GB = %+v, want the state United Kingdom", e)
	}
	edges, err := st.Edges(ctx, rdf, graph.Out, "threatens")
	if err != nil || len(edges) != 1 || edges[0].Object != daily {
		t.Fatalf("targets from an actor is not threatens: %v %v", edges, err)
	}
	c := edges[0].Claims[0]
	if c.ValidFrom == nil || c.ValidFrom.Value != "2024-01-01" || c.ValidUntil == nil || c.ValidUntil.Value != "2024-03-31" {
		t.Errorf("validity %v..%v, want 2024-01-01..2024-03-31 (stop_time is exclusive)", c.ValidFrom, c.ValidUntil)
	}
	if !strings.Contains(strings.Join(c.Notes, " "), "STIX confidence 70") {
		t.Errorf("notes %q lack the confidence", c.Notes)
	}
	if !hasEdge(t, st, rdf, "perpetrated", ied, "stix-bundle-5d0092c5-5f74-4287-9642-33f4c354e56d") {
		t.Error("an incident attributed-to an intrusion set is not perpetrated by it (from the bundle's source)")
	}
	if !hasEdge(t, st, ied, "occurred-in", lira, "stix-bundle-5d0092c5-5f74-4287-9642-33f4c354e56d") {
		t.Error("an incident located-at a location did not occur there")
	}
	all := strings.Join(warned, "\n")
	for _, want := range []string{"skipped 3 objects", "STIX type malware is not an actor, place or event",
		`relationship_type "impersonates" has no relation`, "refers to an object that is not an imported actor"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	checkReimport(t, st, file)
}

func TestImportRejectsRepeatedRowIDs(t *testing.T) {
	dir := t.TempDir()
	acled, err := os.ReadFile("testdata/import/acled-fictional.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(acled), "\n")
	file := filepath.Join(dir, "twice.csv")
	if err := os.WriteFile(file, []byte(strings.Join(lines[:3], "")+lines[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	checkRejected(t, file, "twice.csv:4: event_id_cnty ARV1001 repeats line 2")
}

func TestImportGDELTZipped(t *testing.T) {
	data, err := os.ReadFile("testdata/import/20240325000000.export.CSV")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "20240325000000.export.CSV.zip")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("20240325000000.export.CSV")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	st := memStore(t)
	res, warned, err := importInto(t, st, file)
	if err != nil || len(res) != 1 || res[0].Added == 0 || len(warned) == 0 {
		t.Fatalf("import zipped GDELT: %v, %+v, %q", err, res, warned)
	}
	if !hasEdge(t, st, "gdelt-arvmil", "fights", "gdelt-arvreb", "gdelt-1200000001") {
		t.Error("the zipped file's rows are not in the store")
	}
	checkReimport(t, st, file)
}
