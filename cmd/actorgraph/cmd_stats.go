package main

import (
	"fmt"
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newStatsCmd(a *app) *cobra.Command {
	var out format
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count quads, entities by type, claims by relation and sources",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd.Context(), true, func(st *graph.Store) error {
				s, err := queries.Stats(cmd.Context(), st)
				if err != nil {
					return err
				}
				if out == formatJSON {
					return writeJSON(a.stdout, s)
				}
				fmt.Fprintf(a.stdout, "store:     %s\nquads:     %d\nentities:  %d\nclaims:    %d\nsources:   %d\n\n", s.Store, s.Quads, s.Entities, s.Claims, s.Sources)
				t := newTable(a.stdout, "TYPE", "ENTITIES")
				for _, c := range s.Types {
					t.row(c.Name, strconv.FormatInt(c.Count, 10))
				}
				t.row("", "")
				t.row("RELATION", "CLAIMS")
				for _, c := range s.Relations {
					t.row(c.Name, strconv.FormatInt(c.Count, 10))
				}
				return t.flush()
			})
		},
	}
	addFormatFlag(cmd, &out)
	return cmd
}
