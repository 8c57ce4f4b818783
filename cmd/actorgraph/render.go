package main

import (
	"fmt"
	"io"
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

// entityHeader prints an entity's identity and facts.
func entityHeader(w io.Writer, e graph.Entity) {
	fmt.Fprintf(w, "%s\n", e.DisplayName())
	t := newTable(w)
	t.row("  id:", e.ID)
	t.row("  type:", e.Type)
	if len(e.Aliases) > 0 {
		t.row("  aliases:", strings.Join(e.Aliases, ", "))
	}
	if e.Date != nil {
		t.row("  date:", e.Date.String())
	}
	if e.Killed != nil {
		t.row("  killed:", e.Killed.String())
	}
	if e.Injured != nil {
		t.row("  injured:", e.Injured.String())
	}
	if e.Casualties != "" {
		t.row("  casualties:", e.Casualties)
	}
	for _, n := range e.Notes {
		t.row("  note:", n)
	}
	_ = t.flush()
	for _, ev := range e.Evidence {
		fmt.Fprintf(w, "    “%s”\n      — source: %s\n", ev.Quote, ev.Source)
	}
}
