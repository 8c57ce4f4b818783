package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

func isUpper(r rune) bool { return unicode.IsUpper(r) }

// attrib is who a sentence's quotation is attributed to, and how.
type attrib struct {
	certainty graph.Certainty
	by        *Entity
}

// sentence handles one sentence: names, events, dates, figures, relations.
func (x *extractor) sentence(s Sentence, at attrib) {
	toks := tokenize(s.Text)
	ms := x.mentions(s, toks)
	evs := x.events(s, toks, &ms)
	x.dates(s, toks, evs)
	x.figures(s, evs)
	if s.Heading {
		return
	}
	prev := x.subject
	if subj := x.sentenceSubject(s, toks, ms); subj != nil {
		x.subject = subj
	}
	if at.by == nil {
		if sp := x.speaker(s, toks, ms); sp != nil {
			at = attrib{certainty: graph.Attributed, by: sp}
		}
	}
	x.relations(s, toks, ms, at, prev, x.subject)
	for _, m := range ms {
		if m.e.Type == "state" {
			x.lastState = m.e
		}
	}
}

// sentenceSubject is the actor a sentence is about: the previous
// sentence's when it opens with an anaphor ("It", "The group", "Its
// fighters"), else its first actor that does not sit in a prepositional
// phrase ("In Orla, X ..." is about X).
func (x *extractor) sentenceSubject(s Sentence, toks []token, ms []mention) *Entity {
	if startsWithPronoun(s.Text) {
		// "The faction behind the raids was the Red Front": the
		// anaphor is identified with the name.
		for _, m := range ms {
			g := strings.ToLower(strings.TrimSpace(s.Text[:m.start]))
			if !m.e.Event && isActorType(m.e.Type) && !isPlace(m.e.Type) &&
				(strings.HasSuffix(g, " was") || strings.HasSuffix(g, " is") || strings.HasSuffix(g, " was the") || strings.HasSuffix(g, " is the")) {
				return m.e
			}
		}
		if x.subject != nil {
			return x.subject
		}
	}
	var first *Entity
	for _, m := range ms {
		if m.e.Event || !isActorType(m.e.Type) {
			continue
		}
		if first == nil {
			first = m.e
		}
		if m.to < len(toks) && isTitleStart(toks, m.to) {
			continue // "Veldran President X": the state qualifies the title
		}
		if m.from > 0 && prepositions[strings.ToLower(toks[m.from-1].text)] {
			continue
		}
		if m.from > 1 && strings.EqualFold(toks[m.from-1].text, "the") && prepositions[strings.ToLower(toks[m.from-2].text)] {
			continue
		}
		return m.e
	}
	return first
}

var prepositions = map[string]bool{"in": true, "at": true, "on": true, "of": true, "from": true, "to": true, "for": true,
	"with": true, "by": true, "against": true, "near": true, "into": true, "across": true, "throughout": true, "like": true}

func isActorType(name string) bool {
	t, err := graph.LookupType(name)
	return err == nil && t.Is(graph.KindActor)
}

// mentions finds the known names (longest first) and proposes the unknown
// capitalised ones.
func (x *extractor) mentions(s Sentence, toks []token) []mention {
	var ms []mention
	covered := make([]bool, len(toks))
	for i := 0; i < len(toks); i++ {
		if strings.EqualFold(toks[i].text, "the") {
			continue // not part of the name: keys drop it anyway
		}
		for n := min(8, len(toks)-i); n >= 1; n-- {
			span := s.Text[toks[i].start:toks[i+n-1].end]
			// A name glued by a hyphen to the next or previous capitalised
			// word is part of a longer name ("IS-K"), and a new name
			// followed by a capitalised word may be the start of a longer
			// one ("Islamic State Khorasan Province").
			if toks[i].hyphen && i > 0 && toks[i-1].cap {
				continue
			}
			if i+n < len(toks) && toks[i+n].hyphen && toks[i+n].cap {
				continue
			}
			if e := x.lookup(span); e != nil {
				if !e.Known && i+n < len(toks) && toks[i+n].cap && gapOK(s.Text, toks[i+n-1], toks[i+n]) && !hasPossessive(toks[i+n-1].text) {
					continue
				}
				// A name proposed before, followed by a head word, is the
				// start of a new name: "WXY" then "WXY troops", "WXY-led
				// coalition"; the name itself is kept as a mention.
				if !e.Known && !e.Event && x.headAfter(s, toks, i+n) != "" {
					ms = append(ms, x.mention(e, toks, i, i+n, s))
					break
				}
				ms = append(ms, x.mention(e, toks, i, i+n, s))
				// Known names inside a longer one: "Baghdad" in
				// "Iran-backed elements in Baghdad".
				for a := i; a < i+n; a++ {
					for b := i + n; b > a; b-- {
						if b-a == n || (a == i && !e.Event) || a > i && toks[a-1].cap || toks[a].hyphen || (b < len(toks) && toks[b].hyphen) {
							continue
						}
						if in := x.lookup(s.Text[toks[a].start:toks[b-1].end]); in != nil && in != e && in.Known {
							ms = append(ms, x.mention(in, toks, a, b, s))
							a = b - 1
							break
						}
					}
				}
				for k := i; k < i+n; k++ {
					covered[k] = true
				}
				i += n - 1
				break
			}
		}
	}
	shouting := allCaps(toks)
	for i := 0; i < len(toks); i++ {
		if shouting || covered[i] || !x.nameStart(s, toks, i) {
			continue
		}
		j := i + 1
		for j < len(toks) && !covered[j] && gapOK(s.Text, toks[j-1], toks[j]) && !hasPossessive(toks[j-1].text) {
			t := toks[j]
			if t.cap && monthNumber(t.text) == 0 && roleType(t.text, x.cues) == "" && !isTitleStart(toks, j) {
				j++
				continue
			}
			// "Government of the Republic of X": "of the" inside a name
			// that opens with a head word.
			if t.text == "of" && j+2 < len(toks) && strings.EqualFold(toks[j+1].text, "the") && headFirstOrCouncil(toks[i:j]) &&
				toks[j+2].cap && !covered[j+2] && gapOK(s.Text, t, toks[j+1]) && gapOK(s.Text, toks[j+1], toks[j+2]) {
				j += 3
				// "... of the Republic of Veldra": the state's name ends it,
				// even when it is a name already found.
				if (toks[j-1].text == "Republic" || toks[j-1].text == "Kingdom") && j+1 < len(toks) && toks[j].text == "of" && toks[j+1].cap {
					j += 2
				}
				continue
			}
			if (connectors[strings.ToLower(t.text)] || t.text == "for" && orgHeads[toks[j-1].text]) && j+1 < len(toks) && toks[j+1].cap && !covered[j+1] && gapOK(s.Text, t, toks[j+1]) {
				j += 2
				continue
			}
			break
		}
		// A head word in lower case ends the name: "Kerman province",
		// "Afghan civilians", and "X-led government".
		typ := ""
		if j < len(toks) && !covered[j] {
			if h, n := x.twoWordHead(s, toks, j); h != "" {
				typ = h
				j += n
			} else if h := x.headAfter(s, toks, j); h != "" {
				typ = h
				if !toks[j].hyphen {
					j++
				} else {
					j += 2
				}
				// An acronym before a head word is an actor too: "ABC"
				// in "ABC troops".
				if j-i == 2 && toks[i].upper && len(toks[i].text) >= 2 && !toks[j-1].hyphen {
					if m := x.entityFor(toks[i].text, "", s, toks, i, i+1); m != nil {
						ms = append(ms, x.mention(m, toks, i, i+1, s))
					}
				}
			}
		}
		if j-i == 1 && typ == "" && i > 0 && strings.EqualFold(toks[i-1].text, "the") {
			// "the Ministry", "the Front": the entity named last with that
			// head word.
			if e := x.byHeadWord(stripPossessive(toks[i].text)); e != nil {
				ms = append(ms, x.mention(e, toks, i, j, s))
				covered[i] = true
				continue
			}
		}
		if j-i == 1 && typ == "" {
			// A demonym is not an actor by itself: "Russian" in
			// "Russian President" names Russia, when the text names
			// Russia; "Russians", "Afghan" alone name nothing.
			if stem, ok := x.text.stateOfDemonym(toks[i].text); ok {
				e := x.lookup(stem)
				if e == nil {
					e = x.entityFor(stem, "state", s, toks, i, j)
				}
				ms = append(ms, x.mention(e, toks, i, j, s))
				covered[i] = true
				continue
			}
			if regionAdjective(toks[i].text) {
				covered[i] = true // "Eurasian", "African": of a region, no actor
				continue
			}
			if c, plural, ok := demonym(toks[i].text); ok {
				e := x.countryEntity(c, s, toks, i, j)
				if e == nil && !plural && j < len(toks) && isTitleStart(toks, j) {
					// "Russian President": the office names the state.
					e = x.entityFor(isoName(c), "state", s, toks, i, j)
					x.byCountry[c] = e
				}
				if e != nil && !plural {
					ms = append(ms, x.mention(e, toks, i, j, s))
				}
				covered[i] = true
				continue
			}
		}
		name := stripPossessive(s.Text[toks[i].start:toks[j-1].end])
		e := x.entityFor(name, typ, s, toks, i, j)
		if e != nil {
			ms = append(ms, x.mention(e, toks, i, j, s))
		}
		// "Government of the Republic of Tamrith" names Tamrith too.
		if j-i > 3 && strings.EqualFold(toks[j-2].text, "of") && strings.EqualFold(toks[j-3].text, "Republic") && e != nil && e.key != graph.NameKey(toks[j-1].text) {
			st := x.lookup(toks[j-1].text)
			if st == nil {
				st = x.entityFor(stripPossessive(toks[j-1].text), "state", s, toks, j-1, j)
			}
			if st != nil && st != e {
				ms = append(ms, x.mention(st, toks, j-1, j, s))
			}
		}
		for k := i; k < j; k++ {
			covered[k] = true
		}
		i = j - 1
	}
	ms = append(ms, x.countryAnaphors(s, toks, ms)...)
	x.groupTypes(s, toks, ms)
	sortMentions(ms)
	x.parenAliases(s, toks, ms)
	return ms
}

// groupTypes types a new name followed by the lower-case head word of an
// armed group as one ("Red Front militants", "X fighters"): the head word
// is not part of the name, but says what the name is.
func (x *extractor) groupTypes(s Sentence, toks []token, ms []mention) {
	for _, m := range ms {
		e := m.e
		if e.Known || e.Event || e.AliasOf != "" || e.Type == "armed-group" || e.Confidence >= 0.5 || m.to >= len(toks) {
			continue
		}
		t := toks[m.to]
		if t.cap || !gapOK(s.Text, toks[m.to-1], t) || headType(t.text, x.cues) != "armed-group" {
			continue
		}
		e.Type, e.Confidence = "armed-group", 0.7
		why := "type: followed by " + strconv.Quote(t.text)
		for k, w := range e.Why {
			if strings.HasPrefix(w, "type: ") {
				e.Why[k], why = why, ""
				break
			}
		}
		if why != "" {
			e.Why = append(e.Why, why)
		}
	}
}

// countryAnaphors resolves "the country" and "that country" to the state
// named last, in this sentence or the ones before.
func (x *extractor) countryAnaphors(s Sentence, toks []token, ms []mention) []mention {
	var out []mention
	for i := 1; i < len(toks); i++ {
		if !strings.EqualFold(toks[i].text, "country") || !(strings.EqualFold(toks[i-1].text, "the") || strings.EqualFold(toks[i-1].text, "that")) {
			continue
		}
		var last *Entity
		for _, m := range ms {
			if m.end <= toks[i-1].start && m.e.Type == "state" {
				last = m.e
			}
		}
		if last == nil {
			last = x.lastState
		}
		if last != nil {
			out = append(out, mention{e: last, from: i - 1, to: i + 1, start: toks[i-1].start, end: toks[i].end})
		}
	}
	return out
}

func (x *extractor) mention(e *Entity, toks []token, from, to int, s Sentence) mention {
	e.Mentions++
	if e.Known && e.Mentions == 1 {
		x.res.Entities = append(x.res.Entities, e)
	}
	if e.Quote == "" {
		e.Quote = QuoteText(s.Text)
	}
	if t, err := graph.LookupType(e.Type); err == nil && t.Violent && e.Type != "campaign" {
		x.lastViolent = e
	}
	if e.Type == "armed-group" {
		x.lastGroup = e
		x.groups = append(slices.DeleteFunc(x.groups, func(g *Entity) bool { return g == e }), e)
	}
	return mention{e: e, from: from, to: to, start: toks[from].start, end: toks[to-1].end}
}

func sortMentions(ms []mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && (ms[j].from < ms[j-1].from || ms[j].from == ms[j-1].from && ms[j].to > ms[j-1].to); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// gapOK reports whether two tokens are joined by one space or a hyphen only.
func gapOK(text string, a, b token) bool {
	g := text[a.end:b.start]
	return g == " " || g == "-" || g == "–"
}

// nameStart reports whether token i can start a name: capitalised, not a
// month, and not a common word capitalised because it opens a sentence or
// a quotation.
func (x *extractor) nameStart(s Sentence, toks []token, i int) bool {
	t := toks[i]
	if ordinalRE.MatchString(t.text) && i+1 < len(toks) && toks[i+1].cap && gapOK(s.Text, t, toks[i+1]) {
		return true // "4th Mountain Brigade"
	}
	if !t.cap || monthNumber(t.text) != 0 || roleType(t.text, x.cues) != "" || isTitleStart(toks, i) {
		return false
	}
	lw := strings.ToLower(stripPossessive(t.text))
	if functionWords[lw] {
		return false
	}
	initial := i == 0 || strings.ContainsAny(strings.TrimSpace(s.Text[toks[i-1].end:t.start]), openQuotes+".:;")
	if initial && x.lower[lw] && !t.upper {
		return false
	}
	if initial && !t.upper && !x.midCap[lw] && strings.HasSuffix(lw, "ing") && (i+1 == len(toks) || !toks[i+1].cap) {
		return false // "Speaking in the capital, ..."
	}
	// A lone capitalised word that opens a sentence, is never capitalised
	// inside one and has the suffix of an abstract noun or an adverb
	// ("Membership", "Logically") is a common word.
	if initial && !t.upper && !x.midCap[lw] && (i+1 == len(toks) || !toks[i+1].cap) && commonSuffix(lw) {
		return false
	}
	return true
}

// entityFor finds or creates the entity for an unknown name.
func (x *extractor) entityFor(name, typ string, s Sentence, toks []token, i, j int) *Entity {
	k := graph.NameKey(name)
	if k == "" {
		return nil
	}
	if es := x.index[k]; len(es) > 0 {
		return es[0].e
	}
	if j-i == 1 {
		if e, ok := x.surnames[k]; ok {
			return e
		}
		if toks[i].upper && len(toks[i].text) >= 2 {
			// "EGF" after "Eastern Gate Front": the initials of a name.
			if e := x.byInitials(toks[i].text); e != nil {
				x.addName(e, toks[i].text)
				if !e.Known && !slices.Contains(e.Aliases, toks[i].text) {
					e.Aliases = append(e.Aliases, toks[i].text)
				}
				return e
			}
		}
	}
	why := ""
	conf := 0.45
	if typ != "" {
		why, conf = "head word "+strconv.Quote(toks[j-1].text), 0.8
	}
	if typ == "" {
		if h := headType(stripPossessive(toks[j-1].text), x.cues); h != "" {
			typ, why, conf = h, "head word "+strconv.Quote(toks[j-1].text), 0.75
		}
	}
	if i := strings.Index(name, " of "); typ == "" && i > 0 {
		// "Security Council of the Republic of X": the word before "of".
		f := strings.Fields(name[:i])
		if h := headType(f[len(f)-1], x.cues); h != "" {
			typ, why, conf = h, "head word "+strconv.Quote(f[len(f)-1]), 0.75
		}
	}
	if typ == "" {
		// "the militant group X", "X, an armed group that ...": described
		// as an armed group.
		before := strings.ToLower(s.Text[:toks[i].start])
		after := strings.ToLower(s.Text[toks[j-1].end:])
		if armedBeforeRE.MatchString(before) || armedAfterRE.MatchString(after) {
			typ, why, conf = "armed-group", "described as an armed group", 0.75
		}
	}
	if typ == "" {
		if x.text.persons[k] {
			typ, why, conf = "person", "the byline's author", 0.8
		} else if x.text.outlets[k] {
			typ, why, conf = "media-outlet", "the byline's publisher", 0.8
		} else if x.text.states[k] {
			typ, why, conf = "state", "the text names it as a state (its demonym, \"Republic of\")", 0.8
		} else if pk, ok := x.text.placeKind[k]; ok {
			typ, why, conf = pk, "the text says what kind of place it is", 0.75
		}
	}
	if typ == "" && regionName(name) {
		typ, why, conf = "region", "a continent's or a large region's name", 0.7
	}
	if typ == "" {
		if c, ok := country(name); ok {
			typ, why, conf = "state", "ISO 3166 country ("+c.String()+")", 0.85
		} else if c, ok := capitalOf(name); ok {
			typ, why, conf = "city", "capital of "+c.String(), 0.8
		}
	}
	if typ == "" {
		for k := i - 1; k >= max(0, i-4); k-- {
			if prepositions[strings.ToLower(toks[k].text)] {
				break // "ambassador in Korvath": a place, not the ambassador
			}
			if r := roleType(toks[k].text, x.cues); r != "" {
				typ, why, conf = r, "after "+strconv.Quote(toks[k].text), 0.75
				break
			}
		}
	}
	if typ == "" {
		after := strings.ToLower(s.Text[toks[j-1].end:min(len(s.Text), toks[j-1].end+80)])
		for _, w := range certaintyCues[graph.Attributed] {
			if strings.HasPrefix(after, " "+w) || strings.HasPrefix(after, ", "+w) {
				typ, why, conf = "person", "speaks (\""+w+"\")", 0.7
				break
			}
		}
		if typ == "" && (strings.HasPrefix(after, ", an ") || strings.HasPrefix(after, ", the ") || strings.HasPrefix(after, ", a ")) {
			rest := tokenize(after)
			for _, t := range rest[:min(len(rest), 10)] {
				if roleType(t.text, x.cues) == "person" {
					typ, why, conf = "person", "described as "+strconv.Quote(t.text), 0.75
					break
				}
			}
		}
		if typ == "" && i >= 2 && strings.TrimSpace(s.Text[toks[i-1].end:toks[i].start]) == "," {
			// "Karsovia's ambassador in Korvath, Iveta Marsh"
			for k := i - 1; k >= max(0, i-6); k-- {
				if t, ok := titleAt(toks, k); ok && t.to <= i {
					typ, why, conf = "person", "named after the title "+strconv.Quote(t.core), 0.7
					break
				}
			}
		}
		if typ == "" && strings.HasPrefix(after, ", ") {
			// ", Russia's ambassador", ", deputy chairman of": a title
			// within the next words.
			rest := tokenize(after)
			for k := range rest[:min(len(rest), 4)] {
				if t, ok := titleAt(rest, k); ok {
					typ, why, conf = "person", "described as "+strconv.Quote(t.core), 0.75
					break
				}
			}
		}
	}
	if typ == "" {
		prev := ""
		if i > 0 {
			prev = strings.ToLower(toks[i-1].text)
		}
		switch {
		case i > 0 && hasPossessive(toks[i-1].text) && x.lookup(stripPossessive(toks[i-1].text)) != nil && isPlace(x.lookup(stripPossessive(toks[i-1].text)).Type):
			typ, why, conf = "city", "after a place's possessive", 0.45
		case prev == "near":
			typ, why, conf = "city", "after \"near\"", 0.4
		case prev == "in" || prev == "across" || prev == "throughout" || prev == "outside" || prev == "inside" || prev == "into" || prev == "towards" || prev == "toward" || prev == "around" || prev == "via":
			typ, why, conf = "city", "place after \""+prev+"\", not a country", 0.4
		case personName(toks, i, j, x.cues) && x.alone[graph.NameKey(stripPossessive(toks[j-1].text))]:
			typ, why, conf = "person", "capitalised words whose last one stands alone elsewhere: a person and their surname", 0.55
		case personName(toks, i, j, x.cues) && !adjectival(toks[i].text):
			typ, why, conf = "person", "two or three capitalised words, no head word: a person's name?", 0.4
		case prev == "from" || prev == "to" || prev == "against":
			// Not a country (the country list knows them all): a town.
			typ, why, conf = "city", "place after \""+prev+"\", not a country", 0.4
		case j-i == 1 && x.placeWords[strings.ToLower(stripPossessive(toks[i].text))]:
			typ, why, conf = "city", "named as a place elsewhere in the text, not a country", 0.4
		case toks[i].upper:
			typ, why, conf = "organisation", "acronym", 0.35
		default:
			typ, why, conf = "organisation", "capitalised name, type unknown", 0.3
		}
	}
	if t2, why2 := x.refineType(name, typ); t2 != typ {
		typ, why = t2, why+"; "+why2
	}
	e := &Entity{Type: typ, Name: name, Confidence: conf, key: k}
	e.Why = append(e.Why, "type: "+why)
	if near := x.nearKnown(k); near != nil {
		e.AliasOf = near.ID
		e.ID, e.Type = near.ID, near.Type
		e.Why = append(e.Why, "close to the known "+near.ID+" ("+strconv.Quote(near.Name)+"): proposed as an alias")
	} else {
		e.ID = x.newID(name)
	}
	x.addName(e, name)
	if typ == "person" {
		x.addSurname(e)
	}
	if c, ok := country(name); ok && typ == "state" && x.byCountry[c] == nil {
		x.byCountry[c] = e
	}
	x.res.Entities = append(x.res.Entities, e)
	return e
}

// personName reports whether tokens [i, j) look like a person's name: two
// or three capitalised words, none an acronym, a connector, a head word of
// a type or a country's name or demonym ("Vladimir Putin", "Kyle Orton").
func personName(toks []token, i, j int, cues []typeCue) bool {
	if j-i < 2 || j-i > 3 {
		return false
	}
	for _, t := range toks[i:j] {
		w := stripPossessive(t.text)
		if !t.cap || t.upper || len(w) < 2 || connectors[strings.ToLower(w)] || headType(w, cues) != "" || strings.ContainsAny(w, "0123456789") {
			return false
		}
		if _, ok := country(w); ok {
			return false
		}
		if _, _, ok := demonym(w); ok {
			return false
		}
	}
	return true
}

// nearKnown finds a known entity whose name is nearly k.
func (x *extractor) nearKnown(k string) *Entity {
	if len(k) < 5 {
		return nil
	}
	var best *Entity
	bestScore := 0.0
	for key, es := range x.index {
		if !es[0].e.Known || len(key) < 5 {
			continue
		}
		sc := graph.EditSimilarity(k, key)
		if sc >= 0.85 && sc > bestScore {
			best, bestScore = es[0].e, sc
		}
	}
	return best
}

var parenRE = regexp.MustCompile(`^\s*\(([A-Z][A-Za-z0-9.\-]{1,9})\)`)

// parenAliases reads "Name (ACRONYM)" as an alias.
func (x *extractor) parenAliases(s Sentence, toks []token, ms []mention) {
	for _, m := range ms {
		sub := parenRE.FindStringSubmatch(s.Text[m.end:])
		if sub == nil {
			continue
		}
		a := sub[1]
		if other := x.lookup(a); other != nil && other != m.e {
			continue
		}
		if x.lookup(a) == m.e {
			continue
		}
		if !m.e.Known || m.e.AliasOf != "" {
			m.e.Aliases = append(m.e.Aliases, a)
		} else {
			m.e.Aliases = append(m.e.Aliases, a)
			m.e.Why = append(m.e.Why, "new alias "+strconv.Quote(a)+" in parentheses")
		}
		x.addName(m.e, a)
	}
}

// commonSuffix reports whether a word ends like an English abstract noun or
// adverb rather than a name.
func commonSuffix(w string) bool {
	for _, suf := range []string{"ship", "ness", "ment", "ly", "ity", "tion", "sion", "ism", "ance", "ence"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
}

// headAfter is the type given by a lower-case head word at token j, right
// after a name ("Sel province", "WXY troops") or glued to it by a
// "-led"/"-backed" word ("Velta-led government"); "" if none.
func (x *extractor) headAfter(s Sentence, toks []token, j int) string {
	if j == 0 || j >= len(toks) || !gapOK(s.Text, toks[j-1], toks[j]) || toks[j].cap {
		return ""
	}
	if placeKindWords[strings.ToLower(toks[j].text)] && j+1 < len(toks) && (strings.EqualFold(toks[j+1].text, "of") || strings.EqualFold(toks[j].text, "capital") && strings.HasPrefix(s.Text[toks[j].end:], ",")) {
		return "" // "the Veldran town of Saret": the kind of the next name
	}
	if h := headType(toks[j].text, x.cues); h != "" && h != "armed-group" && !toks[j].hyphen {
		return h
	}
	if toks[j].hyphen && j+1 < len(toks) && !toks[j+1].cap && gapOK(s.Text, toks[j], toks[j+1]) {
		if h := headType(toks[j+1].text, x.cues); h != "" && h != "armed-group" {
			return h
		}
	}
	return ""
}

// hasPossessive reports whether a token ends in "'s": a name stops there
// ("Velta's Port Sel" is two names).
func hasPossessive(t string) bool {
	return stripPossessive(t) != t && (strings.HasSuffix(t, "s") || strings.HasSuffix(t, "S"))
}

// speechVerbs report what an actor said, outside quotation marks: "X said
// Y had ...", "X accused Y of ...".
var speechVerbs = []string{"said", "says", "told", "stated", "claimed", "claims", "alleged", "alleges", "accused", "accuses",
	"insisted", "warned", "announced", "reported", "added", "argued", "suggested", "asserted", "wrote"}

// speaker is the actor whose words a sentence reports: an actor named
// right before a speech verb ("the FSB said", "Ukraine's military
// intelligence claimed"), or after "according to".
func (x *extractor) speaker(s Sentence, toks []token, ms []mention) *Entity {
	lower := lowerASCII(s.Text)
	for _, m := range ms {
		if m.e.Event || !isActorType(m.e.Type) {
			continue
		}
		if strings.HasSuffix(strings.TrimSpace(lower[:m.start]), "according to") {
			return m.e
		}
		rest := lower[m.end:]
		for _, v := range speechVerbs {
			if strings.HasPrefix(rest, " "+v+" ") || strings.HasPrefix(rest, " "+v+",") {
				if v == "claimed" && !strings.HasPrefix(rest, " claimed that") {
					continue // "claimed responsibility", "claimed the attack": a claim of its own
				}
				return m.e
			}
		}
	}
	return nil
}

// insurgentWords mark an armed group's name even when its head word is a
// state's ("Hallor Liberation Army").
var insurgentWords = map[string]bool{"liberation": true, "resistance": true, "revolutionary": true, "mujahideen": true,
	"jihad": true, "martyrs": true, "rebel": true, "insurgent": true, "popular": true, "freedom": true}

// stateWords mark a body of a state: "National Investigative Committee",
// "State Security Directorate".
var stateWords = map[string]bool{"national": true, "state": true, "federal": true, "republic": true, "royal": true}

// headFirst are head words that open a name with "of": "Ministry of
// Foreign Affairs", "Government of the Republic of X".
var headFirst = map[string]string{"Ministry": "government-body", "Government": "government-body", "Department": "government-body",
	"Office": "government-body", "Council": "organisation", "Committee": "organisation", "Bank": "organisation"}

// refineType corrects a type guessed from a head word by the other words
// of the name.
func (x *extractor) refineType(name, typ string) (string, string) {
	f := strings.Fields(name)
	if len(f) >= 3 && strings.EqualFold(f[1], "of") {
		if t, ok := headFirst[f[0]]; ok {
			typ = t
		}
		switch f[0] {
		case "Republic", "Kingdom", "Emirate", "Sultanate", "Federation":
			return "state", "\"" + f[0] + " of\""
		}
	}
	// "Islamic State Khorasan Province": a province of a group is a group.
	if typ == "region" && len(f) >= 3 {
		for n := len(f) - 2; n >= 1; n-- {
			if g := x.lookup(strings.Join(f[:n], " ")); g != nil && g.Type == "armed-group" {
				return "armed-group", "a province of " + g.Name
			}
		}
	}
	state := false
	for _, w := range f {
		lw := strings.ToLower(stripPossessive(w))
		if typ == "military-force" && insurgentWords[lw] {
			return "armed-group", "an insurgent's name"
		}
		if stateWords[lw] {
			state = true
		}
		if _, ok := x.text.stateOfDemonym(w); ok {
			state = true
		}
		if _, _, ok := demonym(w); ok {
			state = true
		}
		if x.text.states[graph.NameKey(stripPossessive(w))] {
			state = true
		}
	}
	if typ == "organisation" && state {
		return "government-body", "a body of a state"
	}
	return typ, ""
}

// orgHeads are the head words after which "for" continues a name
// ("Centre for Security Studies", "Committee for ...").
var orgHeads = map[string]bool{"Centre": true, "Center": true, "Institute": true, "Council": true, "Committee": true,
	"Office": true, "Ministry": true, "Commission": true, "Foundation": true, "Agency": true, "Union": true}

// allCaps reports whether a line is written in capitals (a letterhead):
// its words are not told apart as names.
func allCaps(toks []token) bool {
	if len(toks) < 3 {
		return false
	}
	for _, t := range toks {
		if !t.upper && !strings.ContainsAny(t.text[:1], "0123456789") {
			return false
		}
	}
	return true
}

// byHeadWord is the entity named last whose name has the head word w and
// more ("the Ministry" after "the Ministry of Foreign Affairs").
func (x *extractor) byHeadWord(w string) *Entity {
	if headType(w, x.cues) == "" {
		return nil
	}
	for k := len(x.res.Entities) - 1; k >= 0; k-- {
		e := x.res.Entities[k]
		if e.Event {
			continue
		}
		f := strings.Fields(e.Name)
		if len(f) > 1 && slices.Contains(f, w) {
			return e
		}
	}
	return nil
}

// twoWordHead reads a lower-case head of two words after a name: "news
// agency" (an outlet), "security forces" (a force); n is 2 when it does.
func (x *extractor) twoWordHead(s Sentence, toks []token, j int) (string, int) {
	if j == 0 || j+1 >= len(toks) || toks[j].cap || toks[j+1].cap || !gapOK(s.Text, toks[j-1], toks[j]) || !gapOK(s.Text, toks[j], toks[j+1]) {
		return "", 0
	}
	a, b := strings.ToLower(toks[j].text), strings.ToLower(toks[j+1].text)
	switch {
	case b == "agency" && (a == "news" || a == "press"):
		return "media-outlet", 2
	case a == "security" || a == "armed" || a == "border" || a == "special" || a == "military" || a == "police":
		if h := headType(b, x.cues); h == "military-force" || h == "government-body" {
			return h, 2
		}
	}
	return "", 0
}

// headFirstOrCouncil reports whether a name so far opens with a head word
// that "of the" may continue ("Government of the Republic of X", "Security
// Council of the Republic of X").
func headFirstOrCouncil(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	if _, ok := headFirst[toks[0].text]; ok {
		return true
	}
	return orgHeads[toks[len(toks)-1].text]
}

var ordinalRE = regexp.MustCompile(`^\d+(st|nd|rd|th)$`)

// byInitials is the entity named so far whose capitalised words' initials
// spell acr ("Eastern Gate Front" for EGF).
func (x *extractor) byInitials(acr string) *Entity {
	for k := len(x.res.Entities) - 1; k >= 0; k-- {
		e := x.res.Entities[k]
		var b strings.Builder
		for _, w := range strings.Fields(e.Name) {
			if r := []rune(w)[0]; isUpper(r) {
				b.WriteRune(r)
			}
		}
		if len(strings.Fields(e.Name)) >= 2 && b.String() == acr {
			return e
		}
	}
	return nil
}

// adjectival reports whether a capitalised word looks like an adjective
// ("Islamic", "Syrian", "Christian"), which opens a group's name more
// often than a person's.
func adjectival(w string) bool {
	w = strings.ToLower(w)
	switch w {
	case "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "new", "great", "united",
		"free", "grand", "national", "royal", "supreme", "popular", "democratic", "federal", "global", "international", "regional",
		"communiqué", "communique", "operation", "resolution", "article", "chapter":
		return true
	}
	for _, suf := range []string{"ic", "ian", "ist", "ese", "ish", "ary", "al"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

var (
	armedWords    = `(?:militant|jihadist|jihadi|armed|rebel|insurgent|terrorist|extremist|separatist|islamist|paramilitary)`
	armedNouns    = `(?:group|organisation|organization|movement|faction|militia|network|outfit)`
	armedBeforeRE = regexp.MustCompile(`\b` + armedWords + ` ` + armedNouns + `,? (?:the )?$`)
	armedAfterRE  = regexp.MustCompile(`^(?:'s|’s)?,? (?:an?|the) (?:\w+ )?` + armedWords + ` ` + armedNouns + `\b`)
)

// regionAdjective reports whether a word is the adjective of a region
// ("Eurasian", "African", "Central Asian" 's second word).
func regionAdjective(w string) bool {
	w = stripPossessive(w)
	if regionName(w) && (strings.HasSuffix(w, "n") || strings.HasSuffix(w, "ns")) {
		for _, stem := range demonymStems(strings.TrimSuffix(w, "s")) {
			if regionName(stem) {
				return true
			}
		}
	}
	return false
}
