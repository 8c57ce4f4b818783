package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
)

// arrow shows a hop's relation in the direction it was followed:
// "→ opposes →" or "← is opposed by ←".
func arrow(h queries.Hop) string {
	if h.Direction == "in" {
		return "← " + h.Reads + " ←"
	}
	return "→ " + h.Reads + " →"
}

// claimLines prints each claim's quote and where it comes from, indented.
func claimLines(w io.Writer, indent string, cs []graph.Claim) {
	for _, c := range cs {
		fmt.Fprintf(w, "%s“%s”\n", indent, c.Quote)
		meta := []string{"source: " + c.Source, string(c.Certainty)}
		if c.AssertedBy != "" {
			meta = append(meta, "according to "+c.AssertedBy)
		}
		if c.Hedge != "" {
			meta = append(meta, "hedged: “"+c.Hedge+"”")
		}
		if c.ValidFrom != nil {
			meta = append(meta, "from "+c.ValidFrom.String())
		}
		if c.ValidUntil != nil {
			meta = append(meta, "until "+c.ValidUntil.String())
		}
		fmt.Fprintf(w, "%s  — %s\n", indent, strings.Join(meta, " · "))
	}
}

// entityHeader prints an entity's identity and facts: one value per kind
// when one source gives it, else the spread across sources and then each
// source's values with its quotes.
func entityHeader(w io.Writer, e graph.Entity) {
	fmt.Fprintf(w, "%s\n", e.DisplayName())
	t := newTable(w)
	t.row("  id:", e.ID)
	if len(e.SameAs) > 0 {
		t.row("  same as:", strings.Join(e.SameAs, ", "))
	}
	t.row("  type:", e.Type)
	if len(e.Aliases) > 0 {
		t.row("  aliases:", strings.Join(e.Aliases, ", "))
	}
	if len(e.Sources) > 1 {
		t.row("  sources:", strings.Join(e.Sources, ", "))
	}
	bySources := factSources(e.Facts) > 1
	for _, kind := range []string{graph.FactDate, graph.FactKilled, graph.FactInjured, graph.FactCasualties} {
		fs := e.FactsOf(kind)
		if len(fs) == 0 {
			continue
		}
		sum, n := graph.Spread(fs)
		if n > 1 {
			sum += fmt.Sprintf(" (%d sources)", n)
		}
		t.row("  "+kind+":", sum)
	}
	for _, n := range e.Notes {
		t.row("  note:", n)
	}
	_ = t.flush()
	if bySources {
		factsBySource(w, e.Facts)
	}
	for _, ev := range e.Evidence {
		if bySources && ev.Source != "" && hasFactsFrom(e.Facts, ev.Source) {
			continue // printed under its source
		}
		fmt.Fprintf(w, "    “%s”\n      — source: %s\n", ev.Quote, ev.Source)
	}
}

// factsBySource prints each source's facts on one line, then its quotes.
func factsBySource(w io.Writer, fs []graph.Fact) {
	type group struct {
		vals   []string
		quotes []string
	}
	var order []string
	by := map[string]*group{}
	for _, f := range fs {
		g := by[f.Source]
		if g == nil {
			g = &group{}
			by[f.Source] = g
			order = append(order, f.Source)
		}
		g.vals = append(g.vals, f.Kind+" "+f.Value())
		for _, q := range f.Quotes {
			if !slices.Contains(g.quotes, q) {
				g.quotes = append(g.quotes, q)
			}
		}
	}
	sort.Strings(order)
	fmt.Fprintf(w, "\n  By source:\n")
	for _, src := range order {
		g := by[src]
		fmt.Fprintf(w, "    %s: %s\n", orUnknown(src), strings.Join(g.vals, " · "))
		for _, q := range g.quotes {
			fmt.Fprintf(w, "      “%s”\n", q)
		}
	}
}

func factSources(fs []graph.Fact) int {
	seen := map[string]bool{}
	for _, f := range fs {
		seen[f.Source] = true
	}
	return len(seen)
}

func hasFactsFrom(fs []graph.Fact, src string) bool {
	for _, f := range fs {
		if f.Source == src {
			return true
		}
	}
	return false
}

func orUnknown(src string) string { return nameOr(src, "(no source)") }

func nameOr(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

// corroboration is the " [N sources]" mark of a relation that more than one
// source asserts.
func corroboration(h queries.Hop) string {
	if n := len(h.Sources()); n > 1 {
		return fmt.Sprintf("  [%d sources]", n)
	}
	return ""
}
