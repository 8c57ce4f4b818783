package graph

import (
	"fmt"
	"time"
)

// Precision says how much of a date is known.
type Precision string

// Date precisions.
const (
	Year  Precision = "year"
	Month Precision = "month"
	Day   Precision = "day"
)

// Date is a calendar date known to a precision: 2014, 2022-01, 2021-08-26.
type Date struct {
	Value     string    `json:"value"`     // YYYY, YYYY-MM or YYYY-MM-DD
	Precision Precision `json:"precision"` // follows from the form of Value
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

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Value == "" }

// Start is the first day the date may mean.
func (d Date) Start() time.Time {
	for _, f := range dateForms {
		if f.p == d.Precision {
			t, _ := time.Parse(f.layout, d.Value)
			return t
		}
	}
	return time.Time{}
}

// End is the day after the last day the date may mean.
func (d Date) End() time.Time {
	t := d.Start()
	switch d.Precision {
	case Year:
		return t.AddDate(1, 0, 0)
	case Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// String shows the date with its precision when less than a day:
// "2021-08-26", "2022-01 (month)", "2014 (year)".
func (d Date) String() string {
	if d.IsZero() || d.Precision == Day {
		return d.Value
	}
	return fmt.Sprintf("%s (%s)", d.Value, d.Precision)
}

// Holds reports whether a relation valid from..until may hold on day asOf.
// An unknown bound is open. A bound with less than day precision is read
// generously: "from 2021-08" holds on 2021-08-01.
func Holds(from, until Date, asOf time.Time) bool {
	if !from.IsZero() && asOf.Before(from.Start()) {
		return false
	}
	if !until.IsZero() && !asOf.Before(until.End()) {
		return false
	}
	return true
}
