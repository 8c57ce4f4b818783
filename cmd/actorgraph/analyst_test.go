package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/queries"
)

// Questions an analyst asks of the seed graph (issue 12), answered through
// the CLI's JSON: the reviewed article must give the answers the text gives.
func TestAnalystQuestions(t *testing.T) {
	te := seeded(t)
	decode := func(t *testing.T, v any, args ...string) {
		t.Helper()
		out, errOut, code := te.run(t, append(args, "--format", "json")...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if err := json.Unmarshal([]byte(out), v); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	why := func(t *testing.T, args ...string) queries.WhyAnswer {
		t.Helper()
		var w queries.WhyAnswer
		decode(t, &w, append([]string{"why"}, args...)...)
		return w
	}
	relations := func(w queries.WhyAnswer) map[string]bool {
		rels := map[string]bool{}
		for _, h := range w.Hops {
			rels[h.Relation] = true
		}
		return rels
	}

	t.Run("IS-K's timeline is in the article's order", func(t *testing.T) {
		var tl queries.Timeline
		decode(t, &tl, "timeline", "IS-K")
		inOrder(t, tl, "kabul-airport-bombing", "kerman-attack", "crocus-city-hall-attack", "iskp-moscow-statement")
	})
	t.Run("the Islamic State's timeline is in the article's order", func(t *testing.T) {
		var tl queries.Timeline
		decode(t, &tl, "timeline", "Islamic State")
		// Kerman "began the year", then Turkey and Russia in the order Orton
		// lists them, then the truffle hunters "two days after the Moscow attack".
		inOrder(t, tl, "caliphate-declaration", "is-europe-attacks-caliphate", "paris-attack", "caliphate-destruction",
			"is-global-plots-2023", "kerman-attack", "turkey-attack-2024", "crocus-city-hall-attack", "truffle-hunters-attack")
		for _, ev := range tl.Events {
			switch ev.Event.ID {
			case "kerman-attack":
				if ev.Date.Value != "2024-01" || ev.Date.Cue != "began the year" || ev.Latest != "2024-01-31" {
					t.Errorf("Kerman: %+v, want January 2024 from the cue", ev.Date)
				}
			case "truffle-hunters-attack":
				if ev.Date.After != "crocus-city-hall-attack" || ev.Date.AfterDays != 2 || ev.Earliest != "2024-01-03" || ev.Latest != "2024-03-29" {
					t.Errorf("truffle hunters: %+v (%s..%s), want 2 days after the Moscow attack", ev.Date, ev.Earliest, ev.Latest)
				}
			case "crocus-city-hall-attack":
				if ev.Latest != "2024-03-27" || !strings.Contains(ev.When, "not after 2024-03-27") {
					t.Errorf("Moscow attack: when %q latest %q, want no later than the article", ev.When, ev.Latest)
				}
			}
		}
	})
	t.Run("a range stays a range", func(t *testing.T) {
		var tl queries.Timeline
		decode(t, &tl, "timeline", "United States")
		inOrder(t, tl, "us-deployment-iraq-syria", "us-withdrawal-afghanistan", "zawahiri-drone-strike")
		if ev := tl.Events[0]; ev.When != "between 2014 and 2015" || ev.Earliest != "2014-01-01" || ev.Latest != "2015-12-31" {
			t.Errorf("US deployment: when %q, %s..%s; want \"in 2014-15\" kept as a range", ev.When, ev.Earliest, ev.Latest)
		}
	})
	t.Run("the Islamic State enabled, not perpetrated, the Paris attack", func(t *testing.T) {
		rels := relations(why(t, "Islamic State", "Paris attack"))
		if !rels["facilitated"] || rels["perpetrated"] {
			t.Errorf("Islamic State – Paris attack: %v, want facilitated and not perpetrated", rels)
		}
		rels = relations(why(t, "Islamic State militants and sympathisers", "Paris attack"))
		if !rels["perpetrated"] {
			t.Errorf("militants and sympathisers – Paris attack: %v, want perpetrated", rels)
		}
	})
	t.Run("the truffle hunters were killed in Syria, near Raqqa, and Raqqa is in Syria", func(t *testing.T) {
		if w := why(t, "Raqqa", "located-in", "Syria"); len(w.Hops) != 1 {
			t.Errorf("Raqqa located-in Syria: %d hops", len(w.Hops))
		}
		rels := relations(why(t, "Killing of 11 truffle hunters near Raqqa", "Raqqa"))
		if !rels["occurred-near"] || rels["occurred-in"] {
			t.Errorf("truffle hunters – Raqqa: %v, want occurred-near only", rels)
		}
		if w := why(t, "Killing of 11 truffle hunters near Raqqa", "occurred-in", "Syria"); len(w.Hops) != 1 {
			t.Errorf("truffle hunters occurred-in Syria: %d hops", len(w.Hops))
		}
	})
	t.Run("the Kabul airport bombing killed 183", func(t *testing.T) {
		var p queries.Profile
		decode(t, &p, "show", "Kabul airport bombing")
		if p.Killed == nil || p.Killed.N != 183 || p.Casualties != "170 Afghan civilians and 13 US troops" {
			t.Errorf("killed %+v, casualties %q", p.Killed, p.Casualties)
		}
	})
	t.Run("certainty follows what is said", func(t *testing.T) {
		got := map[string]string{}
		for _, h := range why(t, "ISKP", "opposes", "Taliban").Hops {
			for _, c := range h.Claims {
				got[string(c.Certainty)] = c.AssertedBy
			}
		}
		if _, ok := got["reported"]; !ok || got["assessed"] != "nicholas-heras" || len(got) != 2 {
			t.Errorf("IS-K opposes Taliban: %v, want the article's own report and Heras's assessment", got)
		}
		w := why(t, "Islamic State", "perpetrated", "Moscow attack")
		if len(w.Hops) != 1 || w.Hops[0].Claims[0].Certainty != "attributed" || w.Hops[0].Claims[0].AssertedBy != "kyle-orton" {
			t.Errorf("Islamic State perpetrated the Moscow attack: %+v, want attributed to Orton", w.Hops)
		}
	})
	t.Run("a hypothetical threat is hedged", func(t *testing.T) {
		w := why(t, "Islamic State", "threatens", "Broader region around Syria")
		if len(w.Hops) != 1 || w.Hops[0].Claims[0].Hedge != "could" {
			t.Errorf("IS threatens the broader region: %+v, want one claim hedged \"could\"", w.Hops)
		}
		if w := why(t, "Islamic State", "threatens", "Syria"); len(w.Hops) != 0 {
			t.Errorf("IS threatens Syria: %d hops, want none (the article names the broader region)", len(w.Hops))
		}
	})
	t.Run("no loose claims", func(t *testing.T) {
		for _, q := range [][]string{
			{"United States", "opposes", "ISKP"},             // "highly unlikely to return ... to confront IS-K"
			{"United States", "deployed-to", "Central Asia"}, // a "reduced US presence", not troops
			{"Islamic State", "backs", "ISKP"},               // one organisation, not two
			{"ISKP", "recruits-from", "Pakistan"},            // the founders' origin
			{"Islamic State", "fights", "Syrian forces"},     // a capability, not clashes
		} {
			if w := why(t, q...); len(w.Hops) != 0 {
				t.Errorf("%v: %d hops, want none", q, len(w.Hops))
			}
		}
	})
	t.Run("who spoke to which outlet", func(t *testing.T) {
		for _, q := range [][]string{{"Kyle Orton", "The New Arab"}, {"Nicholas Heras", "TNA"}, {"Romanowski", "Reuters"}} {
			if w := why(t, q[0], "spoke-to", q[1]); len(w.Hops) != 1 {
				t.Errorf("%s spoke to %s: %d hops", q[0], q[1], len(w.Hops))
			}
		}
	})
	t.Run("aliases: short forms find the entity, adjectives are no names", func(t *testing.T) {
		for name, id := range map[string]string{"Kerman": "kerman-province", "Al-Hol": "al-hol-camp", "Orton": "kyle-orton", "Kabul airport bombing": "kabul-airport-bombing", "demise of the caliphate": "caliphate-destruction"} {
			var p queries.Profile
			decode(t, &p, "show", name)
			if p.ID != id {
				t.Errorf("show %q: %s, want %s", name, p.ID, id)
			}
		}
		if _, _, code := te.run(t, "show", "American"); code != exitNotFound {
			t.Errorf("show American: exit %d, want not found (an adjective is no alias)", code)
		}
	})
}

// inOrder checks that the timeline lists the events ids in that order
// (other events may come between).
func inOrder(t *testing.T, tl queries.Timeline, ids ...string) {
	t.Helper()
	var got []string
	for _, ev := range tl.Events {
		if len(got) == 0 || got[len(got)-1] != ev.Event.ID {
			got = append(got, ev.Event.ID)
		}
	}
	next := 0
	for _, id := range got {
		if next < len(ids) && id == ids[next] {
			next++
		}
	}
	if next < len(ids) {
		t.Errorf("timeline %v: want %v in this order (lost at %s)", got, ids, ids[next])
	}
}
