package main

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newActorsCmd(a *app) *cobra.Command {
	var (
		q   queries.ActorsQuery
		out format
	)
	cmd := &cobra.Command{
		Use:   "actors",
		Short: "List actors, places and events",
		Example: `  actorgraph actors --type armed-group
  actorgraph actors --match khorasan --format json`,
		Args: exactArgs(0, "no arguments (use --match TEXT)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withView(cmd.Context(), func(st *graph.Store) error {
				list, err := queries.Actors(cmd.Context(), st, q)
				if err != nil {
					return err
				}
				if out == formatJSON {
					if list == nil {
						list = []graph.Entity{}
					}
					return writeJSON(a.stdout, list)
				}
				t := newTable(a.stdout, "ID", "TYPE", "NAME", "ALIASES")
				for _, e := range list {
					t.row(e.ID, e.Type, e.DisplayName(), clip(strings.Join(e.Aliases, ", "), 70))
				}
				return t.flush()
			})
		},
	}
	cmd.Flags().StringSliceVar(&q.Types, "type", nil, "only these entity types (repeat or comma-separate; see `actorgraph vocab`)")
	cmd.Flags().StringVar(&q.Match, "match", "", "only entities whose name, alias or ID contains TEXT (any case)")
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions(graph.TypeNames(), cobra.ShellCompDirectiveNoFileComp))
	addFormatFlag(cmd, &out)
	return cmd
}
