package extract

import (
	"regexp"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

var pronounRE = regexp.MustCompile(`(?i)^\W*\b(he|she|they|the analyst|the expert|the official)\b`)

// attributions works out, for every sentence, who its quotation is
// attributed to: the speaker named (or "he"/"she" for the last speaker)
// next to a speech verb after the closing quotation mark, and for a quoted
// paragraph without one, the speaker of the paragraph before.
func (x *extractor) attributions(ss []Sentence) []attrib {
	out := make([]attrib, len(ss))
	var last *Entity
	for i := 0; i < len(ss); {
		j := i
		for j < len(ss) && ss[j].Para == ss[i].Para {
			j++
		}
		var speaker *Entity
		cert := graph.Attributed
		for k := i; k < j; k++ {
			t := ss[k].Text
			ci := strings.LastIndexAny(t, "”\"")
			if ci < 0 {
				continue
			}
			after := t[ci:]
			if !hasCue(after, certaintyCues[graph.Attributed]) {
				continue
			}
			if pronounRE.MatchString(after) {
				speaker = last
			}
			for _, tk := range tokenize(after) {
				if speaker != nil {
					break
				}
				if tk.cap {
					// The first name after the quotation: look it up by
					// the longest known span starting here.
					rest := after[tk.start:]
					rt := tokenize(rest)
					for n := min(4, len(rt)); n >= 1; n-- {
						if e := x.lookup(rest[:rt[n-1].end]); e != nil && !e.Event && isActorType(e.Type) && !isPlace(e.Type) {
							speaker = e
							break
						}
						if e, ok := x.surnames[graph.NameKey(rest[:rt[n-1].end])]; ok {
							speaker = e
							break
						}
					}
					run := 0
					for run < len(rt) && rt[run].cap {
						run++
					}
					if speaker == nil && (run == 2 || run == 3) && personName(rt, 0, run, x.cues) && !isTitleStart(rt, 0) {
						// Not yet known: the mention pass creates it.
						speaker = x.pendingPerson(rest[:rt[run-1].end])
					}
					break
				}
			}
		}
		quoted := ss[i].QuoteOpen
		if speaker == nil && quoted {
			speaker = last
		}
		if speaker != nil {
			last = speaker
			for k := i; k < j; k++ {
				if ss[k].InQuote || quoted {
					out[k] = attrib{certainty: cert, by: speaker}
				}
			}
		}
		// Judgements and reported speech outside quotation marks.
		for k := i; k < j; k++ {
			if out[k].by != nil {
				continue
			}
			if a, ok := x.judgement(ss[k].Text, last); ok {
				out[k] = a
				if a.by != nil && a.by.Type == "person" {
					last = a.by
				}
			}
		}
		i = j
	}
	return out
}

// pendingPerson creates a person for a speaker's name not yet seen.
func (x *extractor) pendingPerson(name string) *Entity {
	name = stripPossessive(strings.TrimSpace(name))
	k := graph.NameKey(name)
	if es := x.index[k]; len(es) > 0 {
		return es[0].e
	}
	e := &Entity{ID: x.newID(name), Type: "person", Name: name, Confidence: 0.7, key: k}
	e.Why = append(e.Why, "type: named as a speaker")
	x.addName(e, name)
	x.addSurname(e)
	x.res.Entities = append(x.res.Entities, e)
	return e
}

var judgeRE = regexp.MustCompile(`(?:^|[\s,])(?:[Ii]n )?([A-Z][\p{L}\-]+(?: [A-Z][\p{L}\-]+)?)(?:’s|'s)? (view|believes|thinks|finds|argues|assesses|considers|suspects|said|says|told|underlined|stressed|noted|warned|added)\b`)

// judgement finds "X believes", "in X's view" (assessed) and "X said that",
// "X underlined that" (attributed) in a sentence.
func (x *extractor) judgement(t string, last *Entity) (attrib, bool) {
	for _, m := range judgeRE.FindAllStringSubmatch(t, -1) {
		name, verb := m[1], m[2]
		var e *Entity
		if k := graph.NameKey(name); x.surnames[k] != nil {
			e = x.surnames[k]
		} else if le := x.lookup(name); le != nil && le.Type == "person" {
			e = le
		}
		if e == nil {
			continue
		}
		c := graph.Attributed
		if hasCue(verb, certaintyCues[graph.Assessed]) {
			c = graph.Assessed
		}
		return attrib{certainty: c, by: e}, true
	}
	return attrib{}, false
}

func hasCue(s string, cues []string) bool {
	ls := " " + strings.ToLower(s) + " "
	for _, c := range cues {
		if i := strings.Index(ls, c); i > 0 && !isWordByte(ls[i-1]) && i+len(c) < len(ls) && !isWordByte(ls[i+len(c)]) {
			return true
		}
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z'
}

// soleGroup is the one armed group (or organisation) a sentence names
// outside its events, or the group the sentence is about when it names
// none; nil when there are several.
func soleGroup(ms []mention, sentSubj *Entity) *Entity {
	var g *Entity
	for _, m := range ms {
		if m.e.Event || (m.e.Type != "armed-group" && m.e.Type != "organisation") || m.e == g {
			continue
		}
		if g != nil {
			return nil
		}
		g = m.e
	}
	if g == nil && sentSubj != nil && sentSubj.Type == "armed-group" {
		return sentSubj
	}
	return g
}

// timeReference reports whether an event mention only dates the sentence
// ("two days after the Port Sel attack").
func timeReference(text string, m mention) bool {
	before := strings.ToLower(strings.TrimSpace(text[:m.start]))
	for _, w := range []string{"after the", "before the", "since the", "following the", "wake of the", "aftermath of the"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

func pick(rev bool, a, b graph.Kind) graph.Kind {
	if rev {
		return a
	}
	return b
}

func pickS(rev bool, a, b []string) []string {
	if rev {
		return a
	}
	return b
}

func isPrepositional(c string) bool {
	switch c {
	case "in", "at", "on", "near", "from", "of the", "at the", "'s", "of", "to":
		return true
	}
	return false
}

func startsWithPronoun(t string) bool {
	t = strings.TrimLeft(t, "“\"‘ ")
	if opensWithAnaphor(t) {
		return true
	}
	// Past an opening adverbial without names: "More generally, the group".
	if i := strings.Index(t, ", "); i > 0 && i < 30 && !strings.ContainsAny(t[1:i], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return opensWithAnaphor(t[i+2:])
	}
	return false
}

func opensWithAnaphor(t string) bool {
	f := strings.Fields(strings.ToLower(t))
	for k := range f {
		f[k] = strings.Trim(f[k], ",;:")
	}
	if len(f) == 0 {
		return false
	}
	switch f[0] {
	case "it", "its", "they", "their":
		return true
	case "the":
		return len(f) > 1 && groupNouns[strings.TrimSuffix(strings.TrimSuffix(f[1], "’s"), "'s")]
	}
	return false
}

// cuePositions finds a cue on word boundaries.
func cuePositions(lower, cue string) []int {
	var out []int
	for i := 0; ; {
		k := strings.Index(lower[i:], cue)
		if k < 0 {
			return out
		}
		p := i + k
		okL := p == 0 || !isWordByte(lower[p-1])
		e := p + len(cue)
		okR := e >= len(lower) || !isWordByte(lower[e])
		if okL && okR {
			out = append(out, p)
		}
		i = p + 1
	}
}

// anaphorAfter reports whether the text right after a cue is an object
// anaphor: "them", "it", "the group".
func anaphorAfter(rest string) bool {
	f := strings.Fields(rest)
	if len(f) == 0 {
		return false
	}
	w := strings.Trim(f[0], ".,;:")
	switch w {
	case "them", "it", "him", "her":
		return true
	case "the":
		return len(f) > 1 && groupNouns[strings.Trim(f[1], ".,;:")]
	}
	return false
}

var groupNouns = map[string]bool{"group": true, "faction": true, "organisation": true, "organization": true, "movement": true, "militants": true}

// antecedent resolves an object anaphor after a cue at pos: the latest
// actor named before the cue that is neither the subject nor coordinated
// with it ("A and B could contain the group"), else the actor the sentence
// before was about.
func (x *extractor) antecedent(text string, ms []mention, subj *mention, pos int, prev *Entity) *Entity {
	listed := map[*Entity]bool{subj.e: true}
	left := subj.start // start of the coordinated list ending with the subject
	for k := len(ms) - 1; k >= 0; k-- {
		m := ms[k]
		if m.end > pos || m.e.Event || !isActorType(m.e.Type) || isPlace(m.e.Type) || listed[m.e] {
			continue
		}
		if m.end <= left && isListGap(text[m.end:left]) {
			listed[m.e] = true
			left = m.start
			continue
		}
		return m.e
	}
	if prev != nil && prev != subj.e {
		return prev
	}
	return nil
}

// isListGap reports whether the text between two names coordinates them:
// "A, B", "A and B", "A – as well as B", "A and groups like B".
func isListGap(g string) bool {
	if strings.TrimSpace(g) == "" {
		return false
	}
	g = strings.Trim(strings.TrimSpace(g), ",–—-() ")
	g = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(g, "the ")), " the"))
	g = strings.Trim(g, ",–—-() ")
	switch g {
	case "", "and", "or", "as well as", "along with", "and also":
		return true
	}
	// "and groups like", "and others such as": a coordinator, a plural
	// noun and a word that introduces examples.
	f := strings.Fields(g)
	if len(f) == 3 && (f[0] == "and" || f[0] == "or") && strings.HasSuffix(f[1], "s") && (f[2] == "like" || f[2] == "including") {
		return true
	}
	return false
}

// longerCueAt reports whether another cue of rel, longer than c and
// starting with it, matches at pos ("leader of" where "leader<" is tried).
func longerCueAt(cues []string, c, lower string, pos int) bool {
	for _, o := range cues {
		o = strings.TrimSuffix(o, "<")
		if len(o) > len(c) && strings.HasPrefix(o, c) && strings.HasPrefix(lower[pos:], o) {
			e := pos + len(o)
			if e >= len(lower) || !isWordByte(lower[e]) {
				return true
			}
		}
	}
	return false
}

// apposed is the name set off by a comma right after m ("..., Ana
// Ruiz").
func apposed(text string, ms []mention, m *mention) *mention {
	for k := range ms {
		if ms[k].start >= m.end {
			if strings.TrimSpace(text[m.end:ms[k].start]) == "," {
				return &ms[k]
			}
			return nil
		}
	}
	return nil
}

// quoteSide is 1 inside a quotation at byte pos of a sentence, else 0: a
// name inside a quotation and one outside it are not linked by a cue.
func quoteSide(text string, pos int) int {
	n := 0
	for _, r := range text[:pos] {
		switch r {
		case '“', '”', '"':
			n++
		}
	}
	return n % 2
}

// inPrepPhrase reports whether a mention follows a preposition ("in
// Orla", "for the Red Front", "like the Blue Army").
func inPrepPhrase(toks []token, m *mention) bool {
	k := m.from - 1
	if k >= 0 && strings.EqualFold(toks[k].text, "the") {
		k--
	}
	if k < 0 {
		return false
	}
	switch strings.ToLower(toks[k].text) {
	case "in", "at", "from", "near", "like", "across", "throughout", "for", "into", "to", "towards", "toward":
		return true
	}
	return false
}

// withList is the names listed right after "m with": "A with B and C".
func withList(text string, ms []mention, m *mention) []*mention {
	var out []*mention
	last := m
	for k := range ms {
		if ms[k].start < last.end {
			continue
		}
		g := strings.TrimSpace(text[last.end:ms[k].start])
		if last == m && g != "with" && g != "with the" {
			return nil
		}
		if last != m && !isListGap(g) {
			break
		}
		out = append(out, &ms[k])
		last = &ms[k]
	}
	return out
}

// hasPerpetrator reports whether a perpetrator or claimant of ev has been
// proposed.
func (x *extractor) hasPerpetrator(ev *Entity) bool {
	for _, c := range x.res.Claims {
		if c.Object == ev.ID && (c.Relation == "perpetrated" || c.Relation == "claimed-responsibility-for") {
			return true
		}
	}
	return false
}

// byDemonym finds the entity a modifier names, directly ("WXY") or as an
// adjective of a place name ("Veltan" → Velta, "Kurd" → Kurdistan).
func (x *extractor) byDemonym(mod string) *Entity {
	if e := x.lookup(mod); e != nil {
		return e
	}
	first, _, _ := strings.Cut(mod, " ")
	if stem, ok := x.text.stateOfDemonym(first); ok {
		return x.lookup(stem)
	}
	for _, suf := range []string{"n", "an", "ian", "i"} {
		if strings.HasSuffix(mod, suf) && len(mod)-len(suf) >= 4 {
			if e := x.lookup(strings.TrimSuffix(mod, suf)); e != nil && e.Type == "state" {
				return e
			}
		}
	}
	if e := x.lookup(mod + "istan"); e != nil && e.Type == "state" {
		return e
	}
	return nil
}

func (x *extractor) entityByID(id string) *Entity {
	for _, e := range x.res.Entities {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// placeRank orders place types by size, for located-in.
var placeRank = map[string]int{"facility": 1, "city": 2, "region": 3, "state": 4}

// larger reports whether a place of type a can contain one of type b:
// strictly larger, or a region in a region.
func larger(a, b string) bool {
	ra, rb := placeRank[a], placeRank[b]
	if ra == 0 || rb == 0 {
		return true
	}
	return ra > rb || ra == 3 && rb == 3
}

// inRelativeClause reports whether a mention before a cue at pos sits in a
// clause set off by commas that closes before the cue ("The group, which
// is an affiliate of X, has fought Y": X does not fight Y).
func inRelativeClause(text string, m *mention, pos int) bool {
	before := text[:m.start]
	open := strings.LastIndex(before, ", which ")
	if o := strings.LastIndex(before, ", who "); o > open {
		open = o
	}
	if open < 0 || strings.Contains(text[open+1:m.start], ",") {
		return false
	}
	return strings.Contains(text[m.end:pos], ",")
}

// opensWithGroupNoun reports whether a sentence opens with "The group",
// "The faction"...: an anaphor surer than "It", which may be expletive.
func opensWithGroupNoun(t string) bool {
	f := strings.Fields(strings.ToLower(strings.TrimLeft(t, "“\"‘ ")))
	return len(f) > 1 && f[0] == "the" && groupNouns[strings.Trim(f[1], ",;:")]
}

// glued reports whether another mention continues ms[k] past its hyphen
// ("X-led coalition" as a name): then ms[k] is not a bare modifier.
func glued(ms []mention, k int) bool {
	for j := range ms {
		if j != k && ms[j].start <= ms[k].start && ms[j].end > ms[k].end {
			return true
		}
	}
	return false
}
