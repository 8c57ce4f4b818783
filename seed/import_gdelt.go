package seed

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// gdeltFields are the 61 columns of a GDELT 2.0 event file, in order, as
// The GDELT Event Database Data Format Codebook V2.0 (2/19/2015) names them.
var gdeltFields = strings.Fields(`GlobalEventID Day MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL`)

const gdeltColumns = 61

var gdeltCol = func() map[string]int {
	m := map[string]int{}
	for i, f := range gdeltFields {
		m[f] = i
	}
	return m
}()

// GDELTActorType maps an actor's CAMEO type code (Actor1Type1Code) to an
// entity type. An actor with no type code whose code is its country's is
// a state; any other is an organisation.
var GDELTActorType = map[string]string{
	"GOV": "government-body", "LEG": "government-body", "JUD": "government-body", "ELI": "government-body",
	"MIL": "military-force", "COP": "military-force", "SPY": "military-force",
	"REB": "armed-group", "INS": "armed-group", "SEP": "armed-group", "UAF": "armed-group",
	"MED": "media-outlet",
	"CVL": "population", "REF": "population", "LAB": "population", "AGR": "population", "EDU": "population", "HLH": "population",
	"IGO": "organisation", "NGO": "organisation", "NGM": "organisation", "BUS": "organisation", "MNC": "organisation",
	"OPP": "organisation", "PTY": "organisation", "RAD": "organisation", "CRM": "organisation", "MOD": "organisation",
}

// gdeltPlaceType maps ActionGeo_Type to a place type: 1 a country, 2 a US
// state and 5 a world state (first-order division) a region, 3 and 4 a city.
var gdeltPlaceType = map[string]string{"1": "state", "2": "region", "3": "city", "4": "city", "5": "region"}

// cameoRelation is the vocabulary relation of a CAMEO event: by its full
// code, else its base (three-digit) code, else its root code.
func cameoRelation(codes ...string) (graph.Relation, bool) {
	for _, code := range codes {
		if code == "" {
			continue
		}
		for _, r := range graph.Relations {
			if r.CAMEO == code {
				return r, true
			}
		}
	}
	return graph.Relation{}, false
}

// gdelt reads a GDELT 2.0 event file: each row whose CAMEO code has a
// relation in the vocabulary becomes a claim from the row's source URL.
func (im *importer) gdelt(data []byte) error {
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		l, data, _ = bytes.Cut(data, []byte("\n"))
		l = bytes.TrimRight(l, "\r")
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		p := Pos{File: im.doc.File, Line: line}
		rec := strings.Split(string(l), "\t")
		if len(rec) != gdeltColumns {
			im.errs.add(p, "want the %d tab-separated columns of a GDELT 2.0 event row, got %d", gdeltColumns, len(rec))
		} else if err := im.gdeltRow(p, func(f string) string { return strings.TrimSpace(rec[gdeltCol[f]]) }); err != nil {
			im.errs.addErr(p, err)
		}
		if len(im.errs) >= maxErrors {
			break
		}
	}
	return nil
}

func gdeltDay(s, col string) (*graph.Date, error) {
	if len(s) < 8 {
		return nil, fmt.Errorf("%s %q: want YYYYMMDD", col, s)
	}
	t, err := time.Parse("20060102", s[:8])
	if err != nil {
		return nil, fmt.Errorf("%s %q: want YYYYMMDD", col, s)
	}
	return &graph.Date{Value: t.Format("2006-01-02"), Precision: graph.Day}, nil
}

func (im *importer) gdeltRow(p Pos, get func(string) string) error {
	id := get("GlobalEventID")
	if _, err := strconv.ParseUint(id, 10, 64); err != nil {
		return fmt.Errorf("GlobalEventID %q: want a number", id)
	}
	if err := im.rowID(p, "GlobalEventID", id); err != nil {
		return err
	}
	day, err := gdeltDay(get("Day"), "Day")
	if err != nil {
		return err
	}
	added, err := gdeltDay(get("DATEADDED"), "DATEADDED")
	if err != nil {
		return err
	}
	url := get("SOURCEURL")
	if url == "" {
		return fmt.Errorf("SOURCEURL is empty: it is the row's source")
	}
	code := get("EventCode")
	rel, ok := cameoRelation(code, get("EventBaseCode"), get("EventRootCode"))
	if !ok {
		im.skip(p, fmt.Sprintf("CAMEO code %s has no relation in the vocabulary", code))
		return nil
	}
	a1, a2, place := im.gdeltActor(get, "Actor1"), im.gdeltActor(get, "Actor2"), im.gdeltPlace(get)
	obj, why := im.gdeltObject(rel, a1, a2, place)
	if why != "" {
		im.skip(p, why)
		return nil
	}
	src := im.source(p, "gdelt-"+id)
	src.Title, src.URL, src.Published = "GDELT event "+id, url, added
	for _, e := range []gdeltEntity{a1, a2, place} {
		if e.id == "" {
			continue
		}
		d, err := im.entity(p, "actor", e.id, e.typ, e.name, src)
		if err != nil {
			return err
		}
		if d != nil && e.note != "" {
			d.Notes = []string{e.note}
		}
	}
	quote := fmt.Sprintf("GDELT event %s on %s: %s, CAMEO %s, %s", id, day.Value, orDash(get("Actor1Name")), code, orDash(get("Actor2Name")))
	if g := get("ActionGeo_FullName"); g != "" {
		quote += ", at " + g
	}
	note := fmt.Sprintf("GDELT QuadClass %s, GoldsteinScale %s, NumMentions %s, NumSources %s, AvgTone %s",
		get("QuadClass"), get("GoldsteinScale"), get("NumMentions"), get("NumSources"), get("AvgTone"))
	if obj.id == "" {
		return im.gdeltEvent(p, get, id, day, a1.id, a2.id, place.id, quote, note, src)
	}
	if c := im.claim(p, a1.id, rel.Name, obj.id, quote, src); c != nil {
		c.From, c.Until = day, day // the claim is about that day's event
		c.Notes = []string{note}
	}
	return nil
}

// gdeltObject is what Actor1's relation points at: Actor2, the place, or
// (for an assault) no one, as the row becomes an event; or why the row is
// skipped.
func (im *importer) gdeltObject(rel graph.Relation, a1, a2, place gdeltEntity) (gdeltEntity, string) {
	var obj gdeltEntity
	switch {
	case a1.id == "":
		return obj, "no Actor1"
	case rel.Name == "perpetrated":
		return obj, "" // the row becomes the event
	case a2.id != "" && rel.Range&graph.KindActor != 0:
		obj = a2
	case place.id != "" && rel.Range&graph.KindPlace != 0:
		obj = place
	case rel.Range&graph.KindEvent != 0:
		return obj, fmt.Sprintf("%s needs an event GDELT does not name", rel.Name)
	default:
		return obj, fmt.Sprintf("%s needs a second actor or a place the row does not give", rel.Name)
	}
	if err := rel.Accepts(im.typeOr(a1), im.typeOr(obj)); err != nil {
		return obj, fmt.Sprintf("%s: %v", rel.Name, err)
	}
	return obj, ""
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// gdeltEntity is an actor or place a row names.
type gdeltEntity struct{ id, typ, name, note string }

// typeOr is the type of an entity known before, else the one the row gives.
func (im *importer) typeOr(e gdeltEntity) graph.Type {
	if t, ok := im.typeOf(e.id); ok {
		return t
	}
	t, _ := graph.LookupType(e.typ)
	return t
}

// gdeltEvent makes the row an event (CAMEO 18, assault: Actor1 perpetrated
// it, it targeted Actor2, it occurred at ActionGeo).
func (im *importer) gdeltEvent(p Pos, get func(string) string, id string, day *graph.Date, actor1, actor2, place, quote, note string, src *Source) error {
	typ := "attack"
	if strings.HasPrefix(get("EventCode"), "183") {
		typ = "bombing"
	}
	event := "gdelt-" + id
	ev, err := im.entity(p, "event", event, typ, fmt.Sprintf("GDELT event %s (CAMEO %s)", id, get("EventCode")), src)
	if err != nil {
		return err
	}
	if ev != nil {
		ev.Date = day
		ev.Notes = []string{note}
		ev.Quotes = []string{quote}
	}
	im.claim(p, actor1, "perpetrated", event, quote, src)
	if actor2 != "" {
		im.claim(p, event, "targeted", actor2, quote, src)
	}
	if place != "" {
		im.claim(p, event, "occurred-in", place, quote, src)
	}
	return nil
}

var titleCase = cases.Title(language.English)

// gdeltActor is the row's Actor1 or Actor2, by its CAMEO actor code, or
// no one.
func (im *importer) gdeltActor(get func(string) string, which string) gdeltEntity {
	code, name := get(which+"Code"), get(which+"Name")
	if code == "" {
		return gdeltEntity{}
	}
	if name == "" {
		name = code
	}
	typ, ok := GDELTActorType[get(which+"Type1Code")]
	if !ok {
		typ = "organisation"
		if cc := get(which + "CountryCode"); cc != "" && cc == code {
			typ = "state"
		}
	}
	return gdeltEntity{id: "gdelt-" + slugID(code), typ: typ, name: titleCase.String(strings.ToLower(name))}
}

// gdeltPlace is the row's ActionGeo place, or none.
func (im *importer) gdeltPlace(get func(string) string) gdeltEntity {
	name := get("ActionGeo_FullName")
	typ, ok := gdeltPlaceType[get("ActionGeo_Type")]
	if name == "" || !ok {
		return gdeltEntity{}
	}
	e := gdeltEntity{id: "gdelt-" + slugID(name), typ: typ, name: name}
	if get("ActionGeo_Lat") != "" && get("ActionGeo_Long") != "" {
		e.note = fmt.Sprintf("coordinates: %s, %s", get("ActionGeo_Lat"), get("ActionGeo_Long"))
	}
	return e
}
