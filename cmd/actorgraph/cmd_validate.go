package main

import (
	"errors"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/seed"
	"github.com/spf13/cobra"
)

func newValidateCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check files as load would, without writing",
		Long: `Check N-Quads and curated files exactly as load does (syntax, vocabulary,
relation types, quotes, references to actors in the files or in the store)
and report every error with file:line. Nothing is written. If the store does
not exist yet, references are checked against the files alone.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &usageError{msg: "want at least one FILE (or - for standard input)"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			check := func(st *graph.Store) error {
				batches, err := seed.Compile(cmd.Context(), st, inputs(args), a.readOptions())
				if err != nil {
					return err
				}
				for _, b := range batches {
					fmt.Fprintf(a.stdout, "%s: ok, %d quads\n", b.File, len(b.Quads))
				}
				return nil
			}
			err := a.withStore(cmd.Context(), true, check)
			if errors.Is(err, graph.ErrNoStore) {
				return check(nil)
			}
			return err
		},
	}
}
