package seed

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// stixObj is the part of a STIX 2.1 object the import reads, with the
// x_actorgraph_ properties actorgraph's own export adds.
type stixObj struct {
	Type               string    `json:"type"`
	ID                 string    `json:"id"`
	Revoked            bool      `json:"revoked"`
	Name               string    `json:"name"`
	Description        string    `json:"description"`
	Aliases            []string  `json:"aliases"`
	IdentityClass      string    `json:"identity_class"`
	Sectors            []string  `json:"sectors"`
	ThreatActorTypes   []string  `json:"threat_actor_types"`
	Region             string    `json:"region"`
	Country            string    `json:"country"`
	AdministrativeArea string    `json:"administrative_area"`
	City               string    `json:"city"`
	Latitude           *float64  `json:"latitude"`
	Longitude          *float64  `json:"longitude"`
	FirstSeen          string    `json:"first_seen"`
	RelationshipType   string    `json:"relationship_type"`
	SourceRef          string    `json:"source_ref"`
	TargetRef          string    `json:"target_ref"`
	StartTime          string    `json:"start_time"`
	StopTime           string    `json:"stop_time"`
	Confidence         *int      `json:"confidence"`
	ExternalReferences []stixRef `json:"external_references"`

	XID         string              `json:"x_actorgraph_id"`
	XType       string              `json:"x_actorgraph_type"`
	XAliases    []string            `json:"x_actorgraph_aliases"`
	XDate       string              `json:"x_actorgraph_date"`
	XKilled     *int                `json:"x_actorgraph_killed"`
	XKilledQ    string              `json:"x_actorgraph_killed_qualifier"`
	XInjured    *int                `json:"x_actorgraph_injured"`
	XInjuredQ   string              `json:"x_actorgraph_injured_qualifier"`
	XCasualties string              `json:"x_actorgraph_casualties"`
	XRelation   string              `json:"x_actorgraph_relation"`
	XCertainty  string              `json:"x_actorgraph_certainty"`
	XAssertedBy string              `json:"x_actorgraph_asserted_by"`
	XHedge      string              `json:"x_actorgraph_hedge"`
	XValidFrom  string              `json:"x_actorgraph_valid_from"`
	XValidUntil string              `json:"x_actorgraph_valid_until"`
	XSource     string              `json:"x_actorgraph_source"`
	XNotes      []string            `json:"x_actorgraph_notes"`
	XSources    []string            `json:"x_actorgraph_sources"`
	XAliasSrc   map[string][]string `json:"x_actorgraph_alias_sources"`
	XFacts      []struct {
		Kind      string      `json:"kind"`
		Value     string      `json:"value"`
		Date      *graph.Date `json:"date"`
		Qualifier string      `json:"qualifier"`
		Source    string      `json:"source"`
		Quotes    []string    `json:"quotes"`
	} `json:"x_actorgraph_facts"`
	XEvidence []graph.Evidence `json:"x_actorgraph_evidence"`

	pos Pos
}

// stixRef is an external reference.
type stixRef struct {
	SourceName  string `json:"source_name"`
	Description string `json:"description"`
	URL         string `json:"url"`
	ExternalID  string `json:"external_id"`
}

// stixObjects reads a bundle's objects, each with the line it starts on.
func stixObjects(file string, data []byte) (string, []*stixObj, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	lineAt := func(off int64) int {
		for off < int64(len(data)) && bytes.IndexByte([]byte(" \t\r\n,"), data[off]) >= 0 {
			off++
		}
		return 1 + bytes.Count(data[:off], []byte("\n"))
	}
	bad := func(err error) error {
		return &LineError{Pos: Pos{File: file, Line: lineAt(dec.InputOffset())}, Err: fmt.Errorf("not a STIX 2.1 bundle: %v", err)}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return "", nil, bad(fmt.Errorf("want a JSON object"))
	}
	var objs []*stixObj
	typ, id := "", ""
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", nil, bad(err)
		}
		switch tok {
		case "type":
			if err := dec.Decode(&typ); err != nil {
				return "", nil, bad(err)
			}
		case "id":
			if err := dec.Decode(&id); err != nil {
				return "", nil, bad(err)
			}
		case "objects":
			if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
				return "", nil, bad(fmt.Errorf("objects is not a list"))
			}
			for dec.More() {
				o := &stixObj{pos: Pos{File: file, Line: lineAt(dec.InputOffset())}}
				if err := dec.Decode(o); err != nil {
					return "", nil, bad(err)
				}
				objs = append(objs, o)
			}
			if _, err := dec.Token(); err != nil {
				return "", nil, bad(err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return "", nil, bad(err)
			}
		}
	}
	if typ != "bundle" {
		return "", nil, &LineError{Pos: Pos{File: file, Line: 1}, Err: fmt.Errorf("not a STIX 2.1 bundle: type %q, want \"bundle\"", typ)}
	}
	return id, objs, nil
}

// stix reads a STIX 2.1 bundle: identities, threat actors, intrusion sets,
// campaigns, incidents and locations become entities; relationships become
// claims, their external references sources.
func (im *importer) stix(data []byte) error {
	bundle, objs, err := stixObjects(im.doc.File, data)
	if err != nil {
		im.errs = append(im.errs, err.(*LineError))
		return nil
	}
	im.bundle = bundle
	ids := map[string]string{} // STIX id → entity ID
	for _, o := range objs {
		if o.Revoked {
			im.skip(o.pos, "revoked (the bundle withdraws it)")
			continue
		}
		if o.Type == "relationship" {
			continue
		}
		if err := im.stixEntity(o, ids); err != nil {
			return err
		}
	}
	for _, o := range objs {
		if o.Type == "relationship" && !o.Revoked {
			im.stixRelationship(o, ids)
		}
	}
	return nil
}

// stixEntityType is the entity type of a STIX object, or "" for an object
// that is not an actor, place or event.
func stixEntityType(o *stixObj) string {
	if _, err := graph.LookupType(o.XType); err == nil {
		return o.XType
	}
	switch o.Type {
	case "identity":
		switch {
		case o.IdentityClass == "individual":
			return "person"
		case o.IdentityClass == "group" || o.IdentityClass == "class":
			return "population"
		case slices.ContainsFunc(o.Sectors, func(s string) bool { return strings.HasPrefix(s, "government") }):
			return "government-body"
		case slices.Contains(o.Sectors, "defense"):
			return "military-force"
		case slices.Contains(o.Sectors, "communications"):
			return "media-outlet"
		}
		return "organisation"
	case "threat-actor":
		if slices.Contains(o.ThreatActorTypes, "nation-state") {
			return "military-force"
		}
		return "armed-group"
	case "intrusion-set":
		return "armed-group"
	case "campaign":
		return "campaign"
	case "incident":
		return "attack"
	case "location":
		switch {
		case o.City != "" || o.Latitude != nil:
			return "city"
		case o.AdministrativeArea != "" || o.Country == "":
			return "region"
		}
		return "state"
	}
	return ""
}

// stixName is an object's name; a location without one is named by its
// city, area, country or region.
func stixName(o *stixObj) string {
	country := o.Country
	if r, err := language.ParseRegion(o.Country); err == nil && r.IsCountry() {
		country = display.English.Regions().Name(r)
	}
	for _, n := range []string{o.Name, o.City, o.AdministrativeArea, country, o.Region} {
		if n != "" {
			return n
		}
	}
	return ""
}

// stixLocalID is our ID for a STIX object: its x_actorgraph_id, or one made
// from its STIX identifier.
func stixLocalID(o *stixObj) string {
	if validID(o.XID) {
		return o.XID
	}
	_, u, _ := strings.Cut(o.ID, "--")
	return "stix-" + slugID(u)
}

func (im *importer) stixEntity(o *stixObj, ids map[string]string) error {
	typ := stixEntityType(o)
	if typ == "" {
		im.skip(o.pos, fmt.Sprintf("STIX type %s is not an actor, place or event", o.Type))
		return nil
	}
	name := stixName(o)
	if name == "" || !strings.Contains(o.ID, "--") {
		im.errs.add(o.pos, "%s %q has no name or no type--UUID id", o.Type, o.ID)
		return nil
	}
	id := stixLocalID(o)
	ids[o.ID] = id
	var srcs []*Source
	for _, r := range o.ExternalReferences {
		srcs = append(srcs, im.refSource(o.pos, r, o.XSources))
	}
	var primary *Source
	if len(srcs) > 0 {
		primary = srcs[0]
	}
	d, err := im.entity(o.pos, "", id, typ, name, primary)
	if err != nil || d == nil {
		return err
	}
	defOf := im.stixDefs(o, d, primary)
	for _, src := range srcs {
		defOf(src) // every source that defines or mentions it
	}
	for _, a := range append(append([]string(nil), o.Aliases...), o.XAliases...) {
		if a == name {
			continue
		}
		defs := []*EntityDef{d}
		if ids := o.XAliasSrc[a]; len(ids) > 0 {
			defs = defs[:0]
			for _, id := range ids {
				defs = append(defs, defOf(im.sourceOrNil(o.pos, id)))
			}
		}
		for _, e := range defs {
			e.Aliases = appendNew(e.Aliases, a) // each source's names for it
		}
	}
	if o.Description != "" {
		d.Notes = strings.Split(o.Description, "\n")
	}
	if o.Latitude != nil && o.Longitude != nil {
		d.Notes = appendNew(d.Notes, fmt.Sprintf("coordinates: %s, %s",
			strconv.FormatFloat(*o.Latitude, 'f', -1, 64), strconv.FormatFloat(*o.Longitude, 'f', -1, 64)))
	}
	if d.Keyword == "event" {
		im.stixEventFacts(o, d, defOf)
	}
	return nil
}

// stixDefs gives the definition of an entity by a source: d for its first
// source (or none), a new one for each other source.
func (im *importer) stixDefs(o *stixObj, d *EntityDef, primary *Source) func(*Source) *EntityDef {
	bySource := map[string]*EntityDef{}
	return func(src *Source) *EntityDef {
		if src == nil || src == primary {
			return d
		}
		if e := bySource[src.ID]; e != nil {
			return e
		}
		e := &EntityDef{Pos: o.pos, Keyword: d.Keyword, ID: d.ID, Type: d.Type, Name: d.Name, Source: src}
		bySource[src.ID] = e
		im.doc.Entities = append(im.doc.Entities, e)
		return e
	}
}

// stixEventFacts gives an event its facts and quotes, source by source
// (x_actorgraph_facts, x_actorgraph_evidence), or as another tool's bundle
// has them.
func (im *importer) stixEventFacts(o *stixObj, d *EntityDef, defOf func(*Source) *EntityDef) {
	defer func() {
		if d.Source == nil && (d.Date != nil || d.Killed != nil || d.Injured != nil || d.Casualties != "" || len(d.Quotes) > 0) {
			d.Source = im.bundleSource(o.pos) // facts are statements of a source
		}
	}()
	if len(o.XFacts) == 0 {
		im.stixForeignFacts(o, d)
	}
	// A source's quotes are those of its figures; with a date only, those
	// of the date but its own sentence (Date.Quote); with no fact, its
	// evidence.
	figureQuotes, dateQuotes := map[*EntityDef][]string{}, map[*EntityDef][]string{}
	for _, f := range o.XFacts {
		e := defOf(im.sourceOrNil(o.pos, f.Source))
		if f.Kind == graph.FactDate && f.Date != nil {
			if err := f.Date.Check(); err != nil {
				im.errs.add(o.pos, "x_actorgraph_facts: %v", err)
			}
			dt := *f.Date
			e.Date = &dt
			dateQuotes[e] = slices.DeleteFunc(slices.Clone(f.Quotes), func(q string) bool { return q == dt.Quote })
			continue
		}
		if err := setFact(e, f.Kind, f.Value, f.Qualifier); err != nil {
			im.errs.add(o.pos, "x_actorgraph_facts: %v", err)
		}
		figureQuotes[e] = appendNew(figureQuotes[e], f.Quotes...)
	}
	for e, qs := range dateQuotes {
		if _, ok := figureQuotes[e]; !ok {
			figureQuotes[e] = qs
		}
	}
	for e, qs := range figureQuotes {
		e.Quotes = appendNew(e.Quotes, qs...)
	}
	for _, ev := range o.XEvidence {
		if e := defOf(im.sourceOrNil(o.pos, ev.Source)); figureQuotes[e] == nil {
			e.Quotes = appendNew(e.Quotes, ev.Quote)
		}
	}
}

// appendNew appends the strings not yet in list.
func appendNew(list []string, add ...string) []string {
	for _, s := range add {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// setFact sets one event fact of a definition.
func setFact(e *EntityDef, kind, value, qualifier string) error {
	switch kind {
	case graph.FactDate:
		d, err := graph.ParseDate(value)
		e.Date = &d
		return err
	case graph.FactKilled, graph.FactInjured:
		n, err := strconv.Atoi(value)
		if err != nil || n < 0 {
			return fmt.Errorf("%s %q is not a count", kind, value)
		}
		if kind == graph.FactKilled {
			e.Killed = &graph.Figure{N: n, Qualifier: qualifier}
		} else {
			e.Injured = &graph.Figure{N: n, Qualifier: qualifier}
		}
	case graph.FactCasualties:
		e.Casualties = value
	default:
		return fmt.Errorf("unknown fact kind %q", kind)
	}
	return nil
}

// stixForeignFacts dates an event of another tool's bundle by our date or
// its first_seen, as a fact of its first source (or of the bundle).
func (im *importer) stixForeignFacts(o *stixObj, d *EntityDef) {
	if dt, err := graph.ParseDate(o.XDate); err == nil {
		d.Date = &dt
	} else if t, err := time.Parse(time.RFC3339Nano, o.FirstSeen); err == nil {
		d.Date = &graph.Date{Value: t.UTC().Format(time.DateOnly), Precision: graph.Day}
	}
	if o.XKilled != nil {
		d.Killed = &graph.Figure{N: *o.XKilled, Qualifier: o.XKilledQ}
	}
	if o.XInjured != nil {
		d.Injured = &graph.Figure{N: *o.XInjured, Qualifier: o.XInjuredQ}
	}
	d.Casualties = o.XCasualties
}

// STIXRelation maps STIX relationship types that are not our relation names
// to relations, by the kind of the relationship's source. Any other type is
// counted and skipped.
var STIXRelation = map[string]map[graph.Kind]string{
	"targets":       {graph.KindEvent: "targeted", graph.KindActor: "threatens"},
	"located-at":    {graph.KindEvent: "occurred-in", graph.KindPlace: "located-in", graph.KindActor: "based-in"},
	"attributed-to": {graph.KindEvent: "~perpetrated", graph.KindActor: "part-of"},
}

// stixRelationOf is the relation of a relationship, and whether it reads
// backwards (an event attributed-to an actor: the actor perpetrated it).
func stixRelationOf(o *stixObj, subj graph.Type) (string, bool, bool) {
	if r, err := graph.LookupRelation(o.XRelation); err == nil {
		return r.Name, false, true
	}
	if r, err := graph.LookupRelation(o.RelationshipType); err == nil && r.Name == o.RelationshipType {
		return r.Name, false, true
	}
	for _, k := range []graph.Kind{graph.KindEvent, graph.KindActor, graph.KindPlace} {
		if rel, ok := STIXRelation[o.RelationshipType][k]; ok && subj.Is(k) {
			return strings.TrimPrefix(rel, "~"), strings.HasPrefix(rel, "~"), true
		}
	}
	return "", false, false
}

func (im *importer) stixRelationship(o *stixObj, ids map[string]string) {
	subj, ok1 := ids[o.SourceRef]
	obj, ok2 := ids[o.TargetRef]
	if !ok1 || !ok2 {
		im.skip(o.pos, "a relationship refers to an object that is not an imported actor, place or event")
		return
	}
	st, _ := im.typeOf(subj)
	rel, backwards, ok := stixRelationOf(o, st)
	if !ok {
		im.skip(o.pos, fmt.Sprintf("relationship_type %q has no relation (see docs/import.md)", o.RelationshipType))
		return
	}
	if backwards {
		subj, obj = obj, subj
	}
	r, _ := graph.LookupRelation(rel)
	s, _ := im.typeOf(subj)
	t, _ := im.typeOf(obj)
	if err := r.Accepts(s, t); err != nil {
		im.skip(o.pos, fmt.Sprintf("%s: %v", rel, err))
		return
	}
	certainty := graph.Reported
	if c, err := graph.ParseCertainty(o.XCertainty); err == nil {
		certainty = c
	}
	if certainty == graph.Attributed || certainty == graph.Assessed {
		if _, known := im.typeOf(o.XAssertedBy); !known {
			im.skip(o.pos, "a claim's `by` is not in the bundle or the store")
			return
		}
	}
	quote := o.Description
	if quote == "" {
		quote = fmt.Sprintf("STIX %s: %s %s %s", o.ID, subj, o.RelationshipType, obj)
	}
	if im.said[o.ID] {
		return // the same relationship twice
	}
	im.said[o.ID] = true
	c := im.newClaim(o.pos, subj, rel, obj, quote, im.stixSource(o))
	c.Certainty = certainty
	if certainty == graph.Attributed || certainty == graph.Assessed {
		c.By = o.XAssertedBy
	}
	c.Notes = o.XNotes
	if strings.Contains(normalizeSpace(quote), normalizeSpace(o.XHedge)) {
		c.Hedge = o.XHedge
	}
	if o.XCertainty == "" && o.Confidence != nil {
		c.Notes = append(c.Notes, fmt.Sprintf("STIX confidence %d", *o.Confidence))
	}
	c.From = stixDate(o.XValidFrom, o.StartTime, 0)
	c.Until = stixDate(o.XValidUntil, o.StopTime, -time.Millisecond)
}

// stixDate is a claim's validity bound: our exact date when the bundle has
// it, else the day of the STIX time (shifted by shift, so that an exclusive
// stop time gives the last day).
func stixDate(exact, stamp string, shift time.Duration) *graph.Date {
	if d, err := graph.ParseDate(exact); err == nil {
		return &d
	}
	t, err := time.Parse(time.RFC3339Nano, stamp)
	if err != nil {
		return nil
	}
	return &graph.Date{Value: t.Add(shift).UTC().Format(time.DateOnly), Precision: graph.Day}
}

// stixSource is the source of a relationship: its first external
// reference, else the bundle.
func (im *importer) stixSource(o *stixObj) *Source {
	if len(o.ExternalReferences) == 0 {
		return im.bundleSource(o.pos)
	}
	return im.refSource(o.pos, o.ExternalReferences[0], []string{o.XSource})
}

// refSource is the source an external reference names: ours (its
// external_id, when the object's x_actorgraph_ properties list it), or one
// named by a hash of its source name, URL and external ID.
func (im *importer) refSource(p Pos, r stixRef, ours []string) *Source {
	id := fmt.Sprintf("stix-%x", sha1.Sum([]byte(r.SourceName+"\n"+r.URL+"\n"+r.ExternalID)))[:17]
	if validID(r.ExternalID) && slices.Contains(ours, r.ExternalID) {
		id = r.ExternalID
	}
	s := im.sourceByID(p, id)
	if s.Title == "" && s.URL == "" {
		s.Title, s.URL = r.SourceName, r.URL
	}
	return s
}

// bundleSource is the source of what a bundle says without a reference.
func (im *importer) bundleSource(p Pos) *Source {
	_, u, _ := strings.Cut(im.bundle, "--")
	s := im.sourceByID(p, "stix-bundle-"+slugID(u))
	s.Title = "STIX bundle " + im.bundle
	return s
}

// sourceOrNil is sourceByID, or nil for no source ID.
func (im *importer) sourceOrNil(p Pos, id string) *Source {
	if !validID(id) {
		return nil
	}
	return im.sourceByID(p, id)
}

// sourceByID is the document's source with this ID, added when new.
func (im *importer) sourceByID(p Pos, id string) *Source {
	for _, s := range im.doc.Sources {
		if s.ID == id {
			return s
		}
	}
	return im.source(p, id)
}
