package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/spf13/cobra"
)

func newReindexCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the store's counters and adjacency index from its quads",
		Long: `Rebuild, in one transaction, what actorgraph keeps beside Cayley's data:
the counters stats reads and the adjacency index neighbors and path read.
Stores made before these existed start keeping them from here on.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd.Context(), false, func(st *graph.Store) error {
				n, err := st.Reindex(cmd.Context(), a.progress("reindex"))
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stderr, "reindexed %d quads in %s\n", n, st.Location())
				return nil
			})
		},
	}
}
