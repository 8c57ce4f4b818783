package queries

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// TimelineQuery asks for the dated events an actor took part in.
type TimelineQuery struct {
	Name       string
	From, To   string // dates (YYYY, YYYY-MM or YYYY-MM-DD); empty for open
	Affiliates bool   // also the events of actors that are affiliates or parts of it
}

// TimelineEvent is one event with the actor's part in it.
type TimelineEvent struct {
	Date graph.Date `json:"date"`
	// When is the date with its precision, bounds and anchor: "2024 (year)",
	// "between 2014 and 2015", "2 days after Crocus City Hall attack (2024)".
	When string `json:"when"`
	// Earliest and Latest are the first and last day the event may have
	// happened on, from its date and the events it came after; empty when open.
	Earliest string `json:"earliest,omitempty"`
	Latest   string `json:"latest,omitempty"`
	// Order is how many events it is known to have come after (through
	// `after` anchors): it orders events that share their earliest day.
	Order int    `json:"order,omitempty"`
	Event Node   `json:"event"`
	Role  string `json:"role"`  // perpetrator, claimant, actor, target or place
	Actor Node   `json:"actor"` // who took part: the actor or one of its affiliates
	Hop   Hop    `json:"hop"`   // the relation, seen from the event's participant, with its claims
	// Dates are the event's date as each source gives it, with the quotes,
	// when more than one source dates it.
	Dates []graph.Fact `json:"dates,omitempty"`
}

// Timeline is the answer to a timeline query.
type Timeline struct {
	Actor      Node            `json:"actor"`
	Affiliates []Node          `json:"affiliates"` // with --affiliates: the actors whose events are included
	Events     []TimelineEvent `json:"events"`     // oldest first
	Undated    int             `json:"undated"`    // events left out for want of a date
}

// timelineRoles are the relations that make an actor part of an event, and
// the role they give it.
var timelineRoles = []struct {
	rel  string
	dir  graph.Direction // the actor's side: Out when it is the subject
	role string
}{
	{"perpetrated", graph.Out, "perpetrator"},
	{"facilitated", graph.Out, "facilitator"},
	{"directed", graph.Out, "director"},
	{"inspired", graph.Out, "inspirer"},
	{"claimed-responsibility-for", graph.Out, "claimant"},
	{"carried-out", graph.Out, "actor"},
	{"targeted", graph.In, "target"},
	{"occurred-in", graph.In, "place"},
}

// affiliateDepth bounds the chain of affiliates followed (a branch of a branch).
const affiliateDepth = 3

// BuildTimeline lists the dated events an actor (and, if asked, its
// affiliates) took part in, oldest first.
func BuildTimeline(ctx context.Context, st *graph.Store, q TimelineQuery) (Timeline, error) {
	from, to, err := q.dates()
	if err != nil {
		return Timeline{}, err
	}
	root, err := st.Resolve(ctx, q.Name)
	if err != nil {
		return Timeline{}, err
	}
	ns := newNodes(ctx, st)
	tl := Timeline{Affiliates: []Node{}, Events: []TimelineEvent{}}
	if tl.Actor, err = ns.get(root.ID); err != nil {
		return tl, err
	}
	actors := []string{root.ID}
	if q.Affiliates {
		affs, err := affiliates(ctx, st, root.ID)
		if err != nil {
			return tl, err
		}
		for _, id := range affs {
			n, err := ns.get(id)
			if err != nil {
				return tl, err
			}
			tl.Affiliates = append(tl.Affiliates, n)
		}
		actors = append(actors, affs...)
	}
	rels := make([]string, len(timelineRoles))
	for i, r := range timelineRoles {
		rels[i] = r.rel
	}
	b := &timelineBuilder{ctx: ctx, st: st, ns: ns, when: newResolver(ctx, st), from: from, to: to,
		seen: map[string]bool{}, undated: map[string]bool{}, tl: &tl}
	for _, id := range actors {
		edges, err := st.Edges(ctx, id, graph.Both, rels...)
		if err != nil {
			return tl, err
		}
		for _, e := range edges {
			if err := b.add(e, id); err != nil {
				return tl, err
			}
		}
	}
	tl.Undated = len(b.undated)
	sortTimeline(tl.Events, b.spans)
	return tl, nil
}

// timelineBuilder collects the events of a timeline, one per event, actor
// and role.
type timelineBuilder struct {
	ctx           context.Context
	st            *graph.Store
	ns            *nodes
	when          *resolver
	from, to      graph.Date
	seen, undated map[string]bool
	tl            *Timeline
	spans         []graph.Span // of tl.Events, index for index
}

// add adds the event that edge e makes actor id take part in, if it has a
// role, a date, and falls within --from and --to.
func (b *timelineBuilder) add(e graph.Edge, id string) error {
	role, ev := roleIn(e, id)
	if role == "" || b.seen[ev+" "+id+" "+role] {
		return nil
	}
	b.seen[ev+" "+id+" "+role] = true
	event, err := b.st.Entity(b.ctx, ev)
	if err != nil {
		return err
	}
	if event.Date == nil {
		b.undated[ev] = true
		return nil
	}
	rd, err := b.when.resolve(ev)
	if err != nil {
		return err
	}
	if !b.from.IsZero() && !rd.span.End.IsZero() && !rd.span.End.After(b.from.Start()) {
		return nil
	}
	if !b.to.IsZero() && !rd.span.Start.IsZero() && !rd.span.Start.Before(b.to.End()) {
		return nil
	}
	te := TimelineEvent{Date: *event.Date, When: rd.when, Order: rd.order, Role: role}
	if ds := event.FactsOf(graph.FactDate); len(graph.ClaimSourcesOf(ds)) > 1 {
		te.Dates = ds
	}
	if te.Hop, err = b.ns.hop(e, id); err != nil {
		return err
	}
	if te.Event, err = b.ns.get(ev); err != nil {
		return err
	}
	if te.Actor, err = b.ns.get(id); err != nil {
		return err
	}
	if !rd.span.Start.IsZero() {
		te.Earliest = rd.span.Start.Format("2006-01-02")
	}
	if !rd.span.End.IsZero() {
		te.Latest = rd.span.End.AddDate(0, 0, -1).Format("2006-01-02")
	}
	b.tl.Events = append(b.tl.Events, te)
	b.spans = append(b.spans, rd.span)
	return nil
}

// roleIn is the role edge e gives actor id in an event, and that event;
// "" when the edge makes it take part in none.
func roleIn(e graph.Edge, id string) (role, event string) {
	for _, r := range timelineRoles {
		if r.rel != e.Relation {
			continue
		}
		if r.dir == graph.Out && e.Subject == id {
			return r.role, e.Object
		}
		if r.dir == graph.In && e.Object == id {
			return r.role, e.Subject
		}
	}
	return "", ""
}

// sortTimeline orders events by their earliest day (an open start first),
// then by how many events each is known to come after, then the vaguer
// first, then by name. An event that comes after another never starts
// earlier and has a higher order, so it always sorts after it.
func sortTimeline(evs []TimelineEvent, spans []graph.Span) {
	idx := make([]int, len(evs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool {
		i, j := idx[x], idx[y]
		a, b := evs[i], evs[j]
		sa, sb := spans[i], spans[j]
		if !sa.Start.Equal(sb.Start) {
			return sa.Start.Before(sb.Start)
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		if !sa.End.Equal(sb.End) { // the vaguer date first
			if sa.End.IsZero() != sb.End.IsZero() {
				return sa.End.IsZero()
			}
			return sa.End.After(sb.End)
		}
		if a.Event.Name != b.Event.Name {
			return a.Event.Name < b.Event.Name
		}
		if a.Actor.Name != b.Actor.Name {
			return a.Actor.Name < b.Actor.Name
		}
		return a.Role < b.Role
	})
	sorted := make([]TimelineEvent, len(evs))
	for x, i := range idx {
		sorted[x] = evs[i]
	}
	copy(evs, sorted)
}

// resolved is an event's date as far as it is known, with its anchors.
type resolved struct {
	span  graph.Span
	order int    // the length of its chain of `after` anchors
	when  string // the date described with the anchor's name
}

// resolver works out event dates through their `after` anchors, once each.
type resolver struct {
	ctx  context.Context
	st   *graph.Store
	done map[string]*resolved
}

func newResolver(ctx context.Context, st *graph.Store) *resolver {
	return &resolver{ctx: ctx, st: st, done: map[string]*resolved{}}
}

// resolve gives the span of event id from its date and, through After, the
// span of the event it came after. A chain that comes back on itself stops
// there (the loader refuses one, a merged store may still hold one).
func (r *resolver) resolve(id string) (resolved, error) {
	if rd, ok := r.done[id]; ok {
		if rd == nil {
			return resolved{}, nil // a cycle: stop here
		}
		return *rd, nil
	}
	r.done[id] = nil
	e, err := r.st.Entity(r.ctx, id)
	if err != nil {
		return resolved{}, err
	}
	var rd resolved
	if e.Date == nil {
		return rd, nil
	}
	d := *e.Date
	name := func(string) string { return "" }
	if d.After != "" {
		anchor, err := r.resolve(d.After)
		if err != nil {
			return resolved{}, err
		}
		rd.span = d.Span(&anchor.span)
		rd.order = anchor.order + 1
		if a, err := r.st.Entity(r.ctx, d.After); err == nil {
			name = func(string) string { return a.DisplayName() }
		}
	} else {
		rd.span = d.Span(nil)
	}
	rd.when = d.Describe(name)
	if d.Value == "" && d.NotBefore == "" && d.NotAfter == "" {
		if s := spanString(rd.span); s != "" {
			rd.when += " (" + s + ")"
		}
	}
	widenToSources(&rd, e)
	r.done[id] = &rd
	return rd, nil
}

// spanString names a span by the smallest period that holds it: "2024",
// "2024-03", "2024-03-24", or "2024-01-03..2024-03-29"; "" when open.
func spanString(s graph.Span) string {
	if s.Start.IsZero() || s.End.IsZero() {
		return ""
	}
	last := s.End.AddDate(0, 0, -1)
	switch {
	case last.Equal(s.Start):
		return s.Start.Format("2006-01-02")
	case last.Year() == s.Start.Year() && last.Month() == s.Start.Month():
		return s.Start.Format("2006-01")
	case last.Year() == s.Start.Year():
		return s.Start.Format("2006")
	}
	return s.Start.Format("2006-01-02") + ".." + last.Format("2006-01-02")
}

// affiliates lists the actors that are affiliates or parts of id (its
// branches, and theirs, up to affiliateDepth), sorted.
func affiliates(ctx context.Context, st *graph.Store, id string) ([]string, error) {
	seen := map[string]bool{id: true}
	var out []string
	frontier := []string{id}
	for d := 0; d < affiliateDepth && len(frontier) > 0; d++ {
		var next []string
		for _, n := range frontier {
			edges, err := st.Edges(ctx, n, graph.In, "affiliate-of", "part-of")
			if err != nil {
				return nil, err
			}
			for _, e := range edges {
				if !seen[e.Subject] {
					seen[e.Subject] = true
					out = append(out, e.Subject)
					next = append(next, e.Subject)
				}
			}
		}
		frontier = next
	}
	sort.Strings(out)
	return out, nil
}

// widenToSources makes an event that sources date differently span every
// date they give (those not anchored to another event), and says so: the
// timeline shows the uncertainty instead of picking one source.
func widenToSources(rd *resolved, e graph.Entity) {
	ds := e.FactsOf(graph.FactDate)
	sum, n := graph.Spread(ds)
	if n < 2 || !strings.Contains(sum, " / ") {
		return
	}
	for _, f := range ds {
		if f.Date.After != "" {
			continue
		}
		sp := f.Date.Span(nil)
		if !sp.Start.IsZero() && (rd.span.Start.IsZero() || sp.Start.Before(rd.span.Start)) {
			rd.span.Start = sp.Start
		}
		if !sp.End.IsZero() && sp.End.After(rd.span.End) {
			rd.span.End = sp.End
		}
	}
	rd.when = fmt.Sprintf("%s (%d sources)", sum, n)
}
