// Package extract proposes, from the text of a new article, candidate
// actors, events and claims for an analyst to review, in the curated format
// that seed loads. It finds the actors already known by any alias (the
// caller passes them in), proposes the names it does not know with a guessed
// type, and proposes relations from the cue words of the vocabulary
// (cues.go). It holds no rule about
// any particular article: everything specific comes from the known actors
// or the vocabulary.
package extract

import (
	"sort"
	"strings"

	"github.com/biter777/countries"

	"github.com/actorgraph/actorgraph/graph"
)

// Options say where the text comes from and what is already known.
type Options struct {
	SourceID  string
	Title     string
	URL       string
	Published *graph.Date
	// Known are the entities already in the store; they are found by any
	// alias and referred to by ID, never redefined.
	Known []graph.Entity
}

// Entity is a candidate actor, place or event.
type Entity struct {
	ID         string        `json:"id"`
	Type       string        `json:"type"`
	Name       string        `json:"name"`
	Aliases    []string      `json:"aliases,omitempty"` // new aliases proposed
	Known      bool          `json:"known"`             // already in the store
	Event      bool          `json:"event"`
	Date       *graph.Date   `json:"date,omitempty"`
	Killed     *graph.Figure `json:"killed,omitempty"`
	Injured    *graph.Figure `json:"injured,omitempty"`
	Casualties string        `json:"casualties,omitempty"`
	Quote      string        `json:"quote"` // first sentence naming it, or the one giving date and figures
	Confidence float64       `json:"confidence"`
	Why        []string      `json:"why,omitempty"`
	Mentions   int           `json:"mentions"`
	// AliasOf, for a near-match, is the known ID the name is proposed as an
	// alias of.
	AliasOf string `json:"alias_of,omitempty"`

	key     string
	noun    string // an event's noun, singular ("attack")
	surname string
	hasFig  bool
}

// Claim is a candidate claim.
type Claim struct {
	Subject   string          `json:"subject"`
	Relation  string          `json:"relation"`
	Object    string          `json:"object"`
	Quote     string          `json:"quote"`
	Certainty graph.Certainty `json:"certainty"`
	By        string          `json:"by,omitempty"`
	// Denied: the sentence reports that the relation does not hold ("X
	// denied any role in Y").
	Denied     bool    `json:"denied,omitempty"`
	Confidence float64 `json:"confidence"`
	Why        string  `json:"why"`
}

// Result is everything extract proposes.
type Result struct {
	Options   Options   `json:"-"`
	Sentences int       `json:"sentences"`
	Entities  []*Entity `json:"entities"`
	Claims    []*Claim  `json:"claims"`
}

// mention is a place in a sentence where an entity is named.
type mention struct {
	e          *Entity
	from, to   int       // token range [from, to)
	start, end int       // byte range in the sentence
	named      []*Entity // for an event, the place named after its noun
	target     bool      // ... after "against": the place is its target too
	agent      *Entity   // for an event read from a verb, who did it
	victim     *Entity   // ... and to whom
}

type extractor struct {
	opt      Options
	cues     []typeCue
	index    map[string][]indexEntry // NameKey → entities
	surnames map[string]*Entity
	lower    map[string]bool // words seen in lower case in the text
	midCap   map[string]bool // words seen capitalised inside a sentence
	// placeWords are capitalised words seen after "in", "from", "near"...
	placeWords map[string]bool
	// alone are the capitalised words seen standing alone inside a
	// sentence, between two lower-case words: surnames, among others.
	alone map[string]bool
	// byCountry is the entity of each country named (known, or proposed
	// from its name in the text); countryNames the name the text uses.
	text         textKnowledge
	byCountry    map[countries.CountryCode]*Entity
	countryNames map[countries.CountryCode]string
	res          *Result
	ids          map[string]bool
	lastYear     string  // the last year named, for "that year"
	subject      *Entity // the actor the last sentence was about
	lastState    *Entity // the state named last, for "the country"
	// lastViolent is the violent event named last, for "the bombing".
	lastViolent *Entity
	// lastGroup is the armed group named last, for "its leader".
	lastGroup *Entity
	// groups are the armed groups named so far, the latest last.
	groups []*Entity
}

type indexEntry struct {
	e     *Entity
	alias string
}

// Extract proposes candidates from text.
func Extract(text string, opt Options) *Result {
	// Offsets are taken from runes in places: an invalid byte would be one
	// byte in text but a three-byte U+FFFD there (found by FuzzExtract).
	text = strings.ToValidUTF8(text, "\uFFFD")
	x := &extractor{
		opt: opt, cues: typeCues(), index: map[string][]indexEntry{},
		surnames: map[string]*Entity{}, lower: map[string]bool{}, midCap: map[string]bool{}, placeWords: map[string]bool{}, alone: map[string]bool{},
		byCountry: map[countries.CountryCode]*Entity{}, countryNames: map[countries.CountryCode]string{},
		res: &Result{Options: opt}, ids: map[string]bool{},
	}
	for _, k := range opt.Known {
		e := &Entity{ID: k.ID, Type: k.Type, Name: k.Name, Known: true, Event: k.IsEvent(), Confidence: 1}
		x.ids[k.ID] = true
		x.addName(e, k.Name)
		for _, a := range k.Aliases {
			x.addName(e, a)
		}
		if k.Type == "person" {
			x.addSurname(e)
		}
		if k.Type == "state" {
			for _, n := range append([]string{k.Name}, k.Aliases...) {
				if c, ok := country(n); ok && x.byCountry[c] == nil {
					x.byCountry[c] = e
				}
			}
		}
	}
	text = StripHTML(text)
	sents := dropPullQuotes(Split(text))
	x.res.Sentences = len(sents)
	x.text = readText(sents)
	for _, s := range sents {
		toks := tokenize(s.Text)
		for i, t := range toks {
			if !t.cap {
				x.lower[strings.ToLower(t.text)] = true
			} else if i > 0 && !strings.ContainsAny(strings.TrimSpace(s.Text[toks[i-1].end:t.start]), openQuotes+".:;") {
				x.midCap[strings.ToLower(stripPossessive(t.text))] = true
			}
			x.noteCountry(s.Text, toks, i)
			if t.cap && i > 0 && !toks[i-1].cap && (i+1 == len(toks) || !toks[i+1].cap) && !t.hyphen {
				x.alone[graph.NameKey(stripPossessive(t.text))] = true
			}
			if t.cap && i > 0 && gapOK(s.Text, toks[i-1], t) && (i+1 == len(toks) || !toks[i+1].cap) {
				switch strings.ToLower(toks[i-1].text) {
				case "in", "from", "near", "across", "to", "throughout", "against":
					x.placeWords[strings.ToLower(stripPossessive(t.text))] = true
				}
			}
		}
	}
	attribution := x.attributions(sents)
	for i, s := range sents {
		x.sentence(s, attribution[i])
	}
	x.finish()
	return x.res
}

// noteCountry records the name the text gives a country: one to three
// capitalised words from token i, longest first ("United Arab Emirates").
func (x *extractor) noteCountry(text string, toks []token, i int) {
	if !toks[i].cap {
		return
	}
	for n := min(3, len(toks)-i); n >= 1; n-- {
		name := stripPossessive(text[toks[i].start:toks[i+n-1].end])
		if c, ok := country(name); ok {
			if _, seen := x.countryNames[c]; !seen {
				x.countryNames[c] = name
			}
			return
		}
	}
}

// countryEntity is the entity of country c: the known one, the one proposed
// already, or a new one under the name the text gives it; nil when the text
// never names it.
func (x *extractor) countryEntity(c countries.CountryCode, s Sentence, toks []token, i, j int) *Entity {
	if e := x.byCountry[c]; e != nil {
		return e
	}
	name, ok := x.countryNames[c]
	if !ok {
		return nil
	}
	if e := x.lookup(name); e != nil {
		x.byCountry[c] = e
		return e
	}
	e := x.entityFor(name, "state", s, toks, i, j)
	x.byCountry[c] = e
	return e
}

func (x *extractor) addName(e *Entity, name string) {
	k := graph.NameKey(name)
	if k == "" {
		return
	}
	for _, ie := range x.index[k] {
		if ie.e == e && ie.alias == name {
			return
		}
	}
	x.index[k] = append(x.index[k], indexEntry{e, name})
}

func (x *extractor) addSurname(e *Entity) {
	f := strings.Fields(e.Name)
	if len(f) >= 2 {
		e.surname = graph.NameKey(f[len(f)-1])
		if _, ok := x.surnames[e.surname]; !ok {
			x.surnames[e.surname] = e
		}
	}
}

func (x *extractor) newID(name string) string {
	base := slug(name)
	id := base
	for n := 2; x.ids[id]; n++ {
		id = base + "-" + itoa(n)
	}
	x.ids[id] = true
	return id
}

// lookup finds the entity a span of text names, if known: the name key must
// match and the case must fit (an all-capitals alias matches only in
// capitals, a capitalised one only capitalised).
func (x *extractor) lookup(span string) *Entity {
	span = strings.TrimSpace(span)
	for _, ie := range x.index[graph.NameKey(span)] {
		if caseFits(ie.alias, span) {
			return ie.e
		}
	}
	return nil
}

func caseFits(alias, span string) bool {
	letters := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if isWordRune(r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	la, ls := letters(alias), letters(stripPossessive(span))
	if la == "" || ls == "" {
		return false
	}
	if strings.ToUpper(la) == la && len([]rune(la)) <= 6 {
		return ls == la
	}
	if len(strings.Fields(alias)) >= 2 {
		return true // "northeast Syria", "truffle hunters": the key is enough
	}
	ra, rs := []rune(la), []rune(ls)
	if isUpper(ra[0]) && !isUpper(rs[0]) {
		return false
	}
	return true
}

func (x *extractor) finish() {
	// Entities in order: known ones mentioned, then new actors, then events.
	sort.SliceStable(x.res.Entities, func(i, j int) bool {
		a, b := x.res.Entities[i], x.res.Entities[j]
		if a.Known != b.Known {
			return a.Known
		}
		return !a.Event && b.Event
	})
	for _, e := range x.res.Entities {
		if !e.Known {
			e.Confidence = clamp(e.Confidence + 0.05*float64(min(e.Mentions-1, 3)))
		}
	}
	// Drop exact duplicate claims (same triple and quote), keeping the most
	// confident; different quotes stay separate claims.
	seen := map[string]*Claim{}
	var out []*Claim
	for _, c := range x.res.Claims {
		if c.Confidence < minClaimConfidence {
			continue // too weak to be worth a reviewer's time
		}
		k := c.Subject + " " + c.Relation + " " + c.Object + "\x00" + c.Quote
		if c.Denied {
			k += "\x00denied"
		}
		if r, _ := graph.LookupRelation(c.Relation); r.Symmetric && c.Object < c.Subject {
			k = c.Object + " " + c.Relation + " " + c.Subject + "\x00" + c.Quote
		}
		if prev, ok := seen[k]; ok {
			if c.Confidence > prev.Confidence {
				*prev = *c
			}
			continue
		}
		seen[k] = c
		out = append(out, c)
	}
	x.res.Claims = out
}

// minClaimConfidence is the confidence below which a claim is not proposed:
// a cue far from both names with an anaphor for one of them.
const minClaimConfidence = 0.25

func clamp(f float64) float64 {
	if f > 0.95 {
		return 0.95
	}
	if f < 0.05 {
		return 0.05
	}
	return float64(int(f*100+0.5)) / 100
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// dropPullQuotes drops the paragraphs that repeat, word for word, part of
// another paragraph: the pull quotes of a web page, which would otherwise
// count every claim twice and take the first quote of an event from a
// truncated copy.
func dropPullQuotes(ss []Sentence) []Sentence {
	paras := map[int]string{}
	var order []int
	for _, s := range ss {
		if _, ok := paras[s.Para]; !ok {
			order = append(order, s.Para)
		}
		paras[s.Para] += " " + s.Text
	}
	drop := map[int]bool{}
	for _, p := range order {
		k := graph.NameKey(paras[p])
		if len(k) < 40 {
			continue
		}
		for _, o := range order {
			ko := graph.NameKey(paras[o])
			if o != p && !drop[o] && len(ko) > len(k) && strings.Contains(ko, k) {
				drop[p] = true
				break
			}
		}
	}
	if len(drop) == 0 {
		return ss
	}
	var out []Sentence
	for _, s := range ss {
		if !drop[s.Para] {
			out = append(out, s)
		}
	}
	return out
}
