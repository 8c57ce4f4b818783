package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newPathCmd(a *app) *cobra.Command {
	var (
		q    queries.PathQuery
		asOf string
		out  format
	)
	cmd := &cobra.Command{
		Use:               "path FROM TO",
		ValidArgsFunction: a.completeActors(2),
		Short:             "Show how two actors are connected, hop by hop, with the sentences behind each hop",
		Long: `Find the shortest chain of relations from FROM to TO and print each hop in
the direction it reads, with the quotes and sources that assert it.

Only relations (the rel: vocabulary, see ` + "`actorgraph vocab`" + `) are links. Sharing a
type ("both are states"), a source document or a claim is no connection, so
type, source and claim nodes are never hops of a path.

By default each relation may be walked either way ("Taliban ← is opposed by ←
IS-K"); --directed walks relations only from subject to object (symmetric
relations such as rival-of still both ways). --all prints every shortest path;
--upto N prints every path without repeated nodes of at most N hops.

In a graph loaded from N-Quads of another vocabulary, --predicate IRI follows
those predicates instead (FROM and TO are then node IRIs).

When no path exists within --max-depth hops the command says so and exits
with code 6.`,
		Example: `  actorgraph path ISKP "United States"
  actorgraph path Taliban Russia --rel opposes,expressed-sympathy-to --all
  actorgraph path ISKP Iran --upto 3 --format json
  actorgraph path ISKP Syria --as-of 2015 --exclude-rel operates-in
  actorgraph path /en/larry_fine /en/kevin_bacon --predicate /film/performance/actor,/film/film/starring`,
		Args: exactArgs(2, "FROM and TO"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if q.AsOf, err = queries.ParseAsOf(asOf); err != nil {
				return err
			}
			if err := q.Validate(); err != nil {
				return err
			}
			q.From, q.To = args[0], args[1]
			return a.withView(cmd.Context(), func(st *graph.Store) error {
				ans, err := queries.FindPaths(cmd.Context(), st, q)
				if err != nil {
					return err
				}
				if out == formatJSON {
					return writeJSON(a.stdout, ans)
				}
				printPaths(a, ans)
				return nil
			})
		},
	}
	cmd.Flags().StringSliceVar(&q.Relations, "rel", nil, "follow only these relations (repeat or comma-separate; see `actorgraph vocab`)")
	addMinSourcesFlag(cmd, a)
	cmd.Flags().StringSliceVar(&q.Exclude, "exclude-rel", nil, "never follow these relations")
	cmd.Flags().StringSliceVar(&q.Predicates, "predicate", nil, "follow these predicates (IRIs) instead of relations, in a graph of another vocabulary")
	cmd.Flags().BoolVar(&q.Directed, "directed", false, "follow relations only from subject to object")
	cmd.Flags().IntVar(&q.MaxDepth, "max-depth", queries.DefaultPathDepth, fmt.Sprintf("hops at most, 1..%d", queries.MaxPathDepth))
	cmd.Flags().BoolVar(&q.All, "all", false, "print every shortest path, not just one")
	cmd.Flags().IntVar(&q.UpTo, "upto", 0, fmt.Sprintf("print every path of at most N hops without repeated nodes (at most %d paths)", queries.MaxPaths))
	cmd.Flags().StringVar(&asOf, "as-of", "", "only relations known to hold, and events dated, on DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
	_ = cmd.RegisterFlagCompletionFunc("rel", cobra.FixedCompletions(graph.RelationNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("exclude-rel", cobra.FixedCompletions(graph.RelationNames(), cobra.ShellCompDirectiveNoFileComp))
	addFormatFlag(cmd, &out)
	return cmd
}

func printPaths(a *app, ans queries.PathAnswer) {
	for i, p := range ans.Paths {
		if i > 0 {
			fmt.Fprintln(a.stdout)
		}
		if len(ans.Paths) > 1 {
			fmt.Fprintf(a.stdout, "Path %d of %d, %d hop(s)\n", i+1, len(ans.Paths), p.Length)
		} else {
			fmt.Fprintf(a.stdout, "%s to %s: %d hop(s)\n", ans.From.Name, ans.To.Name, p.Length)
		}
		for j, s := range p.Steps {
			for _, h := range s.Hops {
				fmt.Fprintf(a.stdout, "%2d. %s %s %s%s\n", j+1, h.From().Name, arrow(h), h.To().Name, corroboration(h))
				claimLines(a.stdout, "      ", h.Claims)
			}
		}
	}
	if ans.Truncated {
		fmt.Fprintf(a.stdout, "\n(only the first %d paths are shown)\n", queries.MaxPaths)
	}
}
