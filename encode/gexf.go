package encode

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
)

// GEXF 1.3 namespace and schema.
const (
	gexfNS     = "http://gexf.net/1.3"
	gexfSchema = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
	xsiNS      = "http://www.w3.org/2001/XMLSchema-instance"
)

// GEXF attribute columns, declared once in the graph header. The ids are
// also the titles, so readers that key attributes by title or by id agree.
var (
	gexfNodeAttrs = []gexfAttr{
		{ID: "type", Title: "type", Type: "string"},
		{ID: "type_label", Title: "type_label", Type: "string"},
		{ID: "aliases", Title: "aliases", Type: "string"},
		{ID: "date", Title: "date", Type: "string"},
		{ID: "killed", Title: "killed", Type: "string"},
		{ID: "injured", Title: "injured", Type: "string"},
	}
	gexfEdgeAttrs = []gexfAttr{
		{ID: "relation", Title: "relation", Type: "string"},
		{ID: "certainty", Title: "certainty", Type: "string"},
		{ID: "sources", Title: "sources", Type: "integer"},
		{ID: "claims", Title: "claims", Type: "integer"},
		{ID: "quote", Title: "quote", Type: "string"},
	}
)

type gexfAttr struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfAttrs struct {
	Class string     `xml:"class,attr"`
	Mode  string     `xml:"mode,attr"`
	Attrs []gexfAttr `xml:"attribute"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfNode struct {
	ID     string      `xml:"id,attr"`
	Label  string      `xml:"label,attr"`
	Start  string      `xml:"start,attr,omitempty"`
	End    string      `xml:"end,attr,omitempty"`
	Values []gexfValue `xml:"attvalues>attvalue,omitempty"`
}

type gexfEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Kind   string      `xml:"kind,attr"`
	Label  string      `xml:"label,attr"`
	Start  string      `xml:"start,attr,omitempty"`
	End    string      `xml:"end,attr,omitempty"`
	Values []gexfValue `xml:"attvalues>attvalue,omitempty"`
}

type gexfGraph struct {
	Mode       string      `xml:"mode,attr"`
	EdgeType   string      `xml:"defaultedgetype,attr"`
	TimeFormat string      `xml:"timeformat,attr"`
	TimeRep    string      `xml:"timerepresentation,attr"`
	Attributes []gexfAttrs `xml:"attributes"`
	Nodes      []gexfNode  `xml:"nodes>node"`
	Edges      []gexfEdge  `xml:"edges>edge"`
}

type gexfDoc struct {
	XMLName     xml.Name  `xml:"gexf"`
	NS          string    `xml:"xmlns,attr"`
	XSI         string    `xml:"xmlns:xsi,attr"`
	Schema      string    `xml:"xsi:schemaLocation,attr"`
	Version     string    `xml:"version,attr"`
	Creator     string    `xml:"meta>creator"`
	Description string    `xml:"meta>description"`
	Graph       gexfGraph `xml:"graph"`
}

// WriteGEXF writes the subgraph as a dynamic GEXF 1.3 graph for Gephi. Each
// node carries its name as label and its type, type label, aliases ("; "
// separated) and event facts as attributes; an event lives from the first
// to the last day its date may mean. Each relation is its own edge (two
// relations between the same nodes stay two edges, told apart by their
// kind), carrying the relation, the firmest certainty, the number of
// distinct sources and of claims, and the first claim's quote; it lives
// over the claims' validity, or, without one, over the date of the event
// it links. Output is deterministic.
func WriteGEXF(w io.Writer, sg queries.Subgraph) error {
	doc := gexfDoc{
		NS: gexfNS, XSI: xsiNS, Schema: gexfSchema, Version: "1.3",
		Creator: "actorgraph", Description: sg.Scope,
		Graph: gexfGraph{
			Mode: "dynamic", EdgeType: "directed", TimeFormat: "date", TimeRep: "interval",
			Attributes: []gexfAttrs{
				{Class: "node", Mode: "static", Attrs: gexfNodeAttrs},
				{Class: "edge", Mode: "static", Attrs: gexfEdgeAttrs},
			},
		},
	}
	for _, n := range sg.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, gexfNodeOf(n, sg))
	}
	for i, e := range sg.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, gexfEdgeOf(i, e, sg))
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write gexf: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func gexfNodeOf(n graph.Entity, sg queries.Subgraph) gexfNode {
	gn := gexfNode{ID: n.ID, Label: n.DisplayName()}
	add := func(key, v string) {
		if v != "" {
			gn.Values = append(gn.Values, gexfValue{key, v})
		}
	}
	add("type", n.Type)
	if t, err := graph.LookupType(n.Type); err == nil {
		add("type_label", t.Label)
	}
	aliases := append([]string(nil), n.Aliases...)
	sort.Strings(aliases)
	add("aliases", strings.Join(aliases, "; "))
	if n.Date != nil {
		add("date", n.Date.String())
		gn.Start, gn.End = dateSpan(*n.Date, sg)
	}
	if n.Killed != nil {
		add("killed", n.Killed.String())
	}
	if n.Injured != nil {
		add("injured", n.Injured.String())
	}
	return gn
}

func gexfEdgeOf(i int, e graph.Edge, sg queries.Subgraph) gexfEdge {
	label := e.Relation
	if r, err := graph.LookupRelation(e.Relation); err == nil {
		label = r.Label
	}
	ge := gexfEdge{ID: "e" + strconv.Itoa(i), Source: e.Subject, Target: e.Object, Kind: e.Relation, Label: label}
	ge.Values = []gexfValue{
		{"relation", e.Relation},
		{"certainty", string(firmestCertainty(e.Claims))},
		{"sources", strconv.Itoa(len(sourcesOf(e)))},
		{"claims", strconv.Itoa(len(e.Claims))},
	}
	if len(e.Claims) > 0 && e.Claims[0].Quote != "" {
		ge.Values = append(ge.Values, gexfValue{"quote", e.Claims[0].Quote})
	}
	ge.Start, ge.End = validitySpan(e.Claims)
	if ge.Start == "" && ge.End == "" {
		for _, id := range []string{e.Subject, e.Object} {
			if n, ok := sg.Node(id); ok && n.Date != nil {
				ge.Start, ge.End = dateSpan(*n.Date, sg)
				break
			}
		}
	}
	return ge
}

// dateSpan is the first and last day a date may mean, as GEXF dates, with
// the date of the event it is anchored to when sg has it; a side the date
// leaves open is "".
func dateSpan(d graph.Date, sg queries.Subgraph) (string, string) {
	span := spanIn(d, sg, 5)
	var start, end string
	if !span.Start.IsZero() {
		start = span.Start.Format(time.DateOnly)
	}
	if !span.End.IsZero() {
		end = span.End.AddDate(0, 0, -1).Format(time.DateOnly)
	}
	return start, end
}

// spanIn is the span of d, read with its anchor event's span when sg holds
// that event (following anchors at most depth deep).
func spanIn(d graph.Date, sg queries.Subgraph, depth int) graph.Span {
	if d.After == "" || depth == 0 {
		return d.Span(nil)
	}
	a, ok := sg.Node(d.After)
	if !ok || a.Date == nil {
		return d.Span(nil)
	}
	anchor := spanIn(*a.Date, sg, depth-1)
	return d.Span(&anchor)
}

// validitySpan is the span over which the claims hold: from the earliest
// start to the latest end, each side open when any claim leaves it open.
func validitySpan(cs []graph.Claim) (string, string) {
	if len(cs) == 0 {
		return "", ""
	}
	var from, until time.Time
	openFrom, openUntil := false, false
	for _, c := range cs {
		if c.ValidFrom == nil || c.ValidFrom.Start().IsZero() {
			openFrom = true
		} else if t := c.ValidFrom.Start(); from.IsZero() || t.Before(from) {
			from = t
		}
		if c.ValidUntil == nil || c.ValidUntil.End().IsZero() {
			openUntil = true
		} else if t := c.ValidUntil.End().AddDate(0, 0, -1); t.After(until) {
			until = t
		}
	}
	var s, e string
	if !openFrom {
		s = from.Format(time.DateOnly)
	}
	if !openUntil {
		e = until.Format(time.DateOnly)
	}
	return s, e
}

// sourcesOf lists the distinct sources of an edge's claims, sorted.
func sourcesOf(e graph.Edge) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range e.Claims {
		if c.Source != "" && !seen[c.Source] {
			seen[c.Source] = true
			out = append(out, c.Source)
		}
	}
	sort.Strings(out)
	return out
}

// firmestCertainty is the firmest certainty among claims (reported when none).
func firmestCertainty(cs []graph.Claim) graph.Certainty {
	best := len(graph.Certainties)
	for _, c := range cs {
		for i, k := range graph.Certainties {
			if c.Certainty == k && i < best {
				best = i
			}
		}
	}
	if best == len(graph.Certainties) {
		return graph.Reported
	}
	return graph.Certainties[best]
}
