package queries

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Param is a parameter of a saved query.
type Param struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// SavedQuery is a named question analysts ask again and again.
type SavedQuery struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Params      []Param `json:"params"`
	run         func(ctx context.Context, st *graph.Store, args []string) (Answer, error)
}

// Answer is the result of a saved query: a table whose rows are objects
// keyed by column name.
type Answer struct {
	Query   string              `json:"query"`
	Args    []string            `json:"args"`
	Columns []string            `json:"columns"`
	Rows    []map[string]string `json:"rows"`
}

func (a *Answer) add(vals ...string) {
	row := make(map[string]string, len(vals))
	for i, v := range vals {
		row[a.Columns[i]] = v
	}
	a.Rows = append(a.Rows, row)
}

// Saved lists the saved queries, sorted by name.
func Saved() []SavedQuery {
	qs := []SavedQuery{
		{Name: "claims-of-responsibility", Description: "who claimed responsibility for which event, with the quote",
			run: claimsOfResponsibility},
		{Name: "opponents", Description: "the actors that oppose or fight ACTOR, with the quote",
			Params: []Param{{"ACTOR", "an actor's ID, name or alias"}}, run: opponents},
		{Name: "attacks-by", Description: "the violent events ACTOR and its affiliates perpetrated or claimed, oldest first",
			Params: []Param{{"ACTOR", "an actor's ID, name or alias"}}, run: attacksBy},
		{Name: "network", Description: "every node within N hops of ACTOR, with how it is reached",
			Params: []Param{{"ACTOR", "an actor's ID, name or alias"}, {"N", fmt.Sprintf("hops, 1..%d", MaxDepth)}}, run: network},
		{Name: "sources-for", Description: "the sources, quotes and certainty behind SUBJECT RELATION OBJECT",
			Params: []Param{{"SUBJECT", "an actor"}, {"RELATION", "a relation name (see `actorgraph vocab`)"}, {"OBJECT", "an actor or event"}}, run: sourcesFor},
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i].Name < qs[j].Name })
	return qs
}

// Usage shows a saved query's name and parameters: "network ACTOR N".
func (q SavedQuery) Usage() string {
	parts := []string{q.Name}
	for _, p := range q.Params {
		parts = append(parts, p.Name)
	}
	return strings.Join(parts, " ")
}

// RunSaved runs the saved query name with its arguments.
func RunSaved(ctx context.Context, st *graph.Store, name string, args []string) (Answer, error) {
	var names []string
	for _, q := range Saved() {
		names = append(names, q.Name)
		if q.Name != name {
			continue
		}
		if len(args) != len(q.Params) {
			return Answer{}, fmt.Errorf("%w: %s takes %d argument(s) (%s), got %d", ErrBadArgs, q.Name, len(q.Params), q.Usage(), len(args))
		}
		a, err := q.run(ctx, st, args)
		if err != nil {
			return a, err
		}
		a.Query, a.Args = q.Name, append([]string{}, args...)
		if a.Rows == nil {
			a.Rows = []map[string]string{}
		}
		return a, nil
	}
	return Answer{}, fmt.Errorf("%w %q (saved queries: %s)", ErrUnknownQuery, name, strings.Join(names, ", "))
}

func firstQuote(cs []graph.Claim) (quote, source string) {
	if len(cs) == 0 {
		return "", ""
	}
	return cs[0].Quote, cs[0].Source
}

func claimsOfResponsibility(ctx context.Context, st *graph.Store, _ []string) (Answer, error) {
	a := Answer{Columns: []string{"actor", "event", "date", "quote", "source"}}
	ids, err := st.Entities(ctx)
	if err != nil {
		return a, err
	}
	ns := newNodes(ctx, st)
	for _, e := range ids {
		edges, err := st.Edges(ctx, e.ID, graph.Out, "claimed-responsibility-for")
		if err != nil {
			return a, err
		}
		for _, ed := range edges {
			ev, err := st.Entity(ctx, ed.Object)
			if err != nil {
				return a, err
			}
			actor, err := ns.get(ed.Subject)
			if err != nil {
				return a, err
			}
			date := ""
			if ev.Date != nil {
				date = ev.Date.Describe(func(id string) string {
					a, _ := st.Entity(ctx, id)
					return a.Name
				})
			}
			q, src := firstQuote(ed.Claims)
			a.add(actor.Name, ev.DisplayName(), date, q, src)
		}
	}
	return a, nil
}

func opponents(ctx context.Context, st *graph.Store, args []string) (Answer, error) {
	a := Answer{Columns: []string{"opponent", "how", "quote", "source"}}
	e, err := st.Resolve(ctx, args[0])
	if err != nil {
		return a, err
	}
	ns := newNodes(ctx, st)
	edges, err := st.Edges(ctx, e.ID, graph.Both, "opposes", "fights")
	if err != nil {
		return a, err
	}
	var hops []Hop
	for _, ed := range edges {
		if ed.Object != e.ID && ed.Relation == "opposes" {
			continue // whom the actor opposes, not who opposes it
		}
		h, err := ns.hop(ed, e.ID)
		if err != nil {
			return a, err
		}
		hops = append(hops, h)
	}
	sort.SliceStable(hops, func(i, j int) bool { return hops[i].To().Name < hops[j].To().Name })
	for _, h := range hops {
		q, src := firstQuote(h.Claims)
		rel, _ := graph.LookupRelation(h.Relation)
		a.add(h.To().Name, rel.Label, q, src)
	}
	return a, nil
}

func attacksBy(ctx context.Context, st *graph.Store, args []string) (Answer, error) {
	a := Answer{Columns: []string{"date", "event", "by", "role", "quote"}}
	tl, err := BuildTimeline(ctx, st, TimelineQuery{Name: args[0], Affiliates: true})
	if err != nil {
		return a, err
	}
	for _, ev := range tl.Events {
		if ev.Role != "perpetrator" && ev.Role != "claimant" {
			continue
		}
		q, _ := firstQuote(ev.Hop.Claims)
		a.add(ev.When, ev.Event.Name, ev.Actor.Name, ev.Role, q)
	}
	return a, nil
}

func network(ctx context.Context, st *graph.Store, args []string) (Answer, error) {
	a := Answer{Columns: []string{"depth", "node", "type", "how"}}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 1 || n > MaxDepth {
		return a, fmt.Errorf("%w: N must be a number of hops 1..%d, got %q", ErrBadArgs, MaxDepth, args[1])
	}
	net, err := Neighbors(ctx, st, NeighborsQuery{Name: args[0], Depth: n})
	if err != nil {
		return a, err
	}
	for _, nb := range net.Neighbors {
		hows := make([]string, len(nb.Via))
		for i, h := range nb.Via {
			hows[i] = h.From().Name + " " + readArrow(h) + " " + h.To().Name
		}
		a.add(strconv.Itoa(nb.Depth), nb.Node.Name, nb.Node.Type, strings.Join(hows, "; "))
	}
	return a, nil
}

// readArrow shows a hop's relation in the direction followed.
func readArrow(h Hop) string {
	if h.Direction == "in" {
		return "← " + h.Reads + " ←"
	}
	return "→ " + h.Reads + " →"
}

func sourcesFor(ctx context.Context, st *graph.Store, args []string) (Answer, error) {
	a := Answer{Columns: []string{"source", "certainty", "asserted_by", "quote"}}
	w, err := Why(ctx, st, args[0], args[1], args[2])
	if err != nil {
		return a, err
	}
	for _, h := range w.Hops {
		for _, c := range h.Claims {
			a.add(c.Source, string(c.Certainty), c.AssertedBy, c.Quote)
		}
	}
	return a, nil
}
