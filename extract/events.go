package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// eventCue is a noun (or phrase) naming an event of a type.
type eventCue struct {
	words  []string
	typ    string
	plural bool
}

func eventCues(cues []typeCue) []eventCue {
	var out []eventCue
	for _, c := range cues {
		t, _ := graph.LookupType(c.typ)
		if !t.Is(graph.KindEvent) || c.before {
			continue
		}
		w := strings.Fields(strings.ToLower(c.word))
		out = append(out, eventCue{words: w, typ: c.typ, plural: strings.HasSuffix(w[len(w)-1], "s") && !strings.HasSuffix(w[len(w)-1], "ss")})
	}
	// Longest first.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j].words) > len(out[j-1].words); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// events finds event nouns and proposes an event for each that is named
// (by a place or an actor before it, or a place after it).
func (x *extractor) events(s Sentence, toks []token, ms *[]mention) []mention {
	var evs []mention
	for k := range *ms {
		m := &(*ms)[k]
		if !m.e.Event {
			continue
		}
		// A name seen before, completed by a place this time: "Red
		// Front attacks" then "Red Front attacks in Velta".
		if p := x.placeAfter(s, toks, *ms, m.to); p != nil && !m.e.Known && m.e.noun != "" && !strings.Contains(m.e.key, " "+strings.ToLower(toks[m.to].text)+" ") {
			name := stripPossessive(s.Text[m.start:m.end]) + " " + strings.ToLower(toks[m.to].text) + " " + stripPossessive(p.e.Name)
			e := x.findEvent(graph.NameKey(name))
			if e == nil {
				old := m.e
				e = &Entity{Type: old.Type, Name: upperFirst(name), Event: true, Confidence: old.Confidence, key: graph.NameKey(name), noun: old.noun}
				e.ID = x.newID(name)
				e.Why = append(e.Why, "event noun "+strconv.Quote(old.noun)+" and the place after it")
				x.addName(e, name)
				x.res.Entities = append(x.res.Entities, e)
				old.Mentions--
			}
			e.Mentions++
			if e.Quote == "" {
				e.Quote = QuoteText(s.Text)
			}
			m.e = e
			m.named = append(m.named, p.e)
		}
		evs = append(evs, *m)
	}
	cues := eventCues(x.cues)
	inMention := func(k int) *mention {
		for i := range *ms {
			if k >= (*ms)[i].from && k < (*ms)[i].to {
				return &(*ms)[i]
			}
		}
		return nil
	}
	for i := 0; i < len(toks); i++ {
		if inMention(i) != nil {
			continue
		}
		var cue *eventCue
		end := 0
		lower := lowerASCII(s.Text)
		for c := range cues {
			phrase := strings.Join(cues[c].words, " ")
			if !strings.HasPrefix(lower[toks[i].start:], phrase) {
				continue
			}
			// The phrase must end where a token ends ("build-up of plots").
			for k := i; k < len(toks) && toks[k].end <= toks[i].start+len(phrase); k++ {
				if toks[k].end == toks[i].start+len(phrase) {
					cue, end = &cues[c], k+1
				}
			}
			if cue != nil {
				break
			}
		}
		if cue == nil {
			continue
		}
		// Modifiers: names (and lower-case place heads) right before the
		// noun; a verb has a subject there instead.
		from := i
		var mods []*mention
		if isVerbCue(cue) && x.nounCueAhead(s, toks, end, cues) {
			continue // "declared a state of emergency": the noun names it
		}
		for k := i - 1; k >= 0 && !isVerbCue(cue); k-- {
			if m := inMention(k); m != nil && !m.e.Event {
				mods = append(mods, m)
				from = m.from
				k = m.from
				continue
			}
			if h := headType(toks[k].text, x.cues); h == "facility" && !toks[k].cap {
				from = k
				continue
			}
			if strings.EqualFold(toks[k].text, "suicide") || strings.EqualFold(toks[k].text, "terrorist") {
				continue
			}
			break
		}
		name := ""
		if len(mods) > 0 {
			name = s.Text[toks[from].start:toks[end-1].end]
		}
		var place *mention
		var places []*Entity // the places named with the event
		target := false      // named by "against": the places are targets
		if len(mods) == 0 {
			var prep string
			if !isVerbCue(cue) {
				place, prep = x.placeNear(s, toks, *ms, end)
			}
			target = prep == "against"
			if place == nil && len(cue.words) > 1 && cue.typ == "campaign" {
				// A phrase that names a campaign by itself ("wave of
				// attacks"): named by the phrase.
				name := s.Text[toks[i].start:toks[end-1].end]
				e := x.findEvent(graph.NameKey(name))
				if e == nil {
					e = x.newEvent(name, cue.typ, cue.words[len(cue.words)-1], 0.4, "campaign phrase "+strconv.Quote(strings.Join(cue.words, " ")))
				}
				m := x.mention(e, toks, i, end, s)
				evs = append(evs, m)
				*ms = append(*ms, m)
				i = end - 1
				continue
			}
			if place == nil && cueType(cue).Violent {
				place, prep = x.placeAhead(s, toks, *ms, end)
				target = prep == "against"
			}
			if place == nil && cueType(cue).Violent && !cue.plural && !(i > 0 && strings.EqualFold(toks[i-1].text, "the") && x.lastViolent != nil) && len(Figures(s.Text)) > 0 {
				// "An explosion killed 12 people ... in X": the sentence
				// gives the figures, so the event is described here; the
				// first place it names names it.
				for k := range *ms {
					if p := &(*ms)[k]; !p.e.Event && isPlace(p.e.Type) && p.e.Type != "state" {
						place, prep = p, "in"
						break
					}
				}
			}
			if place == nil && cueType(cue).Violent && i > 0 && strings.EqualFold(toks[i-1].text, "the") && x.lastViolent != nil && !cue.plural {
				// "the bombing": the violent event named last.
				m := x.mention(x.lastViolent, toks, i, end, s)
				evs = append(evs, m)
				*ms = append(*ms, m)
				i = end - 1
				continue
			}
			if place == nil {
				if m := x.verbOrOfEvent(s, toks, *ms, cue, i, end); m != nil {
					evs = append(evs, *m)
					*ms = append(*ms, *m)
					i = m.to - 1
				}
				continue
			}
			if cue.plural {
				// "the attacks in Velta, Zamora, and Orla": one attack
				// in each place.
				if list := placeList(s.Text, *ms, place); len(list) > 1 {
					noun := strings.TrimSuffix(cue.words[len(cue.words)-1], "s")
					for _, p := range list {
						name := stripPossessive(p.e.Name) + " " + noun
						e := x.findEvent(graph.NameKey(name))
						if e == nil {
							e = x.sameEvent(noun, cue.typ, graph.NameKey(name), []*Entity{p.e})
						}
						if e == nil {
							e = x.newEvent(name, cue.typ, noun, 0.45, "event noun "+strconv.Quote(noun)+" in a list of places")
						}
						m := x.mention(e, toks, i, end, s)
						m.named, m.target = []*Entity{p.e}, target
						evs = append(evs, m)
						*ms = append(*ms, m)
					}
					i = end - 1
					continue
				}
			}
			places = append(places, place.e)
			// "attack against Velta's northern Sel province": the
			// place possessed is where it happened.
			if in := x.possessed(s, toks, *ms, place); in != nil {
				place = in
				places = append(places, in.e)
			}
			name = stripPossessive(place.e.Name) + " " + strings.Join(cue.words, " ")
		} else if p := x.placeAfter(s, toks, *ms, end); p != nil && !namedByPlace(mods) {
			// "Red Front attacks in Velta", "WXY withdrawal from
			// Orla": the place completes the name.
			name = strings.TrimSpace(name) + " " + strings.ToLower(toks[end].text) + " " + stripPossessive(p.e.Name)
			place = p
		}
		name = stripPossessive(strings.TrimSpace(name))
		typ := cue.typ
		conf := 0.6
		why := "event noun " + strconv.Quote(strings.Join(cue.words, " "))
		if cue.plural {
			typ, conf = "campaign", 0.4
			why += " (plural: a campaign?)"
		}
		noun := cue.words[len(cue.words)-1]
		if cue.plural {
			noun = strings.TrimSuffix(noun, "s")
		}
		for _, m := range mods {
			places = append(places, m.e)
		}
		if place != nil && len(mods) > 0 {
			places = append(places, place.e)
		}
		e := x.lookup(name)
		if e == nil || !e.Event {
			e = x.findEvent(graph.NameKey(name))
		}
		counted := i > 0 && toks[i-1].text[0] >= '0' && toks[i-1].text[0] <= '9' // "35 attacks": a campaign of its own
		if e == nil && !namedByActor(mods) && !counted {
			// "the Port Sel attack" after "the Grand Hotel attack in
			// Port Sel": the same noun and the place it occurred in.
			if e = x.sameEvent(noun, typ, graph.NameKey(name), places); e != nil {
				x.addName(e, name)
			}
		}
		if e == nil {
			e = &Entity{Type: typ, Name: upperFirst(name), Event: true, Confidence: conf, key: graph.NameKey(name), noun: noun}
			e.ID = x.newID(name)
			e.Why = append(e.Why, why)
			x.addName(e, name)
			x.res.Entities = append(x.res.Entities, e)
		}
		m := x.mention(e, toks, i, end, s)
		m.from, m.start = from, toks[from].start
		if place != nil {
			m.named = append(m.named, place.e)
			m.target = target
			// "in Kovask market in the Veldran town of Saret": the larger
			// place the first lies in.
			if p2 := x.placeAfter(s, toks, *ms, place.to); p2 != nil && p2.e != place.e && larger(p2.e.Type, place.e.Type) && !isActorType(place.e.Type) &&
				place.to < len(toks) && s.Text[place.end:toks[place.to].start] == " " {
				m.named = append(m.named, p2.e)
			}
		}
		evs = append(evs, m)
		*ms = append(*ms, m)
		i = end - 1
	}
	if m := x.killing(s, toks, *ms); m != nil {
		evs = append(evs, *m)
		*ms = append(*ms, *m)
	}
	if m := x.personKilled(s, toks, *ms); m != nil {
		evs = append(evs, *m)
		*ms = append(*ms, *m)
	}
	sortMentions(*ms)
	return evs
}

var killRE = regexp.MustCompile(`\b(killed|massacred|executed|murdered)(?: (?:` + qualifiers + `))? (\d[\d,]*) `)

// killing reads "X militants killed 5 goat herders in the hills near
// Orla" as an attack named by what happened ("Killing of 5 goat herders
// near Orla"): its perpetrator is the actor right before the
// verb, its target the victims when they are a known actor, its place the
// first place named after them. "... bombing which killed 170" is not one:
// the figure belongs to the bombing.
func (x *extractor) killing(s Sentence, toks []token, ms []mention) *mention {
	loc := killRE.FindStringSubmatchIndex(s.Text)
	if loc == nil {
		return nil
	}
	verb := -1
	for k, t := range toks {
		if t.start == loc[2] {
			verb = k
		}
	}
	if verb < 1 {
		return nil
	}
	// The agent: an actor ending at most one word before the verb.
	var agent *Entity
	for _, m := range ms {
		if !m.e.Event && isActorType(m.e.Type) && !isPlace(m.e.Type) && (m.to == verb || m.to == verb-1 && !toks[verb-1].cap) {
			agent = m.e
		}
		if m.e.Event && m.to >= verb-3 && m.to <= verb {
			return nil
		}
	}
	if agent == nil {
		return nil
	}
	// The victims: from the number to the first preposition or punctuation.
	num := -1
	for k := verb + 1; k < len(toks); k++ {
		if toks[k].start == loc[4] {
			num = k
		}
	}
	if num < 0 {
		return nil
	}
	end := num + 1
	for end < len(toks) && !prepositions[strings.ToLower(toks[end].text)] && gapOK(s.Text, toks[end-1], toks[end]) {
		end++
	}
	if end == num+1 {
		return nil
	}
	victims := s.Text[toks[num].start:toks[end-1].end]
	var victim *Entity
	for _, m := range ms {
		if m.from > num && m.to <= end && !m.e.Event {
			victim = m.e
		}
	}
	var place *mention
	prep := ""
	for k := end; k < min(len(toks), end+8) && place == nil; k++ {
		if p := x.placeAfter(s, toks, ms, k); p != nil {
			place, prep = p, strings.ToLower(toks[k].text)
		}
	}
	name := "Killing of " + victims
	if place != nil {
		name += " " + prep + " " + stripPossessive(place.e.Name)
	}
	e := x.findEvent(graph.NameKey(name))
	if e == nil {
		e = x.newEvent(name, "attack", "killing", 0.5, "\""+toks[verb].text+"\" with a perpetrator before it")
	}
	m := x.mention(e, toks, verb, end, s)
	m.agent, m.victim = agent, victim
	if place != nil {
		m.named = []*Entity{place.e}
	}
	return &m
}

// possessed is the place named right after "place's" (one adjective
// may sit between: "Velta's northern Sel province").
func (x *extractor) possessed(s Sentence, toks []token, ms []mention, place *mention) *mention {
	if stripPossessive(s.Text[place.start:place.end]) == s.Text[place.start:place.end] &&
		!(place.to < len(toks) && (toks[place.to].text == "'s" || toks[place.to].text == "’s")) {
		return nil
	}
	for k := range ms {
		m := &ms[k]
		if m.from > place.to-1 && m.from <= place.to+2 && isPlace(m.e.Type) && m.e != place.e {
			return m
		}
	}
	return nil
}

// verbOrOfEvent reads an event noun that neither a name nor a place
// names: "withdrawal of WXY troops from the country" (its actor after
// "of", its place after), or a verb cue ("It declared its republic")
// whose subject is the actor named right before it or, after an opening
// pronoun, the actor the sentence before was about.
func (x *extractor) verbOrOfEvent(s Sentence, toks []token, ms []mention, cue *eventCue, i, end int) *mention {
	t, _ := graph.LookupType(cue.typ)
	if cue.plural || t.Violent {
		return nil
	}
	noun := strings.Join(cue.words, " ")
	if end+1 < len(toks) && strings.EqualFold(toks[end].text, "of") {
		for k := range ms {
			a := &ms[k]
			if a.e.Event || !isActorType(a.e.Type) || !(a.from == end+1 || a.from == end+2 && strings.EqualFold(toks[end+1].text, "the")) {
				continue
			}
			to := a.to
			if to < len(toks) && headType(toks[to].text, x.cues) != "" && !toks[to].cap {
				to++ // "WXY troops"
			}
			name := upperFirst(noun) + " of " + s.Text[a.start:toks[to-1].end]
			var place *mention
			if p := x.placeAfter(s, toks, ms, to); p != nil {
				place = p
				name += " " + strings.ToLower(toks[to].text) + " " + stripPossessive(p.e.Name)
			}
			e := x.findEvent(graph.NameKey(name))
			if e == nil {
				e = x.newEvent(name, cue.typ, noun, 0.5, "event noun "+strconv.Quote(noun)+" with \"of\" and its actor")
			}
			m := x.mention(e, toks, i, to, s)
			m.agent = a.e
			if place != nil {
				m.named = []*Entity{place.e}
			}
			return &m
		}
		return nil
	}
	verb := len(cue.words) == 1 && strings.HasSuffix(noun, "ed")
	var agent *Entity
	for _, m := range ms {
		// "X declared", "X has been deployed"
		if !m.e.Event && isActorType(m.e.Type) && (m.to == i || verb && auxiliariesOnly(toks, m.to, i)) {
			agent = m.e
		}
	}
	if agent == nil && i <= 2 && startsWithPronoun(s.Text) {
		agent = x.subject
	}
	if by := agentAfterBy(s, toks, ms, end); agent == nil && by != nil {
		agent = by.e // "the message of sympathy sent to X by Y"
	}
	if agent == nil && (verb || i > 0 && isArticle(toks[i-1].text)) {
		// "X condemned Y and declared ...", "X, which signed a ceasefire
		// with Y": the sentence's subject.
		agent = x.sentenceSubject(s, toks, ms)
	}
	if agent == nil || agent.Event {
		return nil
	}
	name := stripPossessive(agent.Name) + " " + t.Label
	e := x.findEvent(graph.NameKey(name))
	if e == nil {
		e = x.newEvent(name, cue.typ, t.Label, 0.45, "verb "+strconv.Quote(noun)+" with its subject")
	}
	m := x.mention(e, toks, i, end, s)
	m.agent = agent
	if p, _ := x.placeAhead(s, toks, ms, end); p != nil {
		m.named = []*Entity{p.e}
	}
	return &m
}

// auxiliariesOnly reports whether tokens [from, to) are auxiliaries:
// "has been", "was", "had been".
func auxiliariesOnly(toks []token, from, to int) bool {
	if to-from > 3 || to <= from {
		return false
	}
	for _, t := range toks[from:to] {
		switch strings.ToLower(t.text) {
		case "has", "have", "had", "been", "was", "were", "is", "are", "be", "being", "reportedly", "also":
		default:
			return false
		}
	}
	return true
}

func isArticle(w string) bool {
	switch strings.ToLower(w) {
	case "a", "an", "the", "its", "their":
		return true
	}
	return false
}

// newEvent proposes a new event.
func (x *extractor) newEvent(name, typ, noun string, conf float64, why string) *Entity {
	e := &Entity{Type: typ, Name: upperFirst(name), Event: true, Confidence: conf, key: graph.NameKey(name), noun: noun}
	e.ID = x.newID(name)
	e.Why = append(e.Why, why)
	x.addName(e, name)
	x.res.Entities = append(x.res.Entities, e)
	return e
}

// placeList is first and the places listed after it ("Velta, Zamora, and
// Orla").
func placeList(text string, ms []mention, first *mention) []*mention {
	out := []*mention{first}
	last := first
	for k := range ms {
		m := &ms[k]
		if m.start < last.end || m.e.Event {
			continue
		}
		if !isPlace(m.e.Type) || !isListGap(text[last.end:m.start]) {
			break
		}
		out = append(out, m)
		last = m
	}
	return out
}

// namedByActor reports whether a modifier of an event is an actor that is
// not a place ("Red Front attacks").
func namedByActor(mods []*mention) bool {
	for _, m := range mods {
		if !isPlace(m.e.Type) {
			return true
		}
	}
	return false
}

// namedByPlace reports whether a modifier of an event is a place that is
// not also an actor ("Grand Hotel attack"): the name is complete.
func namedByPlace(mods []*mention) bool {
	for _, m := range mods {
		if isPlace(m.e.Type) && !isActorType(m.e.Type) {
			return true
		}
	}
	return false
}

// placeNear is the place an unnamed event noun ending at token end is
// named after: right after a preposition, with at most one lower-case word
// between ("attack against Velta", "prison break attempt in Orla").
func (x *extractor) placeNear(s Sentence, toks []token, ms []mention, end int) (*mention, string) {
	k := end
	if k < len(toks) && !toks[k].cap && !prepositions[strings.ToLower(toks[k].text)] && strings.TrimSpace(s.Text[toks[k-1].end:toks[k].start]) == "" {
		k++
	}
	if k >= len(toks) || strings.TrimSpace(s.Text[toks[k-1].end:toks[k].start]) != "" {
		return nil, ""
	}
	prep := strings.ToLower(toks[k].text)
	switch prep {
	case "in", "on", "against", "near", "at", "from", "to":
	default:
		return nil, ""
	}
	return x.placeAfter(s, toks, ms, k), prep
}

// placeAfter is the place named right after an event noun ending at token
// end: "in Velta", "from Orla", "on Port Sel".
func (x *extractor) placeAfter(s Sentence, toks []token, ms []mention, end int) *mention {
	if end+1 >= len(toks) {
		return nil
	}
	switch strings.ToLower(toks[end].text) {
	case "in", "from", "to", "on", "near", "at", "against":
	default:
		return nil
	}
	at := []int{end + 1}
	from := end + 1
	if strings.EqualFold(toks[from].text, "the") {
		from++
	}
	at = append([]int{skipPlaceKind(toks, ms, from)}, append(at, from)...)
	for _, k := range at {
		for j := range ms {
			m := &ms[j]
			if m.from == k && isPlace(m.e.Type) && !m.e.Event {
				return m
			}
		}
	}
	return nil
}

// skipPlaceKind skips the words that say what kind of place follows: "the
// (Veldran) town of", "the village of", "the northern province of".
func skipPlaceKind(toks []token, ms []mention, k int) int {
	j := k
	for n := 0; n < 2 && j < len(toks); n++ {
		if j+1 < len(toks) && placeKindWords[strings.ToLower(toks[j].text)] && strings.EqualFold(toks[j+1].text, "of") {
			return j + 2
		}
		j++ // an adjective or a demonym: "northern", "Veldran"
	}
	return k
}

var placeKindWords = map[string]bool{"town": true, "city": true, "village": true, "capital": true, "port": true,
	"province": true, "region": true, "district": true, "governorate": true, "county": true}

// sameEvent finds an event already proposed with the same noun that
// occurred in one of places (or in a place inside one of them).
func (x *extractor) sameEvent(noun, typ, key string, places []*Entity) *Entity {
	// "the WXY withdrawal" after "the WXY withdrawal from Orla".
	for _, e := range x.res.Entities {
		if e.Event && e.noun == noun && key != "" && strings.HasPrefix(e.key, key+" ") {
			return e
		}
	}
	in := map[string]bool{}
	for _, p := range places {
		if isPlace(p.Type) {
			in[p.ID] = true
		}
	}
	if len(in) == 0 {
		return nil
	}
	where := map[string][]string{} // subject → occurred-in / located-in objects
	for _, c := range x.res.Claims {
		if c.Relation == "occurred-in" || c.Relation == "located-in" {
			where[c.Subject] = append(where[c.Subject], c.Object)
		}
	}
	for _, e := range x.res.Entities {
		if !e.Event || e.noun != noun || e.Type == "campaign" || e.Type != typ && typ != "campaign" {
			continue // one attack is not a campaign named before, nor two campaigns one
		}
		for _, p := range where[e.ID] {
			if in[p] {
				return e
			}
			for _, q := range where[p] {
				if in[q] {
					return e
				}
			}
		}
	}
	return nil
}

func (x *extractor) findEvent(k string) *Entity {
	for _, e := range x.res.Entities {
		if e.Event && e.key == k {
			return e
		}
	}
	return nil
}

func isPlace(typ string) bool {
	t, err := graph.LookupType(typ)
	return err == nil && t.Is(graph.KindPlace)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}

var (
	dayMonthRE = regexp.MustCompile(`\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December)\b(?:,? (\d{4})\b)?`)
	monthDayRE = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}),? (\d{4})\b`)
	monthRE    = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b`)
	yearRE     = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
	relYearRE  = regexp.MustCompile(`(?i)\b(this|last|that) year\b`)
	// "since April", "in February" without a year; "last month"
	bareMonthRE = regexp.MustCompile(`\b(?:in|since|from|until|by|early|late|mid-)\s?(January|February|March|April|May|June|July|August|September|October|November|December)\b`)
	lastMonthRE = regexp.MustCompile(`(?i)\blast month\b`)
)

// dateHit is a date found in a sentence.
type dateHit struct {
	d   graph.Date
	pos int
	why string
}

// Dates finds the dates of a sentence: "26 August 2021" (day), "January
// 2022" (month), "2015" (year), and "this year" / "last year" relative to
// published, "that year" relative to lastYear.
func Dates(text string, published *graph.Date, lastYear string) []dateHit {
	var hits []dateHit
	used := make([]bool, len(text)+1)
	mark := func(a, b int) {
		for k := a; k < b; k++ {
			used[k] = true
		}
	}
	for _, m := range monthDayRE.FindAllStringSubmatchIndex(text, -1) {
		mo := monthNumber(text[m[2]:m[3]])
		day, _ := strconv.Atoi(text[m[4]:m[5]])
		hits = append(hits, dateHit{mkDate(text[m[6]:m[7]], mo, day), m[0], "day"})
		mark(m[0], m[1])
	}
	for _, m := range dayMonthRE.FindAllStringSubmatchIndex(text, -1) {
		if used[m[0]] || used[m[4]] {
			continue // part of a date already read ("31 July 31 2022")
		}
		day, _ := strconv.Atoi(text[m[2]:m[3]])
		mo := monthNumber(text[m[4]:m[5]])
		year := ""
		why := "day"
		if m[6] >= 0 {
			year = text[m[6]:m[7]]
		} else if rel := relYearRE.FindStringSubmatchIndex(text[m[1]:]); rel != nil && strings.EqualFold(text[m[1]+rel[2]:m[1]+rel[3]], "that") && lastYear != "" {
			year, why = lastYear, "day; year from \"that year\""
			mark(m[1]+rel[0], m[1]+rel[1])
		} else if published != nil {
			year, why = published.Value[:4], "day; year assumed from the publication date"
		}
		if year == "" || day < 1 || day > 31 {
			continue
		}
		hits = append(hits, dateHit{mkDate(year, mo, day), m[0], why})
		mark(m[0], m[1])
	}
	for _, m := range monthRE.FindAllStringSubmatchIndex(text, -1) {
		if used[m[0]] {
			continue
		}
		mo := monthNumber(text[m[2]:m[3]])
		hits = append(hits, dateHit{mkDate(text[m[4]:m[5]], mo, 0), m[0], "month"})
		mark(m[0], m[1])
	}
	for _, m := range yearRE.FindAllStringIndex(text, -1) {
		if used[m[0]] {
			continue
		}
		// Not a count: "1500 fighters".
		if m[1] < len(text) && text[m[1]] == ' ' {
			rest := strings.Fields(text[m[1]:])
			if len(rest) > 0 && strings.ToLower(rest[0]) != "and" && !strings.HasPrefix(rest[0], "to") && isLowerWord(rest[0]) && !isPrepositionOrVerb(rest[0]) {
				continue
			}
		}
		hits = append(hits, dateHit{mkDate(text[m[0]:m[1]], 0, 0), m[0], "year"})
		mark(m[0], m[1])
	}
	if published != nil && len(published.Value) >= 7 {
		py, _ := strconv.Atoi(published.Value[:4])
		pm, _ := strconv.Atoi(published.Value[5:7])
		for _, m := range bareMonthRE.FindAllStringSubmatchIndex(text, -1) {
			if used[m[2]] {
				continue
			}
			mo, y := monthNumber(text[m[2]:m[3]]), py
			if mo > pm {
				y-- // "since November" in a report of June: last year's
			}
			hits = append(hits, dateHit{mkDate(strconv.Itoa(y), mo, 0), m[0], "month; year from the publication date"})
			mark(m[0], m[1])
		}
		for _, m := range lastMonthRE.FindAllStringIndex(text, -1) {
			y, mo := py, pm-1
			if mo == 0 {
				y, mo = y-1, 12
			}
			hits = append(hits, dateHit{mkDate(strconv.Itoa(y), mo, 0), m[0], "\"last month\""})
		}
	}
	for _, m := range relYearRE.FindAllStringSubmatchIndex(text, -1) {
		w := strings.ToLower(text[m[2]:m[3]])
		if w == "last" && strings.HasSuffix(strings.ToLower(text[:m[0]]), "the ") {
			continue // "over the last year": a span of time, not the year before
		}
		y := ""
		switch {
		case w == "that":
			y = lastYear
		case published != nil && w == "this":
			y = published.Value[:4]
		case published != nil && w == "last":
			n, _ := strconv.Atoi(published.Value[:4])
			y = strconv.Itoa(n - 1)
		}
		if y != "" && !used[m[0]] {
			hits = append(hits, dateHit{mkDate(y, 0, 0), m[0], "\"" + text[m[0]:m[1]] + "\""})
		}
	}
	return hits
}

func isLowerWord(w string) bool {
	r := []rune(w)
	return len(r) > 0 && r[0] >= 'a' && r[0] <= 'z'
}

func isPrepositionOrVerb(w string) bool {
	switch strings.Trim(strings.ToLower(w), ",.") {
	case "in", "on", "at", "and", "when", "after", "before", "until", "which", "was", "were", "had", "has", "the", "as", "by", "with", "from", "for", "that":
		return true
	}
	return false
}

func mkDate(year string, month, day int) graph.Date {
	v := year
	p := graph.Year
	if month > 0 {
		v += "-" + two(month)
		p = graph.Month
		if day > 0 {
			v += "-" + two(day)
			p = graph.Day
		}
	}
	return graph.Date{Value: v, Precision: p}
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// dates attaches the dates of a sentence to its events: each event takes
// the nearest date in the sentence.
func (x *extractor) dates(s Sentence, toks []token, evs []mention) {
	hits := Dates(s.Text, x.opt.Published, x.lastYear)
	hits = append(hits, x.relativeDays(s.Text)...)
	for _, h := range hits {
		if h.d.Precision != graph.Year || !strings.Contains(h.why, "year\"") {
			x.lastYear = h.d.Value[:4]
		}
	}
	if len(hits) == 0 {
		return
	}
	for _, ev := range evs {
		if ev.e.Known {
			continue
		}
		best, bestD := -1, 1<<30
		for k, h := range hits {
			d := abs(h.pos - ev.start)
			if h.pos > ev.end {
				d = h.pos - ev.end
			}
			if d < bestD {
				best, bestD = k, d
			}
		}
		h := hits[best]
		if ev.e.Date == nil || rank(h.d.Precision) > rank(ev.e.Date.Precision) {
			d := h.d
			ev.e.Date = &d
			ev.e.Quote = QuoteText(s.Text)
			ev.e.Why = append(ev.e.Why, "date "+d.String()+" ("+h.why+")")
		}
	}
}

func rank(p graph.Precision) int {
	switch p {
	case graph.Day:
		return 3
	case graph.Month:
		return 2
	}
	return 1
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// numberWords are the numbers written as words that casualty figures use.
const numberWords = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty`

// number reads a figure in digits or words.
func number(s string) int {
	for i, w := range strings.Split(numberWords, "|") {
		if strings.EqualFold(s, w) {
			return i + 1
		}
	}
	n, _ := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	return n
}

const qualifiers = `at least|almost|nearly|more than|over|about|around|approximately|up to|as many as|some|roughly|fewer than|less than|an estimated`

var (
	figBeforeRE = regexp.MustCompile(`(?i)\b(?:(` + qualifiers + `) )?(\d[\d,]*|` + numberWords + `) (?:(?:people|persons|civilians|others|soldiers|police officers|children) )?(?:(?:were|have been|had been|was|are) )?(dead|killed|injured|wounded|died|hurt)\b`)
	figAfterRE  = regexp.MustCompile(`(?i)\b(killed|killing|injured|injuring|wounded|wounding)(?: (` + qualifiers + `))? (\d[\d,]*)\b`)
	deathTollRE = regexp.MustCompile(`(?i)\bdeath toll (?:rose to|of|stood at|stands at|reached|climbed to|is|was) (?:(` + qualifiers + `) )?(\d[\d,]*)\b`)
	breakdownRE = regexp.MustCompile(`^((?: [A-Za-z][\w\-]*){1,4}) and (\d[\d,]*)((?: [A-Za-z][\w\-]*){1,4})`)
)

// Figure is a casualty figure found in a sentence.
type Figure struct {
	Kind string // killed or injured
	graph.Figure
	Breakdown string // "170 Afghan civilians and 13 US troops"
}

// Figures finds casualty figures with their qualifiers: "at least 143
// dead", "killed almost 100", "injured nearly 300".
func Figures(text string) []Figure {
	var out []Figure
	kind := func(w string) string {
		w = strings.ToLower(w)
		if strings.HasPrefix(w, "kill") || w == "dead" || w == "died" || strings.HasPrefix(w, "death") {
			return "killed"
		}
		return "injured"
	}
	for _, m := range figBeforeRE.FindAllStringSubmatch(text, -1) {
		n := number(m[2])
		out = append(out, Figure{Kind: kind(m[3]), Figure: graph.Figure{N: n, Qualifier: strings.ToLower(m[1])}})
	}
	for _, m := range deathTollRE.FindAllStringSubmatch(text, -1) {
		out = append(out, Figure{Kind: "killed", Figure: graph.Figure{N: number(m[2]), Qualifier: strings.ToLower(m[1])}})
	}
	for _, m := range figAfterRE.FindAllStringSubmatchIndex(text, -1) {
		n, _ := strconv.Atoi(strings.ReplaceAll(text[m[6]:m[7]], ",", ""))
		f := Figure{Kind: kind(text[m[2]:m[3]]), Figure: graph.Figure{N: n}}
		if m[4] >= 0 {
			f.Qualifier = strings.ToLower(text[m[4]:m[5]])
		}
		if b := breakdownRE.FindStringSubmatch(text[m[7]:]); b != nil {
			f.Breakdown = strings.TrimSpace(text[m[6]:m[7]] + b[0])
		}
		out = append(out, f)
	}
	return out
}

// figures attaches a sentence's casualty figures to its event (the last one
// named before the figure, else the first).
func (x *extractor) figures(s Sentence, evs []mention) {
	figs := Figures(s.Text)
	if len(figs) == 0 || len(evs) == 0 {
		return
	}
	var ev *Entity
	for _, m := range evs {
		if !m.e.Known && !m.e.hasFig && !timeReference(s.Text, m) {
			ev = m.e
			break
		}
	}
	if ev == nil {
		return
	}
	ev.hasFig = true
	ev.Quote = QuoteText(s.Text)
	for _, f := range figs {
		switch {
		case f.Breakdown != "":
			ev.Casualties = f.Breakdown
		case f.Kind == "killed" && ev.Killed == nil:
			ff := f.Figure
			ev.Killed = &ff
		case f.Kind == "injured" && ev.Injured == nil:
			ff := f.Figure
			ev.Injured = &ff
		}
	}
	ev.Why = append(ev.Why, "casualty figures in the same sentence")
}

func cueType(c *eventCue) graph.Type {
	t, _ := graph.LookupType(c.typ)
	return t
}

// placeAhead is the place a violent event noun is directed at or happened
// in, further on in its clause: "the drone strike carried out on 19 July
// against the village of Tesk", "a car bomb exploded in Kovask market",
// "its bombing of Kovask market".
func (x *extractor) placeAhead(s Sentence, toks []token, ms []mention, end int) (*mention, string) {
	for k := end; k < min(len(toks), end+10); k++ {
		if k > end && strings.ContainsAny(s.Text[toks[k-1].end:toks[k].start], ",;:.()") {
			return nil, ""
		}
		w := strings.ToLower(toks[k].text)
		if w == "of" && k == end {
			if p := x.placeAfter(s, toks, ms, k); p != nil {
				return p, "of"
			}
			// "of" is not a preposition placeAfter reads: look it up here.
			for j := range ms {
				if ms[j].from == k+1 && isPlace(ms[j].e.Type) && !ms[j].e.Event {
					return &ms[j], "of"
				}
			}
		}
		switch w {
		case "in", "at", "against", "on", "near":
			if p := x.placeAfter(s, toks, ms, k); p != nil {
				return p, w
			}
		}
	}
	return nil, ""
}

var killedRE = regexp.MustCompile(`^,? (?:who )?(?:was|were|had been|has been) (?:shot dead|shot and killed|killed|assassinated|murdered|stabbed to death|executed)\b`)

// personKilled reads "Petar Lusk, who was shot dead in Molin" as an attack
// named after its victim ("Killing of Petar Lusk") that targeted the
// person and happened in the place named after it.
func (x *extractor) personKilled(s Sentence, toks []token, ms []mention) *mention {
	for _, p := range ms {
		if p.e.Type != "person" || p.e.Event {
			continue
		}
		loc := killedRE.FindStringIndex(s.Text[p.end:])
		if loc == nil {
			continue
		}
		end := p.to
		for end < len(toks) && toks[end].start < p.end+loc[1] {
			end++
		}
		name := "Killing of " + stripPossessive(p.e.Name)
		e := x.findEvent(graph.NameKey(name))
		if e == nil {
			e = x.newEvent(name, "attack", "killing", 0.5, "a named person killed")
		}
		m := x.mention(e, toks, p.to, end, s) // the verb: the name is the victim's, not the event's
		m.victim = p.e
		if pl, _ := x.placeAhead(s, toks, ms, end); pl != nil {
			m.named = []*Entity{pl.e}
		}
		return &m
	}
	return nil
}

var participleByRE = regexp.MustCompile(`^[^,;.]{0,60}?\b(?:sent|issued|delivered|conveyed|carried out|launched|signed|made|expressed|released)\b[^,;.]{0,60}? by $`)

// agentAfterBy is the actor named after "by" following a participle in
// the clause after token end: "the message sent on 20 July to X by Y".
func agentAfterBy(s Sentence, toks []token, ms []mention, end int) *mention {
	if end >= len(toks) {
		return nil
	}
	from := toks[end-1].end
	for k := range ms {
		m := &ms[k]
		if m.start <= from || m.e.Event || !isActorType(m.e.Type) {
			continue
		}
		before := s.Text[from:m.start]
		before = strings.TrimSuffix(before, "the ")
		if participleByRE.MatchString(before) {
			return m
		}
	}
	return nil
}

// isVerbCue reports whether an event cue is a verb ("declared",
// "deployed"): its event is named after its actor, not its place.
func isVerbCue(c *eventCue) bool {
	return len(c.words) == 1 && strings.HasSuffix(c.words[0], "ed")
}

var (
	// "two days after the bombing", "a day before the attack"
	daysAfterRE = regexp.MustCompile(`(?i)\b(a|one|two|three|four|five|six|seven|\d+) days? (after|before) the (\w+)`)
	// "on Saturday"
	weekdayRE = regexp.MustCompile(`\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
)

// relativeDays reads dates relative to another event or to the
// publication day: "two days after the bombing" (the violent event named
// last, when its day is known), "on Saturday" (the last Saturday on or
// before the publication day).
func (x *extractor) relativeDays(text string) []dateHit {
	var out []dateHit
	if m := daysAfterRE.FindStringSubmatchIndex(text); m != nil && x.lastViolent != nil && x.lastViolent.Date != nil && x.lastViolent.Date.Precision == graph.Day {
		n := number(text[m[2]:m[3]])
		if strings.EqualFold(text[m[2]:m[3]], "a") {
			n = 1
		}
		if strings.EqualFold(text[m[4]:m[5]], "before") {
			n = -n
		}
		if t, err := time.Parse("2006-01-02", x.lastViolent.Date.Value); err == nil {
			d := graph.Date{Value: t.AddDate(0, 0, n).Format("2006-01-02"), Precision: graph.Day}
			out = append(out, dateHit{d, m[0], text[m[0]:m[1]] + " (" + x.lastViolent.Date.Value + ")"})
			return out
		}
	}
	if p := x.opt.Published; p != nil && p.Precision == graph.Day {
		if m := weekdayRE.FindStringSubmatchIndex(text); m != nil {
			if t, err := time.Parse("2006-01-02", p.Value); err == nil {
				for k := 0; k < 7; k++ {
					if d := t.AddDate(0, 0, -k); d.Weekday().String() == text[m[2]:m[3]] {
						out = append(out, dateHit{graph.Date{Value: d.Format("2006-01-02"), Precision: graph.Day}, m[0], "\"" + text[m[0]:m[1]] + "\" before the publication day"})
						break
					}
				}
			}
		}
	}
	return out
}

// nounCueAhead reports whether an event noun follows a verb cue closely:
// "declared a state of emergency", "deployed a battalion".
func (x *extractor) nounCueAhead(s Sentence, toks []token, end int, cues []eventCue) bool {
	for k := end; k < min(len(toks), end+4); k++ {
		rest := strings.ToLower(s.Text[toks[k].start:])
		for _, c := range cues {
			if !isVerbCue(&c) && strings.HasPrefix(rest, strings.Join(c.words, " ")) {
				return true
			}
		}
	}
	return false
}
