package graph

import (
	"errors"
	"testing"
)

// FuzzParseDate: ParseDate never panics; a date it takes keeps its text,
// starts before it ends and parses again to itself; anything else is
// ErrBadDate.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2021", "2021-08", "2021-08-26", "2021-02-30", "26-08-2021", "", "0000-01-01", "2021-8-1", "２０２１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrBadDate) {
				t.Fatalf("%q: error %v is not ErrBadDate", s, err)
			}
			return
		}
		if d.Value != s {
			t.Fatalf("%q became %q", s, d.Value)
		}
		if !d.Start().Before(d.End()) {
			t.Fatalf("%q: start %v not before end %v", s, d.Start(), d.End())
		}
		if d2, err := ParseDate(d.Value); err != nil || d2 != d {
			t.Fatalf("%q: reparse gave %+v, %v", s, d2, err)
		}
	})
}
