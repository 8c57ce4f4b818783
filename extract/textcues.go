package extract

import (
	"regexp"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// What the text itself says about its names, read before extraction: the
// states it names with their demonyms ("Veldra" and "Veldran"), and the
// kinds of place it gives names ("the town of Saret", "the Veldran
// capital, Korvath", "Hallor province"). A name no list knows gets its type
// from these.

// textKnowledge is what the pre-pass learnt.
type textKnowledge struct {
	states    map[string]bool   // NameKey of a name the text uses as a state
	demonyms  map[string]string // demonym → the state's name ("Veldran" → "Veldra")
	placeKind map[string]string // NameKey → city, region or facility
	capitalOf map[string]string // NameKey of a capital → the state's name or demonym
	persons   map[string]bool   // NameKeys of a byline's author
	outlets   map[string]bool   // ... and publisher
}

var (
	// "the (Veldran) town of Saret", "the village of Tesk", "the northern province of Hallor"
	kindOfRE = regexp.MustCompile(`\b(town|city|village|capital|port|province|region|district|governorate|county)s? of ([A-Z][\p{L}\-]+)`)
	// "the Veldran capital, Korvath", "the Tamrithi capital" after a name
	capitalAfterRE  = regexp.MustCompile(`\b([A-Z][\p{L}\-]+) capital, ([A-Z][\p{L}\-]+)`)
	capitalBeforeRE = regexp.MustCompile(`\b([A-Z][\p{L}\-]+), the ([A-Z][\p{L}\-]+) capital\b`)
	// "Hallor province", "Saret district"
	kindAfterRE = regexp.MustCompile(`\b([A-Z][\p{L}\-]+) (province|region|district|governorate|county)\b`)
	// "the Republic of Veldra", "the Kingdom of X"
	republicRE = regexp.MustCompile(`\b(?:Republic|Kingdom|State|Emirate|Federation|Sultanate) of ([A-Z][\p{L}\-]+)`)
	// a dateline: "KORVATH, March 16" or "Korvath, 21 July 2025" opening a paragraph
	datelineRE = regexp.MustCompile(`^([A-Z][\p{L}\-]+|[A-Z]+), (?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December)\b`)
	// what only a state has: "Karsovia's Foreign Ministry", "neighbouring Karsovia"
	stateOwnsRE = regexp.MustCompile(`\b([A-Z][\p{L}\-]+)(?:'s|’s) (?:(?:Foreign|Defence|Defense|Interior) Minist|[Aa]mbassador|[Pp]resident|[Gg]overnment|[Aa]rmy|[Pp]rime [Mm]inister|[Ee]mbassy)`)
	neighbourRE = regexp.MustCompile(`\bneighbou?ring ([A-Z][\p{L}\-]+)`)
	// a byline: "By Nadia Kerr, The Korvath Review, 9 June 2025"
	bylineRE = regexp.MustCompile(`^By ([A-Z][\p{L}\-]+(?: [A-Z][\p{L}\-]+){1,2}), (?:The )?([A-Z][\p{L}\-]+(?: [A-Z][\p{L}\-]+){0,3})(?:,|$)`)
	// "the Hallor border towns of Dreska and Molin"
	kindsOfRE = regexp.MustCompile(`\b(towns|cities|villages) of ([A-Z][\p{L}\-]+) and ([A-Z][\p{L}\-]+)`)
)

func readText(sents []Sentence) textKnowledge {
	k := textKnowledge{states: map[string]bool{}, demonyms: map[string]string{}, placeKind: map[string]string{}, capitalOf: map[string]string{},
		persons: map[string]bool{}, outlets: map[string]bool{}}
	caps := map[string]bool{} // capitalised words of the text
	for _, s := range sents {
		for _, t := range tokenize(s.Text) {
			if t.cap && !t.upper {
				caps[stripPossessive(t.text)] = true
			}
		}
	}
	// A capitalised word whose stem by a demonym suffix is another
	// capitalised word of the text: "Veldran" and "Veldra".
	for w := range caps {
		if _, ok := country(w); ok {
			continue
		}
		for _, stem := range demonymStems(w) {
			if caps[stem] && stem != w && len(stem) >= 4 && !regionName(stem) {
				k.demonyms[w] = stem
				k.states[graph.NameKey(stem)] = true
				break
			}
		}
	}
	kind := func(word string) string {
		switch strings.TrimSuffix(word, "s") {
		case "town", "city", "village", "capital", "port":
			return "city"
		}
		return "region"
	}
	for i, s := range sents {
		t := s.Text
		for _, m := range kindOfRE.FindAllStringSubmatch(t, -1) {
			k.placeKind[graph.NameKey(m[2])] = kind(m[1])
		}
		for _, m := range kindsOfRE.FindAllStringSubmatch(t, -1) {
			k.placeKind[graph.NameKey(m[2])] = "city"
			k.placeKind[graph.NameKey(m[3])] = "city"
		}
		for _, m := range capitalAfterRE.FindAllStringSubmatch(t, -1) {
			k.placeKind[graph.NameKey(m[2])] = "city"
			k.capitalOf[graph.NameKey(m[2])] = m[1]
		}
		for _, m := range capitalBeforeRE.FindAllStringSubmatch(t, -1) {
			k.placeKind[graph.NameKey(m[1])] = "city"
			k.capitalOf[graph.NameKey(m[1])] = m[2]
		}
		for _, m := range kindAfterRE.FindAllStringSubmatch(t, -1) {
			if _, ok := k.placeKind[graph.NameKey(m[1])]; !ok {
				k.placeKind[graph.NameKey(m[1])] = "region"
			}
		}
		for _, re := range []*regexp.Regexp{republicRE, stateOwnsRE, neighbourRE} {
			for _, m := range re.FindAllStringSubmatch(t, -1) {
				if _, known := k.placeKind[graph.NameKey(m[1])]; !known {
					k.states[graph.NameKey(m[1])] = true
				}
			}
		}
		if m := bylineRE.FindStringSubmatch(t); m != nil {
			k.persons[graph.NameKey(m[1])] = true
			k.outlets[graph.NameKey(m[2])] = true
		}
		if i == 0 || sents[i-1].Para != s.Para {
			if m := datelineRE.FindStringSubmatch(t); m != nil {
				k.placeKind[graph.NameKey(m[1])] = "city"
			}
		}
	}
	return k
}

// stateOfDemonym is the state a demonym of the text names.
func (k textKnowledge) stateOfDemonym(w string) (string, bool) {
	s, ok := k.demonyms[stripPossessive(w)]
	return s, ok
}

// regionName reports whether a name is a continent's or a large region's
// ("Eurasia", "Central Asia"): its demonym ("Eurasian") names no state.
func regionName(n string) bool {
	l := strings.ToLower(n)
	for _, r := range []string{"asia", "europe", "africa", "america", "arabia", "caucasus", "balkan", "sahel", "levant", "maghreb", "oceania", "scandinavia", "siberia", "anatolia", "kurdistan", "khorasan"} {
		if strings.Contains(l, r) {
			return true
		}
	}
	return false
}
