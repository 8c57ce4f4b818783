package queries

import (
	"context"
	"sort"

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
	Date  graph.Date `json:"date"`
	When  string     `json:"when"` // the date with its precision: "2024 (year)"
	Event Node       `json:"event"`
	Role  string     `json:"role"`  // perpetrator, claimant, actor, target or place
	Actor Node       `json:"actor"` // who took part: the actor or one of its affiliates
	Hop   Hop        `json:"hop"`   // the relation, seen from the event's participant, with its claims
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
	seen := map[string]bool{}
	undated := map[string]bool{}
	for _, id := range actors {
		edges, err := st.Edges(ctx, id, graph.Both, rels...)
		if err != nil {
			return tl, err
		}
		for _, e := range edges {
			role, ev := "", ""
			for _, r := range timelineRoles {
				if r.rel != e.Relation {
					continue
				}
				if r.dir == graph.Out && e.Subject == id {
					role, ev = r.role, e.Object
				}
				if r.dir == graph.In && e.Object == id {
					role, ev = r.role, e.Subject
				}
			}
			if role == "" || seen[ev+" "+id+" "+role] {
				continue
			}
			seen[ev+" "+id+" "+role] = true
			event, err := st.Entity(ctx, ev)
			if err != nil {
				return tl, err
			}
			if event.Date == nil {
				undated[ev] = true
				continue
			}
			if !from.IsZero() && !event.Date.End().After(from.Start()) {
				continue
			}
			if !to.IsZero() && !event.Date.Start().Before(to.End()) {
				continue
			}
			h, err := ns.hop(e, id)
			if err != nil {
				return tl, err
			}
			evNode, err := ns.get(ev)
			if err != nil {
				return tl, err
			}
			actor, err := ns.get(id)
			if err != nil {
				return tl, err
			}
			tl.Events = append(tl.Events, TimelineEvent{Date: *event.Date, When: event.Date.String(), Event: evNode, Role: role, Actor: actor, Hop: h})
		}
	}
	tl.Undated = len(undated)
	sort.SliceStable(tl.Events, func(i, j int) bool {
		a, b := tl.Events[i], tl.Events[j]
		if !a.Date.Start().Equal(b.Date.Start()) {
			return a.Date.Start().Before(b.Date.Start())
		}
		if !a.Date.End().Equal(b.Date.End()) {
			return a.Date.End().After(b.Date.End()) // the vaguer date first
		}
		if a.Event.Name != b.Event.Name {
			return a.Event.Name < b.Event.Name
		}
		if a.Actor.Name != b.Actor.Name {
			return a.Actor.Name < b.Actor.Name
		}
		return a.Role < b.Role
	})
	return tl, nil
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
