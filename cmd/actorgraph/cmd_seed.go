package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/seed"
	"github.com/spf13/cobra"
)

func newSeedCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "seed",
		Short: "Load the built-in curated graph (idempotent)",
		Long: `Load the curated graph built into the binary: the actors, events and claims
of the seed articles (see seed/data). Running it again changes nothing.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd.Context(), false, func(st *graph.Store) error {
				res, err := seed.Load(cmd.Context(), st, seed.Builtin(), seed.Options{})
				if err != nil {
					return err
				}
				return a.reportLoad(st, res, cmd)
			})
		},
	}
}

// reportLoad prints what a load did, to stderr: stdout stays for data.
func (a *app) reportLoad(st *graph.Store, res []seed.Result, cmd *cobra.Command) error {
	for _, r := range res {
		fmt.Fprintf(a.stderr, "%s: %d quads, %d new\n", r.File, r.Quads, r.Added)
		if l := r.Lenient; l != nil && (l.Relaxed > 0 || l.Skipped > 0) {
			fmt.Fprintf(a.stderr, "%s: lenient: %d lines skipped, %d lines loaded as Cayley reads them although not N-Quads; first:\n", r.File, l.Skipped, l.Relaxed)
			for _, e := range l.Examples {
				fmt.Fprintf(a.stderr, "  %s\n", e)
			}
		}
	}
	n, err := st.Size(cmd.Context())
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "store %s now holds %d quads\n", st.Location(), n)
	return nil
}
