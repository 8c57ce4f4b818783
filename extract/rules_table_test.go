package extract

import (
	"path"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// withOnly runs f with every relation rule but the one named switched off.
func withOnly(t *testing.T, name, also string, f func()) {
	t.Helper()
	savedCue, savedSent := cueRules, sentenceRules
	defer func() { cueRules, sentenceRules = savedCue, savedSent }()
	found := false
	cueRules = append([]cueRule(nil), savedCue...)
	for i := range cueRules {
		if cueRules[i].name == name || cueRules[i].name == also {
			found = found || cueRules[i].name == name
		} else {
			cueRules[i].apply = func(*sentCtx, graph.Relation, []string, string) {}
		}
	}
	sentenceRules = nil
	for _, r := range savedSent {
		if r.name == name {
			found = true
			sentenceRules = append(sentenceRules, r)
		}
	}
	if !found {
		t.Fatalf("no rule named %q", name)
	}
	f()
}

// hasTriple reports whether a claim matches the pattern ("*" for any part
// of an ID, as in path.Match).
func hasTriple(r *Result, pattern string) bool {
	for tr := range triples(r) {
		if ok, _ := path.Match(pattern, tr); ok {
			return true
		}
	}
	return false
}

// ruleCases has one case per rule: a sentence whose claim comes from that
// rule alone (it is proposed with only that rule on, and not with only
// the others).
var ruleCases = []struct {
	rule, text string
	vocabOnly  bool           // no known actors
	known      []graph.Entity // known besides fictional()
	also       string         // a cue rule this one builds on
	want       string
}{
	{rule: "glued suffix (\"US-led coalition\")", text: "Officials in Ukraine met. The Ukraine-led government fell.", vocabOnly: true, want: "ukraine leads ukraine-led-government"},
	{rule: "preposition between two names (\"X in Y\", \"Y's X\")", text: "Guards left the Grand Hotel in Port Sel.", want: "grand-hotel located-in port-sel"},
	{rule: "cue between subject and object", text: "The Red Front loathes the Blue Army.", want: "red-front opposes blue-army"},
	{rule: "office before a name or in apposition (\"Russian President X\", \"X, the mayor of Y\")", text: "Velta welcomed Blue Army chairman Juan Perez.", want: "juan-perez leads blue-army"},
	{rule: "place described by its kind (\"the Veldran town of Saret\", \"Ashvenna, the Tamrithi capital\")", text: "Guards left Velta. A bomb hit the Veltan town of Marl.", want: "marl located-in velta"},
	{rule: "byline (\"By X, The Y Review\")", text: "By Nadia Kerr, The Korvath Review, 9 June 2025", want: "nadia-kerr member-of korvath-review"},
	{rule: "denial (\"X denied any role in the attack\")", text: "The Blue Army denied any role in the Grand Hotel attack in Port Sel.", want: "blue-army perpetrated grand-hotel-attack"},
	{rule: "body or outlet of a possessor (\"Karsovia's Foreign Ministry\", \"its Nidaa news agency\")", text: "Velta's Foreign Ministry spoke.", want: "foreign-ministry part-of velta"},
	{rule: "force or body named after its owner (\"Veltan forces\")", text: "The Red Front fights Veltan forces.", want: "veltan-forces part-of velta"},
	{rule: "place named after a larger one (\"Port Sel airport\")", text: "Guards fled Port Sel airport.",
		known: []graph.Entity{{ID: "sel-airport", Type: "facility", Name: "Port Sel airport"}}, want: "sel-airport located-in port-sel"},
	{rule: "place naming an event that happened in another", text: "The Grand Hotel attack in Port Sel shocked many.", want: "grand-hotel located-in port-sel"},
	{rule: "places and actors that name an event", text: "The Grand Hotel attack in Port Sel shocked many.", want: "grand-hotel-attack occurred-in grand-hotel"},
	{rule: "actor and victims of an event read from a verb", text: "The Blue Army killed 5 goat herders near Orla as the Red Front watched.", want: "blue-army perpetrated killing-*"},
	{rule: "assault in an event (\"X assassinated Y in a drone strike\")", text: "Velta assassinated Red Front leader Juan Perez in a drone strike on Port Sel.", also: "cue between subject and object", want: "velta perpetrated *drone-strike*"},
	{rule: "the only group a sentence names", text: "The Red Front grew as a bombing in Orla shocked many.", want: "red-front perpetrated orla-bombing"},
}

func TestEachRule(t *testing.T) {
	tested := map[string]bool{}
	for _, tc := range ruleCases {
		tested[tc.rule] = true
		opt := Options{Known: append(fictional(), tc.known...)}
		if tc.vocabOnly {
			opt.Known = nil
		}
		withOnly(t, tc.rule, tc.also, func() {
			if r := Extract(tc.text, opt); !hasTriple(r, tc.want) {
				t.Errorf("rule %s on %q: missing %q (got: %s)", tc.rule, tc.text, tc.want, keys(triples(r)))
			}
		})
		// Every other rule on, this one off: the claim is not proposed.
		saved := append([]cueRule(nil), cueRules...)
		savedS := append([]sentenceRule(nil), sentenceRules...)
		for i := range cueRules {
			if cueRules[i].name == tc.rule {
				cueRules[i].apply = func(*sentCtx, graph.Relation, []string, string) {}
			}
		}
		sentenceRules = nil
		for _, r := range savedS {
			if r.name != tc.rule {
				sentenceRules = append(sentenceRules, r)
			}
		}
		if r := Extract(tc.text, opt); hasTriple(r, tc.want) {
			t.Errorf("rule %s off: %q still proposed from %q, so the case does not test the rule", tc.rule, tc.want, tc.text)
		}
		cueRules, sentenceRules = saved, savedS
	}
	for _, r := range cueRules {
		if !tested[r.name] {
			t.Errorf("cue rule %q has no case", r.name)
		}
	}
	for _, r := range sentenceRules {
		if !tested[r.name] {
			t.Errorf("sentence rule %q has no case", r.name)
		}
	}
}

func TestCertaintyOf(t *testing.T) {
	rel := func(n string) graph.Relation { r, _ := graph.LookupRelation(n); return r }
	a, b, sp := &Entity{ID: "a"}, &Entity{ID: "b"}, &Entity{ID: "sp"}
	for _, tc := range []struct {
		rel  string
		at   attrib
		want string
	}{
		{"claimed-responsibility-for", attrib{}, "claimed "},
		{"claimed-responsibility-for", attrib{certainty: graph.Attributed, by: sp}, "claimed "},
		{"opposes", attrib{}, "reported "},
		{"opposes", attrib{certainty: graph.Attributed, by: sp}, "attributed sp"},
		{"opposes", attrib{certainty: graph.Assessed, by: sp}, "assessed sp"},
		{"opposes", attrib{certainty: graph.Attributed, by: a}, "reported "}, // the speaker's own stance
	} {
		c, by := certaintyOf(rel(tc.rel), a, b, tc.at)
		if got := string(c) + " " + by; got != tc.want {
			t.Errorf("certaintyOf(%s, %+v) = %q, want %q", tc.rel, tc.at, got, tc.want)
		}
	}
}

// The cue tables name only types and relations of the vocabulary.
func TestCueTablesMatchVocabulary(t *testing.T) {
	for _, tc := range typeCueWords {
		if _, err := graph.LookupType(tc.typ); err != nil {
			t.Errorf("typeCueWords: %v", err)
		}
	}
	for _, rc := range relationCues {
		if _, err := graph.LookupRelation(rc.rel); err != nil {
			t.Errorf("relationCues: %v", err)
		}
	}
	for c := range certaintyCues {
		if _, err := graph.ParseCertainty(string(c)); err != nil {
			t.Errorf("certaintyCues: %v", err)
		}
	}
}

func TestOffices(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Russian President Vladimir Putin spoke in Moscow. Putin was angry.", "vladimir-putin leads russian-federation"},
		{"Moscow Mayor Sergei Sobyanin cancelled events in Russia.", "sergei-sobyanin governs moscow"},
		{"Dmitry Medvedev, the deputy chairman of Russia's Security Council, threatened Kyiv.", "dmitry-medvedev member-of security-council"},
		{"Ana Ruiz, Russia's ambassador to Iran, spoke.", "ana-ruiz represents russia"},
		{"Ana Ruiz, the ambassador to Iran, spoke.", "ana-ruiz accredited-to iran"},
		{"Yusuf Danek, a former Veldran ambassador to Karsovia, spoke. Veldra and Karsovia met.", "yusuf-danek represents veldra"},
	} {
		r := Extract(tc.text, Options{})
		got := triples(r)
		if tc.want != "" && !got[tc.want] {
			var es []string
			for _, e := range r.Entities {
				es = append(es, e.ID+":"+e.Type)
			}
			t.Errorf("%q: missing %q (got: %s; entities %v)", tc.text, tc.want, keys(got), es)
		}
	}
}

func TestPassiveAndReportedSpeech(t *testing.T) {
	checkClaims(t, "Velta was sharply criticised by the Red Front.", []string{"red-front criticised velta"}, []string{"velta criticised red-front"})
	r := checkClaims(t, "Zamora said the Red Front loathes the Blue Army.", []string{"red-front opposes blue-army"}, nil)
	for _, c := range r.Claims {
		if c.Relation == "opposes" && (c.Certainty != graph.Attributed || c.By != "zamora") {
			t.Errorf("reported speech: certainty %s by %q, want attributed by zamora", c.Certainty, c.By)
		}
	}
}

func TestDenialIsNotAnAssertion(t *testing.T) {
	r := Extract("The Grand Hotel attack in Port Sel killed 12. Zamora's Foreign Ministry denied any role in the attack.", Options{Known: fictional()})
	n := 0
	for _, c := range r.Claims {
		if c.Relation == "perpetrated" && c.Subject == "zamora" {
			n++
			if !c.Denied || c.Certainty != graph.Attributed || c.By != "foreign-ministry" {
				t.Errorf("denial: %+v, want denied, attributed by the ministry", c)
			}
		}
	}
	if n != 1 {
		t.Errorf("want one denied claim that Zamora perpetrated the attack, got %d (claims %s)", n, keys(triples(r)))
	}
}

// A real-world wire in the shape of issue 18's report: people, titles,
// countries, a capital, demonyms and a denial.
func TestRealWorldWire(t *testing.T) {
	text := "MOSCOW, March 24, 2024 - Islamic State claimed the attack on Crocus City Hall in Krasnogorsk through its Amaq news agency, saying its fighters had killed Russians.\n" +
		"Russian President Vladimir Putin said the gunmen had tried to flee towards Ukraine.\n" +
		"Dmitry Medvedev, the deputy chairman of Russia's Security Council, threatened Kyiv.\n" +
		"Ukraine denied any involvement in the attack.\n" +
		"Afghan and Ukrainian officials condemned the attack."
	known := []graph.Entity{{ID: "islamic-state", Type: "armed-group", Name: "Islamic State"}, {ID: "russia", Type: "state", Name: "Russia"}}
	r := Extract(text, Options{Known: known})
	types := map[string]string{}
	for _, e := range r.Entities {
		types[e.Name] = e.Type
	}
	for name, want := range map[string]string{"Vladimir Putin": "person", "Dmitry Medvedev": "person", "Ukraine": "state", "Kyiv": "city", "Krasnogorsk": "city", "Amaq news agency": "media-outlet"} {
		if types[name] != want {
			t.Errorf("%s: %q, want %s (all %v)", name, types[name], want, types)
		}
	}
	for _, not := range []string{"Afghan", "Ukrainian", "Russians", "Russian"} {
		if _, ok := types[not]; ok {
			t.Errorf("the demonym %q was proposed as an actor", not)
		}
	}
	got := triples(r)
	for _, w := range []string{"vladimir-putin leads russia", "dmitry-medvedev member-of security-council", "dmitry-medvedev threatens kyiv", "amaq-news-agency part-of islamic-state"} {
		if !got[w] {
			t.Errorf("missing %q (got %s)", w, keys(got))
		}
	}
	if got["security-council threatens kyiv"] {
		t.Errorf("the name inside an apposition was taken as the subject")
	}
	for _, c := range r.Claims {
		if c.Subject == "ukraine" && c.Relation == "perpetrated" && !c.Denied {
			t.Errorf("a denial proposed as an assertion: %+v", c)
		}
	}
}

func TestRelativeClauseObjectAndGroupPossessive(t *testing.T) {
	checkClaims(t, "The Red Front grew. The group's next target is Port Sel itself, which its leader, Juan Perez, has threatened.",
		[]string{"juan-perez leads red-front", "juan-perez threatens port-sel"}, nil)
}

func TestTownCommaState(t *testing.T) {
	checkClaims(t, "Fighting spread to Port Sel, Orla, on Monday.", []string{"port-sel located-in orla"}, nil)
	checkClaims(t, "Fighting spread to Velta, Orla and Zamora.", nil, []string{"velta located-in orla"})
}
