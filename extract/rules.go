package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// sentCtx is what a relation rule sees of one sentence: its text, tokens
// and mentions, who it is attributed to, and the actors around it.
type sentCtx struct {
	x     *extractor
	s     Sentence
	toks  []token
	ms    []mention
	at    attrib
	lower string
	// prev is the actor the sentence before was about: the subject of a
	// sentence that opens with an anaphor ("It", "The group") and the
	// object of a cue followed by one ("to contain them").
	prev *Entity
	// subj is the actor this sentence is about.
	subj *Entity
	// first is the index in x.res.Claims of this sentence's first claim.
	first int
	// denyAt is where a denial verb stands ("denied that ..."), or -1;
	// denier is the actor named before it, and denying is set while a rule
	// reads what it denies.
	denyAt  int
	denier  *Entity
	denying bool
}

// A sentenceRule proposes claims from the structure of one sentence.
type sentenceRule struct {
	name  string
	apply func(c *sentCtx)
}

// A cueRule proposes claims for one cue of one relation found in a
// sentence; match says which cues the rule reads.
type cueRule struct {
	name  string
	match func(cue string) bool
	apply func(c *sentCtx, rel graph.Relation, cues []string, cue string)
}

// cueRules read the cue words of relationCues, by the shape of the cue:
// the first rule that matches a cue applies.
var cueRules = []cueRule{
	{"glued suffix (\"US-led coalition\")", func(c string) bool { return strings.HasPrefix(strings.TrimSuffix(c, "<"), "-") }, ruleGluedCue},
	{"preposition between two names (\"X in Y\", \"Y's X\")", func(c string) bool { return isPrepositional(strings.TrimSuffix(c, "<")) }, rulePrepositionCue},
	{"cue between subject and object", func(string) bool { return true }, ruleVerbCue},
}

// sentenceRules read a sentence's structure once its cues are read, in
// order (later rules see the claims of earlier ones).
var sentenceRules = []sentenceRule{
	{"office before a name or in apposition (\"Russian President X\", \"X, the mayor of Y\")", ruleOffice},
	{"force or body named after its owner (\"Veltan forces\")", ruleNamedAfterOwner},
	{"place named after a larger one (\"Port Sel airport\")", rulePlaceInName},
	{"place naming an event that happened in another", ruleEventNamePlaceIn},
	{"places and actors that name an event", ruleEventNameParts},
	{"actor and victims of an event read from a verb", ruleEventAgent},
	{"assault in an event (\"X assassinated Y in a drone strike\")", ruleAssaultInEvent},
	{"the only group a sentence names", ruleSoleGroup},
	{"place described by its kind (\"the Veldran town of Saret\", \"Ashvenna, the Tamrithi capital\")", rulePlaceKind},
	{"byline (\"By X, The Y Review\")", ruleByline},
	{"denial (\"X denied any role in the attack\")", ruleDenial},
	{"body or outlet of a possessor (\"Karsovia's Foreign Ministry\", \"its Nidaa news agency\")", rulePossessedBody},
}

// relations proposes the claims of one sentence: the cue rules for every
// cue of every relation, then the sentence rules.
func (x *extractor) relations(s Sentence, toks []token, ms []mention, at attrib, prev, sentSubj *Entity) {
	if len(ms) == 0 {
		return
	}
	c := &sentCtx{x: x, s: s, toks: toks, ms: ms, at: at, lower: lowerASCII(s.Text), prev: prev, subj: sentSubj, first: len(x.res.Claims), denyAt: -1}
	if loc := denyVerbRE.FindStringIndex(c.lower); loc != nil {
		c.denyAt = loc[0]
		for k := range ms {
			if ms[k].end <= loc[0] && !ms[k].e.Event && isActorType(ms[k].e.Type) {
				c.denier = ms[k].e
			}
		}
	}
	for _, rc := range relationCues {
		rel, err := graph.LookupRelation(rc.rel)
		if err != nil {
			continue
		}
		for _, cue := range rc.cues {
			for _, r := range cueRules {
				if r.match(cue) {
					r.apply(c, rel, rc.cues, cue)
					break
				}
			}
		}
	}
	for _, r := range sentenceRules {
		r.apply(c)
	}
}

// add proposes subj rel obj when the types fit, with the certainty the
// sentence supports.
func (c *sentCtx) add(subj, obj *Entity, rel graph.Relation, conf float64, why string) {
	if subj == obj || subj.ID == obj.ID {
		return
	}
	st, err1 := graph.LookupType(subj.Type)
	ot, err2 := graph.LookupType(obj.Type)
	if err1 != nil || err2 != nil || rel.Accepts(st, ot) != nil {
		return
	}
	// "condemned the bombing": the vocabulary has no relation from an
	// actor to an event it condemns.
	if obj.Event && (rel.Name == "criticised" || rel.Name == "opposes") {
		return
	}
	// A media outlet reports violence; it does not commit it.
	if subj.Type == "media-outlet" && (rel.PLOVER == "ASSAULT" || rel.Name == "perpetrated") {
		return
	}
	// A body or a force "of the" state is part of it, not a member.
	if rel.Name == "member-of" && (subj.Type == "government-body" || subj.Type == "military-force") && (obj.Type == "state" || obj.Type == "government-body") {
		if r, err := graph.LookupRelation("part-of"); err == nil {
			rel = r
		}
	}
	// "Velta" and "Velta-led government" are not two parties to a
	// symmetric relation.
	if ks, ko := graph.NameKey(subj.Name), graph.NameKey(obj.Name); rel.Symmetric && (strings.Contains(ks, ko) || strings.Contains(ko, ks)) {
		return
	}
	cl := &Claim{Subject: subj.ID, Relation: rel.Name, Object: obj.ID, Quote: QuoteText(c.s.Text),
		Confidence: clamp(conf), Why: why}
	cl.Certainty, cl.By = certaintyOf(rel, subj, obj, c.at)
	if c.denying {
		cl.Denied, cl.Certainty, cl.By = true, graph.Attributed, ""
		if c.denier != nil {
			cl.By = c.denier.ID
		}
		cl.Why += "; denied"
	}
	c.x.res.Claims = append(c.x.res.Claims, cl)
}

// certaintyOf is the certainty a sentence supports for a claim: a claim of
// responsibility is claimed by its subject; a sentence attributed to a
// speaker (or judged by one) is attributed to (or assessed by) them, unless
// the speaker is a party to the claim, who then states it as their own;
// else the source reports it.
func certaintyOf(rel graph.Relation, subj, obj *Entity, at attrib) (graph.Certainty, string) {
	if rel.Name == "claimed-responsibility-for" {
		return graph.Claimed, ""
	}
	if at.by != nil && at.by != subj && at.by != obj {
		return at.certainty, at.by.ID
	}
	if at.certainty != "" && at.by == nil {
		return at.certainty, ""
	}
	return graph.Reported, ""
}

// fits reports whether e may fill a role of kind k (or of one of the named
// types).
func fits(e *Entity, k graph.Kind, names []string) bool {
	t, err := graph.LookupType(e.Type)
	if err != nil {
		return false
	}
	if len(names) > 0 {
		return slices.Contains(names, t.Name)
	}
	return t.Is(k)
}

// ruleGluedCue reads "US-led coalition": the name glued before the cue is
// the subject, the name that includes the cue or the next name the object.
func ruleGluedCue(c *sentCtx, rel graph.Relation, _ []string, cue string) {
	cw := strings.TrimSuffix(cue, "<")
	for _, m := range c.ms {
		if m.end+len(cw) > len(c.lower) || c.lower[m.end:m.end+len(cw)] != cw {
			continue
		}
		inside := false
		for _, o := range c.ms {
			if o.start <= m.start && o.end > m.end+len(cw) && o.e != m.e {
				c.add(m.e, o.e, rel, 0.7, "cue "+strconv.Quote(cue)+" inside a name")
				inside = true
			}
		}
		for _, o := range c.ms {
			if !inside && o.start > m.end && strings.TrimSpace(c.lower[m.end+len(cw):o.start]) == "" {
				c.add(m.e, o.e, rel, 0.7, "cue "+strconv.Quote(cue))
				break
			}
		}
	}
	// Known names that contain the cue: "X-led Y" where X is named.
	for _, o := range c.ms {
		seg := c.lower[o.start:o.end]
		if i := strings.Index(seg, cw+" "); i > 0 {
			if sub := c.x.lookup(c.s.Text[o.start : o.start+i]); sub != nil && sub != o.e {
				c.add(sub, o.e, rel, 0.7, "cue "+strconv.Quote(cue)+" inside a name")
			}
		}
	}
}

// rulePrepositionCue reads a preposition directly between two names: "X
// in Y", "Y's X".
func rulePrepositionCue(c *sentCtx, rel graph.Relation, _ []string, cue string) {
	reverse := strings.HasSuffix(cue, "<")
	cw := strings.TrimSuffix(cue, "<")
	ms := c.withoutDescriptors()
	for a := 0; a+1 < len(ms); a++ {
		if ms[a].end > ms[a+1].start {
			continue // nested names
		}
		gap := strings.ToLower(strings.TrimSpace(c.s.Text[ms[a].end:ms[a+1].start]))
		gap = strings.TrimSpace(parenRE.ReplaceAllString(gap, ""))
		if cw != "'s" {
			gap = strings.TrimSpace(kindGapRE.ReplaceAllString(gap, ""))
		}
		if cw == "'s" {
			g := strings.ReplaceAll(gap, "’", "'")
			if hasPossessive(c.s.Text[ms[a].start:ms[a].end]) {
				g = strings.TrimSpace("'s " + g) // the mention took the "'s"
			}
			if g == "'s" || (strings.HasPrefix(g, "'s ") && len(strings.Fields(g)) == 2) {
				c.add(ms[a+1].e, ms[a].e, rel, 0.55, "\""+ms[a].e.Name+"'s "+ms[a+1].e.Name+"\"")
			}
			continue
		}
		if gap != cw || ms[a].e.Event && len(ms[a].named) > 0 {
			continue // an event's place relations come from its name
		}
		// A place-only object takes the place relation ("strike on Port
		// Sel": occurred in, not targeted).
		if rel.Range&graph.KindActor != 0 && !isActorType(ms[a+1].e.Type) && !reverse {
			continue
		}
		s1, o1 := ms[a].e, ms[a+1].e
		if reverse {
			s1, o1 = o1, s1
		}
		c.add(s1, o1, rel, 0.55, "\""+cw+"\" between the names")
	}
}

// cueMatch is one place a cue word stands in a sentence, with the roles
// found around it.
type cueMatch struct {
	rel        graph.Relation
	cue, word  string // the cue as listed, and its words
	pos        int    // byte offset of the cue in the sentence
	reverse    bool   // the object comes first ("claimed by<")
	side       int    // inside (1) or outside (0) a quotation
	subj, obj  *mention
	conf       float64
	why        string
	between    bool // "coordination between A and B"
	subjKind   graph.Kind
	subjTypes  []string
	objKind    graph.Kind
	objTypes   []string
	afterWords string // the sentence after the cue, in lower case
}

// ruleVerbCue reads a cue between a subject before it and an object after
// it ("X loathes Y", "X, the leader of Y"), with the sub-rules of
// cueSubject and cueObject for the names the sentence leaves implicit.
func ruleVerbCue(c *sentCtx, rel graph.Relation, cues []string, cue string) {
	reverse := strings.HasSuffix(cue, "<")
	cw := strings.TrimSuffix(cue, "<")
	for _, pos := range cuePositions(c.lower, cw) {
		if longerCueAt(cues, cw, c.lower, pos) || c.insideName(pos) {
			continue
		}
		m := &cueMatch{rel: rel, cue: cue, word: cw, pos: pos, reverse: reverse, side: quoteSide(c.s.Text, pos),
			conf: 0.6, why: "cue " + strconv.Quote(cue), afterWords: c.lower[pos+len(cw):]}
		if !reverse && passiveAt(c.lower, pos, len(cw)) {
			// "Y was criticised by X": the agent after "by" acts.
			m.reverse = true
			m.why += " (passive)"
		}
		m.subjKind, m.subjTypes = pick(m.reverse, rel.Range, rel.Domain), pickS(m.reverse, rel.RangeTypes, rel.DomainTypes)
		m.objKind, m.objTypes = pick(m.reverse, rel.Domain, rel.Range), pickS(m.reverse, rel.DomainTypes, rel.RangeTypes)
		m.between = strings.HasSuffix(cw, " between") || strings.HasPrefix(m.afterWords, " between")
		c.cueSubject(m)
		c.cueObject(m)
		// "X denied that its government arms the group": what follows a
		// denial is denied.
		c.denying = c.denyAt >= 0 && pos > c.denyAt
		if c.denying && m.subj != nil && m.subj.end <= c.denyAt {
			// "X denied that her government arms the group": the
			// government's state, else nothing.
			m.subj = nil
			if strings.Contains(c.lower[c.denyAt:pos], "government") {
				for k := range c.ms {
					if c.ms[k].e == c.denier {
						if o := c.ownerOf(&c.ms[k]); o != nil && o.Type == "state" {
							m.subj = &mention{e: o}
						}
					}
				}
			}
		}
		c.emitCue(m)
		c.denying = false
	}
}

// subjectRules find and correct the subject of a cue, in order; each
// reads the cue match and may change its subject.
var subjectRules = []struct {
	name  string
	apply func(c *sentCtx, m *cueMatch)
}{
	{"the last fitting name before the cue", subjectNearest},
	{"the name an apposition describes", subjectBeforeApposition},
	{"a one-word cue with the object first takes the name right before it", subjectAdjacent},
	{"a request's addressee or a second verb: the clause's subject", subjectOfClause},
	{"the agent after \"sent ... by\"", subjectAfterBy},
	{"a name in a prepositional phrase or a relative clause: the sentence's subject", subjectNotInPhrase},
	{"\"the group\" between the name and the cue", subjectGroupAnaphor},
	{"\"after it broke away\": the main clause's subject", subjectCataphor},
	{"an opening pronoun: the sentence before's subject", subjectPronoun},
}

// cueSubject finds the subject of a cue by the subject rules.
func (c *sentCtx) cueSubject(m *cueMatch) {
	for _, r := range subjectRules {
		r.apply(c, m)
	}
}

// subjectNearest takes the last fitting name before the cue on the same
// side of a quotation mark, the whole name around a nested one ("the
// Government of the Republic of Tamrith, an ally").
func subjectNearest(c *sentCtx, m *cueMatch) {
	ms := c.ms
	for k := len(ms) - 1; k >= 0; k-- {
		if ms[k].end < len(c.s.Text) && c.s.Text[ms[k].end] == '-' && !glued(ms, k) {
			continue // a modifier: "the X-backed movement"
		}
		if ms[k].end <= m.pos && quoteSide(c.s.Text, ms[k].start) == m.side && fits(ms[k].e, m.subjKind, m.subjTypes) {
			m.subj = &ms[k]
			for j := range ms {
				if j != k && ms[j].start <= ms[k].start && ms[j].end >= ms[k].end && ms[j].end-ms[j].start > ms[k].end-ms[k].start && fits(ms[j].e, m.subjKind, m.subjTypes) {
					m.subj = &ms[j]
				}
			}
			return
		}
	}
}

// subjectBeforeApposition: "X, the deputy chairman of Y's Security
// Council, threatened Z": X acts, not a name inside the apposition.
func subjectBeforeApposition(c *sentCtx, m *cueMatch) {
	if m.subj == nil || m.reverse || strings.TrimSpace(c.s.Text[m.subj.end:m.pos]) != "," {
		return
	}
	open := strings.LastIndex(c.s.Text[:m.subj.start], ", ")
	if open <= 0 || strings.Contains(c.s.Text[open+1:m.subj.start], ",") {
		return
	}
	for k := range c.ms {
		if c.ms[k].end == open && !c.ms[k].e.Event && fits(c.ms[k].e, m.subjKind, m.subjTypes) {
			m.subj = &c.ms[k]
			m.why += "; subject before the apposition"
			return
		}
	}
}

// subjectAdjacent: "Red Front leader Juan Perez": a one-word cue with the
// object first takes the name right before it, or none.
func subjectAdjacent(c *sentCtx, m *cueMatch) {
	if m.subj == nil || !strings.HasSuffix(m.cue, "<") || strings.Contains(m.word, " ") {
		return
	}
	if g := strings.TrimSpace(c.lower[m.subj.end:m.pos]); g != "" && g != "'s" {
		m.subj = nil
	}
}

// subjectOfClause: "The Ministry calls on X to withdraw": X is asked, the
// sentence's subject acts; "A condemned B and pledged to cooperate with
// C": the second verb has the first one's subject, which after "notes
// that" is the subject of the clause after "that".
func subjectOfClause(c *sentCtx, m *cueMatch) {
	if m.subj == nil || m.reverse || c.subj == nil || c.subj == m.subj.e || !fits(c.subj, m.subjKind, m.subjTypes) {
		return
	}
	if !requestRE.MatchString(c.lower[:m.subj.start]) && !coordVerbRE.MatchString(c.lower[m.subj.end:m.pos]) {
		return
	}
	ms := c.ms
	for k := range ms {
		if ms[k].e != c.subj || ms[k].end > m.subj.start {
			continue
		}
		if i := strings.LastIndex(c.lower[ms[k].end:m.subj.start], " that "); i >= 0 {
			for j := range ms {
				if ms[j].start > ms[k].end+i && ms[j].end <= m.subj.start && fits(ms[j].e, m.subjKind, m.subjTypes) {
					m.subj = &ms[j]
					break
				}
			}
			return
		}
		m.subj = &ms[k]
		m.why += "; subject of the clause"
		return
	}
}

// subjectAfterBy: "the message of sympathy sent to X by Y": Y expressed it.
func subjectAfterBy(c *sentCtx, m *cueMatch) {
	if m.reverse {
		return
	}
	if by := agentAfterBy(c.s, c.toks, c.ms, c.tokenAfter(m.pos+len(m.word))); by != nil && fits(by.e, m.subjKind, m.subjTypes) {
		m.subj = by
		m.why += "; the agent after \"by\""
	}
}

// subjectNotInPhrase: a name in a prepositional phrase ("groups in Orla
// ... against Velta") or a relative clause is rarely the one acting: the
// sentence's subject is, when it comes before the cue.
func subjectNotInPhrase(c *sentCtx, m *cueMatch) {
	if m.subj == nil || m.reverse || !(inPrepPhrase(c.toks, m.subj) || inRelativeClause(c.s.Text, m.subj, m.pos)) ||
		c.subj == nil || c.subj == m.subj.e || !fits(c.subj, m.subjKind, m.subjTypes) {
		return
	}
	for k := range c.ms {
		if c.ms[k].e == c.subj && c.ms[k].end <= m.pos && quoteSide(c.s.Text, c.ms[k].start) == m.side {
			m.subj = &c.ms[k]
			return
		}
	}
	if c.subj == c.prev && opensWithGroupNoun(c.s.Text) {
		m.subj = &mention{e: c.prev} // "The group, which ... of X, has fought Y"
	}
}

// subjectGroupAnaphor: "Officials say the group is backed by X": "the
// group" between the name found and the cue is the subject.
func subjectGroupAnaphor(c *sentCtx, m *cueMatch) {
	if m.subj == nil || m.subj.end > m.pos || !anaphorBetween(c.lower[m.subj.end:m.pos]) {
		return
	}
	if ant := c.groupAnaphor(m.subj.e); ant != nil && fits(ant, m.subjKind, m.subjTypes) {
		m.subj = &mention{e: ant}
		m.conf -= 0.1
		m.why += "; subject an anaphor"
	}
}

// subjectCataphor: "Six years after it broke away from X, the Y has ...":
// the pronoun stands for the subject of the main clause that follows.
func subjectCataphor(c *sentCtx, m *cueMatch) {
	if m.subj != nil || c.subj == nil || !cataphorRE.MatchString(c.lower[:m.pos]) || !fits(c.subj, m.subjKind, m.subjTypes) {
		return
	}
	for k := range c.ms {
		if c.ms[k].e == c.subj && c.ms[k].start > m.pos {
			m.subj = &c.ms[k]
			m.why += "; \"it\" before its name"
			return
		}
	}
}

// subjectPronoun: a sentence opening with "It", "The group" is about the
// actor the sentence before was about.
func subjectPronoun(c *sentCtx, m *cueMatch) {
	if m.subj == nil && c.prev != nil && startsWithPronoun(c.s.Text) {
		m.subj = &mention{e: c.prev}
		m.conf -= 0.2
		m.why += "; subject from the sentence before"
	}
}

// cueObject finds the object of a cue: the first name after it, or a
// fitting one close to it past names that do not fit, or the antecedent of
// an anaphor ("to contain them"); with no subject, a person in apposition
// after the object ("the Velta ambassador to Zamora, Ana Ruiz").
func (c *sentCtx) cueObject(m *cueMatch) {
	ms := c.ms
	skipped := false
	for k := range ms {
		if ms[k].start < m.pos+len(m.word) || quoteSide(c.s.Text, ms[k].start) != m.side || ms[k].e.Event && timeReference(c.s.Text, ms[k]) {
			continue
		}
		if skipped && ms[k].start-(m.pos+len(m.word)) > 30 {
			break
		}
		if fits(ms[k].e, m.objKind, m.objTypes) {
			m.obj = &ms[k]
			break
		}
		skipped = true
	}
	if m.obj == nil && m.subj != nil && anaphorAfter(m.afterWords) {
		if o := c.x.antecedent(c.s.Text, ms, m.subj, m.pos, c.prev); o != nil && fits(o, m.objKind, m.objTypes) {
			m.obj = &mention{e: o, start: m.pos + len(m.word)}
			m.conf -= 0.2
			m.why += "; object an anaphor"
		}
	}
	// "Korvath itself, which its leader, X, has threatened": the name
	// before ", which" is the object.
	if m.obj == nil && m.subj != nil && m.subj.start < m.pos {
		before := c.s.Text[:m.subj.start]
		if i := strings.LastIndex(before, ", which "); i >= 0 {
			for k := range ms {
				e := ms[k].end
				if e <= i && (e == i || strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(c.s.Text[e:i]), "itself")) == "") && fits(ms[k].e, m.objKind, m.objTypes) && ms[k].e != m.subj.e {
					m.obj = &mention{e: ms[k].e, start: m.pos + len(m.word), end: m.pos + len(m.word)}
					m.why += "; object before \"which\""
				}
			}
		}
	}
	if m.subj == nil && m.obj != nil && !m.reverse {
		if ap := apposed(c.s.Text, ms, m.obj); ap != nil && ap.e.Type == "person" && fits(ap.e, m.rel.Domain, m.rel.DomainTypes) {
			m.subj = ap
			m.why += "; subject in apposition"
		}
	}
}

// emitCue proposes the claims of a cue whose roles are found: one per
// object listed after the first ("A opposes B, C and D"), the pairs of a
// list after "between", the pairs of "A with B and C" for a symmetric
// relation; nothing when the cue is far from both names.
func (c *sentCtx) emitCue(m *cueMatch) {
	rel := m.rel
	if rel.Symmetric && m.obj != nil && !m.between {
		if w := withList(c.s.Text, c.ms, m.obj); len(w) > 0 {
			for _, o := range w {
				c.add(m.obj.e, o.e, rel, m.conf-0.05, m.why+" (\"with\")")
			}
			return
		}
	}
	if m.subj == nil && m.between && m.obj != nil {
		m.subj = m.obj
	}
	if m.subj == nil || m.obj == nil {
		return
	}
	if m.subj.e.Event && len(m.subj.named) > 0 && rel.Domain == graph.KindEvent {
		return // an event named by places takes its relations from its name
	}
	if m.obj.start-m.pos > 60 && m.pos-m.subj.end > 60 {
		return // the cue is far from both names
	}
	conf := m.conf
	if m.obj.start-m.pos > 60 || m.pos-m.subj.end > 120 {
		conf -= 0.2
	}
	objs := c.listFrom(m.obj)
	if m.between {
		if rel.Symmetric {
			for a := range objs {
				for b := a + 1; b < len(objs); b++ {
					c.add(objs[a].e, objs[b].e, rel, conf-0.05, m.why+" (list)")
				}
			}
		}
		return // "coordination between A, B and C": pairs of the list only
	}
	for n, o := range objs {
		sj, oj := m.subj.e, o.e
		if m.reverse {
			sj, oj = oj, sj
		}
		cf := conf
		if n > 0 {
			cf -= 0.05
		}
		c.add(sj, oj, rel, cf, m.why)
	}
}

// listFrom is first and the names coordinated after it ("B, C and D").
func (c *sentCtx) listFrom(first *mention) []*mention {
	objs := []*mention{first}
	for k := range c.ms {
		if c.ms[k].start <= first.start {
			continue
		}
		last := objs[len(objs)-1]
		if last.end > c.ms[k].start || !isListGap(strings.TrimSpace(c.s.Text[last.end:c.ms[k].start])) {
			break
		}
		objs = append(objs, &c.ms[k])
	}
	return objs
}

// ruleNamedAfterOwner reads "WXY troops", "Veltan forces", "Zamoran
// government": forces and bodies named after a state or an organisation
// are part of it.
func ruleNamedAfterOwner(c *sentCtx) {
	r, err := graph.LookupRelation("part-of")
	if err != nil {
		return
	}
	for _, m := range c.ms {
		if m.e.Event || (m.e.Type != "military-force" && m.e.Type != "government-body") {
			continue
		}
		f := strings.Fields(c.s.Text[m.start:m.end])
		// "Government of the Republic of X", "Security Council of X": the
		// state the name ends with.
		if i := strings.LastIndex(c.s.Text[m.start:m.end], " of "); i > 0 {
			tail := strings.TrimPrefix(c.s.Text[m.start+i+4:m.end], "the ")
			if owner := c.x.lookup(tail); owner != nil && owner != m.e && owner.Type == "state" {
				c.add(m.e, owner, r, 0.6, "named as a body of "+owner.Name)
				continue
			}
		}
		if len(f) < 2 || strings.Contains(f[len(f)-2], "-") {
			continue
		}
		if owner := c.x.byDemonym(strings.Join(f[:len(f)-1], " ")); owner != nil && owner != m.e && (owner.Type == "state" || owner.Type == "organisation") {
			c.add(m.e, owner, r, 0.6, "named after "+owner.Name)
		} else if owner := c.x.byDemonym(f[0]); owner != nil && owner != m.e && owner.Type == "state" {
			c.add(m.e, owner, r, 0.55, "named after "+owner.Name)
		}
	}
}

// rulePlaceInName reads a place named after a larger one as lying in it:
// "Port Sel airport" in Port Sel, "north Velta" in Velta.
func rulePlaceInName(c *sentCtx) {
	r, err := graph.LookupRelation("located-in")
	if err != nil {
		return
	}
	for _, m := range c.ms {
		if m.e.Event || !isPlace(m.e.Type) || m.e.Type == "state" {
			continue
		}
		f := strings.Fields(c.s.Text[m.start:m.end])
		for a := 0; a < len(f); a++ {
			for b := len(f); b > a; b-- {
				if b-a == len(f) {
					continue
				}
				if in := c.x.lookup(strings.Join(f[a:b], " ")); in != nil && in != m.e && isPlace(in.Type) && !in.Event && larger(in.Type, m.e.Type) {
					c.add(m.e, in, r, 0.6, "named after "+in.Name)
				}
			}
		}
	}
}

// ruleEventNamePlaceIn reads "the Grand Hotel attack in Port Sel": the
// place that names the event lies where the event happened.
func ruleEventNamePlaceIn(c *sentCtx) {
	r, err := graph.LookupRelation("located-in")
	if err != nil {
		return
	}
	for _, ev := range c.ms {
		if !ev.e.Event || ev.e.Known {
			continue
		}
		where := c.x.placeAfter(c.s, c.toks, c.ms, ev.to)
		if where == nil || !strings.EqualFold(c.toks[ev.to].text, "in") {
			continue
		}
		for _, m := range c.ms {
			if !m.e.Event && m.start >= ev.start && m.end <= ev.end && isPlace(m.e.Type) && !isActorType(m.e.Type) && larger(where.e.Type, m.e.Type) {
				c.add(m.e, where.e, r, 0.55, "names an event that happened in "+where.e.Name)
			}
		}
	}
}

// ruleEventNameParts reads the places and actors that name an event: a
// place names where it occurred (and after "against", its target), an
// actor who carried it out.
func ruleEventNameParts(c *sentCtx) {
	for _, ev := range c.ms {
		if !ev.e.Event || ev.e.Known {
			continue
		}
		var parts []*Entity
		for _, m := range c.ms {
			if !m.e.Event && m.start >= ev.start && m.end <= ev.end && ev.agent == nil {
				parts = append(parts, m.e)
			}
		}
		parts = append(parts, ev.named...)
		evType, _ := graph.LookupType(ev.e.Type)
		for _, p := range parts {
			// A state names a withdrawal or a deployment as its actor
			// ("Velta withdrawal") but an attack as its place ("Orla
			// attack").
			actorFirst := !evType.Violent && isActorType(p.Type) && !slices.Contains(ev.named, p)
			if isPlace(p.Type) && !actorFirst {
				if r, err := graph.LookupRelation("occurred-in"); err == nil {
					c.add(ev.e, p, r, 0.65, "the place names the event")
				}
				if r, err := graph.LookupRelation("targeted"); err == nil && ev.target && slices.Contains(ev.named, p) {
					c.add(ev.e, p, r, 0.6, "\"against\" the place that names the event")
				}
				continue
			}
			if r, err := graph.LookupRelation(doerRelation(evType)); err == nil {
				c.add(p, ev.e, r, 0.6, "the actor names the event")
			}
		}
	}
}

// doerRelation is the relation from an actor to an event it did:
// perpetrated for a violent one, carried-out otherwise.
func doerRelation(t graph.Type) string {
	if t.Violent {
		return "perpetrated"
	}
	return "carried-out"
}

// ruleEventAgent reads an event from a verb ("X killed 11 Y"): its agent
// did it, it targeted its victims.
func ruleEventAgent(c *sentCtx) {
	for _, ev := range c.ms {
		if ev.agent != nil {
			t, _ := graph.LookupType(ev.e.Type)
			if r, err := graph.LookupRelation(doerRelation(t)); err == nil {
				c.add(ev.agent, ev.e, r, 0.6, "the actor of the verb or noun")
			}
		}
		if ev.victim != nil {
			if r, err := graph.LookupRelation("targeted"); err == nil {
				c.add(ev.e, ev.victim, r, 0.6, "the victims after the verb")
			}
		}
	}
}

// ruleAssaultInEvent reads "X assassinated Y in a drone strike": X
// perpetrated the strike, which targeted Y.
func ruleAssaultInEvent(c *sentCtx) {
	for _, cl := range c.x.res.Claims[c.first:] {
		r, err := graph.LookupRelation(cl.Relation)
		if err != nil || r.PLOVER != "ASSAULT" || r.Range&graph.KindActor == 0 || r.Domain&graph.KindEvent != 0 {
			continue
		}
		for _, ev := range c.ms {
			t, _ := graph.LookupType(ev.e.Type)
			if !ev.e.Event || !t.Violent || timeReference(c.s.Text, ev) || c.x.hasPerpetrator(ev.e) {
				continue
			}
			subj, obj := c.x.entityByID(cl.Subject), c.x.entityByID(cl.Object)
			if subj == nil || obj == nil {
				continue
			}
			if p, err := graph.LookupRelation("perpetrated"); err == nil {
				c.add(subj, ev.e, p, cl.Confidence-0.1, "\""+cl.Relation+"\" in the same sentence")
			}
			if tg, err := graph.LookupRelation("targeted"); err == nil {
				c.add(ev.e, obj, tg, cl.Confidence-0.1, "\""+cl.Relation+"\" in the same sentence")
			}
		}
	}
}

// ruleSoleGroup gives a violent event with no perpetrator named, in a
// sentence that names one group only, to that group at low confidence.
func ruleSoleGroup(c *sentCtx) {
	g := soleGroup(c.ms, c.subj)
	if g == nil || c.denyAt >= 0 {
		return
	}
	for _, ev := range c.ms {
		t, _ := graph.LookupType(ev.e.Type)
		if !ev.e.Event || ev.e.Known || !t.Violent || timeReference(c.s.Text, ev) || c.x.hasPerpetrator(ev.e) {
			continue
		}
		if r, err := graph.LookupRelation("perpetrated"); err == nil {
			c.add(g, ev.e, r, 0.4, "the only group the sentence names")
		}
	}
}

// ruleOffice reads the office a title gives a person: "Russian President
// Vladimir Putin", "Moscow Mayor Sergei Sobyanin", "X, the deputy
// chairman of Y's Security Council," and "X, Russia's ambassador to Y".
func ruleOffice(c *sentCtx) {
	for k := range c.ms {
		p := &c.ms[k]
		if p.e.Type != "person" || p.e.Event {
			continue
		}
		if t, owner := c.titleBefore(p); owner != nil {
			c.addOffice(p.e, owner.e, t, "")
		}
		if t, owner, prep := c.titleAfter(p); owner != nil {
			c.addOffice(p.e, owner.e, t, prep)
		}
	}
}

// titleBefore is the title right before a person's name and the name of
// its body or place right before the title ("Russian President X").
func (c *sentCtx) titleBefore(p *mention) (title, *mention) {
	start := p.from
	if start > 0 && honorifics[c.toks[start-1].text] {
		start-- // "Mr. Konstantin Ader"
	}
	for from := max(0, start-8); from < start; from++ {
		t, ok := titleAt(c.toks, from)
		if !ok {
			continue
		}
		owner := c.mentionEndingAt(t.from)
		if owner == nil && t.from > 0 && (strings.EqualFold(c.toks[t.from-1].text, "its") || strings.EqualFold(c.toks[t.from-1].text, "their")) {
			owner = c.subjectBefore(p) // "its deputy commander, Petar Lusk"
			if owner == nil && groupPossessiveRE.MatchString(c.lower[:p.start]) {
				// "the front's next target ..., which its leader, X,"
				if g := c.groupAnaphor(p.e); g != nil {
					owner = &mention{e: g}
				}
			}
		}
		if t.to == start {
			return t, owner
		}
		gap := strings.TrimSpace(c.s.Text[c.toks[t.to-1].end:c.toks[start].start])
		if gap == "," {
			return t, owner // "The Ministry's spokesman, Mr. X"
		}
		// "Karsovia's ambassador in Korvath, Iveta Marsh"
		if w := strings.ToLower(c.toks[t.to].text); (w == "in" || w == "to") && owner != nil {
			if o := c.mentionStartingAt(t.to + 1); o != nil && o.to <= start && strings.TrimSpace(c.s.Text[o.end:c.toks[start].start]) == "," {
				if t.rel == "represents" {
					c.addOffice(p.e, o.e, t, "to")
				}
				return t, owner
			}
		}
		// "the Ambassador of Karsovia, Ms. Iveta Marsh"
		if strings.EqualFold(c.toks[t.to].text, "of") {
			if o := c.mentionStartingAt(t.to + 1); o != nil && o.to < len(c.toks) && o.to <= start &&
				strings.TrimSpace(c.s.Text[o.end:c.toks[start].start]) == "," {
				return t, o
			}
		}
	}
	return title{}, nil
}

// honorifics come between a title and a name.
var honorifics = map[string]bool{"Mr": true, "Ms": true, "Mrs": true, "Dr": true, "Sir": true, "Dame": true}

// titleAfter is the title in apposition after a person's name (", the
// mayor of Moscow", ", Russia's ambassador to Iran"), with the name of
// its body or place and the preposition before it.
func (c *sentCtx) titleAfter(p *mention) (title, *mention, string) {
	k := p.to
	if k >= len(c.toks) || strings.TrimSpace(c.s.Text[c.toks[k-1].end:c.toks[k].start]) != "," {
		return title{}, nil, ""
	}
	var owner *mention
	if w := strings.ToLower(c.toks[k].text); w == "the" || w == "a" || w == "an" || w == "its" || w == "their" {
		k++
		for k < len(c.toks) && (strings.EqualFold(c.toks[k].text, "former") || strings.EqualFold(c.toks[k].text, "then")) {
			k++
		}
		// ", a former Veldran ambassador": the state before the title.
		if m := c.mentionStartingAt(k); m != nil && !m.e.Event && isActorType(m.e.Type) && m.to < len(c.toks) && isTitleStart(c.toks, m.to) {
			owner = m
			k = m.to
		}
	} else if m := c.mentionStartingAt(k); m != nil && hasPossessive(c.s.Text[m.start:m.end]) || m != nil && m.to < len(c.toks) && isPossessiveToken(c.toks[m.to].text) {
		owner = m // ", Russia's ambassador"
		k = m.to
		if k < len(c.toks) && isPossessiveToken(c.toks[k].text) {
			k++
		}
	}
	if k >= len(c.toks) {
		return title{}, nil, ""
	}
	t, ok := titleAt(c.toks, k)
	if !ok {
		return title{}, nil, ""
	}
	if t.to < len(c.toks) {
		prep := strings.ToLower(c.toks[t.to].text)
		switch prep {
		case "of", "at", "for", "to", "in":
			j := t.to + 1
			if j < len(c.toks) && strings.EqualFold(c.toks[j].text, "the") {
				j++
			}
			if m := c.mentionStartingAt(j); m != nil {
				if owner != nil && prep == "to" {
					return t, owner, "" // represents the owner; accredited-to is the verb cue's
				}
				return t, c.possessed(m), prep
			}
		}
	}
	if owner == nil {
		owner = c.mentionEndingAt(t.from)
	}
	return t, owner, ""
}

// possessed is the name right after "m's" ("Russia's Security Council"),
// else m.
func (c *sentCtx) possessed(m *mention) *mention {
	k := m.to
	if !hasPossessive(c.s.Text[m.start:m.end]) {
		if k >= len(c.toks) || !isPossessiveToken(c.toks[k].text) {
			return m
		}
		k++
	}
	if n := c.mentionStartingAt(k); n != nil && !n.e.Event {
		return n
	}
	return m
}

func isPossessiveToken(t string) bool { return t == "s" || t == "'s" || t == "’s" }

// mentionEndingAt is the mention whose last token is right before token k
// (past a possessive "'s").
func (c *sentCtx) mentionEndingAt(k int) *mention {
	for i := range c.ms {
		m := &c.ms[i]
		if !m.e.Event && (m.to == k || m.to == k-1 && isPossessiveToken(c.toks[k-1].text)) {
			return m
		}
	}
	return nil
}

// mentionStartingAt is the longest mention that starts at token k.
func (c *sentCtx) mentionStartingAt(k int) *mention {
	var best *mention
	for i := range c.ms {
		m := &c.ms[i]
		if m.from == k && (best == nil || m.to > best.to) {
			best = m
		}
	}
	return best
}

// addOffice proposes the relation an office gives its holder: leading a
// body or a state, governing a city or region, a seat in a body,
// representing it (or, for an ambassador "to" a state, being accredited
// to it). A former office is proposed as well (its dates are for the
// reviewer to add).
func (c *sentCtx) addOffice(holder, owner *Entity, t title, prep string) {
	if t.rel == "" || owner == holder {
		return
	}
	name := t.rel
	placeOnly := isPlace(owner.Type) && !isActorType(owner.Type)
	switch {
	case prep == "to" && name == "represents":
		name = "accredited-to"
	case placeOnly && (name == "leads" || name == "governs"):
		name = "governs"
	case placeOnly:
		return
	case name == "governs":
		name = "leads"
	}
	r, err := graph.LookupRelation(name)
	if err != nil {
		return
	}
	c.add(holder, owner, r, 0.7, "title "+strconv.Quote(t.core))
}

// passiveAt reports whether the cue at pos is a verb in the passive voice
// with its agent: a form of "to be" before it (an adverb may sit between)
// and "by" after it ("was claimed by", "were reportedly backed by").
func passiveAt(lower string, pos, n int) bool {
	after := lower[pos+n:]
	if !strings.HasPrefix(after, " by ") && !andByRE.MatchString(after) {
		return false
	}
	f := strings.Fields(lower[:pos])
	// "is armed and financed by": the first of two verbs.
	if len(f) >= 2 && f[len(f)-1] == "and" {
		f = f[:len(f)-2]
	}
	for k := len(f) - 1; k >= 0 && k >= len(f)-2; k-- {
		switch f[k] {
		case "was", "were", "is", "are", "been", "being", "be":
			return true
		}
		if !strings.HasSuffix(f[k], "ly") {
			return false
		}
	}
	return false
}

var anaphorRE = regexp.MustCompile(`\b(the group|the front|the movement|the organisation|the organization|the militants)\b`)

// anaphorBetween reports whether a stretch of a sentence names an actor by
// an anaphor ("the group") and no clause boundary follows it.
func anaphorBetween(t string) bool {
	loc := anaphorRE.FindStringIndex(t)
	return loc != nil && !strings.ContainsAny(t[loc[1]:], ",;")
}

// andByRE matches the rest of "armed and financed by".
var andByRE = regexp.MustCompile(`^ and \w+ by `)

var denialRE = regexp.MustCompile(`\bden(?:ied|ies|y|ying) (?:any |all )?(?:role|involvement|part|responsibility|links?|connection|hand) (?:in|for|with|to) `)

// ruleDenial reads "X denied any role in the attack": a denied claim that
// X perpetrated it, attributed to X. When X is a body or a side of a state
// ("Karsovia's Foreign Ministry", "the Karsovian side"), the state is
// the one denying a role.
func ruleDenial(c *sentCtx) {
	loc := denialRE.FindStringIndex(c.lower)
	if loc == nil {
		return
	}
	var denier, ev *mention
	for k := range c.ms {
		m := &c.ms[k]
		if m.end <= loc[0] && !m.e.Event && isActorType(m.e.Type) {
			denier = m
		}
		if m.start >= loc[1] && m.e.Event && ev == nil {
			ev = m
		}
	}
	if denier == nil || ev == nil {
		return
	}
	t, _ := graph.LookupType(ev.e.Type)
	subj := denier.e
	if owner := c.ownerOf(denier); owner != nil && owner.Type == "state" {
		subj = owner
	}
	r, err := graph.LookupRelation(doerRelation(t))
	if err != nil {
		return
	}
	before := len(c.x.res.Claims)
	c.add(subj, ev.e, r, 0.6, "denial \""+strings.TrimSpace(c.s.Text[loc[0]:loc[1]])+"\"")
	if len(c.x.res.Claims) > before {
		cl := c.x.res.Claims[before]
		cl.Denied, cl.Certainty, cl.By = true, graph.Attributed, denier.e.ID
	}
}

// ownerOf is the possessor named right before a mention ("Karsovia's"
// before "Foreign Ministry"), if any.
func (c *sentCtx) ownerOf(m *mention) *Entity {
	for k := range c.ms {
		o := &c.ms[k]
		if o.end <= m.start && o.e != m.e && hasPossessive(c.s.Text[o.start:o.end]) && strings.TrimSpace(c.s.Text[o.end:m.start]) == "" {
			return o.e
		}
	}
	return nil
}

// rulePossessedBody reads "Karsovia's Foreign Ministry", "the Veldran
// Army's 4th Mountain Brigade" and "its Nidaa news agency": a body, force
// or outlet is part of its possessor ("its": the sentence's subject).
func rulePossessedBody(c *sentCtx) {
	r, err := graph.LookupRelation("part-of")
	if err != nil {
		return
	}
	for k := range c.ms {
		m := &c.ms[k]
		switch m.e.Type {
		case "government-body", "military-force", "media-outlet", "organisation", "armed-group":
		default:
			continue
		}
		if owner := c.ownerOf(m); owner != nil && !isPlace(owner.Type) || owner != nil && owner.Type == "state" {
			if owner.Type == "military-force" && m.e.Type == "armed-group" && !m.e.Known {
				m.e.Type = "military-force" // "the Veldran Army's 4th Mountain Brigade"
				m.e.Why = append(m.e.Why, "type: a unit of "+owner.Name)
			}
			c.add(m.e, owner, r, 0.6, "\""+owner.Name+"'s "+m.e.Name+"\"")
			continue
		}
		if strings.HasSuffix(strings.TrimSpace(c.lower[:m.start]), " its") && c.subj != nil && c.subj != m.e {
			c.add(m.e, c.subj, r, 0.55, "\"its "+m.e.Name+"\": the sentence's subject's")
		}
	}
}

// denyVerbRE finds a denial verb.
var denyVerbRE = regexp.MustCompile(`\b(denied|denies|deny|denying|rejected claims|dismissed claims)\b`)

var (
	// "the Veldran town of Saret", "the Hallor border towns of Dreska and"
	kindBeforeRE = regexp.MustCompile(`(?i)\b(?:the )?([a-z\-]+ )?(?:border |northern |southern |eastern |western |central )?(?:town|city|village|capital|port|province|region|district)s? of $`)
	// "Korvath, the Veldran capital" / "the Veldran capital, Korvath"
	capitalOfRE         = regexp.MustCompile(`(?i)^,? the ([a-z\-]+) capital\b`)
	capitalBeforeNameRE = regexp.MustCompile(`(?i)\bthe ([a-z\-]+) capital, $`)
)

// rulePlaceKind reads the places a text describes by their kind: "the
// Veldran town of Saret" lies in Veldra, "the Hallor border towns of Dreska
// and Molin" in Hallor, "the Veldran capital, Korvath" and "Ashvenna, the
// Tamrithi capital" in their state, "the village of Tesk, in Hallor
// province" in Hallor.
func rulePlaceKind(c *sentCtx) {
	r, err := graph.LookupRelation("located-in")
	if err != nil {
		return
	}
	add := func(p *mention, word string, why string) {
		var in *Entity
		if stem, ok := c.x.text.stateOfDemonym(word); ok {
			in = c.x.lookup(stem)
		} else {
			in = c.x.lookup(word)
		}
		if in != nil && isPlace(in.Type) && in != p.e && larger(in.Type, p.e.Type) {
			c.add(p.e, in, r, 0.65, why)
		}
	}
	for k := range c.ms {
		p := &c.ms[k]
		if p.e.Event || !isPlace(p.e.Type) || p.e.Type == "state" {
			continue
		}
		before := c.s.Text[:p.start]
		// "... of Dreska and Molin": the second town takes the first's kind.
		if k > 0 && strings.HasSuffix(before, " and ") {
			before = c.s.Text[:c.ms[k-1].start]
		}
		if m := kindBeforeRE.FindStringSubmatch(before); m != nil && m[1] != "" {
			w := strings.TrimSpace(m[1])
			add(p, wordIn(before[len(before)-len(m[0]):], w), "\""+strings.TrimSpace(m[0])+" "+p.e.Name+"\"")
		}
		if m := capitalOfRE.FindStringSubmatch(c.s.Text[p.end:]); m != nil {
			add(p, wordIn(c.s.Text[p.end:], m[1]), "\""+p.e.Name+", the "+m[1]+" capital\"")
		}
		if m := capitalBeforeNameRE.FindStringSubmatch(before); m != nil {
			add(p, wordIn(before, m[1]), "\"the "+m[1]+" capital, "+p.e.Name+"\"")
		}
		// "the province of Hallor, where Saret lies"
		if next := c.nextMention(p); next != nil && isPlace(next.e.Type) && next.e.Type != "state" && strings.TrimSpace(c.s.Text[p.end:next.start]) == ", where" &&
			whereLiesRE.MatchString(c.s.Text[next.end:]) && larger(p.e.Type, next.e.Type) {
			c.add(next.e, p.e, r, 0.6, "\""+p.e.Name+", where "+next.e.Name+" lies\"")
		}
		// "in Saret, Hallor": a town and the larger place it lies in, set
		// off by a comma (not a list of places of the same kind).
		if next := c.nextMention(p); next != nil && strings.TrimSpace(c.s.Text[p.end:next.start]) == "," && isPlace(next.e.Type) && !next.e.Event &&
			larger(next.e.Type, p.e.Type) && placeRank[next.e.Type] > placeRank[p.e.Type] && !listFollows(c.s.Text[next.end:]) {
			c.add(p.e, next.e, r, 0.55, "\""+p.e.Name+", "+next.e.Name+"\"")
		}
		// ", in Hallor province": the next name, when it is a larger place.
		if next := c.nextMention(p); next != nil && strings.TrimSpace(c.s.Text[p.end:next.start]) == ", in" && isPlace(next.e.Type) && larger(next.e.Type, p.e.Type) {
			c.add(p.e, next.e, r, 0.55, "\""+p.e.Name+", in "+next.e.Name+"\"")
		}
	}
}

// wordIn is w as written in text (the regular expressions match in any
// case).
func wordIn(text, w string) string {
	if i := strings.Index(lowerASCII(text), lowerASCII(w)); i >= 0 {
		return text[i : i+len(w)]
	}
	return w
}

// nextMention is the mention that starts first after m ends.
func (c *sentCtx) nextMention(m *mention) *mention {
	var best *mention
	for k := range c.ms {
		o := &c.ms[k]
		if o.start >= m.end && (best == nil || o.start < best.start) {
			best = o
		}
	}
	return best
}

var (
	// a request's addressee comes right before: "calls on the X side"
	requestRE = regexp.MustCompile(`\b(calls? on|called on|urged?|urges|asked|asks|demanded that)( the)?\s*$`)
	// a second verb of the same subject: "and has pledged to", "and declared"
	coordVerbRE = regexp.MustCompile(`^\s*,?\s*and(?: (?:has |have |had |then |also |later )?\w+(?:ed|s)\b.*)?\s*$`)
)

// kindGapRE is what a gap says of the kind of the next place: "in the
// (Veldran) town of" reads as "in".
var kindGapRE = regexp.MustCompile(`\s*\bthe(?:\s+\S+)?(?:\s+(?:town|city|village|capital|port|province|region|district)s?\s+of)?$`)

// withoutDescriptors is the sentence's mentions less the demonyms that
// only describe the next place ("Veldran" in "the Veldran town of Saret").
func (c *sentCtx) withoutDescriptors() []mention {
	var out []mention
	for _, m := range c.ms {
		if m.to < len(c.toks) && placeKindWords[strings.ToLower(c.toks[m.to].text)] && m.to+1 < len(c.toks) && strings.EqualFold(c.toks[m.to+1].text, "of") {
			continue
		}
		out = append(out, m)
	}
	return out
}

// subjectBefore is what "its" stands for before a person: the
// sentence's subject when it is a group or body named before.
func (c *sentCtx) subjectBefore(p *mention) *mention {
	if c.subj == nil {
		return nil
	}
	switch c.subj.Type {
	case "armed-group", "organisation", "government-body", "military-force", "state":
	default:
		return nil
	}
	for k := range c.ms {
		if m := &c.ms[k]; m.e == c.subj && m.end <= p.start {
			return m
		}
	}
	return nil
}

// cataphorRE is an opening adverbial clause with a pronoun: "Six years
// after it", "Since they".
var cataphorRE = regexp.MustCompile(`^[^,]*\b(after|since|before|when|until|as) (it|they)\b[^,]*$`)

// groupAnaphor is what "the group" or "the front" stands for: the armed
// group named last, else the actor the sentence before was about.
func (c *sentCtx) groupAnaphor(not *Entity) *Entity {
	if c.prev != nil && c.prev.Type == "armed-group" && c.prev != not {
		return c.prev
	}
	for k := len(c.x.groups) - 1; k >= 0; k-- {
		if g := c.x.groups[k]; g != not {
			return g
		}
	}
	return nil
}

// insideName reports whether a cue at pos lies inside a name ("the
// Government of the Republic of X" holds the cue "government of").
func (c *sentCtx) insideName(pos int) bool {
	for _, m := range c.ms {
		if !m.e.Event && m.start <= pos && pos < m.end {
			return true
		}
	}
	return false
}

// tokenAfter is the index of the first token at or after byte pos.
func (c *sentCtx) tokenAfter(pos int) int {
	for k, t := range c.toks {
		if t.start >= pos {
			return k
		}
	}
	return len(c.toks)
}

// ruleByline reads a byline: its author is a member of its publisher.
func ruleByline(c *sentCtx) {
	m := bylineRE.FindStringSubmatch(c.s.Text)
	if m == nil {
		return
	}
	author, outlet := c.x.lookup(m[1]), c.x.lookup(m[2])
	if r, err := graph.LookupRelation("member-of"); err == nil && author != nil && outlet != nil {
		c.add(author, outlet, r, 0.7, "the byline")
	}
}

var whereLiesRE = regexp.MustCompile(`^ (?:lies|is located|is situated|stands)\b`)

// RuleNames lists the relation rules by name, in the order they run: the
// cue rules (by the shape of a cue) and the sentence rules.
func RuleNames() (cue, sentence []string) {
	for _, r := range cueRules {
		cue = append(cue, r.name)
	}
	for _, r := range sentenceRules {
		sentence = append(sentence, r.name)
	}
	return cue, sentence
}

var groupPossessiveRE = regexp.MustCompile(`\bthe (group|front|movement|organisation|organization)(?:'s|’s)`)

// listFollows reports whether a list goes on after a name (", and", " and").
func listFollows(rest string) bool {
	r := strings.TrimSpace(rest)
	return strings.HasPrefix(r, "and ") || strings.HasPrefix(r, ", and") || strings.HasPrefix(r, "or ")
}
