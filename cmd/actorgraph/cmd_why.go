package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newWhyCmd(a *app) *cobra.Command {
	var out format
	cmd := &cobra.Command{
		Use:   "why SUBJECT RELATION OBJECT | why ACTOR ACTOR",
		Short: "Show every claim behind a relation, or every relation between two actors",
		Long: `With three arguments, print every claim that SUBJECT RELATION OBJECT: its
quote, source, certainty, who asserted it and when it holds. With two, print
every relation between the two actors, in both directions, with its claims.`,
		Example: `  actorgraph why ISKP opposes Taliban
  actorgraph why ISKP Taliban
  actorgraph why "Islamic State" claimed-responsibility-for "Moscow attack" --format json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 && len(args) != 3 {
				return &usageError{msg: fmt.Sprintf("want SUBJECT RELATION OBJECT or two actors, got %d argument(s)", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			subj, rel, obj := args[0], "", args[len(args)-1]
			if len(args) == 3 {
				rel = args[1]
			}
			return a.withView(cmd.Context(), func(st *graph.Store) error {
				ans, err := queries.Why(cmd.Context(), st, subj, rel, obj)
				if err != nil {
					return err
				}
				if out == formatJSON {
					return writeJSON(a.stdout, ans)
				}
				if len(ans.Hops) == 0 {
					what := "relation"
					if rel != "" {
						what = ans.Relation
					}
					fmt.Fprintf(a.stdout, "No claim links %s and %s by %s.\n", ans.Subject.Name, ans.Object.Name, what)
					return nil
				}
				for i, h := range ans.Hops {
					if i > 0 {
						fmt.Fprintln(a.stdout)
					}
					fmt.Fprintf(a.stdout, "%s %s %s (%d claim(s), %d source(s))\n", h.From().Name, arrow(h), h.To().Name, len(h.Claims), len(h.Sources()))
					claimLines(a.stdout, "  ", h.Claims)
				}
				return nil
			})
		},
	}
	addFormatFlag(cmd, &out)
	return cmd
}
