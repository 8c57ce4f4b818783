package graph

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDateSpan(t *testing.T) {
	moscow := Date{Value: "2024", Precision: Year, NotAfter: "2024-03-27"}
	ms := moscow.Span(nil)
	tests := []struct {
		name       string
		d          Date
		anchor     *Span
		start, end string // end is exclusive; "" for open
	}{
		{"year", Date{Value: "2014", Precision: Year}, nil, "2014-01-01", "2015-01-01"},
		{"month", Date{Value: "2024-01", Precision: Month}, nil, "2024-01-01", "2024-02-01"},
		{"range", Date{NotBefore: "2014", NotAfter: "2015"}, nil, "2014-01-01", "2016-01-01"},
		{"value cut by a bound", moscow, nil, "2024-01-01", "2024-03-28"},
		{"open end", Date{NotBefore: "2023-03"}, nil, "2023-03-01", ""},
		{"two days after", Date{After: "m", AfterDays: 2}, &ms, "2024-01-03", "2024-03-30"},
		{"some time after", Date{Value: "2024", After: "m"}, &ms, "2024-01-01", "2025-01-01"},
		{"after, anchor unknown", Date{After: "m", AfterDays: 2}, nil, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.d.Span(tc.anchor)
			show := func(x time.Time) string {
				if x.IsZero() {
					return ""
				}
				return x.Format("2006-01-02")
			}
			if show(s.Start) != tc.start || show(s.End) != tc.end {
				t.Errorf("span %s..%s, want %s..%s", show(s.Start), show(s.End), tc.start, tc.end)
			}
		})
	}
}

func TestDatePropsRoundTrip(t *testing.T) {
	for _, d := range []Date{
		{Value: "2021-08-26", Precision: Day},
		{Value: "2024-01", Precision: Month, Cue: "began the year", Quote: "It began the year with an attack."},
		{NotBefore: "2014", NotAfter: "2015", Precision: Year, Cue: "2014-15"},
		{Value: "2024", Precision: Year, NotAfter: "2024-03-27", After: "turkey-attack", Cue: "culminating"},
		{After: "crocus", AfterDays: 2},
	} {
		got, ok := DateFromProps(d.Props())
		if !ok || got != d {
			t.Errorf("round trip of %+v gave %+v (%v)", d, got, ok)
		}
	}
	if _, ok := DateFromProps([]DateProp{{PropNote, nil}}); ok {
		t.Error("no date props: want ok=false")
	}
}

func TestDateDescribe(t *testing.T) {
	name := func(id string) string { return map[string]string{"m": "Moscow attack"}[id] }
	tests := []struct {
		d    Date
		want string
	}{
		{Date{Value: "2021-08-26", Precision: Day}, "2021-08-26"},
		{Date{Value: "2022-01", Precision: Month}, "2022-01 (month)"},
		{Date{NotBefore: "2014", NotAfter: "2015", Precision: Year}, "between 2014 and 2015"},
		{Date{NotBefore: "2023-03"}, "not before 2023-03"},
		{Date{Value: "2024", Precision: Year, NotAfter: "2024-03-27", After: "m"}, "2024 (year), not after 2024-03-27, after Moscow attack"},
		{Date{After: "m", AfterDays: 2}, "2 days after Moscow attack"},
		{Date{After: "x", AfterDays: 1}, "1 day after x"},
	}
	for _, tc := range tests {
		if got := tc.d.Describe(name); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestPartOfLinksLikeKinds(t *testing.T) {
	r, _ := LookupRelation("part-of")
	ty := func(n string) Type { x, _ := LookupType(n); return x }
	if err := r.Accepts(ty("attack"), ty("campaign")); err != nil {
		t.Errorf("attack part-of campaign: %v", err)
	}
	if err := r.Accepts(ty("armed-group"), ty("armed-group")); err != nil {
		t.Errorf("armed-group part-of armed-group: %v", err)
	}
	if err := r.Accepts(ty("attack"), ty("armed-group")); err == nil {
		t.Error("attack part-of armed-group: want an error")
	}
}
