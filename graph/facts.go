package graph

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
)

// Fact kinds: what an event fact states.
const (
	FactDate       = "date"
	FactKilled     = "killed"
	FactInjured    = "injured"
	FactCasualties = "casualties"
)

// Fact is one source's statement of an event's date, a casualty figure or a
// casualty breakdown, with the sentences that give it. Two sources giving
// two figures are two facts: nothing is overwritten.
type Fact struct {
	Kind   string   `json:"kind"`             // date, killed, injured or casualties
	Date   *Date    `json:"date,omitempty"`   // for date
	Figure *Figure  `json:"figure,omitempty"` // for killed and injured
	Text   string   `json:"text,omitempty"`   // for casualties
	Source string   `json:"source"`           // source ID; "" for facts loaded without one
	Claim  string   `json:"claim,omitempty"`  // the fact claim's ID
	Quotes []string `json:"quotes,omitempty"` // the source's sentences that give it
}

// Value is the fact's value as text: "2024-03-22", "at least 143".
func (f Fact) Value() string {
	switch {
	case f.Date != nil:
		return f.Date.String()
	case f.Figure != nil:
		return f.Figure.String()
	}
	return f.Text
}

// factQuads collects the fact quads of one entity, grouped by label.
type factQuads struct {
	byLabel map[string]*factGroup
	order   []string
}

type factGroup struct {
	label             quad.Value
	quotes            []string
	dateProps         []DateProp
	killed, injured   *Figure
	killedQ, injuredQ string
	casualties        string
}

func (fq *factQuads) add(q quad.Quad) bool {
	p, _ := q.Predicate.(quad.IRI)
	switch p {
	case PropKilled, PropKilledQ, PropInjured, PropInjuredQ, PropCasualties:
	case PropQuote:
		if l, ok := q.Label.(quad.IRI); !ok || !strings.HasPrefix(string(l), ClaimPrefix) {
			return false // a quote labelled with its source (stores before fact claims)
		}
	default:
		if !IsDateProp(p) {
			return false
		}
	}
	if fq.byLabel == nil {
		fq.byLabel = map[string]*factGroup{}
	}
	key := ""
	if q.Label != nil {
		key = q.Label.String()
	}
	g := fq.byLabel[key]
	if g == nil {
		g = &factGroup{label: q.Label}
		fq.byLabel[key] = g
		fq.order = append(fq.order, key)
	}
	val := Text(q.Object)
	if IsDateProp(p) {
		g.dateProps = append(g.dateProps, DateProp{p, q.Object})
		return true
	}
	switch p {
	case PropKilled:
		n, _ := strconv.Atoi(val)
		g.killed = &Figure{N: n}
	case PropInjured:
		n, _ := strconv.Atoi(val)
		g.injured = &Figure{N: n}
	case PropKilledQ:
		g.killedQ = val
	case PropInjuredQ:
		g.injuredQ = val
	case PropCasualties:
		g.casualties = val
	case PropQuote:
		g.quotes = append(g.quotes, val)
	}
	return true
}

// facts turns the groups into facts, and the quotes of fact claims that
// give no date or figure into evidence; sourceOf reads a fact claim's source.
func (fq *factQuads) facts(sourceOf func(label quad.Value) (string, error)) ([]Fact, []Evidence, error) {
	var out []Fact
	var quoteOnly []Evidence
	for _, key := range fq.order {
		g := fq.byLabel[key]
		var src, id string
		sort.Strings(g.quotes)
		quotes := g.quotes
		if g.label != nil {
			var err error
			if src, err = sourceOf(g.label); err != nil {
				return nil, nil, err
			}
			id = IDOfClaim(g.label)
		}
		date, hasDate := DateFromProps(g.dateProps)
		if !hasDate && g.killed == nil && g.injured == nil && g.casualties == "" {
			for _, q := range quotes {
				quoteOnly = append(quoteOnly, Evidence{Source: src, Quote: q})
			}
			continue
		}
		mk := func(kind string) Fact { return Fact{Kind: kind, Source: src, Claim: id, Quotes: quotes} }
		if hasDate {
			f := mk(FactDate)
			if date.Quote != "" && !slices.Contains(quotes, date.Quote) {
				f.Quotes = append(append([]string{}, quotes...), date.Quote)
			}
			f.Date = &date
			out = append(out, f)
		}
		if g.killed != nil {
			f := mk(FactKilled)
			f.Figure = &Figure{N: g.killed.N, Qualifier: g.killedQ}
			out = append(out, f)
		}
		if g.injured != nil {
			f := mk(FactInjured)
			f.Figure = &Figure{N: g.injured.N, Qualifier: g.injuredQ}
			out = append(out, f)
		}
		if g.casualties != "" {
			f := mk(FactCasualties)
			f.Text = g.casualties
			out = append(out, f)
		}
	}
	sortFacts(out)
	return out, quoteOnly, nil
}

var factOrder = map[string]int{FactDate: 0, FactKilled: 1, FactInjured: 2, FactCasualties: 3}

func sortFacts(fs []Fact) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Kind != b.Kind {
			return factOrder[a.Kind] < factOrder[b.Kind]
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Claim < b.Claim
	})
}

// ClaimSourcesOf lists the distinct sources of facts, sorted.
func ClaimSourcesOf(fs []Fact) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Source)
	}
	return uniqueSorted(out)
}

// FactsOf returns the facts of one kind.
func (e Entity) FactsOf(kind string) []Fact {
	var out []Fact
	for _, f := range e.Facts {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// Spread summarises the facts of one kind across sources: "137–143" for
// figures that differ, the one value when all agree, and the number of
// distinct sources.
func Spread(fs []Fact) (summary string, sources int) {
	srcs := map[string]bool{}
	vals := map[string]bool{}
	lo, hi := -1, -1
	var first string
	for _, f := range fs {
		srcs[f.Source] = true
		v := f.Value()
		if first == "" {
			first = v
		}
		vals[v] = true
		if f.Figure != nil {
			if lo < 0 || f.Figure.N < lo {
				lo = f.Figure.N
			}
			if f.Figure.N > hi {
				hi = f.Figure.N
			}
		}
	}
	switch {
	case len(vals) <= 1:
		summary = first
	case lo >= 0 && lo != hi:
		summary = strconv.Itoa(lo) + "–" + strconv.Itoa(hi)
	default:
		vs := make([]string, 0, len(vals))
		for v := range vals {
			vs = append(vs, v)
		}
		sort.Strings(vs)
		summary = strings.Join(vs, " / ")
	}
	return summary, len(srcs)
}

// setDisplay fills the entity's single-valued Date, Killed, Injured and
// Casualties from its facts: the value most sources give, the first source's
// (by ID) on a tie. The facts themselves stay in Facts.
func (e *Entity) setDisplay() {
	pick := func(kind string) *Fact {
		fs := e.FactsOf(kind)
		if len(fs) == 0 {
			return nil
		}
		count := map[string]int{}
		for _, f := range fs {
			count[f.Value()]++
		}
		best := &fs[0]
		for i := range fs {
			if count[fs[i].Value()] > count[best.Value()] {
				best = &fs[i]
			}
		}
		return best
	}
	if f := pick(FactDate); f != nil {
		d := *f.Date
		e.Date = &d
	}
	if f := pick(FactKilled); f != nil {
		v := *f.Figure
		e.Killed = &v
	}
	if f := pick(FactInjured); f != nil {
		v := *f.Figure
		e.Injured = &v
	}
	if f := pick(FactCasualties); f != nil {
		e.Casualties = f.Text
	}
	e.Evidence = e.Evidence[:0]
	seen := map[Evidence]bool{}
	for _, f := range e.Facts {
		for _, q := range f.Quotes {
			ev := Evidence{Source: f.Source, Quote: q}
			if !seen[ev] {
				seen[ev] = true
				e.Evidence = append(e.Evidence, ev)
			}
		}
	}
	if len(e.Evidence) == 0 {
		e.Evidence = nil
	}
	sort.Slice(e.Evidence, func(i, j int) bool { return e.Evidence[i].Quote < e.Evidence[j].Quote })
}
