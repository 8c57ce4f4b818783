package extract

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Review labels a confidence score.
func Review(conf float64) string {
	switch {
	case conf >= 0.75:
		return "high"
	case conf >= 0.5:
		return "medium"
	}
	return "low"
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ").Replace(s) + `"`
}

func word(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\"#") {
		return quote(s)
	}
	return s
}

// WriteCurated writes the candidates in the curated format: a source block,
// then the new actors, the events and the claims, each block preceded by a
// review comment with its confidence. Delete the blocks you reject, then
// validate and load the file.
func (r *Result) WriteCurated(w io.Writer) error {
	b := bufio.NewWriter(w)
	o := r.Options
	fmt.Fprintf(b, "# actorgraph extract: candidates for review (format: docs/curated-format.md)\n")
	fmt.Fprintf(b, "# Delete the blocks you reject, fix names, types and IDs, then `actorgraph validate` and `load` this file.\n")
	fmt.Fprintf(b, "# Every block has a review line: confidence 0..1 (high >= 0.75, medium >= 0.5, low below).\n")
	fmt.Fprintf(b, "# %d sentences, %d entities, %d claims.\n\n", r.Sentences, len(r.Entities), len(r.Claims))
	fmt.Fprintf(b, "source %s\n", o.SourceID)
	if o.Title != "" {
		fmt.Fprintf(b, "  title %s\n", quote(o.Title))
	}
	if o.Published != nil {
		fmt.Fprintf(b, "  published %s\n", o.Published.Value)
	}
	if o.URL != "" {
		fmt.Fprintf(b, "  url %s\n", quote(o.URL))
	}
	var known []string
	for _, e := range r.Entities {
		if e.Known && len(e.Aliases) == 0 {
			known = append(known, fmt.Sprintf("%s (%d)", e.ID, e.Mentions))
		}
	}
	if len(known) > 0 {
		fmt.Fprintf(b, "\n# Known actors and events found (mentions): %s\n", strings.Join(known, ", "))
	}
	section := ""
	for _, e := range r.Entities {
		if e.Known && len(e.Aliases) == 0 {
			continue
		}
		s := "New actors and places"
		if e.Event {
			s = "Events"
		}
		if e.Known || e.AliasOf != "" {
			s = "New aliases of known entities"
		}
		if s != section {
			fmt.Fprintf(b, "\n# ---------------------------------------------------------------------------\n# %s\n", s)
			section = s
		}
		fmt.Fprintln(b)
		fmt.Fprintf(b, "# review: confidence %.2f (%s); %s\n", e.Confidence, Review(e.Confidence), strings.Join(e.Why, "; "))
		kw := "actor"
		if e.Event {
			kw = "event"
		}
		name := e.Name
		if e.Known || e.AliasOf != "" {
			name = r.knownName(e)
		}
		fmt.Fprintf(b, "%s %s %s %s\n", kw, e.ID, e.Type, quote(name))
		if e.AliasOf != "" {
			fmt.Fprintf(b, "  alias %s\n", quote(e.Name))
		}
		for _, a := range e.Aliases {
			fmt.Fprintf(b, "  alias %s\n", word(a))
		}
		if e.Date != nil {
			fmt.Fprintf(b, "  date %s\n", e.Date.Value)
		}
		if e.Killed != nil {
			fmt.Fprintf(b, "  killed %s\n", figure(e.Killed.N, e.Killed.Qualifier))
		}
		if e.Injured != nil {
			fmt.Fprintf(b, "  injured %s\n", figure(e.Injured.N, e.Injured.Qualifier))
		}
		if e.Casualties != "" {
			fmt.Fprintf(b, "  casualties %s\n", quote(e.Casualties))
		}
		if e.Event && e.Quote != "" {
			fmt.Fprintf(b, "  quote %s\n", quote(e.Quote))
		}
	}
	if len(r.Claims) > 0 {
		fmt.Fprintf(b, "\n# ---------------------------------------------------------------------------\n# Claims\n")
	}
	for _, c := range r.Claims {
		fmt.Fprintln(b)
		fmt.Fprintf(b, "# review: confidence %.2f (%s); %s\n", c.Confidence, Review(c.Confidence), c.Why)
		fmt.Fprintf(b, "claim %s %s %s\n", c.Subject, c.Relation, c.Object)
		fmt.Fprintf(b, "  quote %s\n", quote(c.Quote))
		if c.Certainty != "" && c.Certainty != "reported" {
			fmt.Fprintf(b, "  certainty %s\n", c.Certainty)
		}
		if c.By != "" {
			fmt.Fprintf(b, "  by %s\n", c.By)
		}
		if c.Denied {
			fmt.Fprintf(b, "  denied\n")
		}
	}
	return b.Flush()
}

func figure(n int, q string) string {
	if q == "" {
		return strconv.Itoa(n)
	}
	return strconv.Itoa(n) + " " + word(q)
}

func (r *Result) knownName(e *Entity) string {
	id := e.ID
	for _, k := range r.Options.Known {
		if k.ID == id {
			return k.Name
		}
	}
	return e.Name
}
