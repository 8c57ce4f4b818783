package encode

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
)

// nodeStyle is how one entity type is drawn.
type nodeStyle struct {
	shape, style, fill, border string
}

// nodeStyles gives each entity type its own shape and colour: reds for armed
// actors, blues for states and their organs, greens for places, oranges for
// events.
var nodeStyles = map[string]nodeStyle{
	"armed-group":     {"box", "filled,bold", "#f4b6b6", "#9b1c1c"},
	"organisation":    {"box", "filled,rounded", "#d5e8d4", "#4d7c3a"},
	"media-outlet":    {"note", "filled", "#fff2cc", "#8a6d00"},
	"state":           {"hexagon", "filled", "#cfe2f3", "#1f4e79"},
	"government-body": {"box", "filled", "#dae8fc", "#1f4e79"},
	"military-force":  {"octagon", "filled", "#e6c6e6", "#6a2c70"},
	"person":          {"ellipse", "filled", "#f2f2f2", "#444444"},
	"population":      {"ellipse", "filled,dashed", "#f2f2f2", "#444444"},
	"region":          {"tab", "filled", "#e2f0d9", "#38761d"},
	"city":            {"ellipse", "filled", "#e2f0d9", "#38761d"},
	"facility":        {"cylinder", "filled", "#e2f0d9", "#38761d"},
	"attack":          {"box", "filled,rounded,bold", "#fcd5b4", "#b45309"},
	"bombing":         {"box", "filled,rounded,bold", "#f8cbad", "#b45309"},
	"bombardment":     {"box", "filled,rounded,bold", "#f4b183", "#b45309"},
	"drone-strike":    {"box", "filled,rounded,bold", "#fbe5d6", "#b45309"},
	"prison-break":    {"box", "filled,rounded,bold", "#fde9d9", "#b45309"},
	"campaign":        {"box", "filled,rounded,bold,dashed", "#fcd5b4", "#b45309"},
	"withdrawal":      {"box", "filled,rounded", "#fff4e5", "#9c6500"},
	"deployment":      {"box", "filled,rounded", "#fff4e5", "#9c6500"},
	"declaration":     {"box", "filled,rounded", "#fffbe5", "#9c6500"},
	"statement":       {"box", "filled,rounded", "#fffbe5", "#9c6500"},
	"defeat":          {"box", "filled,rounded,dashed", "#fff4e5", "#9c6500"},
}

// otherStyle draws nodes of a type outside the vocabulary (foreign graphs).
var otherStyle = nodeStyle{"ellipse", "filled", "#ffffff", "#666666"}

func styleOf(typ string) nodeStyle {
	if s, ok := nodeStyles[typ]; ok {
		return s
	}
	return otherStyle
}

// edgeStyle is how an edge of a certainty is drawn.
type edgeStyle struct{ style, color string }

// edgeStyles: the firmer the claim, the firmer the line.
var edgeStyles = map[graph.Certainty]edgeStyle{
	graph.Reported:   {"solid", "#333333"},
	graph.Claimed:    {"dashed", "#b91c1c"},
	graph.Attributed: {"dashed", "#1d4ed8"},
	graph.Assessed:   {"dotted", "#7e22ce"},
}

// firmest is the firmest certainty among an edge's claims: the edge is drawn
// as firmly as its best-supported claim.
func firmest(cs []graph.Claim) graph.Certainty {
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

// DOTString quotes s as a Graphviz DOT string: backslashes and quotes are
// escaped, line breaks become DOT's centred line break, other control
// characters become spaces and invalid UTF-8 is replaced. Any name is safe.
func DOTString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	b.WriteString(dotEscape(s))
	b.WriteByte('"')
	return b.String()
}

// dotEscape escapes s for use inside a DOT string (without the quotes).
func dotEscape(s string) string {
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dotLines escapes each line and joins them with DOT's centred line break.
func dotLines(lines ...string) string {
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		if l != "" {
			parts = append(parts, dotEscape(l))
		}
	}
	return `"` + strings.Join(parts, `\n`) + `"`
}

// nodeLabel is a node's canonical name; an event also shows its date and
// casualties.
func nodeLabel(e graph.Entity) []string {
	var lines []string
	for _, l := range strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(e.DisplayName()), "\n") {
		lines = append(lines, wrap(l, wrapAt)...)
	}
	if d := spreadOf(e, graph.FactDate); d != "" {
		lines = append(lines, d)
	} else if e.Date != nil && e.Date.Value != "" {
		lines = append(lines, e.Date.Value)
	} else if e.Date != nil {
		lines = append(lines, e.Date.String()) // bounds or an anchor only
	}
	var figs []string
	if k := spreadOf(e, graph.FactKilled); k != "" {
		figs = append(figs, k+" killed")
	} else if e.Killed != nil {
		figs = append(figs, e.Killed.String()+" killed")
	}
	if k := spreadOf(e, graph.FactInjured); k != "" {
		figs = append(figs, k+" injured")
	} else if e.Injured != nil {
		figs = append(figs, e.Injured.String()+" injured")
	}
	if len(figs) > 0 {
		lines = append(lines, strings.Join(figs, ", "))
	}
	return lines
}

// spreadOf is the spread of a fact that sources give differently ("31–38"),
// "" when at most one value is given.
func spreadOf(e graph.Entity, kind string) string {
	fs := e.FactsOf(kind)
	vals := map[string]bool{}
	for _, f := range fs {
		vals[f.Value()] = true
	}
	if len(vals) < 2 {
		return ""
	}
	sum, _ := graph.Spread(fs)
	return sum
}

// wrapAt is the length past which a name is broken at spaces, so that long
// names do not widen their rank of the drawing.
const wrapAt = 24

// wrap breaks s at spaces into lines of about n runes.
func wrap(s string, n int) []string {
	if utf8.RuneCountInString(s) <= n {
		return []string{s}
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > n {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// nodeTooltip shows the type, aliases and notes of a node.
func nodeTooltip(e graph.Entity) string {
	lines := []string{e.DisplayName() + " (" + typeLabel(e.Type) + ")"}
	if len(e.Aliases) > 0 {
		lines = append(lines, "also: "+strings.Join(e.Aliases, ", "))
	}
	if e.Casualties != "" {
		lines = append(lines, e.Casualties)
	}
	lines = append(lines, e.Notes...)
	return strings.Join(lines, "\n")
}

// edgeTooltip gives each claim's quote, source and certainty.
func edgeTooltip(e graph.Edge, label string, sg queries.Subgraph) string {
	lines := []string{nameOf(sg, e.Subject) + " " + label + " " + nameOf(sg, e.Object)}
	for _, c := range e.Claims {
		who := string(c.Certainty)
		if c.AssertedBy != "" {
			who += " by " + nameOf(sg, c.AssertedBy)
		}
		if c.Hedge != "" {
			who += ", hedged “" + c.Hedge + "”"
		}
		lines = append(lines, fmt.Sprintf("“%s” (%s; %s)", c.Quote, c.Source, who))
	}
	return strings.Join(lines, "\n")
}

func nameOf(sg queries.Subgraph, id string) string {
	if n, ok := sg.Node(id); ok {
		return n.DisplayName()
	}
	return id
}

func typeLabel(name string) string {
	if t, err := graph.LookupType(name); err == nil {
		return t.Label
	}
	if name == "" {
		return "untyped"
	}
	return name
}

func relationLabel(name string) string {
	if r, err := graph.LookupRelation(name); err == nil {
		return r.Label
	}
	return name
}

// WriteDOT writes the subgraph as a Graphviz digraph meant to be looked at:
// nodes labelled with their names and styled by type, edges labelled with
// their relation and styled by certainty, tooltips with the quotes, and a
// legend. The output is deterministic.
func WriteDOT(w io.Writer, sg queries.Subgraph) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("digraph actorgraph {\n")
	p("  graph [label=%s, labelloc=t, fontname=\"Helvetica\", fontsize=18, rankdir=LR, ranksep=0.6, nodesep=0.25, charset=\"UTF-8\", bgcolor=\"white\", pad=0.3];\n",
		DOTString("actorgraph: "+sg.Scope))
	p("  node [fontname=\"Helvetica\", fontsize=14, margin=\"0.15,0.06\", penwidth=1.2];\n")
	p("  edge [fontname=\"Helvetica\", fontsize=11, arrowsize=0.7, fontcolor=\"#333333\"];\n\n")

	writeLegend(bw, sg)

	for _, n := range sg.Nodes {
		st := styleOf(n.Type)
		p("  %s [label=%s, shape=%s, style=%s, fillcolor=%s, color=%s, tooltip=%s];\n",
			DOTString(n.ID), dotLines(nodeLabel(n)...), st.shape, DOTString(st.style), DOTString(st.fill), DOTString(st.border),
			DOTString(nodeTooltip(n)))
	}
	if len(sg.Edges) > 0 {
		p("\n")
	}
	for _, g := range edgeGroups(sg.Edges) {
		var labels, tips []string
		var claims []graph.Claim
		for _, e := range g {
			label := relationLabel(e.Relation)
			tips = append(tips, edgeTooltip(e, label, sg))
			if len(e.Claims) > 1 {
				label += fmt.Sprintf(" (×%d)", len(e.Claims))
			}
			labels = append(labels, label)
			claims = append(claims, e.Claims...)
		}
		es := edgeStyles[firmest(claims)]
		p("  %s -> %s [label=%s, style=%s, color=%s%s, tooltip=%s];\n",
			DOTString(g[0].Subject), DOTString(g[0].Object), dotLines(labels...), es.style, DOTString(es.color),
			weight(len(graph.ClaimSources(claims))), DOTString(strings.Join(tips, "\n\n")))
	}
	p("}\n")
	return bw.Flush()
}

// weight is the pen width of an edge that n sources assert: heavier with
// every source past the first (capped), nothing extra for one.
func weight(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(", penwidth=%.1f", penWidth(n))
}

func penWidth(n int) float64 { return min(1.0+1.25*float64(n-1), 6) }

// edgeGroups groups sorted edges by subject and object: every relation from
// one node to another is drawn as one edge with a line of label per
// relation, so parallel edges do not clutter the picture.
func edgeGroups(edges []graph.Edge) [][]graph.Edge {
	type pair struct{ s, o string }
	var order []pair
	groups := map[pair][]graph.Edge{}
	for _, e := range edges {
		k := pair{e.Subject, e.Object}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], e)
	}
	out := make([][]graph.Edge, len(order))
	for i, k := range order {
		out[i] = groups[k]
	}
	return out
}

// writeLegend draws a cluster with one sample node per entity type present
// and one sample edge per certainty present.
func writeLegend(w io.Writer, sg queries.Subgraph) {
	present := map[string]bool{}
	for _, n := range sg.Nodes {
		present[n.Type] = true
	}
	var types []string
	for _, t := range graph.Types {
		if present[t.Name] {
			types = append(types, t.Name)
		}
	}
	var others []string
	for t := range present {
		if _, ok := nodeStyles[t]; !ok {
			others = append(others, t)
		}
	}
	sort.Strings(others)
	types = append(types, others...)
	certs := map[graph.Certainty]bool{}
	counts := map[int]bool{}
	for _, g := range edgeGroups(sg.Edges) {
		var claims []graph.Claim
		for _, e := range g {
			claims = append(claims, e.Claims...)
		}
		certs[firmest(claims)] = true
		if n := len(graph.ClaimSources(claims)); n > 1 {
			counts[n] = true
		}
	}
	if len(types) == 0 {
		return
	}
	fmt.Fprintf(w, "  subgraph cluster_legend {\n")
	fmt.Fprintf(w, "    label=\"Legend\"; fontsize=14; style=\"rounded\"; color=\"#999999\"; margin=10;\n")
	fmt.Fprintf(w, "    node [fontsize=11, width=0, height=0];\n")
	// Graphviz stacks the nodes of a rank bottom-up with rankdir=LR, so the
	// samples are declared last first: types read top-down in vocabulary
	// order, then the certainties, firmest first.
	for i := len(graph.Certainties) - 1; i >= 0; i-- {
		c := graph.Certainties[i]
		if !certs[c] {
			continue
		}
		es := edgeStyles[c]
		from, to := DOTString("legend from "+string(c)), DOTString("legend to "+string(c))
		fmt.Fprintf(w, "    %s [label=\"\", shape=point, width=0.05];\n", from)
		fmt.Fprintf(w, "    %s [label=\"\", shape=point, width=0.05];\n", to)
		fmt.Fprintf(w, "    %s -> %s [label=%s, style=%s, color=%s, penwidth=1.5];\n", from, to, DOTString(string(c)), es.style, DOTString(es.color))
	}
	writeSourceLegend(w, counts)
	for i := len(types) - 1; i >= 0; i-- {
		t := types[i]
		st := styleOf(t)
		fmt.Fprintf(w, "    %s [label=%s, shape=%s, style=%s, fillcolor=%s, color=%s, tooltip=%s];\n",
			DOTString("legend type "+t), DOTString(typeLabel(t)), st.shape, DOTString(st.style), DOTString(st.fill), DOTString(st.border), DOTString("entity type "+t))
	}
	fmt.Fprintf(w, "  }\n\n")
}

// writeSourceLegend draws one sample edge per number of sources present
// (past one): the heavier the line, the more sources assert the relation.
func writeSourceLegend(w io.Writer, counts map[int]bool) {
	ns := make([]int, 0, len(counts))
	for n := range counts {
		ns = append(ns, n)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ns)))
	for _, n := range ns {
		from, to := DOTString(fmt.Sprintf("legend from %d sources", n)), DOTString(fmt.Sprintf("legend to %d sources", n))
		fmt.Fprintf(w, "    %s [label=\"\", shape=point, width=0.05];\n", from)
		fmt.Fprintf(w, "    %s [label=\"\", shape=point, width=0.05];\n", to)
		fmt.Fprintf(w, "    %s -> %s [label=%s, color=\"#555555\", penwidth=%.1f];\n", from, to, DOTString(fmt.Sprintf("%d sources", n)), penWidth(n))
	}
}
