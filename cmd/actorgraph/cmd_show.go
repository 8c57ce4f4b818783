package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newShowCmd(a *app) *cobra.Command {
	var out format
	cmd := &cobra.Command{
		Use:               "show ACTOR",
		ValidArgsFunction: a.completeActors(1),
		Short:             "Show an actor or event: type, aliases, every relation with its quotes",
		Example: `  actorgraph show ISKP
  actorgraph show "Islamic State Khorasan Province" --format json`,
		Args: exactArgs(1, "one ACTOR (quote names with spaces)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withView(cmd.Context(), func(st *graph.Store) error {
				p, err := queries.Show(cmd.Context(), st, args[0])
				if err != nil {
					return err
				}
				if out == formatJSON {
					return writeJSON(a.stdout, p)
				}
				entityHeader(a.stdout, p.Entity)
				fmt.Fprintf(a.stdout, "\nRelations (%d):\n", len(p.Relations))
				for _, h := range p.Relations {
					fmt.Fprintf(a.stdout, "  %s %s%s\n", arrow(h), h.To().Name, corroboration(h))
					claimLines(a.stdout, "      ", h.Claims)
				}
				if len(p.Denials) > 0 {
					fmt.Fprintf(a.stdout, "\nDenied (%d):\n", len(p.Denials))
					for _, h := range p.Denials {
						fmt.Fprintf(a.stdout, "  %s %s (denied)\n", arrow(h), h.To().Name)
						claimLines(a.stdout, "      ", h.Claims)
					}
				}
				return nil
			})
		},
	}
	addFormatFlag(cmd, &out)
	return cmd
}
