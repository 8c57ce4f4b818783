package seed

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// acledRequired are the columns of an ACLED export the import reads; any
// others (year, disorder_type, iso, region, admin2, admin3, geo_precision,
// source_scale, tags...) are ignored. inter1, inter2 and timestamp are
// read when present.
var acledRequired = []string{"event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "location",
	"latitude", "longitude", "source", "notes", "fatalities"}

// ACLEDEventType maps ACLED's sub_event_type to an event type. A row whose
// sub-event type is not here (Arrests, Other) is counted and skipped.
var ACLEDEventType = map[string]string{
	"Armed clash":                         "attack",
	"Government regains territory":        "defeat", // a side loses the territory it held
	"Non-state actor overtakes territory": "defeat",
	"Attack":                              "attack",
	"Abduction/forced disappearance":      "attack",
	"Sexual violence":                     "attack",
	"Violent demonstration":               "attack",
	"Mob violence":                        "attack",
	"Excessive force against protesters":  "attack",
	"Excessive force against protestors":  "attack", // the codebook's spelling
	"Looting/property destruction":        "attack",
	"Disrupted weapons use":               "attack",
	"Air/drone strike":                    "bombardment",
	"Shelling/artillery/missile attack":   "bombardment",
	"Chemical weapon":                     "bombardment",
	"Suicide bomb":                        "bombing",
	"Remote explosive/landmine/IED":       "bombing",
	"Grenade":                             "bombing",
	"Peaceful protest":                    "statement",
	"Protest with intervention":           "statement",
	"Agreement":                           "declaration",
	"Change to group/activity":            "statement",
	"Headquarters or base established":    "deployment",
	"Non-violent transfer of territory":   "withdrawal",
}

// acledInter maps ACLED's actor type codes (inter1, inter2: the numbers of
// exports before 2024, the words of later ones) to entity types.
var acledInter = map[string]string{
	"1": "military-force", "state forces": "military-force",
	"2": "armed-group", "rebel group": "armed-group", "rebel groups": "armed-group",
	"3": "armed-group", "political militia": "armed-group", "political militias": "armed-group",
	"4": "armed-group", "identity militia": "armed-group", "identity militias": "armed-group",
	"5": "population", "rioters": "population",
	"6": "population", "protesters": "population",
	"7": "population", "civilians": "population",
	"8": "military-force", "external/other forces": "military-force",
}

// acledNamePrefix gives the type of actors ACLED names by pattern.
var acledNamePrefix = []struct{ prefix, typ string }{
	{"Military Forces of ", "military-force"},
	{"Police Forces of ", "military-force"},
	{"Government of ", "government-body"},
	{"Civilians", "population"},
	{"Protesters", "population"},
	{"Rioters", "population"},
}

// acledActorType is the type of an ACLED actor: by its name's pattern,
// else by the inter code of its side, else armed group.
func acledActorType(name, inter string) string {
	for _, p := range acledNamePrefix {
		if strings.HasPrefix(name, p.prefix) {
			return p.typ
		}
	}
	if t, ok := acledInter[strings.ToLower(strings.TrimSpace(inter))]; ok {
		return t
	}
	return "armed-group"
}

// acled reads an ACLED CSV export: each row an event with its date and
// precision, place, participants and fatalities, from a source of its own.
func (im *importer) acled(data []byte) error {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.ReuseRecord = false
	header, err := r.Read()
	if err != nil {
		im.errs.add(Pos{File: im.doc.File, Line: 1}, "not an ACLED CSV header: %v", err)
		return nil
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	var missing []string
	for _, h := range acledRequired {
		if _, ok := col[h]; !ok {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		im.errs.add(Pos{File: im.doc.File, Line: 1}, "not an ACLED export: no column %s", strings.Join(missing, ", "))
		return nil
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		line, _ := r.FieldPos(0)
		p := Pos{File: im.doc.File, Line: line}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				p.Line = pe.Line
				err = pe.Err
			}
			im.errs.add(p, "bad CSV row: %v", err)
			if len(im.errs) >= maxErrors {
				return nil
			}
			continue
		}
		get := func(h string) string {
			if i, ok := col[h]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if err := im.acledRow(p, get); err != nil {
			im.errs.addErr(p, err)
		}
	}
}

// acledDate reads an ACLED event date (2024-01-15, 15 January 2024 or
// 15-01-2024) at
// the row's time precision: 1 the day, 2 (the week) and 3 the month.
func acledDate(s, precision string) (*graph.Date, error) {
	var t time.Time
	var err error
	for _, layout := range []string{"2006-01-02", "2 January 2006", "02 January 2006", "02-01-2006"} {
		if t, err = time.Parse(layout, s); err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("event_date %q: want YYYY-MM-DD, DD-MM-YYYY or \"15 January 2024\"", s)
	}
	d := graph.Date{Value: t.Format("2006-01-02"), Precision: graph.Day}
	switch precision {
	case "1":
	case "2", "3":
		d = graph.Date{Value: t.Format("2006-01"), Precision: graph.Month}
	default:
		return nil, fmt.Errorf("time_precision %q: want 1, 2 or 3", precision)
	}
	return &d, nil
}

// acledRec is the part of an ACLED row the import uses, checked.
type acledRec struct {
	id, sub, typ, notes string
	date                *graph.Date
	fatalities          int
	lat, lon            float64
}

// acledCheck reads and checks a row's fields; a zero typ means the row's
// sub-event type has no event type.
func acledCheck(get func(string) string) (acledRec, error) {
	r := acledRec{id: get("event_id_cnty"), sub: get("sub_event_type"), notes: get("notes")}
	var err error
	if r.id == "" {
		return r, fmt.Errorf("event_id_cnty is empty")
	}
	if r.date, err = acledDate(get("event_date"), get("time_precision")); err != nil {
		return r, err
	}
	r.typ = ACLEDEventType[r.sub]
	if r.fatalities, err = strconv.Atoi(get("fatalities")); err != nil || r.fatalities < 0 {
		return r, fmt.Errorf("fatalities %q: want a whole number", get("fatalities"))
	}
	switch {
	case r.notes == "":
		return r, fmt.Errorf("notes is empty: it is the quote every claim of the row needs")
	case get("actor1") == "":
		return r, fmt.Errorf("actor1 is empty")
	case get("location") == "" || get("country") == "":
		return r, fmt.Errorf("location or country is empty")
	}
	lat, err1 := strconv.ParseFloat(get("latitude"), 64)
	lon, err2 := strconv.ParseFloat(get("longitude"), 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return r, fmt.Errorf("latitude %q, longitude %q: want decimal degrees", get("latitude"), get("longitude"))
	}
	r.lat, r.lon = lat, lon
	return r, nil
}

func (im *importer) acledRow(p Pos, get func(string) string) error {
	r, err := acledCheck(get)
	if err != nil {
		return err
	}
	if err := im.rowID(p, "event_id_cnty", r.id); err != nil {
		return err
	}
	if r.typ == "" {
		im.skip(p, fmt.Sprintf("sub_event_type %q has no event type", r.sub))
		return nil
	}
	src := im.source(p, "acled-"+slugID(r.id))
	src.Title = "ACLED event " + r.id
	src.Publisher = get("source")
	if ts, err := strconv.ParseInt(get("timestamp"), 10, 64); err == nil && ts > 0 {
		src.Published = &graph.Date{Value: time.Unix(ts, 0).UTC().Format("2006-01-02"), Precision: graph.Day}
	}
	event := "acled-" + slugID(r.id)
	ev, err := im.entity(p, "event", event, r.typ, fmt.Sprintf("%s in %s (%s)", r.sub, get("location"), r.id), src)
	if err != nil {
		return err
	}
	if ev != nil {
		ev.Date, ev.Killed, ev.Quotes = r.date, &graph.Figure{N: r.fatalities}, []string{r.notes}
		ev.Notes = []string{"ACLED " + get("event_type") + ": " + r.sub, "ACLED time_precision " + get("time_precision")}
	}
	for side, cols := range [][2]string{{"actor1", "assoc_actor_1"}, {"actor2", "assoc_actor_2"}} {
		inter := get(fmt.Sprintf("inter%d", side+1))
		for _, name := range append([]string{get(cols[0])}, strings.Split(get(cols[1]), ";")...) {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			actor := "acled-" + slugID(name)
			if _, err := im.entity(p, "actor", actor, acledActorType(name, inter), name, src); err != nil {
				return err
			}
			im.claim(p, actor, "took-part-in", event, r.notes, src)
		}
	}
	return im.acledPlace(p, get, r.lat, r.lon, event, r.notes, src)
}

// acledPlace adds the row's place (location in admin1 in country) and says
// the event occurred there. The place claims quote the row's place columns.
func (im *importer) acledPlace(p Pos, get func(string) string, lat, lon float64, event, notes string, src *Source) error {
	country, admin1, location := get("country"), get("admin1"), get("location")
	countryID := "acled-" + slugID(country)
	if _, err := im.entity(p, "actor", countryID, "state", country, src); err != nil {
		return err
	}
	where := fmt.Sprintf("location %s; admin1 %s; country %s", location, admin1, country)
	parent := countryID
	if admin1 != "" {
		admin1ID := "acled-" + slugID(country, admin1)
		if _, err := im.entity(p, "actor", admin1ID, "region", admin1, src); err != nil {
			return err
		}
		im.once(p, admin1ID, "located-in", countryID, where, src)
		parent = admin1ID
	}
	placeID := "acled-" + slugID(country, admin1, location)
	d, err := im.entity(p, "actor", placeID, "city", location, src)
	if err != nil {
		return err
	}
	if d != nil {
		d.Notes = []string{fmt.Sprintf("coordinates: %s, %s", strconv.FormatFloat(lat, 'f', -1, 64), strconv.FormatFloat(lon, 'f', -1, 64))}
	}
	im.once(p, placeID, "located-in", parent, where, src)
	im.claim(p, event, "occurred-in", placeID, notes, src)
	return nil
}
