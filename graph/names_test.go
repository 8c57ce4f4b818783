package graph

import (
	"testing"
	"time"
)

func TestNameKey(t *testing.T) {
	same := [][]string{
		{"IS-K", "is k", "IS–K", "Is-K's", "IS-K’s"},
		{"U.S.", "US", "us"},
		{"The Taliban", "Taliban", "taliban's"},
		{"Al-Qaeda", "Al Qaeda", "al qaeda"},
	}
	for _, group := range same {
		want := NameKey(group[0])
		for _, s := range group[1:] {
			if got := NameKey(s); got != want {
				t.Errorf("NameKey(%q) = %q, want %q (same as %q)", s, got, want, group[0])
			}
		}
	}
	if NameKey("ISKP") == NameKey("IS-K") {
		t.Error("ISKP and IS-K must stay distinct keys (both are aliases of one actor)")
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		p    Precision
		show string
		bad  bool
	}{
		{in: "2021-08-26", p: Day, show: "2021-08-26"},
		{in: "2022-01", p: Month, show: "2022-01 (month)"},
		{in: "2014", p: Year, show: "2014 (year)"},
		{in: "2021-13", bad: true},
		{in: "26 August 2021", bad: true},
		{in: "", bad: true},
	}
	for _, tc := range tests {
		d, err := ParseDate(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("ParseDate(%q): want an error", tc.in)
			}
			continue
		}
		if err != nil || d.Precision != tc.p || d.String() != tc.show {
			t.Errorf("ParseDate(%q) = %+v %q, %v", tc.in, d, d.String(), err)
		}
	}
}

func TestHolds(t *testing.T) {
	from, _ := ParseDate("2014-06")
	until, _ := ParseDate("2019-03")
	day := func(s string) time.Time { d, _ := ParseDate(s); return d.Start() }
	for _, tc := range []struct {
		on   string
		want bool
	}{{"2014-05-31", false}, {"2014-06-01", true}, {"2019-03-31", true}, {"2019-04-01", false}} {
		if got := Holds(from, until, day(tc.on)); got != tc.want {
			t.Errorf("Holds(2014-06..2019-03, %s) = %v, want %v", tc.on, got, tc.want)
		}
	}
	if !Holds(Date{}, Date{}, day("1900")) {
		t.Error("open bounds must always hold")
	}
}

func TestClosest(t *testing.T) {
	got := Closest("talibn", []string{"taliban", "tajikistan", "iran"}, 2)
	if len(got) == 0 || got[0] != "taliban" {
		t.Errorf("Closest(talibn) = %v, want taliban first", got)
	}
}

func TestEditSimilarity(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"", "", 1},
		{"kabul", "kabul", 1},
		{"abc", "", 0},
		{"talibn", "taliban", 6.0 / 7},
		{"é", "e", 0}, // runes, not bytes
	} {
		if got := EditSimilarity(c.a, c.b); got < c.want-1e-9 || got > c.want+1e-9 {
			t.Errorf("EditSimilarity(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
