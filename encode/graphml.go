package encode

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
)

// GraphML attribute keys, declared once in the document header.
var graphMLKeys = []struct{ id, on, name, typ string }{
	{"n_name", "node", "name", "string"},
	{"n_type", "node", "type", "string"},
	{"n_type_label", "node", "type_label", "string"},
	{"n_aliases", "node", "aliases", "string"},
	{"n_date", "node", "date", "string"},
	{"n_killed", "node", "killed", "string"},
	{"n_injured", "node", "injured", "string"},
	{"n_casualties", "node", "casualties", "string"},
	{"e_relation", "edge", "relation", "string"},
	{"e_label", "edge", "label", "string"},
	{"e_certainty", "edge", "certainty", "string"},
	{"e_claims", "edge", "claims", "int"},
	{"e_sources", "edge", "sources", "int"}, // distinct sources of the claims: corroboration
	{"e_quote", "edge", "quote", "string"},
	{"e_source", "edge", "source", "string"},
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type gmlNode struct {
	ID   string    `xml:"id,attr"`
	Data []gmlData `xml:"data"`
}

type gmlEdge struct {
	ID     string    `xml:"id,attr"`
	Source string    `xml:"source,attr"`
	Target string    `xml:"target,attr"`
	Data   []gmlData `xml:"data"`
}

type gmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type gmlGraph struct {
	ID          string    `xml:"id,attr"`
	EdgeDefault string    `xml:"edgedefault,attr"`
	Nodes       []gmlNode `xml:"node"`
	Edges       []gmlEdge `xml:"edge"`
}

type gmlDoc struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []gmlKey `xml:"key"`
	Graph   gmlGraph `xml:"graph"`
}

// WriteGraphML writes the subgraph as GraphML for Gephi, yEd or Maltego:
// nodes carry name, type and aliases; edges carry relation, certainty, the
// quotes and their sources (several claims are joined with " | ").
func WriteGraphML(w io.Writer, sg queries.Subgraph) error {
	doc := gmlDoc{Graph: gmlGraph{ID: "actorgraph", EdgeDefault: "directed"}}
	for _, k := range graphMLKeys {
		doc.Keys = append(doc.Keys, gmlKey{ID: k.id, For: k.on, Name: k.name, Type: k.typ})
	}
	for _, n := range sg.Nodes {
		gn := gmlNode{ID: n.ID}
		add := func(key, v string) {
			if v != "" {
				gn.Data = append(gn.Data, gmlData{key, v})
			}
		}
		add("n_name", n.DisplayName())
		add("n_type", n.Type)
		add("n_type_label", typeLabel(n.Type))
		aliases := append([]string(nil), n.Aliases...)
		sort.Strings(aliases)
		add("n_aliases", strings.Join(aliases, "; "))
		if n.Date != nil {
			add("n_date", n.Date.Value)
		}
		if n.Killed != nil {
			add("n_killed", n.Killed.String())
		}
		if n.Injured != nil {
			add("n_injured", n.Injured.String())
		}
		add("n_casualties", n.Casualties)
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for i, e := range sg.Edges {
		ge := gmlEdge{ID: "e" + strconv.Itoa(i), Source: e.Subject, Target: e.Object}
		var quotes, sources []string
		for _, c := range e.Claims {
			quotes = append(quotes, c.Quote)
			sources = append(sources, c.Source)
		}
		ge.Data = []gmlData{
			{"e_relation", e.Relation},
			{"e_label", relationLabel(e.Relation)},
			{"e_certainty", string(firmest(e.Claims))},
			{"e_claims", strconv.Itoa(len(e.Claims))},
			{"e_sources", strconv.Itoa(len(graph.ClaimSources(e.Claims)))},
		}
		if len(quotes) > 0 {
			ge.Data = append(ge.Data, gmlData{"e_quote", strings.Join(quotes, " | ")}, gmlData{"e_source", strings.Join(sources, " | ")})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write graphml: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
