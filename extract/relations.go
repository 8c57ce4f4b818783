package extract

import (
	"regexp"
	"slices"
	"strconv"
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
			if !hasCue(after, graph.CertaintyCues[graph.Attributed]) {
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
						if e := x.lookup(rest[:rt[n-1].end]); e != nil && e.Type == "person" {
							speaker = e
							break
						}
						if e, ok := x.surnames[graph.NameKey(rest[:rt[n-1].end])]; ok {
							speaker = e
							break
						}
					}
					if speaker == nil && len(rt) >= 2 && rt[1].cap {
						// Not yet known: the mention pass creates it.
						speaker = x.pendingPerson(rest[:rt[1].end])
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
		if hasCue(verb, graph.CertaintyCues[graph.Assessed]) {
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

// relations proposes claims from the cues of the vocabulary between the
// mentions of a sentence.
//
// prev is the actor the sentence before was about: the subject of a
// sentence that opens with an anaphor ("It", "The group") and the object
// of a cue followed by one ("to contain them").
func (x *extractor) relations(s Sentence, toks []token, ms []mention, at attrib, prev, sentSubj *Entity) {
	if len(ms) == 0 {
		return
	}
	lower := strings.ToLower(s.Text)
	firstClaim := len(x.res.Claims)
	add := func(subj, obj *Entity, rel graph.Relation, conf float64, why string) {
		if subj == obj || subj.ID == obj.ID {
			return
		}
		st, err1 := graph.LookupType(subj.Type)
		ot, err2 := graph.LookupType(obj.Type)
		if err1 != nil || err2 != nil || rel.Accepts(st, ot) != nil {
			return
		}
		// "Velta" and "Velta-led government" are not two parties to
		// a symmetric relation.
		if ks, ko := graph.NameKey(subj.Name), graph.NameKey(obj.Name); rel.Symmetric && (strings.Contains(ks, ko) || strings.Contains(ko, ks)) {
			return
		}
		c := &Claim{Subject: subj.ID, Relation: rel.Name, Object: obj.ID, Quote: QuoteText(s.Text),
			Certainty: graph.Reported, Confidence: clamp(conf), Why: why}
		if at.by != nil && at.by != subj && at.by != obj {
			c.Certainty, c.By = at.certainty, at.by.ID
		}
		if hasCue(rel.Name, []string{"claimed-responsibility-for"}) || hasCue(lower, graph.CertaintyCues[graph.Claimed]) && rel.Name == "claimed-responsibility-for" {
			c.Certainty, c.By = graph.Claimed, ""
		}
		x.res.Claims = append(x.res.Claims, c)
	}
	fits := func(e *Entity, k graph.Kind, names []string) bool {
		t, err := graph.LookupType(e.Type)
		if err != nil {
			return false
		}
		if len(names) > 0 {
			for _, n := range names {
				if n == t.Name {
					return true
				}
			}
			return false
		}
		return t.Is(k)
	}
	for _, rel := range graph.Relations {
		for _, cue := range rel.Cues {
			reverse := strings.HasSuffix(cue, "<")
			c := strings.TrimSuffix(cue, "<")
			switch {
			case strings.HasPrefix(c, "-"):
				// "US-led coalition": the name glued before the cue is the subject.
				for _, m := range ms {
					if m.end+len(c) <= len(lower) && lower[m.end:m.end+len(c)] == c {
						// The name may include the cue: "Velta-led
						// government"; else the next name is the object.
						inside := false
						for _, o := range ms {
							if o.start <= m.start && o.end > m.end+len(c) && o.e != m.e {
								add(m.e, o.e, rel, 0.7, "cue "+strconv.Quote(cue)+" inside a name")
								inside = true
							}
						}
						for _, o := range ms {
							if !inside && o.start > m.end && strings.TrimSpace(lower[m.end+len(c):o.start]) == "" {
								add(m.e, o.e, rel, 0.7, "cue "+strconv.Quote(cue))
								break
							}
						}
					}
				}
				// Known names that contain the cue: "X-led Y" where X is named.
				for _, o := range ms {
					seg := lower[o.start:o.end]
					if i := strings.Index(seg, c+" "); i > 0 {
						if sub := x.lookup(s.Text[o.start : o.start+i]); sub != nil && sub != o.e {
							add(sub, o.e, rel, 0.7, "cue "+strconv.Quote(cue)+" inside a name")
						}
					}
				}
			case isPrepositional(c):
				// Only directly between two names: "X in Y", "Y's X".
				for a := 0; a+1 < len(ms); a++ {
					if ms[a].end > ms[a+1].start {
						continue // nested names
					}
					gap := strings.ToLower(strings.TrimSpace(s.Text[ms[a].end:ms[a+1].start]))
					gap = strings.TrimSpace(parenRE.ReplaceAllString(gap, ""))
					if c == "'s" {
						g := strings.ReplaceAll(gap, "’", "'")
						if hasPossessive(s.Text[ms[a].start:ms[a].end]) {
							g = strings.TrimSpace("'s " + g) // the mention took the "'s"
						}
						if g == "'s" || (strings.HasPrefix(g, "'s ") && len(strings.Fields(g)) == 2) {
							add(ms[a+1].e, ms[a].e, rel, 0.55, "\""+ms[a].e.Name+"'s "+ms[a+1].e.Name+"\"")
						}
						continue
					}
					if gap == c && ms[a].e.Event && len(ms[a].named) > 0 {
						continue // its place relations come from its name
					}
					if gap == c {
						// A place-only object takes the place relation
						// ("strike on Port Sel": occurred in, not targeted).
						if rel.Range&graph.KindActor != 0 && !isActorType(ms[a+1].e.Type) && !reverse {
							continue
						}
						s1, o1 := ms[a].e, ms[a+1].e
						if reverse {
							s1, o1 = o1, s1
						}
						add(s1, o1, rel, 0.55, "\""+c+"\" between the names")
					}
				}
			default:
				for _, pos := range cuePositions(lower, c) {
					if longerCueAt(rel, c, lower, pos) {
						continue
					}
					var subj, obj *mention
					side := quoteSide(s.Text, pos)
					subjKind, subjTypes := pick(reverse, rel.Range, rel.Domain), pickS(reverse, rel.RangeTypes, rel.DomainTypes)
					for k := len(ms) - 1; k >= 0; k-- {
						if ms[k].end < len(s.Text) && s.Text[ms[k].end] == '-' && !glued(ms, k) {
							continue // a modifier: "the X-backed movement"
						}
						if ms[k].end <= pos && quoteSide(s.Text, ms[k].start) == side && fits(ms[k].e, subjKind, subjTypes) {
							subj = &ms[k]
							break
						}
					}
					// A name in a prepositional phrase ("groups in Orla
					// ... against Velta") is rarely the one acting: the
					// sentence's subject is, when it comes before the cue.
					if subj != nil && !reverse && (inPrepPhrase(toks, subj) || inRelativeClause(s.Text, subj, pos)) && sentSubj != nil && sentSubj != subj.e && fits(sentSubj, subjKind, subjTypes) {
						found := false
						for k := range ms {
							if ms[k].e == sentSubj && ms[k].end <= pos && quoteSide(s.Text, ms[k].start) == side {
								subj, found = &ms[k], true
								break
							}
						}
						if !found && sentSubj == prev && opensWithGroupNoun(s.Text) {
							subj = &mention{e: prev} // "The group, which ... of X, has fought Y"
						}
					}
					skipped := false
					for k := range ms {
						if ms[k].start < pos+len(c) || quoteSide(s.Text, ms[k].start) != side || ms[k].e.Event && timeReference(s.Text, ms[k]) {
							continue
						}
						// The object is the first name after the cue, or a
						// fitting one close to it past names that do not fit.
						if skipped && ms[k].start-(pos+len(c)) > 30 {
							break
						}
						if fits(ms[k].e, pick(reverse, rel.Domain, rel.Range), pickS(reverse, rel.DomainTypes, rel.RangeTypes)) {
							obj = &ms[k]
							break
						}
						skipped = true
					}
					between := strings.HasSuffix(c, " between") || strings.HasPrefix(lower[pos+len(c):], " between")
					conf := 0.6
					why := "cue " + strconv.Quote(cue)
					if subj == nil && prev != nil && startsWithPronoun(s.Text) {
						subj = &mention{e: prev}
						conf -= 0.2
						why += "; subject from the sentence before"
					}
					if obj == nil && subj != nil && anaphorAfter(lower[pos+len(c):]) {
						if o := x.antecedent(s.Text, ms, subj, pos, prev); o != nil && fits(o, pick(reverse, rel.Domain, rel.Range), pickS(reverse, rel.DomainTypes, rel.RangeTypes)) {
							obj = &mention{e: o, start: pos + len(c)}
							conf -= 0.2
							why += "; object an anaphor"
						}
					}
					if subj == nil && obj != nil && !reverse {
						// Apposition: "the Velta ambassador to Zamora, Ana
						// Ruiz": the subject follows the object.
						if ap := apposed(s.Text, ms, obj); ap != nil && ap.e.Type == "person" && fits(ap.e, rel.Domain, rel.DomainTypes) {
							subj = ap
							why += "; subject in apposition"
						}
					}
					// "advances made by A with B and C": a symmetric
					// relation pairs the name before "with" and those after.
					if rel.Symmetric && obj != nil && !between {
						if w := withList(s.Text, ms, obj); len(w) > 0 {
							for _, o := range w {
								add(obj.e, o.e, rel, conf-0.05, why+" (\"with\")")
							}
							continue
						}
					}
					if subj == nil && between && obj != nil {
						subj = obj
					}
					if subj == nil || obj == nil {
						continue
					}
					if subj.e.Event && len(subj.named) > 0 && rel.Domain == graph.KindEvent {
						continue // an event named by places takes its relations from its name
					}
					if obj.start-pos > 60 && pos-subj.end > 60 {
						continue // the cue is far from both names
					}
					if obj.start-pos > 60 || pos-subj.end > 120 {
						conf -= 0.2
					}
					objs := []*mention{obj}
					for k := range ms {
						if ms[k].start <= obj.start {
							continue
						}
						last := objs[len(objs)-1]
						if last.end > ms[k].start {
							break
						}
						g := strings.TrimSpace(s.Text[last.end:ms[k].start])
						if isListGap(g) {
							objs = append(objs, &ms[k])
						} else {
							break
						}
					}
					for n, o := range objs {
						if between {
							break // "coordination between A, B and C": pairs of the list only
						}
						sj, oj := subj.e, o.e
						if reverse {
							sj, oj = oj, sj
						}
						cf := conf
						if n > 0 {
							cf -= 0.05
						}
						add(sj, oj, rel, cf, why)
					}
					if rel.Symmetric && between {
						for a := range objs {
							for b := a + 1; b < len(objs); b++ {
								add(objs[a].e, objs[b].e, rel, conf-0.05, why+" (list)")
							}
						}
					}
				}
			}
		}
	}
	// "WXY troops", "Veltan forces", "Zamoran government": forces and
	// bodies named after a state or an organisation are part of it.
	for _, m := range ms {
		if m.e.Event || (m.e.Type != "military-force" && m.e.Type != "government-body") {
			continue
		}
		f := strings.Fields(s.Text[m.start:m.end])
		if len(f) < 2 || strings.Contains(f[len(f)-2], "-") {
			continue
		}
		if owner := x.byDemonym(strings.Join(f[:len(f)-1], " ")); owner != nil && owner != m.e && (owner.Type == "state" || owner.Type == "organisation") {
			if r, err := graph.LookupRelation("part-of"); err == nil {
				add(m.e, owner, r, 0.6, "named after "+owner.Name)
			}
		}
	}
	// A place named after a larger one lies in it: "Port Sel airport" in
	// Port Sel, "north Velta" in Velta; and the place that names an event
	// lies where the event happened: "the Grand Hotel attack in Port Sel".
	if r, err := graph.LookupRelation("located-in"); err == nil {
		for _, m := range ms {
			if m.e.Event || !isPlace(m.e.Type) || m.e.Type == "state" {
				continue
			}
			f := strings.Fields(s.Text[m.start:m.end])
			for a := 0; a < len(f); a++ {
				for b := len(f); b > a; b-- {
					if b-a == len(f) {
						continue
					}
					if in := x.lookup(strings.Join(f[a:b], " ")); in != nil && in != m.e && isPlace(in.Type) && !in.Event && larger(in.Type, m.e.Type) {
						add(m.e, in, r, 0.6, "named after "+in.Name)
					}
				}
			}
		}
		for _, ev := range ms {
			if !ev.e.Event || ev.e.Known {
				continue
			}
			where := x.placeAfter(s, toks, ms, ev.to)
			if where == nil || !strings.EqualFold(toks[ev.to].text, "in") {
				continue
			}
			for _, m := range ms {
				if !m.e.Event && m.start >= ev.start && m.end <= ev.end && isPlace(m.e.Type) && !isActorType(m.e.Type) && larger(where.e.Type, m.e.Type) {
					add(m.e, where.e, r, 0.55, "names an event that happened in "+where.e.Name)
				}
			}
		}
	}
	// Structure of event names: the places and actors that name an event.
	for _, ev := range ms {
		if !ev.e.Event || ev.e.Known {
			continue
		}
		var parts []*Entity
		for _, m := range ms {
			if !m.e.Event && m.start >= ev.start && m.end <= ev.end && ev.agent == nil {
				parts = append(parts, m.e)
			}
		}
		parts = append(parts, ev.named...)
		evType, _ := graph.LookupType(ev.e.Type)
		for _, p := range parts {
			m := mention{e: p}
			// A state names a withdrawal or a deployment as its actor ("Velta
			// withdrawal") but an attack as its place ("Orla attack").
			actorFirst := !evType.Violent && isActorType(m.e.Type) && !slices.Contains(ev.named, p)
			if isPlace(m.e.Type) && !actorFirst {
				if r, err := graph.LookupRelation("occurred-in"); err == nil {
					add(ev.e, m.e, r, 0.65, "the place names the event")
				}
				if r, err := graph.LookupRelation("targeted"); err == nil && ev.target && slices.Contains(ev.named, p) {
					add(ev.e, m.e, r, 0.6, "\"against\" the place that names the event")
				}
			} else {
				t, _ := graph.LookupType(ev.e.Type)
				name := "carried-out"
				if t.Violent {
					name = "perpetrated"
				}
				if r, err := graph.LookupRelation(name); err == nil {
					add(m.e, ev.e, r, 0.6, "the actor names the event")
				}
			}
		}
	}
	// Events read from a verb: "X killed 11 Y".
	for _, ev := range ms {
		if ev.agent != nil {
			name := "carried-out"
			if t, _ := graph.LookupType(ev.e.Type); t.Violent {
				name = "perpetrated"
			}
			if r, err := graph.LookupRelation(name); err == nil {
				add(ev.agent, ev.e, r, 0.6, "the actor of the verb or noun")
			}
		}
		if ev.victim != nil {
			if r, err := graph.LookupRelation("targeted"); err == nil {
				add(ev.e, ev.victim, r, 0.6, "the victims after the verb")
			}
		}
	}
	// "X assassinated Y in a drone strike": X perpetrated the strike, which
	// targeted Y.
	for _, c := range x.res.Claims[firstClaim:] {
		r, err := graph.LookupRelation(c.Relation)
		if err != nil || r.PLOVER != "ASSAULT" || r.Range&graph.KindActor == 0 || r.Domain&graph.KindEvent != 0 {
			continue
		}
		for _, ev := range ms {
			t, _ := graph.LookupType(ev.e.Type)
			if !ev.e.Event || !t.Violent || timeReference(s.Text, ev) || x.hasPerpetrator(ev.e) {
				continue
			}
			subj, obj := x.entityByID(c.Subject), x.entityByID(c.Object)
			if subj == nil || obj == nil {
				continue
			}
			if p, err := graph.LookupRelation("perpetrated"); err == nil {
				add(subj, ev.e, p, c.Confidence-0.1, "\""+c.Relation+"\" in the same sentence")
			}
			if tg, err := graph.LookupRelation("targeted"); err == nil {
				add(ev.e, obj, tg, c.Confidence-0.1, "\""+c.Relation+"\" in the same sentence")
			}
		}
	}
	// A violent event with no perpetrator named, in a sentence that names
	// one group only: that group, at low confidence.
	if g := soleGroup(ms, sentSubj); g != nil {
		for _, ev := range ms {
			t, _ := graph.LookupType(ev.e.Type)
			if !ev.e.Event || ev.e.Known || !t.Violent || timeReference(s.Text, ev) || x.hasPerpetrator(ev.e) {
				continue
			}
			if r, err := graph.LookupRelation("perpetrated"); err == nil {
				add(g, ev.e, r, 0.4, "the only group the sentence names")
			}
		}
	}
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
func longerCueAt(rel graph.Relation, c, lower string, pos int) bool {
	for _, o := range rel.Cues {
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
