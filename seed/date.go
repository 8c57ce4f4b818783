package seed

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// eventDate reads the words of an event's `date` attribute:
//
//	date [VALUE] [not-before VALUE] [not-after VALUE] [after EVENT [N days]] [cue "WORDS"] [quote "SENTENCE"]
//
// VALUE is YYYY, YYYY-MM or YYYY-MM-DD. At least one of VALUE, a bound or
// `after` is needed.
func eventDate(args []string) (*graph.Date, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("`date` needs a value: `date 2021-08-26`, `date not-before 2014 not-after 2015`, `date after EVENT 2 days`")
	}
	var d graph.Date
	next := func(i int, what string) (string, error) {
		if i+1 >= len(args) {
			return "", fmt.Errorf("date: %s needs a value", what)
		}
		return args[i+1], nil
	}
	for i := 0; i < len(args); i++ {
		w := args[i]
		var err error
		switch w {
		case "not-before":
			d.NotBefore, err = next(i, w)
			i++
		case "not-after":
			d.NotAfter, err = next(i, w)
			i++
		case "cue":
			d.Cue, err = next(i, w)
			i++
		case "quote":
			d.Quote, err = next(i, w)
			i++
		case "after":
			if d.After, err = next(i, w); err != nil {
				return nil, err
			}
			i++
			if n, unit, ok := offset(args, i+1); ok {
				d.AfterDays = n * unit
				i += 2
			}
		default:
			if i == 0 {
				d.Value = w
				continue
			}
			return nil, fmt.Errorf("date: unexpected %q (want VALUE, not-before, not-after, after EVENT [N days], cue, quote)", w)
		}
		if err != nil {
			return nil, err
		}
	}
	if err := d.Check(); err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	d = d.Normalized()
	return &d, nil
}

// offset reads "N day(s)" or "N week(s)" at args[i:], giving N and the days
// in a unit.
func offset(args []string, i int) (n, unit int, ok bool) {
	if i+1 >= len(args) {
		return 0, 0, false
	}
	n, err := strconv.Atoi(args[i])
	if err != nil || n <= 0 {
		return 0, 0, false
	}
	switch strings.TrimSuffix(args[i+1], "s") {
	case "day":
		return n, 1, true
	case "week":
		return n, 7, true
	}
	return 0, 0, false
}

// checkDateQuote checks an event date's cue and quote: the cue must be in
// the date's quote; without a quote of its own, the date takes the event
// quote that holds the cue.
func checkDateQuote(e *EntityDef, errs *Errors) {
	d := e.Date
	if d.Cue == "" {
		return
	}
	cue := normalizeSpace(d.Cue)
	if d.Quote != "" {
		if !strings.Contains(normalizeSpace(d.Quote), cue) {
			errs.add(e.Pos, "date cue %q is not in the date's quote", d.Cue)
		}
		return
	}
	for _, q := range e.Quotes {
		if strings.Contains(normalizeSpace(q), cue) {
			d.Quote = q
			return
		}
	}
	errs.add(e.Pos, "date cue %q is in none of %s's quotes: add `quote \"...\"` to the date", d.Cue, e.ID)
}

// checkAnchors checks that every event a date comes after is an event, and
// that no chain of `after`s comes back to where it started.
func (c *compiler) checkAnchors(doc *Document, errs *Errors) error {
	after := map[string]string{}
	for _, e := range doc.Entities {
		if e.Date == nil || e.Date.After == "" {
			continue
		}
		a, err := c.ref(e.Pos, e.Date.After, "event in `date ... after`", errs)
		if err != nil {
			return err
		}
		if a != nil && !a.typ.Is(graph.KindEvent) {
			errs.add(e.Pos, "date after %s: %s is a %s, not an event", e.Date.After, e.Date.After, a.typ.Label)
		}
		after[e.ID] = e.Date.After
	}
	for _, e := range doc.Entities {
		seen := map[string]bool{e.ID: true}
		for id := after[e.ID]; id != ""; id = after[id] {
			if seen[id] {
				errs.add(e.Pos, "date after %s: the chain of `after`s comes back to %s", e.Date.After, id)
				break
			}
			seen[id] = true
		}
	}
	return nil
}
