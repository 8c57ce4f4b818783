package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newUnmergeCmd(a *app) *cobra.Command {
	var out format
	cmd := &cobra.Command{
		Use:   "unmerge ID ID",
		Short: "Undo the merge of two actor IDs exactly",
		Long: `Remove the same-as decision that merge recorded between two entity IDs (give
the IDs, as show lists them under id and same as): the two answer as two
actors again and the store is as it was before the merge.`,
		Example: `  actorgraph unmerge red-lantern rlb-militia`,
		Args:    exactArgs(2, "two entity IDs"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd.Context(), false, func(st *graph.Store) error {
				d, err := queries.Unmerge(cmd.Context(), st, args[0], args[1])
				if err != nil {
					return err
				}
				if out == formatJSON {
					return writeJSON(a.stdout, d)
				}
				fmt.Fprintf(a.stdout, "unmerged %s and %s (merged by %s at %s: %s)\n", d.IDs[0], d.IDs[1], nameOr(d.By, "(unknown)"), d.At, d.Why)
				return nil
			})
		},
	}
	addFormatFlag(cmd, &out)
	return cmd
}
