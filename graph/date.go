package graph

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// Precision says how much of a date is known.
type Precision string

// Date precisions.
const (
	Year  Precision = "year"
	Month Precision = "month"
	Day   Precision = "day"
)

// Date is what a source says about when something happened, as exactly as it
// says it: a calendar date known to a precision (2014, 2022-01, 2021-08-26),
// bounds (not before, not after: "2014-15"), a place after another event
// ("two days after the Moscow attack"), and the cue words and the sentence
// it is read from ("began the year" gives January of that year).
type Date struct {
	Value string `json:"value"` // YYYY, YYYY-MM or YYYY-MM-DD; empty when only bounds or an anchor are known
	// Precision is the precision of Value, which follows from its form; for
	// a date with bounds only, the coarser precision of the bounds.
	Precision Precision `json:"precision"`
	NotBefore string    `json:"not_before,omitempty"` // the earliest it may be: from the first day of this date
	NotAfter  string    `json:"not_after,omitempty"`  // the latest it may be: to the last day of this date
	After     string    `json:"after,omitempty"`      // ID of an event this one came after
	AfterName string    `json:"after_name,omitempty"` // its name, when a query looked it up (not stored)
	AfterDays int       `json:"after_days,omitempty"` // how many days after it; 0 when only the order is known
	Cue       string    `json:"cue,omitempty"`        // the words the date is read from: "began the year"
	Quote     string    `json:"quote,omitempty"`      // the sentence with the cue
}

// dateForms are the accepted layouts, most precise first.
var dateForms = []struct {
	layout string
	p      Precision
}{{"2006-01-02", Day}, {"2006-01", Month}, {"2006", Year}}

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	for _, f := range dateForms {
		if len(s) == len(f.layout) {
			if _, err := time.Parse(f.layout, s); err == nil {
				return Date{Value: s, Precision: f.p}, nil
			}
		}
	}
	return Date{}, fmt.Errorf("%w %q: use YYYY, YYYY-MM or YYYY-MM-DD (2021, 2021-08, 2021-08-26)", ErrBadDate, s)
}

// period is the stretch of days [start, end) a YYYY, YYYY-MM or YYYY-MM-DD
// value means, and its precision; ok is false for anything else.
func period(v string) (start, end time.Time, p Precision, ok bool) {
	for _, f := range dateForms {
		if len(v) != len(f.layout) {
			continue
		}
		t, err := time.Parse(f.layout, v)
		if err != nil {
			continue
		}
		switch f.p {
		case Year:
			return t, t.AddDate(1, 0, 0), Year, true
		case Month:
			return t, t.AddDate(0, 1, 0), Month, true
		}
		return t, t.AddDate(0, 0, 1), Day, true
	}
	return time.Time{}, time.Time{}, "", false
}

// IsZero reports whether nothing is known of the date.
func (d Date) IsZero() bool {
	return d.Value == "" && d.NotBefore == "" && d.NotAfter == "" && d.After == ""
}

// Span is the stretch of days a date may mean: from Start up to, not
// including, End. A zero Start or End is open.
type Span struct {
	Start, End time.Time
}

// Span is the stretch of days the date may mean. anchor is the span of the
// event named by After when it is known (nil otherwise): a date that comes
// AfterDays days after it starts no earlier than the anchor's start plus
// that, and when AfterDays is given ends no later than the anchor's end plus
// that; a date that comes some time after it (AfterDays 0) starts no earlier.
func (d Date) Span(anchor *Span) Span {
	var s Span
	narrow := func(start, end time.Time) {
		if !start.IsZero() && (s.Start.IsZero() || start.After(s.Start)) {
			s.Start = start
		}
		if !end.IsZero() && (s.End.IsZero() || end.Before(s.End)) {
			s.End = end
		}
	}
	if start, end, _, ok := period(d.Value); ok {
		narrow(start, end)
	}
	if start, _, _, ok := period(d.NotBefore); ok {
		narrow(start, time.Time{})
	}
	if _, end, _, ok := period(d.NotAfter); ok {
		narrow(time.Time{}, end)
	}
	if anchor != nil && d.After != "" {
		var start, end time.Time
		if !anchor.Start.IsZero() {
			start = anchor.Start.AddDate(0, 0, d.AfterDays)
		}
		if d.AfterDays > 0 && !anchor.End.IsZero() {
			end = anchor.End.AddDate(0, 0, d.AfterDays)
		}
		narrow(start, end)
	}
	return s
}

// Start is the first day the date may mean (zero when open).
func (d Date) Start() time.Time { return d.Span(nil).Start }

// End is the day after the last day the date may mean (zero when open).
func (d Date) End() time.Time { return d.Span(nil).End }

// String shows the date with its precision when less than a day, its
// bounds and its anchor: "2021-08-26", "2022-01 (month)", "2014 (year)",
// "between 2014 and 2015", "2024 (year), after kerman-attack".
func (d Date) String() string { return d.Describe(nil) }

// Describe is String with the anchor event named by name (its ID when name
// is nil or returns "").
func (d Date) Describe(name func(id string) string) string {
	var parts []string
	switch {
	case d.Value != "" && d.Precision == Day:
		parts = append(parts, d.Value)
	case d.Value != "":
		p := d.Precision
		if _, _, fp, ok := period(d.Value); ok {
			p = fp
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", d.Value, p))
	case d.NotBefore != "" && d.NotAfter != "":
		parts = append(parts, "between "+d.NotBefore+" and "+d.NotAfter)
	}
	if d.Value != "" || d.NotAfter == "" {
		if d.NotBefore != "" {
			parts = append(parts, "not before "+d.NotBefore)
		}
	}
	if d.Value != "" || d.NotBefore == "" {
		if d.NotAfter != "" {
			parts = append(parts, "not after "+d.NotAfter)
		}
	}
	if d.After != "" {
		n := d.After
		if d.AfterName != "" {
			n = d.AfterName
		}
		if name != nil && name(d.After) != "" {
			n = name(d.After)
		}
		switch d.AfterDays {
		case 0:
			parts = append(parts, "after "+n)
		case 1:
			parts = append(parts, "1 day after "+n)
		default:
			parts = append(parts, fmt.Sprintf("%d days after %s", d.AfterDays, n))
		}
	}
	return strings.Join(parts, ", ")
}

// Check reports a date whose parts contradict each other: a bound that is
// not a date, bounds the wrong way round, a value outside its bounds.
func (d Date) Check() error {
	if d.Value != "" {
		if _, err := ParseDate(d.Value); err != nil {
			return err
		}
	}
	for _, v := range []struct{ what, v string }{{"not-before", d.NotBefore}, {"not-after", d.NotAfter}} {
		if v.v == "" {
			continue
		}
		if _, err := ParseDate(v.v); err != nil {
			return fmt.Errorf("%s: %w", v.what, err)
		}
	}
	if d.IsZero() {
		return fmt.Errorf("%w: a date needs a value, a bound (not-before, not-after) or an event it came after", ErrBadDate)
	}
	if d.AfterDays < 0 {
		return fmt.Errorf("%w: %d days after: want a positive number of days", ErrBadDate, d.AfterDays)
	}
	if d.AfterDays > 0 && d.After == "" {
		return fmt.Errorf("%w: %d days after what? name the event", ErrBadDate, d.AfterDays)
	}
	s := d.Span(nil)
	if !s.Start.IsZero() && !s.End.IsZero() && !s.Start.Before(s.End) {
		return fmt.Errorf("%w: %s is an empty stretch of time (check the bounds)", ErrBadDate, d)
	}
	return nil
}

// Normalized fills Precision from the form of Value, or of the bounds when
// there is no Value (the coarser of them).
func (d Date) Normalized() Date {
	if _, _, p, ok := period(d.Value); ok {
		d.Precision = p
		return d
	}
	if d.Value != "" {
		return d
	}
	rank := map[Precision]int{Year: 1, Month: 2, Day: 3}
	d.Precision = ""
	for _, b := range []string{d.NotBefore, d.NotAfter} {
		if _, _, p, ok := period(b); ok && (d.Precision == "" || rank[p] < rank[d.Precision]) {
			d.Precision = p
		}
	}
	return d
}

// DateProp is one predicate/value pair of a date as stored on an event (or
// under the fact claim that gives it).
type DateProp struct {
	Predicate quad.IRI
	Value     quad.Value
}

// dateProps are the predicates a date writes, in the order Props gives them.
var dateProps = []quad.IRI{PropDate, PropPrecision, PropDateNotBefore, PropDateNotAfter, PropDateAfter, PropDateAfterDays, PropDateCue, PropDateQuote}

// IsDateProp reports whether p is one of the predicates a date writes.
func IsDateProp(p quad.Value) bool {
	for _, dp := range dateProps {
		if p == dp {
			return true
		}
	}
	return false
}

// Props lists the predicate/value pairs that store the date; DateFromProps
// reads them back.
func (d Date) Props() []DateProp {
	var ps []DateProp
	add := func(p quad.IRI, v quad.Value) { ps = append(ps, DateProp{p, v}) }
	if d.Value != "" {
		add(PropDate, quad.String(d.Value))
		add(PropPrecision, quad.String(string(d.Normalized().Precision)))
	}
	if d.NotBefore != "" {
		add(PropDateNotBefore, quad.String(d.NotBefore))
	}
	if d.NotAfter != "" {
		add(PropDateNotAfter, quad.String(d.NotAfter))
	}
	if d.After != "" {
		add(PropDateAfter, EntityIRI(d.After))
		if d.AfterDays != 0 {
			add(PropDateAfterDays, quad.Int(d.AfterDays))
		}
	}
	if d.Cue != "" {
		add(PropDateCue, quad.String(d.Cue))
	}
	if d.Quote != "" {
		add(PropDateQuote, quad.String(d.Quote))
	}
	return ps
}

// DateFromProps reads a date from the pairs Props wrote (others are
// ignored); ok is false when they hold no date.
func DateFromProps(ps []DateProp) (d Date, ok bool) {
	for _, p := range ps {
		v := Text(p.Value)
		switch p.Predicate {
		case PropDate:
			d.Value = v
		case PropPrecision:
			d.Precision = Precision(v)
		case PropDateNotBefore:
			d.NotBefore = v
		case PropDateNotAfter:
			d.NotAfter = v
		case PropDateAfter:
			d.After = IDOf(p.Value)
		case PropDateAfterDays:
			d.AfterDays, _ = strconv.Atoi(v)
		case PropDateCue:
			d.Cue = v
		case PropDateQuote:
			d.Quote = v
		}
	}
	if d.IsZero() {
		return Date{}, false
	}
	if d.Precision == "" {
		d = d.Normalized()
	}
	return d, true
}

// Holds reports whether a relation valid from..until may hold on day asOf.
// An unknown bound is open. A bound with less than day precision is read
// generously: "from 2021-08" holds on 2021-08-01.
func Holds(from, until Date, asOf time.Time) bool {
	if start := from.Start(); !from.IsZero() && !start.IsZero() && asOf.Before(start) {
		return false
	}
	if end := until.End(); !until.IsZero() && !end.IsZero() && !asOf.Before(end) {
		return false
	}
	return true
}
