package main

import (
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newSourcesCmd(a *app) *cobra.Command {
	var out format
	cmd := &cobra.Command{
		Use:   "sources",
		Short: "List the source documents: title, publisher, date, claims, facts and entities each defines",
		Example: `  actorgraph sources
  actorgraph sources --format json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withView(cmd.Context(), func(st *graph.Store) error {
				list, err := queries.Sources(cmd.Context(), st)
				if err != nil {
					return err
				}
				if out == formatJSON {
					return writeJSON(a.stdout, list)
				}
				t := newTable(a.stdout, "ID", "TITLE", "PUBLISHER", "PUBLISHED", "CLAIMS", "FACTS", "ENTITIES")
				for _, s := range list {
					t.row(s.ID, clip(s.Title, 48), clip(s.Publisher, 24), s.Published,
						strconv.Itoa(s.Claims), strconv.Itoa(s.Facts), strconv.Itoa(len(s.Entities)))
				}
				return t.flush()
			})
		},
	}
	addFormatFlag(cmd, &out)
	return cmd
}
