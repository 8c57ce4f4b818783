package main

import (
	"fmt"
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newNeighborsCmd(a *app) *cobra.Command {
	var (
		q      queries.NeighborsQuery
		dir    string
		asOf   string
		out    format
		quotes bool
	)
	cmd := &cobra.Command{
		Use:               "neighbors ACTOR",
		ValidArgsFunction: a.completeActors(1),
		Short:             "List the actors and events linked to an actor, with the sentences that link them",
		Long: `List the actors and events linked to ACTOR, breadth-first up to --depth hops,
each with the relation that links it and the claims behind it.

Only relations count as links: shared types and shared sources do not.`,
		Example: `  actorgraph neighbors IS-K
  actorgraph neighbors Taliban --rel opposes --direction in
  actorgraph neighbors "Islamic State" --depth 2 --format json`,
		Args: exactArgs(1, "one ACTOR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if q.Direction, err = graph.ParseDirection(dir); err != nil {
				return &usageError{msg: "--direction: " + err.Error()}
			}
			if q.AsOf, err = queries.ParseAsOf(asOf); err != nil {
				return err
			}
			if err := q.Validate(); err != nil {
				return err
			}
			q.Name = args[0]
			return a.withView(cmd.Context(), func(st *graph.Store) error {
				net, err := queries.Neighbors(cmd.Context(), st, q)
				if err != nil {
					return err
				}
				if out == formatJSON {
					return writeJSON(a.stdout, net)
				}
				return printNetwork(a, net, quotes)
			})
		},
	}
	cmd.Flags().StringSliceVar(&q.Relations, "rel", nil, "follow only these relations (repeat or comma-separate; see `actorgraph vocab`)")
	cmd.Flags().StringVar(&dir, "direction", "both", "follow relations out (ACTOR is the subject), in (ACTOR is the object) or both")
	addMinSourcesFlag(cmd, a)
	cmd.Flags().IntVar(&q.Depth, "depth", 1, fmt.Sprintf("hops to follow, 1..%d", queries.MaxDepth))
	cmd.Flags().StringVar(&asOf, "as-of", "", "only relations known to hold, and events dated, on DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
	cmd.Flags().BoolVar(&quotes, "quotes", false, "print every quote under the table row instead of the first one, clipped")
	_ = cmd.RegisterFlagCompletionFunc("rel", cobra.FixedCompletions(graph.RelationNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("direction", cobra.FixedCompletions([]string{"out", "in", "both"}, cobra.ShellCompDirectiveNoFileComp))
	addFormatFlag(cmd, &out)
	return cmd
}

func printNetwork(a *app, net queries.Network, quotes bool) error {
	if len(net.Neighbors) == 0 {
		fmt.Fprintf(a.stdout, "%s has no neighbors with these filters.\n", net.Root.Name)
		return nil
	}
	if quotes {
		for _, n := range net.Neighbors {
			for _, h := range n.Via {
				fmt.Fprintf(a.stdout, "%d  %s %s %s\n", n.Depth, h.From().Name, arrow(h), h.To().Name)
				claimLines(a.stdout, "     ", h.Claims)
			}
		}
		return nil
	}
	t := newTable(a.stdout, "DEPTH", "NEIGHBOR", "TYPE", "RELATION", "VIA", "CLAIMS", "SOURCES", "QUOTE")
	for _, n := range net.Neighbors {
		for i, h := range n.Via {
			depth, name, typ := strconv.Itoa(n.Depth), n.Node.Name, n.Node.Type
			if i > 0 {
				depth, name, typ = "", "", ""
			}
			quote := ""
			if len(h.Claims) > 0 {
				quote = "“" + clip(h.Claims[0].Quote, 60) + "”"
			}
			via := ""
			if h.From().ID != net.Root.ID {
				via = h.From().Name
			}
			t.row(depth, name, typ, arrow(h), via, strconv.Itoa(len(h.Claims)), strconv.Itoa(len(h.Sources())), quote)
		}
	}
	return t.flush()
}
