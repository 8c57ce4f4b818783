package main

import (
	"errors"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/spf13/cobra"
)

// errIndexDiffers: check found a difference (exit 1).
var errIndexDiffers = errors.New("the store's counters or adjacency index differ from its data (run `actorgraph reindex`)")

func newCheckCmd(a *app) *cobra.Command {
	var out format
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify the store's counters and adjacency index against its quads",
		Long: `Scan every quad of the store and recompute what actorgraph keeps beside
Cayley's data (the counters stats reads; the adjacency index neighbors and
path read), then compare. Exits 1 on any difference; reindex rebuilds them.
On PostgreSQL it recounts the quads by predicate and by type against the
counters kept in tables beside Cayley's. In-memory and CockroachDB stores
keep nothing of ours: there is nothing to check.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd.Context(), true, func(st *graph.Store) error {
				rep, err := st.CheckIndex(cmd.Context(), a.progress("check"))
				if err != nil {
					return err
				}
				if out == formatJSON {
					if rep.Differences == nil {
						rep.Differences = []string{}
					}
					err = writeJSON(a.stdout, rep)
				} else {
					fmt.Fprintf(a.stdout, "quads:      %d\ncounters:   %d\nadjacency:  %d entries\n", rep.Quads, rep.Counters, rep.Adjacency)
					for _, d := range rep.Differences {
						fmt.Fprintln(a.stdout, "DIFFERS:", d)
					}
				}
				if err == nil && len(rep.Differences) > 0 {
					err = errIndexDiffers
				}
				return err
			})
		},
	}
	addFormatFlag(cmd, &out)
	return cmd
}
