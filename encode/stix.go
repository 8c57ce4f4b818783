package encode

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/cayleygraph/quad"
	"github.com/google/uuid"
)

// STIXNamespace is the UUIDv5 namespace of every STIX identifier actorgraph
// writes: an object's UUID is UUIDv5(STIXNamespace, our ID of it), so the
// same graph always gives the same identifiers.
var STIXNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/actorgraph/actorgraph/stix"))

// STIXTimestamp is the created and modified time of every object: fixed, so
// that exporting the same graph twice gives the same bytes.
const STIXTimestamp = "1970-01-01T00:00:00.000Z"

// stixTime is the layout of STIX timestamps: RFC 3339, UTC, milliseconds.
const stixTime = "2006-01-02T15:04:05.000Z"

// STIXConfidence maps a claim's certainty to the STIX confidence (0-100),
// on the Admiralty credibility scale of STIX 2.1 Appendix A: a source's own
// statement is "probably true" (60-79); an actor's claim about itself, a
// reported attribution and an analyst's judgement "possibly true" (40-59),
// in that order.
var STIXConfidence = map[graph.Certainty]int{
	graph.Reported:   70,
	graph.Claimed:    55,
	graph.Attributed: 50,
	graph.Assessed:   45,
}

// STIXRelationshipType maps our relations to the relationship types the
// STIX 2.1 specification defines where they mean the same; every other
// relation keeps its own name as a custom relationship type.
var STIXRelationshipType = map[string]string{
	"targeted":    "targets",
	"based-in":    "located-at",
	"occurred-in": "located-at",
	"located-in":  "located-at",
}

// Source is what the STIX export says about a cited source.
type Source struct {
	ID, Title, Publisher, URL, Published string
}

// CitedSources reads the title, publisher, URL and publication date of
// every source sg cites: the sources of its claims, of its nodes and of
// their facts.
func CitedSources(ctx context.Context, st *graph.Store, sg queries.Subgraph) (map[string]Source, error) {
	var ids []string
	for _, n := range sg.Nodes {
		ids = append(ids, n.Sources...)
		for _, f := range n.Facts {
			ids = append(ids, f.Source)
		}
	}
	for _, e := range sg.Edges {
		for _, c := range e.Claims {
			ids = append(ids, c.Source)
		}
	}
	out := map[string]Source{}
	for _, id := range ids {
		if _, done := out[id]; done || id == "" {
			continue
		}
		s := Source{ID: id}
		err := st.QuadsWith(ctx, quad.Subject, graph.SourceIRI(id), func(q quad.Quad) error {
			v := graph.Text(q.Object)
			switch q.Predicate {
			case graph.PropTitle:
				s.Title = v
			case graph.PropPublisher:
				s.Publisher = v
			case graph.PropURL:
				s.URL = v
			case graph.PropPublished:
				s.Published = v
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read source %s: %w", id, err)
		}
		out[id] = s
	}
	return out, nil
}

// WithReferenced adds to sg the entities it refers to but lacks: the
// speakers its claims are attributed to or assessed by, and the events its
// dates come after (and theirs), so that a bundle of a part of the graph
// loads back on its own.
func WithReferenced(ctx context.Context, st *graph.Store, sg queries.Subgraph) (queries.Subgraph, error) {
	var want []string
	for _, e := range sg.Edges {
		for _, c := range e.Claims {
			want = append(want, c.AssertedBy)
		}
	}
	anchors := func(n graph.Entity) {
		for _, f := range n.Facts {
			if f.Date != nil {
				want = append(want, f.Date.After)
			}
		}
	}
	for _, n := range sg.Nodes {
		anchors(n)
	}
	added := false
	for len(want) > 0 {
		id := want[0]
		want = want[1:]
		if _, ok := sg.Node(id); ok || id == "" {
			continue
		}
		n, err := st.Entity(ctx, id)
		if err != nil {
			return sg, fmt.Errorf("read %s: %w", id, err)
		}
		sg.Nodes = append(append([]graph.Entity(nil), sg.Nodes...), n)
		sort.Slice(sg.Nodes, func(i, j int) bool { return sg.Nodes[i].ID < sg.Nodes[j].ID })
		anchors(n)
		added = true
	}
	if added {
		sg.Scope += ", with the speakers and anchor events it refers to"
	}
	return sg, nil
}

// stixFact is one source's event fact, as x_actorgraph_facts carries it.
type stixFact struct {
	Kind      string      `json:"kind"`
	Value     string      `json:"value"`
	Date      *graph.Date `json:"date,omitempty"`
	Qualifier string      `json:"qualifier,omitempty"`
	Source    string      `json:"source"`
	Quotes    []string    `json:"quotes,omitempty"`
}

func stixFacts(fs []graph.Fact) []stixFact {
	var out []stixFact
	for _, f := range fs {
		sf := stixFact{Kind: f.Kind, Source: f.Source, Quotes: f.Quotes, Value: f.Text}
		switch {
		case f.Date != nil:
			sf.Value, sf.Date = f.Date.Value, f.Date
		case f.Figure != nil:
			sf.Value, sf.Qualifier = strconv.Itoa(f.Figure.N), f.Figure.Qualifier
		}
		out = append(out, sf)
	}
	return out
}

// stixObject is one STIX domain or relationship object; only the properties
// its type has are set.
type stixObject struct {
	Type               string         `json:"type"`
	SpecVersion        string         `json:"spec_version"`
	ID                 string         `json:"id"`
	Created            string         `json:"created"`
	Modified           string         `json:"modified"`
	Name               string         `json:"name,omitempty"`
	Description        string         `json:"description,omitempty"`
	Aliases            []string       `json:"aliases,omitempty"`
	IdentityClass      string         `json:"identity_class,omitempty"`
	Sectors            []string       `json:"sectors,omitempty"`
	ThreatActorTypes   []string       `json:"threat_actor_types,omitempty"`
	Region             string         `json:"region,omitempty"`
	Country            string         `json:"country,omitempty"`
	AdministrativeArea string         `json:"administrative_area,omitempty"`
	City               string         `json:"city,omitempty"`
	Latitude           *float64       `json:"latitude,omitempty"`
	Longitude          *float64       `json:"longitude,omitempty"`
	FirstSeen          string         `json:"first_seen,omitempty"`
	LastSeen           string         `json:"last_seen,omitempty"`
	RelationshipType   string         `json:"relationship_type,omitempty"`
	SourceRef          string         `json:"source_ref,omitempty"`
	TargetRef          string         `json:"target_ref,omitempty"`
	StartTime          string         `json:"start_time,omitempty"`
	StopTime           string         `json:"stop_time,omitempty"`
	Confidence         *int           `json:"confidence,omitempty"`
	ExternalReferences []stixExtRef   `json:"external_references,omitempty"`
	Custom             map[string]any `json:"-"`
}

type stixExtRef struct {
	SourceName  string `json:"source_name"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
	ExternalID  string `json:"external_id,omitempty"`
}

// MarshalJSON writes the object's properties, then its custom x_actorgraph_
// properties in name order.
func (o stixObject) MarshalJSON() ([]byte, error) {
	type plain stixObject
	b, err := json.Marshal(plain(o))
	if err != nil || len(o.Custom) == 0 {
		return b, err
	}
	keys := make([]string, 0, len(o.Custom))
	for k := range o.Custom {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	buf := append([]byte(nil), b[:len(b)-1]...)
	for _, k := range keys {
		v, err := json.Marshal(o.Custom[k])
		if err != nil {
			return nil, err
		}
		kb, _ := json.Marshal(k)
		buf = append(append(append(append(buf, ','), kb...), ':'), v...)
	}
	return append(buf, '}'), nil
}

type stixBundle struct {
	Type    string       `json:"type"`
	ID      string       `json:"id"`
	Objects []stixObject `json:"objects"`
}

// STIXID is the deterministic STIX identifier of one of our objects.
func STIXID(typ, key string) string {
	return typ + "--" + uuid.NewSHA1(STIXNamespace, []byte(key)).String()
}

// WriteSTIX writes the subgraph as a STIX 2.1 bundle: each actor, place and
// event an SDO of the type STIXObjectType names, each claim a relationship
// carrying its quote, certainty (as confidence), validity and source. Our
// IDs, types and exact dates ride along as x_actorgraph_ properties, so
// loading the bundle back gives the same graph. Output is deterministic.
func WriteSTIX(w io.Writer, sg queries.Subgraph, sources map[string]Source) error {
	b := stixBundle{Type: "bundle", ID: STIXID("bundle", "bundle:"+sg.Scope), Objects: []stixObject{}}
	ids := map[string]string{}
	for _, n := range sg.Nodes {
		o := stixNode(n, sg)
		for _, src := range n.Sources {
			o.ExternalReferences = append(o.ExternalReferences, extRef(src, sources[src]))
		}
		if len(n.Sources) > 0 {
			o.Custom["x_actorgraph_sources"] = n.Sources
		}
		if len(n.AliasSources) > 0 {
			o.Custom["x_actorgraph_alias_sources"] = n.AliasSources
		}
		if fs := stixFacts(n.Facts); len(fs) > 0 {
			o.Custom["x_actorgraph_facts"] = fs
		}
		if len(n.Evidence) > 0 {
			o.Custom["x_actorgraph_evidence"] = n.Evidence
		}
		ids[n.ID] = o.ID
		b.Objects = append(b.Objects, o)
	}
	for _, e := range sg.Edges {
		b.Objects = append(b.Objects, stixRelationships(e, ids, sources)...)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("write stix: %w", err)
	}
	return nil
}

// STIXObjectType is the STIX object type an entity type becomes. Places
// are locations; armed groups threat actors; campaigns campaigns; every
// other event an incident; every other actor an identity.
func STIXObjectType(t string) string {
	typ, err := graph.LookupType(t)
	switch {
	case err != nil:
		return "identity"
	case t == "armed-group":
		return "threat-actor"
	case t == "campaign":
		return "campaign"
	case typ.Is(graph.KindEvent):
		return "incident"
	case typ.Is(graph.KindPlace):
		return "location"
	}
	return "identity"
}

// stixIdentity gives the identity_class and sectors of identity types.
var stixIdentity = map[string]struct {
	class   string
	sectors []string
}{
	"organisation":    {"organization", nil},
	"media-outlet":    {"organization", []string{"communications"}},
	"government-body": {"organization", []string{"government-national"}},
	"military-force":  {"organization", []string{"defense"}},
	"person":          {"individual", nil},
	"population":      {"group", nil},
}

func stixNode(n graph.Entity, sg queries.Subgraph) stixObject {
	typ := STIXObjectType(n.Type)
	o := stixObject{Type: typ, SpecVersion: "2.1", ID: STIXID(typ, "ag:"+n.ID), Created: STIXTimestamp, Modified: STIXTimestamp,
		Name: n.DisplayName(), Description: strings.Join(n.Notes, "\n"),
		Custom: map[string]any{"x_actorgraph_id": n.ID, "x_actorgraph_type": n.Type}}
	aliases := append([]string(nil), n.Aliases...)
	sort.Strings(aliases)
	switch typ {
	case "identity":
		id := stixIdentity[n.Type]
		o.IdentityClass, o.Sectors = id.class, id.sectors
		if o.IdentityClass == "" {
			o.IdentityClass = "unknown"
		}
		if len(aliases) > 0 {
			o.Custom["x_actorgraph_aliases"] = aliases
		}
	case "location":
		stixPlace(&o, n, sg)
		if len(aliases) > 0 {
			o.Custom["x_actorgraph_aliases"] = aliases
		}
	default:
		o.Aliases = aliases
	}
	if n.Date != nil {
		o.Custom["x_actorgraph_date"] = n.Date.String()
		if span := spanIn(*n.Date, sg, 5); typ == "campaign" && !span.Start.IsZero() {
			start, end := span.Start, span.End
			o.FirstSeen = start.Format(stixTime)
			if !end.IsZero() {
				o.LastSeen = end.Add(-time.Millisecond).Format(stixTime)
			}
		}
	}
	if n.Killed != nil {
		o.Custom["x_actorgraph_killed"] = n.Killed.N
		if n.Killed.Qualifier != "" {
			o.Custom["x_actorgraph_killed_qualifier"] = n.Killed.Qualifier
		}
	}
	if n.Injured != nil {
		o.Custom["x_actorgraph_injured"] = n.Injured.N
		if n.Injured.Qualifier != "" {
			o.Custom["x_actorgraph_injured_qualifier"] = n.Injured.Qualifier
		}
	}
	if n.Casualties != "" {
		o.Custom["x_actorgraph_casualties"] = n.Casualties
	}
	return o
}

// coordinates finds "coordinates: LAT, LON" in an entity's notes (the
// imports write them so).
var coordinates = regexp.MustCompile(`^coordinates: (-?[0-9.]+), (-?[0-9.]+)$`)

// stixPlace fills what a location needs: the country's ISO code (its own,
// or that of the state it lies in by located-in), the subnational region it
// lies in as administrative area, its region when region-ov names it or the
// region it lies in, its coordinates when known. A place none of these fit
// gets its own name, in lower case with hyphens, as a custom region, since
// a location must have a region, a country or coordinates.
func stixPlace(o *stixObject, n graph.Entity, sg queries.Subgraph) {
	for _, note := range n.Notes {
		if m := coordinates.FindStringSubmatch(note); m != nil {
			lat, err1 := strconv.ParseFloat(m[1], 64)
			lon, err2 := strconv.ParseFloat(m[2], 64)
			if err1 == nil && err2 == nil && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 {
				o.Latitude, o.Longitude = &lat, &lon
			}
		}
	}
	chain := []graph.Entity{n}
	for cur := n; len(chain) < 5; {
		next, ok := locatedIn(sg, cur.ID)
		if !ok {
			break
		}
		chain, cur = append(chain, next), next
	}
	area := ""
	for i, p := range chain {
		if p.Type == "state" {
			o.Country = countryCode(p)
			o.AdministrativeArea = area
			break
		}
		if i > 0 && p.Type == "region" && area == "" {
			area = p.DisplayName()
		}
	}
	if n.Type == "city" {
		o.City = n.DisplayName()
	}
	for _, p := range chain {
		if r := regionOV[strings.ToLower(p.DisplayName())]; r != "" && (p.ID == n.ID || o.Country == "") {
			o.Region = r
			break
		}
	}
	if o.Country == "" && o.Region == "" && o.Latitude == nil {
		o.Region = slug(n.DisplayName())
	}
}

// locatedIn is the place a place lies in, by a located-in edge of sg.
func locatedIn(sg queries.Subgraph, id string) (graph.Entity, bool) {
	for _, e := range sg.Edges {
		if e.Subject == id && e.Relation == "located-in" {
			return sg.Node(e.Object)
		}
	}
	return graph.Entity{}, false
}

// slug is s in lower-case ASCII letters and digits joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "unnamed"
	}
	return b.String()
}

func stixRelationships(e graph.Edge, ids map[string]string, sources map[string]Source) []stixObject {
	rt := e.Relation
	if t, ok := STIXRelationshipType[rt]; ok {
		rt = t
	}
	base := stixObject{Type: "relationship", SpecVersion: "2.1", Created: STIXTimestamp, Modified: STIXTimestamp,
		RelationshipType: rt, SourceRef: ids[e.Subject], TargetRef: ids[e.Object]}
	if len(e.Claims) == 0 {
		base.ID = STIXID("relationship", "rel:"+e.Subject+"."+e.Relation+"."+e.Object)
		base.Custom = map[string]any{"x_actorgraph_relation": e.Relation}
		return []stixObject{base}
	}
	out := make([]stixObject, 0, len(e.Claims))
	for _, c := range e.Claims {
		o := base
		o.ID = STIXID("relationship", "claim:"+c.ID)
		o.Description = c.Quote
		conf := STIXConfidence[c.Certainty]
		o.Confidence = &conf
		o.Custom = map[string]any{"x_actorgraph_relation": e.Relation, "x_actorgraph_claim": c.ID, "x_actorgraph_certainty": string(c.Certainty)}
		if c.AssertedBy != "" {
			o.Custom["x_actorgraph_asserted_by"] = c.AssertedBy
		}
		if c.Hedge != "" {
			o.Custom["x_actorgraph_hedge"] = c.Hedge
		}
		if len(c.Notes) > 0 {
			o.Custom["x_actorgraph_notes"] = c.Notes
		}
		var start time.Time
		if c.ValidFrom != nil {
			o.Custom["x_actorgraph_valid_from"] = c.ValidFrom.Value
			if start = c.ValidFrom.Start(); !start.IsZero() {
				o.StartTime = start.Format(stixTime)
			}
		}
		if c.ValidUntil != nil {
			o.Custom["x_actorgraph_valid_until"] = c.ValidUntil.Value
			if stop := c.ValidUntil.End(); !stop.IsZero() && stop.After(start) {
				o.StopTime = stop.Format(stixTime)
			}
		}
		if c.Source != "" {
			o.Custom["x_actorgraph_source"] = c.Source
			o.ExternalReferences = []stixExtRef{extRef(c.Source, sources[c.Source])}
		}
		out = append(out, o)
	}
	return out
}

// extRef names a source: by its title (or publisher, or ID), with its URL.
func extRef(id string, s Source) stixExtRef {
	name := s.Title
	if name == "" {
		name = s.Publisher
	}
	if name == "" {
		name = id
	}
	r := stixExtRef{SourceName: name, URL: s.URL, ExternalID: id}
	var desc []string
	if s.Publisher != "" && s.Publisher != name {
		desc = append(desc, s.Publisher)
	}
	if s.Published != "" {
		desc = append(desc, "published "+s.Published)
	}
	r.Description = strings.Join(desc, ", ")
	return r
}
