package main

import (
	"fmt"
	"sort"

	"github.com/actorgraph/actorgraph/extract"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/seed"
)

// score counts true positives, false positives and false negatives.
type score struct{ tp, fp, fn int }

func (s score) p() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) r() float64 { return ratio(s.tp, s.tp+s.fn) }

func (s *score) addScore(o score) { s.tp += o.tp; s.fp += o.fp; s.fn += o.fn }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// runResult is the score of one extraction against its gold file.
type runResult struct {
	name                            string
	actors, relations, dates, figs  score
	typed                           int // gold actors found with the right type
	validates                       string
	missActors, missRels, falseRels []string
	missDates, missFigs, wrongTypes []string
}

func (r *runResult) addResult(o runResult) {
	r.actors.addScore(o.actors)
	r.relations.addScore(o.relations)
	r.dates.addScore(o.dates)
	r.figs.addScore(o.figs)
	r.typed += o.typed
}

// gold is what a hand-curated file states: its actors (defined or named by
// its claims), events, claims and the facts of its events.
type gold struct {
	keys      map[string]string // NameKey → entity ID (actors and events)
	actors    map[string]graph.Entity
	events    map[string]graph.Entity
	evByQuote map[string][]string
	triples   map[string]bool
}

// newGold reads a parsed curated file. Entities its claims name without
// defining them are looked up in known (the store extraction runs against).
func newGold(doc *seed.Document, known []graph.Entity) *gold {
	g := &gold{keys: map[string]string{}, actors: map[string]graph.Entity{}, events: map[string]graph.Entity{},
		evByQuote: map[string][]string{}, triples: map[string]bool{}}
	add := func(e graph.Entity, quotes []string) {
		if e.IsEvent() {
			g.events[e.ID] = e
			for _, q := range quotes {
				g.evByQuote[q] = append(g.evByQuote[q], e.ID)
			}
		} else {
			g.actors[e.ID] = e
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			g.keys[graph.NameKey(n)] = e.ID
		}
	}
	for _, d := range doc.Entities {
		add(graph.Entity{ID: d.ID, Type: d.Type, Name: d.Name, Aliases: d.Aliases, Date: d.Date, Killed: d.Killed,
			Injured: d.Injured, Casualties: d.Casualties}, d.Quotes)
	}
	byID := map[string]graph.Entity{}
	for _, k := range known {
		byID[k.ID] = k
	}
	for _, c := range doc.Claims {
		for _, id := range []string{c.Subject, c.Object} {
			_, a := g.actors[id]
			_, e := g.events[id]
			if k, ok := byID[id]; ok && !a && !e {
				add(k, nil)
			}
		}
		g.triples[denial(triple(c.Subject, c.Relation, c.Object), c.Denied)] = true
	}
	return g
}

func triple(s, r, o string) string {
	if rel, err := graph.LookupRelation(r); err == nil && rel.Symmetric && o < s {
		s, o = o, s
	}
	return s + " " + r + " " + o
}

// denial marks the triple of a denied claim: a denial and an assertion of
// the same relation are different claims.
func denial(t string, denied bool) string {
	if denied {
		return t + " (denied)"
	}
	return t
}

// mapEntities maps each extracted entity to the gold entity it stands for:
// the same ID, else a name or alias in common.
func (g *gold) mapEntities(res *extract.Result) map[string]string {
	mapped := map[string]string{}
	for _, e := range res.Entities {
		if e.Event {
			if _, ok := g.events[e.ID]; ok {
				mapped[e.ID] = e.ID
				continue
			}
			if id, ok := g.keys[graph.NameKey(e.Name)]; ok {
				if _, isEv := g.events[id]; isEv {
					mapped[e.ID] = id
					continue
				}
			}
			for _, id := range g.evByQuote[e.Quote] {
				if g.events[id].Type == e.Type || len(g.evByQuote[e.Quote]) == 1 {
					mapped[e.ID] = id
					break
				}
			}
			continue
		}
		if _, ok := g.actors[e.ID]; ok && e.Known && e.Mentions > 0 {
			mapped[e.ID] = e.ID
			continue
		}
		names := append([]string{e.Name}, e.Aliases...)
		if e.Known {
			names = append(names, knownNames(res, e.ID)...)
		}
		for _, n := range names {
			if gid, ok := g.keys[graph.NameKey(n)]; ok {
				if _, isActor := g.actors[gid]; isActor {
					mapped[e.ID] = gid
					break
				}
			}
		}
	}
	return mapped
}

func knownNames(res *extract.Result, id string) []string {
	for _, k := range res.Options.Known {
		if k.ID == id {
			return append([]string{k.Name}, k.Aliases...)
		}
	}
	return nil
}

// score compares an extraction with the gold file.
func (g *gold) score(res *extract.Result) runResult {
	var rr runResult
	mapped := g.mapEntities(res)
	found := map[string]bool{}
	for _, e := range res.Entities {
		if e.Event || e.Known && e.Mentions == 0 {
			continue
		}
		id := mapped[e.ID]
		if id == "" {
			rr.actors.fp++
			continue
		}
		if found[id] {
			continue
		}
		found[id] = true
		typ := e.Type
		if typ == g.actors[id].Type {
			rr.typed++
		} else {
			rr.wrongTypes = append(rr.wrongTypes, fmt.Sprintf("%s: %s, want %s", id, typ, g.actors[id].Type))
		}
	}
	rr.actors.tp = len(found)
	rr.actors.fn = len(g.actors) - len(found)
	for id, a := range g.actors {
		if !found[id] {
			rr.missActors = append(rr.missActors, fmt.Sprintf("%s (%s %q)", id, a.Type, a.Name))
		}
	}
	g.scoreRelations(res, mapped, &rr)
	g.scoreFacts(res, mapped, &rr)
	for _, l := range [][]string{rr.missActors, rr.missRels, rr.falseRels, rr.missDates, rr.missFigs, rr.wrongTypes} {
		sort.Strings(l)
	}
	return rr
}

func (g *gold) scoreRelations(res *extract.Result, mapped map[string]string, rr *runResult) {
	got := map[string]bool{}
	for _, c := range res.Claims {
		s, o := mapped[c.Subject], mapped[c.Object]
		if s == "" {
			s = "?" + c.Subject
		}
		if o == "" {
			o = "?" + c.Object
		}
		got[denial(triple(s, c.Relation, o), c.Denied)] = true
	}
	for t := range got {
		if g.triples[t] {
			rr.relations.tp++
		} else {
			rr.relations.fp++
			rr.falseRels = append(rr.falseRels, t)
		}
	}
	for t := range g.triples {
		if !got[t] {
			rr.relations.fn++
			rr.missRels = append(rr.missRels, t)
		}
	}
}

// scoreFacts scores the dates and casualty figures of the events matched.
func (g *gold) scoreFacts(res *extract.Result, mapped map[string]string, rr *runResult) {
	byGold := map[string]*extract.Entity{}
	for _, e := range res.Entities {
		if id := mapped[e.ID]; e.Event && id != "" {
			if prev := byGold[id]; prev == nil || (prev.Date == nil && e.Date != nil) {
				byGold[id] = e
			}
		}
	}
	for _, e := range res.Entities {
		if e.Event && !e.Known && e.Date != nil && (mapped[e.ID] == "" || g.events[mapped[e.ID]].Date == nil) {
			rr.dates.fp++
		}
	}
	for id, ge := range g.events {
		e := byGold[id]
		if ge.Date != nil {
			switch {
			case e != nil && e.Date != nil && e.Date.Value == ge.Date.Value:
				rr.dates.tp++
			case e != nil && e.Date != nil:
				rr.dates.fp++
				rr.dates.fn++
				rr.missDates = append(rr.missDates, fmt.Sprintf("%s: want %s, got %s", id, ge.Date, e.Date))
			default:
				rr.dates.fn++
				rr.missDates = append(rr.missDates, fmt.Sprintf("%s: want %s, not found", id, ge.Date))
			}
		}
		want := figs(ge.Killed, ge.Injured, ge.Casualties)
		var have []string
		if e != nil {
			have = figs(e.Killed, e.Injured, e.Casualties)
		}
		for _, w := range want {
			if contains(have, w) {
				rr.figs.tp++
			} else {
				rr.figs.fn++
				rr.missFigs = append(rr.missFigs, id+": "+w)
			}
		}
		for _, h := range have {
			if !contains(want, h) {
				rr.figs.fp++
			}
		}
	}
	for _, e := range res.Entities {
		if e.Event && mapped[e.ID] == "" {
			rr.figs.fp += len(figs(e.Killed, e.Injured, e.Casualties))
		}
	}
}

func figs(k, i *graph.Figure, cas string) []string {
	var out []string
	if k != nil {
		out = append(out, "killed "+k.String())
	}
	if i != nil {
		out = append(out, "injured "+i.String())
	}
	if cas != "" {
		out = append(out, "casualties "+cas)
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
