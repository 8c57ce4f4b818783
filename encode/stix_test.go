package encode

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/actorgraph/actorgraph/seed"
	"github.com/google/uuid"
)

// STIX 2.1 open vocabularies the export uses (specification section 10).
var (
	identityClassOV = []string{"individual", "group", "system", "organization", "class", "unknown"}
	sectorOV        = []string{"agriculture", "aerospace", "automotive", "chemical", "commercial", "communications", "construction", "defense", "education", "energy", "entertainment", "financial-services", "government", "government-emergency-services", "government-local", "government-national", "government-public-services", "government-regional", "healthcare", "hospitality-leisure", "infrastructure", "dams", "nuclear", "water", "insurance", "manufacturing", "mining", "non-profit", "pharmaceuticals", "retail", "technology", "telecommunications", "transportation", "utilities"}
	threatActorOV   = []string{"activist", "competitor", "crime-syndicate", "criminal", "hacker", "insider-accidental", "insider-disgruntled", "nation-state", "sensationalist", "spy", "terrorist", "unknown"}
)

// stixRequired are the properties each object type must have besides the
// common ones (type, spec_version, id, created, modified).
var stixRequired = map[string][]string{
	"identity":      {"name"},
	"threat-actor":  {"name"},
	"intrusion-set": {"name"},
	"campaign":      {"name"},
	"incident":      {"name"},
	"location":      {},
	"relationship":  {"relationship_type", "source_ref", "target_ref"},
}

var (
	stixTypeRE     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$`)
	stixPropRE     = regexp.MustCompile(`^[a-z0-9_]{3,250}$`)
	stixRelTypeRE  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	stixTimeRE     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)
	stixCustomSlug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// stixProblems checks a bundle against the STIX 2.1 MUST rules the export
// is bound by, and the open vocabularies, and lists every breach.
func stixProblems(data []byte) []string {
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	var b map[string]any
	if err := json.Unmarshal(data, &b); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	if b["type"] != "bundle" {
		fail("bundle type %v", b["type"])
	}
	checkID := func(where string, v any, typ string) {
		s, _ := v.(string)
		t, u, ok := strings.Cut(s, "--")
		if !ok || (typ != "" && t != typ) {
			fail("%s: id %q is not %s--UUID", where, s, typ)
			return
		}
		if id, err := uuid.Parse(u); err != nil || id.Variant() != uuid.RFC4122 || len(u) != 36 {
			fail("%s: id %q has no RFC 4122 UUID", where, s)
		}
	}
	checkID("bundle", b["id"], "bundle")
	objs, _ := b["objects"].([]any)
	ids := map[string]bool{}
	for _, o := range objs {
		m, _ := o.(map[string]any)
		id, _ := m["id"].(string)
		if ids[id] {
			fail("%s: duplicate id", id)
		}
		ids[id] = true
	}
	for _, o := range objs {
		m := o.(map[string]any)
		typ, _ := m["type"].(string)
		where := fmt.Sprint(m["id"])
		if !stixTypeRE.MatchString(typ) {
			fail("%s: bad type %q", where, typ)
		}
		checkID(where, m["id"], typ)
		if m["spec_version"] != "2.1" {
			fail("%s: spec_version %v, want 2.1", where, m["spec_version"])
		}
		req, known := stixRequired[typ]
		if !known {
			fail("%s: type %q is not one the export should write", where, typ)
		}
		for _, p := range append([]string{"created", "modified"}, req...) {
			if s, _ := m[p].(string); s == "" {
				fail("%s: missing required %s", where, p)
			}
		}
		var times = map[string]time.Time{}
		for _, p := range []string{"created", "modified", "start_time", "stop_time", "first_seen", "last_seen"} {
			s, ok := m[p].(string)
			if !ok {
				continue
			}
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil || !stixTimeRE.MatchString(s) {
				fail("%s: %s %q is not an RFC 3339 UTC timestamp", where, p, s)
			}
			times[p] = t
		}
		if times["modified"].Before(times["created"]) {
			fail("%s: modified before created", where)
		}
		if s, ok := times["start_time"]; ok && !times["stop_time"].IsZero() && !times["stop_time"].After(s) {
			fail("%s: stop_time not after start_time", where)
		}
		if s, ok := times["first_seen"]; ok && !times["last_seen"].IsZero() && times["last_seen"].Before(s) {
			fail("%s: last_seen before first_seen", where)
		}
		for p, v := range m {
			if p != "id" && !stixPropRE.MatchString(p) {
				fail("%s: property name %q", where, p)
			}
			if strings.HasSuffix(p, "_ref") {
				if s, _ := v.(string); !ids[s] {
					fail("%s: %s %q does not resolve inside the bundle", where, p, v)
				}
			}
			if strings.HasSuffix(p, "_refs") {
				for _, r := range v.([]any) {
					if s, _ := r.(string); !ids[s] {
						fail("%s: %s has %q, not in the bundle", where, p, r)
					}
				}
			}
		}
		if typ == "relationship" {
			if rt, _ := m["relationship_type"].(string); !stixRelTypeRE.MatchString(rt) {
				fail("%s: relationship_type %q", where, rt)
			}
		}
		if typ == "location" && m["region"] == nil && m["country"] == nil && (m["latitude"] == nil || m["longitude"] == nil) {
			fail("%s: a location needs region, country or latitude and longitude", where)
		}
		if c, ok := m["country"].(string); ok && CountryName(c) == "" {
			fail("%s: country %q is not an ISO 3166-1 alpha-2 code", where, c)
		}
		if r, ok := m["region"].(string); ok && !slices.Contains(RegionOV(), r) && !stixCustomSlug.MatchString(r) {
			fail("%s: region %q is neither a region-ov value nor a custom slug", where, r)
		}
		if c, ok := m["confidence"].(float64); ok && (c < 0 || c > 100 || c != float64(int(c))) {
			fail("%s: confidence %v out of 0..100", where, c)
		}
		if c, ok := m["identity_class"].(string); ok && !slices.Contains(identityClassOV, c) {
			fail("%s: identity_class %q not in identity-class-ov", where, c)
		}
		for p, vocab := range map[string][]string{"sectors": sectorOV, "threat_actor_types": threatActorOV} {
			vs, _ := m[p].([]any)
			for _, v := range vs {
				if !slices.Contains(vocab, v.(string)) {
					fail("%s: %s value %q not in its open vocabulary", where, p, v)
				}
			}
		}
		refs, _ := m["external_references"].([]any)
		for _, r := range refs {
			if s, _ := r.(map[string]any)["source_name"].(string); s == "" {
				fail("%s: external reference without source_name", where)
			}
		}
	}
	return bad
}

func exportSTIX(t *testing.T, q queries.ExportQuery) []byte {
	t.Helper()
	return exportSTIXOf(t, testgraph.Seeded(t), q)
}

func exportSTIXOf(t *testing.T, st *graph.Store, q queries.ExportQuery) []byte {
	t.Helper()
	ctx := context.Background()
	sg, err := queries.Export(ctx, st, q)
	if err != nil {
		t.Fatal(err)
	}
	src, err := CitedSources(ctx, st, sg)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteSTIX(&b, sg, src); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSTIXBundlesKeepTheMustRules(t *testing.T) {
	for name, q := range map[string]queries.ExportQuery{
		"whole":  {},
		"focus":  {Focus: "ISKP", Depth: 2},
		"as-of":  {AsOf: time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC)},
		"rel":    {Relations: []string{"perpetrated", "occurred-in"}},
		"states": {Types: []string{"state", "armed-group"}},
	} {
		t.Run(name, func(t *testing.T) {
			data := exportSTIX(t, q)
			for _, p := range stixProblems(data) {
				t.Error(p)
			}
		})
	}
	imported := graph.NewMemory()
	t.Cleanup(func() { imported.Close() })
	in := []seed.Input{seed.File("../seed/testdata/import/acled-fictional.csv"), seed.File("../seed/testdata/import/20240325000000.export.CSV")}
	if _, err := seed.Load(context.Background(), imported, in, seed.Options{}); err != nil {
		t.Fatal(err)
	}
	for name, st := range map[string]*graph.Store{"multi-source": testgraph.MultiSource(t), "awkward": awkward(t), "imported": imported} {
		t.Run(name, func(t *testing.T) {
			data := exportSTIXOf(t, st, queries.ExportQuery{})
			for _, p := range stixProblems(data) {
				t.Error(p)
			}
			if name == "imported" && !bytes.Contains(data, []byte(`"latitude": 45.1234`)) {
				t.Error("an imported place's coordinates are not the location's latitude")
			}
		})
	}
}

func TestSTIXCheckerCatchesBreaches(t *testing.T) {
	good := exportSTIX(t, queries.ExportQuery{Focus: "ISKP"})
	for name, breach := range map[string][2]string{
		"ref outside":  {`"target_ref": "`, `"target_ref": "x`},
		"local time":   {`"created": "1970-01-01T00:00:00.000Z"`, `"created": "1970-01-01T00:00:00.000+01:00"`},
		"spec version": {`"spec_version": "2.1"`, `"spec_version": "2.0"`},
		"bad uuid":     {`"id": "identity--`, `"id": "identity--zz`},
		"bad class":    {`"identity_class": "`, `"identity_class": "x`},
	} {
		bad := bytes.Replace(good, []byte(breach[0]), []byte(breach[1]), 1)
		if bytes.Equal(bad, good) {
			t.Fatalf("%s: %q not in the bundle", name, breach[0])
		}
		if len(stixProblems(bad)) == 0 {
			t.Errorf("%s: the checker found nothing wrong", name)
		}
	}
}

func TestSTIXDeterministic(t *testing.T) {
	a, b := exportSTIX(t, queries.ExportQuery{}), exportSTIX(t, queries.ExportQuery{})
	if !bytes.Equal(a, b) {
		t.Fatal("two exports of the same graph differ")
	}
	if want := STIXID("threat-actor", "ag:iskp"); !bytes.Contains(a, []byte(want)) {
		t.Errorf("ISKP is not %s", want)
	}
	var bundle struct {
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal(a, &bundle); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, o := range bundle.Objects {
		kinds[o["type"].(string)]++
		if o["type"] == "relationship" && o["description"] == nil {
			t.Errorf("%s has no quote", o["id"])
		}
	}
	for _, k := range []string{"identity", "threat-actor", "location", "campaign", "incident", "relationship"} {
		if kinds[k] == 0 {
			t.Errorf("no %s in the whole-graph bundle: %v", k, kinds)
		}
	}
}

func TestSTIXLocations(t *testing.T) {
	sg := queries.Subgraph{
		Nodes: []graph.Entity{
			{ID: "britain", Type: "state", Name: "United Kingdom"},
			{ID: "kelvar", Type: "city", Name: "Kelvar", Notes: []string{"coordinates: 45.1234, 12.5678"}},
			{ID: "northmoor", Type: "region", Name: "Northmoor"},
			{ID: "paris", Type: "city", Name: "Paris"},
			{ID: "europe", Type: "region", Name: "Europe"},
			{ID: "khorasan", Type: "region", Name: "Khorasan"},
			{ID: "york", Type: "city", Name: "York"},
		},
		Edges: []graph.Edge{
			{Subject: "kelvar", Relation: "located-in", Object: "northmoor"},
			{Subject: "northmoor", Relation: "located-in", Object: "britain"},
			{Subject: "paris", Relation: "located-in", Object: "europe"},
			{Subject: "york", Relation: "located-in", Object: "britain"},
		},
	}
	sort.Slice(sg.Nodes, func(i, j int) bool { return sg.Nodes[i].ID < sg.Nodes[j].ID })
	want := map[string]stixObject{
		"britain":   {Country: "GB"},
		"kelvar":    {Country: "GB", AdministrativeArea: "Northmoor", City: "Kelvar"},
		"northmoor": {Country: "GB"},
		"paris":     {Region: "europe", City: "Paris"},
		"europe":    {Region: "europe"},
		"khorasan":  {Region: "khorasan"},
		"york":      {Country: "GB", City: "York"},
	}
	for _, n := range sg.Nodes {
		o := stixNode(n, sg)
		w := want[n.ID]
		if o.Country != w.Country || o.Region != w.Region || o.City != w.City || o.AdministrativeArea != w.AdministrativeArea {
			t.Errorf("%s: country %q region %q city %q area %q; want %q %q %q %q", n.ID, o.Country, o.Region, o.City, o.AdministrativeArea, w.Country, w.Region, w.City, w.AdministrativeArea)
		}
	}
	kelvar, _ := sg.Node("kelvar")
	if o := stixNode(kelvar, sg); o.Latitude == nil || *o.Latitude != 45.1234 || *o.Longitude != 12.5678 {
		t.Errorf("Kelvar's coordinates: %v, %v", o.Latitude, o.Longitude)
	}
	if CountryName("UK") != "" || CountryName("GB") == "" {
		t.Error("UK is an alias, not an ISO 3166-1 code; GB is the code")
	}
}
