package extract

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestSplit(t *testing.T) {
	text := "The U.S. Army left on 26 August. Dr. J. Smith said “It is over.” Then he left.\nA heading\n“We will stay,” she told Reuters. It was 3.5 km away."
	var got []string
	for _, s := range Split(text) {
		got = append(got, s.Text)
	}
	want := []string{"The U.S. Army left on 26 August.", "Dr. J. Smith said “It is over.”", "Then he left.", "A heading",
		"“We will stay,” she told Reuters.", "It was 3.5 km away."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Split:\n got %q\nwant %q", got, want)
	}
}

func known() []graph.Entity {
	return []graph.Entity{
		{ID: "iskp", Type: "armed-group", Name: "Islamic State Khorasan Province", Aliases: []string{"IS-K", "ISKP"}},
		{ID: "islamic-state", Type: "armed-group", Name: "Islamic State", Aliases: []string{"IS"}},
		{ID: "taliban", Type: "armed-group", Name: "Taliban"},
		{ID: "iran", Type: "state", Name: "Iran"},
	}
}

func ids(r *Result) map[string]int {
	m := map[string]int{}
	for _, e := range r.Entities {
		m[e.ID] = e.Mentions
	}
	return m
}

func TestKnownAliasesAndPossessives(t *testing.T) {
	r := Extract("IS-K’s fighters hate the Taliban's rule. Islamic State Khorasan Province is the Islamic State's branch. It is said.", Options{Known: known()})
	m := ids(r)
	if m["iskp"] != 2 || m["taliban"] != 1 || m["islamic-state"] != 1 {
		t.Errorf("mentions = %v, want iskp 2 (longest match first), taliban 1, islamic-state 1 (not the word \"is\")", m)
	}
	if _, ok := m["k"]; ok {
		t.Errorf("IS-K was split into a new actor K: %v", m)
	}
}

func TestNewNamesAndTypes(t *testing.T) {
	r := Extract("Kyle Orton, an independent analyst, told Reuters that attacks hit Kerman province and the Al-Hol camp.", Options{})
	types := map[string]string{}
	for _, e := range r.Entities {
		types[e.Name] = e.Type
	}
	for name, typ := range map[string]string{"Kyle Orton": "person", "Reuters": "media-outlet", "Kerman province": "region", "Al-Hol camp": "facility"} {
		if types[name] != typ {
			t.Errorf("%s: type %q, want %q (all: %v)", name, types[name], typ, types)
		}
	}
}

func TestDates(t *testing.T) {
	pub := graph.Date{Value: "2024-03-27", Precision: graph.Day}
	for _, tc := range []struct{ text, last, want string }{
		{"It happened on 26 August 2021.", "", "2021-08-26"},
		{"The attempt in January 2022 failed.", "", "2022-01"},
		{"Attacks so far this year.", "", "2024"},
		{"The 26 August bombing that year.", "2021", "2021-08-26"},
		{"It declared a caliphate in June 2014.", "", "2014-06"},
		{"He said 1500 fighters came.", "", ""},
	} {
		hits := Dates(tc.text, &pub, tc.last)
		got := ""
		if len(hits) > 0 {
			got = hits[0].d.Value
		}
		if got != tc.want {
			t.Errorf("Dates(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestFigures(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"leaving at least 143 dead and almost 200 injured", "killed at least 143|injured almost 200"},
		{"which killed almost 100 and injured nearly 300", "killed almost 100|injured nearly 300"},
		{"which killed 170 Afghan civilians and 13 US troops.", "killed 170 = 170 Afghan civilians and 13 US troops"},
		{"at least 12 people died and nine were hurt", "killed at least 12|injured 9"},
		{"the death toll rose to more than 30", "killed more than 30"},
	} {
		var got []string
		for _, f := range Figures(tc.text) {
			s := f.Kind + " " + f.Figure.String()
			if f.Breakdown != "" {
				s += " = " + f.Breakdown
			}
			got = append(got, s)
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("Figures(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestCertainty(t *testing.T) {
	k := append(known(), graph.Entity{ID: "kyle-orton", Type: "person", Name: "Kyle Orton"}, graph.Entity{ID: "paris-attack", Type: "attack", Name: "Paris attack"})
	text := "The Paris attack claimed by the Islamic State shocked many.\n" +
		"“IS-K loathes the Taliban,” Kyle Orton told Reuters.\n" +
		"In Orton’s view, the Taliban opposes ISKP.\n" +
		"IS-K hates Iran."
	r := Extract(text, Options{Known: k})
	got := map[string]string{}
	for _, c := range r.Claims {
		got[c.Subject+" "+c.Relation+" "+c.Object] = string(c.Certainty) + " " + c.By
	}
	for tr, want := range map[string]string{
		"islamic-state claimed-responsibility-for paris-attack": "claimed ",
		"iskp opposes taliban": "attributed kyle-orton",
		"taliban opposes iskp": "assessed kyle-orton",
		"iskp opposes iran":    "reported ",
	} {
		if got[tr] != want {
			t.Errorf("%s: certainty %q, want %q (all: %v)", tr, got[tr], want, got)
		}
	}
}

func TestSpeakerAfterAQuoteIsNotAlwaysAPerson(t *testing.T) {
	r := Extract("“The Red Front will be defeated,” the Velta Interior Ministry said.", Options{})
	for _, e := range r.Entities {
		if e.Type == "person" {
			t.Errorf("%q proposed as a person (%v)", e.Name, e.Why)
		}
	}
}
