package extract

import (
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// Fictional actors, so that no rule is tuned to a real article.
func fictional() []graph.Entity {
	return []graph.Entity{
		{ID: "red-front", Type: "armed-group", Name: "Red Front"},
		{ID: "blue-army", Type: "armed-group", Name: "Blue Army"},
		{ID: "velta", Type: "state", Name: "Velta"},
		{ID: "zamora", Type: "state", Name: "Zamora"},
		{ID: "orla", Type: "state", Name: "Orla"},
		{ID: "juan-perez", Type: "person", Name: "Juan Perez"},
		{ID: "ana-ruiz", Type: "person", Name: "Ana Ruiz"},
		{ID: "herders", Type: "population", Name: "goat herders"},
		{ID: "grand-hotel", Type: "facility", Name: "Grand Hotel"},
		{ID: "port-sel", Type: "city", Name: "Port Sel"},
		{ID: "veltan-forces", Type: "military-force", Name: "Veltan forces"},
	}
}

func triples(r *Result) map[string]bool {
	m := map[string]bool{}
	for _, c := range r.Claims {
		m[c.Subject+" "+c.Relation+" "+c.Object] = true
	}
	return m
}

func keys(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

// checkClaims asserts that every want triple is proposed and no unwanted one is.
func checkClaims(t *testing.T, text string, want, unwanted []string) *Result {
	t.Helper()
	r := Extract(text, Options{Known: fictional()})
	got := triples(r)
	for _, w := range want {
		if !got[w] {
			t.Errorf("%q: missing %q (got: %s)", text, w, keys(got))
		}
	}
	for _, u := range unwanted {
		if got[u] {
			t.Errorf("%q: proposed %q", text, u)
		}
	}
	return r
}

func TestAnaphoraSubjectAndObject(t *testing.T) {
	// "The group" opens a sentence: it is the actor the sentence before was about.
	checkClaims(t, "The Red Front grew in 2019. The group loathes the Blue Army.",
		[]string{"red-front opposes blue-army"}, nil)
	// "them" after a cue: the actor the sentence before was about.
	checkClaims(t, "The Red Front grew in 2019. The Blue Army has struggled to contain them.",
		[]string{"blue-army opposes red-front"}, nil)
	// "The faction ... was X": the anaphor is X for the next sentence.
	checkClaims(t, "The faction behind the raids was the Red Front. The group loathes the Blue Army.",
		[]string{"red-front opposes blue-army"}, nil)
	// Names coordinated with the subject are not the antecedent of "the group".
	checkClaims(t, "Enemies of the Red Front, like Velta and the Blue Army, could contain the group.",
		[]string{"blue-army opposes red-front"}, []string{"blue-army opposes velta"})
}

func TestRoleCuesAndApposition(t *testing.T) {
	checkClaims(t, "Velta killed Red Front leader Juan Perez.",
		[]string{"juan-perez leads red-front"}, []string{"red-front leads juan-perez"})
	checkClaims(t, "Juan Perez, the leader of the Blue Army, spoke.",
		[]string{"juan-perez leads blue-army"}, nil)
	checkClaims(t, "The Veltan ambassador to Zamora, Ana Ruiz, spoke.",
		[]string{"ana-ruiz accredited-to zamora"}, nil)
	checkClaims(t, "The Velta ambassador to Zamora, Ana Ruiz, spoke.",
		[]string{"ana-ruiz represents velta"}, nil)
}

func TestPrecisionRules(t *testing.T) {
	// "coordination between A, B and C" pairs the list, not the name before.
	checkClaims(t, "The Blue Army relies on poor coordination between Velta, Zamora and Orla.",
		[]string{"velta cooperates-with zamora", "velta cooperates-with orla"},
		[]string{"blue-army cooperates-with velta"})
	// No link across a quotation mark.
	checkClaims(t, "“The Red Front is an enemy,” she told the Blue Army.",
		nil, []string{"red-front opposes blue-army"})
	// A name in a prepositional phrase is not the one acting: the sentence's subject is.
	checkClaims(t, "The Red Front, unlike groups in Orla, mounts raids against Velta.",
		[]string{"red-front opposes velta"}, []string{"orla opposes velta"})
	// "advances made by A with B and C": A is paired with B and C.
	checkClaims(t, "It halted diplomatic advances made by the Blue Army with Velta and Zamora.",
		[]string{"blue-army diplomatic-ties-with velta", "blue-army diplomatic-ties-with zamora"}, nil)
}

func TestCommonWordsAreNotNames(t *testing.T) {
	r := Extract("Membership in the group peaked. Logically, it fell.", Options{})
	for _, e := range r.Entities {
		if e.Name == "Membership" || e.Name == "Logically" {
			t.Errorf("proposed %q as a name", e.Name)
		}
	}
}

func TestEventRules(t *testing.T) {
	pub := graph.Date{Value: "2024-03-27", Precision: graph.Day}
	text := "The Grand Hotel attack in Port Sel killed 12.\n" +
		"The Blue Army killed 5 goat herders in the hills near Orla two days after the Port Sel attack.\n" +
		"Attacks rose this year in the attacks in Velta, Zamora, and Orla.\n" +
		"The Red Front is growing in Zamora, carrying out 35 attacks in the country so far this year."
	r := Extract(text, Options{Known: fictional(), Published: &pub})
	byName := map[string]*Entity{}
	for _, e := range r.Entities {
		if e.Event {
			byName[e.Name] = e
		}
	}
	hotel := byName["Grand Hotel attack"]
	if hotel == nil {
		t.Fatalf("no Grand Hotel attack: %v", byName)
	}
	if byName["Port Sel attack"] != nil {
		t.Errorf("\"the Port Sel attack\" is the Grand Hotel attack (in Port Sel), not a new event")
	}
	if hotel.Killed == nil || hotel.Killed.N != 12 {
		t.Errorf("Grand Hotel attack killed = %v, want 12 (not the 5 of the later sentence)", hotel.Killed)
	}
	k := byName["Killing of 5 goat herders near Orla"]
	if k == nil || k.Killed == nil || k.Killed.N != 5 {
		t.Fatalf("killing event = %+v, want named and with 5 killed (events: %v)", k, byName)
	}
	got := triples(r)
	for _, w := range []string{
		"grand-hotel-attack occurred-in grand-hotel", "grand-hotel-attack occurred-in port-sel",
		"blue-army perpetrated " + k.ID, k.ID + " targeted herders", k.ID + " occurred-in orla",
		"velta-attack occurred-in velta", "zamora-attack occurred-in zamora", "orla-attack occurred-in orla",
		"zamora-attacks occurred-in zamora", "red-front perpetrated zamora-attacks",
	} {
		if !got[w] {
			t.Errorf("missing %q (got: %s)", w, keys(got))
		}
	}
	for _, u := range []string{"blue-army perpetrated grand-hotel-attack", "velta-attack occurred-in zamora"} {
		if got[u] {
			t.Errorf("proposed %q", u)
		}
	}
	if e := byName["Zamora attacks"]; e == nil || e.Date == nil || e.Date.Value != "2024" {
		t.Errorf("attacks in the country so far this year: %+v, want dated 2024", e)
	}
}

func TestAssassinationInAStrike(t *testing.T) {
	r := checkClaims(t, "Velta assassinated Red Front leader Juan Perez in a drone strike on Port Sel on 3 May 2022.",
		[]string{"velta assassinated juan-perez"}, nil)
	var strike *Entity
	for _, e := range r.Entities {
		if e.Event {
			strike = e
		}
	}
	if strike == nil {
		t.Fatal("no drone strike event")
	}
	got := triples(r)
	for _, w := range []string{"velta perpetrated " + strike.ID, strike.ID + " targeted juan-perez", strike.ID + " occurred-in port-sel"} {
		if !got[w] {
			t.Errorf("missing %q (got: %s)", w, keys(got))
		}
	}
	if got["red-front perpetrated "+strike.ID] || got[strike.ID+" targeted port-sel"] {
		t.Errorf("wrong perpetrator or target (got: %s)", keys(got))
	}
	if strike.Date == nil || strike.Date.Value != "2022-05-03" {
		t.Errorf("date = %v, want 2022-05-03", strike.Date)
	}
}

func TestNamesVocabularyOnly(t *testing.T) {
	r := Extract("The WXY deployed to Velta. Later 13 WXY troops and ABC troops left Velta’s Port Sel, and the Velta-led coalition stayed.", Options{})
	names := map[string]string{}
	for _, e := range r.Entities {
		names[e.Name] = e.ID
	}
	for _, n := range []string{"WXY troops", "ABC", "ABC troops", "Velta", "Port Sel", "Velta-led coalition"} {
		if names[n] == "" {
			t.Errorf("name %q not proposed (got %v)", n, names)
		}
	}
	if names["Velta’s Port Sel"] != "" {
		t.Errorf("a possessive was kept inside a name: %v", names)
	}
	got := triples(r)
	for _, w := range []string{names["WXY troops"] + " part-of " + names["WXY"], names["Port Sel"] + " located-in " + names["Velta"]} {
		if !got[w] {
			t.Errorf("missing %q (got: %s)", w, keys(got))
		}
	}
}

func TestDemonymPartOf(t *testing.T) {
	checkClaims(t, "The Red Front fights Veltan forces.", []string{"veltan-forces part-of velta"}, nil)
}

func TestPullQuotesAndQuoteText(t *testing.T) {
	text := "\"The Red Front loathes the Blue Army for its raids on the border villages\"\n“The Red Front loathes the Blue Army for its raids on the border villages, and always will,” Ana Ruiz said."
	ss := dropPullQuotes(Split(text))
	if len(ss) != 1 || !strings.Contains(ss[0].Text, "always will") {
		t.Errorf("dropPullQuotes kept %+v, want only the full paragraph", ss)
	}
	for in, want := range map[string]string{
		"“We will stay,” she told the paper.": "We will stay",
		"“We will stay.”":                     "We will stay.",
		"Nothing quoted here.":                "Nothing quoted here.",
		"“It is over,” he said, “for now.”":   "It is over",
	} {
		if got := QuoteText(in); got != want {
			t.Errorf("QuoteText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDatesMore(t *testing.T) {
	pub := graph.Date{Value: "2024-03-27", Precision: graph.Day}
	for _, tc := range []struct{ text, last, want string }{
		{"A strike on 31 July 31 2022 killed him.", "", "2022-07-31"},
		{"Attacks over the last year rose.", "", ""},
		{"Attacks last year rose.", "", "2023"},
		{"It has been deployed there since February.", "", "2024-02"},
		{"It has been deployed there since November.", "", "2023-11"},
		{"He threatened them last month.", "", "2024-02"},
	} {
		var got []string
		for _, h := range Dates(tc.text, &pub, tc.last) {
			got = append(got, h.d.Value)
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("Dates(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestListGaps(t *testing.T) {
	for g, want := range map[string]bool{
		", ": true, " and ": true, ", and the ": true, " – as well as ": true, " and groups like ": true,
		"": false, " loathes ": false, " in ": false, " and hates ": false,
	} {
		if got := isListGap(g); got != want {
			t.Errorf("isListGap(%q) = %v, want %v", g, got, want)
		}
	}
	checkClaims(t, "The Red Front competes with the Blue Army – as well as Velta and groups like the Orla militia.",
		[]string{"red-front rival-of blue-army", "red-front rival-of velta"}, nil)
}

func TestLocatedInFromNames(t *testing.T) {
	k := append(fictional(), graph.Entity{ID: "sel-airport", Type: "facility", Name: "Port Sel airport"},
		graph.Entity{ID: "north-velta", Type: "region", Name: "north Velta"})
	r := Extract("Guards at Port Sel airport fled to north Velta. The Grand Hotel attack in Port Sel shocked Orla.", Options{Known: k})
	got := triples(r)
	for _, w := range []string{"sel-airport located-in port-sel", "north-velta located-in velta", "grand-hotel located-in port-sel"} {
		if !got[w] {
			t.Errorf("missing %q (got: %s)", w, keys(got))
		}
	}
	if got["port-sel located-in sel-airport"] || got["grand-hotel located-in orla"] {
		t.Errorf("wrong located-in (got: %s)", keys(got))
	}
}

func TestVerbAndOfEvents(t *testing.T) {
	pub := graph.Date{Value: "2024-03-27", Precision: graph.Day}
	k := append(fictional(), graph.Entity{ID: "wxy", Type: "organisation", Name: "WXY"})
	r := Extract("The Red Front grew fast. It declared its republic in June 2014 and held land.\n"+
		"Velta regrets the withdrawal of WXY troops from Orla.", Options{Known: k, Published: &pub})
	events := map[string]*Entity{}
	for _, e := range r.Entities {
		if e.Event {
			events[e.Name] = e
		}
	}
	d := events["Red Front declaration"]
	if d == nil || d.Date == nil || d.Date.Value != "2014-06" {
		t.Fatalf("declaration = %+v, want \"Red Front declaration\" dated 2014-06 (events: %v)", d, events)
	}
	w := events["Withdrawal of WXY troops from Orla"]
	if w == nil {
		t.Fatalf("no withdrawal event (events: %v)", events)
	}
	got := triples(r)
	for _, want := range []string{"red-front carried-out " + d.ID, "wxy carried-out " + w.ID, w.ID + " occurred-in orla"} {
		if !got[want] {
			t.Errorf("missing %q (got: %s)", want, keys(got))
		}
	}
}

func TestWeakClaimsDropped(t *testing.T) {
	// An anaphor for the subject and an object far from the cue: too weak.
	checkClaims(t, "The Red Front grew. The group’s name derives from an ancient and much disputed land that once held parts of Velta.",
		nil, []string{"red-front named-after velta"})
	// The same with the object close to the cue is proposed.
	checkClaims(t, "The Red Front grew. The group’s name derives from Velta.",
		[]string{"red-front named-after velta"}, nil)
}

func TestGroupTypeFromHeadWord(t *testing.T) {
	r := Extract("Officials met in Orla. Later, Sol Dorado militants attacked Orla.", Options{})
	for _, e := range r.Entities {
		if e.Name == "Sol Dorado" {
			if e.Type != "armed-group" {
				t.Errorf("Sol Dorado: type %q, want armed-group (why: %v)", e.Type, e.Why)
			}
			return
		}
	}
	t.Errorf("Sol Dorado not proposed")
}

func TestLedNameIsTheObject(t *testing.T) {
	// Ukraine is a country of the country list; Orla is not a name it knows.
	r := Extract("Officials in Ukraine met. Advances made by the Ukraine-led government with Orla stalled.", Options{})
	ids := map[string]string{}
	for _, e := range r.Entities {
		ids[e.Name] = e.ID
	}
	got := triples(r)
	if !got[ids["Ukraine"]+" leads "+ids["Ukraine-led government"]] {
		t.Errorf("missing Ukraine leads the Ukraine-led government (got: %s; names %v)", keys(got), ids)
	}
	if got[ids["Ukraine"]+" leads "+ids["Orla"]] {
		t.Errorf("the name after a '-led' name was taken as led (got: %s)", keys(got))
	}
}

func TestRelativeClauseAndGroupAnaphor(t *testing.T) {
	// "The group," with a comma is still an anaphor; a name inside ", which
	// ... ," is not the subject of the main verb.
	checkClaims(t, "Red Front militants raided Orla. The group, which is an affiliate of the Blue Army, has fought Veltan forces for years.",
		[]string{"red-front affiliate-of blue-army", "red-front fights veltan-forces"},
		[]string{"blue-army fights veltan-forces"})
	// An opening "It" may be expletive: it does not replace a named subject.
	checkClaims(t, "Ana Ruiz spoke. “It will have implications for the Red Front’s rivalry with the Blue Army,” she said.",
		[]string{"red-front rival-of blue-army"}, []string{"ana-ruiz rival-of blue-army"})
}

func TestHyphenModifiers(t *testing.T) {
	// "The Velta-backed movement" is not Velta: Velta neither fights nor
	// backs the next name; the "-led" name is the object, not its modifier.
	checkClaims(t, "The Velta-backed movement has fought the Zamora-led coalition since 2015.",
		nil, []string{"velta fights zamora", "velta backs zamora"})
	checkClaims(t, "Officials said the talks between Velta and Orla had stalled.",
		[]string{"velta diplomatic-ties-with orla"}, nil)
}

func TestPersonKilled(t *testing.T) {
	pub := graph.Date{Value: "2024-03-27", Precision: graph.Day}
	r := Extract("The Blue Army mourned Ana Ruiz, who was shot dead in Port Sel in May 2022.", Options{Known: fictional(), Published: &pub})
	var ev *Entity
	for _, e := range r.Entities {
		if e.Name == "Killing of Ana Ruiz" {
			ev = e
		}
	}
	if ev == nil || ev.Date == nil || ev.Date.Value != "2022-05" {
		t.Fatalf("killing event = %+v, want \"Killing of Ana Ruiz\" dated 2022-05", ev)
	}
	got := triples(r)
	for _, w := range []string{ev.ID + " targeted ana-ruiz", ev.ID + " occurred-in port-sel"} {
		if !got[w] {
			t.Errorf("missing %q (got %s)", w, keys(got))
		}
	}
}

func TestRelativeDays(t *testing.T) {
	pub := graph.Date{Value: "2025-03-16", Precision: graph.Day} // a Sunday
	r := Extract("A car bomb exploded in Port Sel on 13 March.\nVelta declared a state of emergency on Saturday, two days after the bombing.\nZamora declared a curfew on Saturday.",
		Options{Known: fictional(), Published: &pub})
	got := map[string]string{}
	for _, e := range r.Entities {
		if e.Event && e.Date != nil {
			got[e.Name] = e.Date.Value
		}
	}
	if got["Velta declaration"] != "2025-03-15" {
		t.Errorf("two days after the bombing of 13 March: %v, want 2025-03-15", got)
	}
	if got["Zamora declaration"] != "2025-03-15" {
		t.Errorf("on Saturday, in a report of Sunday 16 March: %v, want 2025-03-15", got)
	}
}

func TestUnnamedEventWithFigures(t *testing.T) {
	r := Extract("Early on Tuesday, a powerful explosion killed at least 12 people and injured 30 near the central mosque of Port Sel.", Options{Known: fictional()})
	for _, e := range r.Entities {
		if e.Event && e.Killed != nil && e.Killed.N == 12 && e.Injured != nil && e.Injured.N == 30 {
			if !triples(r)[e.ID+" occurred-in port-sel"] {
				t.Errorf("%s: not placed in Port Sel (got %s)", e.ID, keys(triples(r)))
			}
			return
		}
	}
	t.Errorf("no event with the figures: %+v", r.Entities)
}

func TestDescribedTypesAndRegions(t *testing.T) {
	r := Extract("The jihadist group Sol Negro grew across Eurasia. Dorn Vale, an armed group that split from it, recruits Eurasian youths.", Options{})
	types := map[string]string{}
	for _, e := range r.Entities {
		types[e.Name] = e.Type
	}
	for name, want := range map[string]string{"Sol Negro": "armed-group", "Dorn Vale": "armed-group", "Eurasia": "region"} {
		if types[name] != want {
			t.Errorf("%s: %q, want %s (all %v)", name, types[name], want, types)
		}
	}
	if _, ok := types["Eurasian"]; ok {
		t.Errorf("the adjective of a region was proposed as an actor")
	}
}
