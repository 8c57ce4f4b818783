package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/spf13/cobra"
)

func newViewsCmd(a *app) *cobra.Command {
	var out format
	cmd := &cobra.Command{
		Use:   "views",
		Short: "List the views saved from the web page (actorgraph serve --allow-writes)",
		Long: `List the named views saved with the web page's "save view" button: each is
the page's address, so opening http://HOST:PORT/?QUERY draws the same
picture again (actors, depth, filters, expanded nodes, selection).`,
		Example: `  actorgraph views
  actorgraph views --format json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd.Context(), true, func(st *graph.Store) error {
				vs, err := st.Views(cmd.Context())
				if err != nil {
					return err
				}
				if out == formatJSON {
					if vs == nil {
						vs = []graph.View{}
					}
					return writeJSON(a.stdout, vs)
				}
				if len(vs) == 0 {
					fmt.Fprintln(a.stderr, "no saved views (save one from the page of actorgraph serve --allow-writes)")
					return nil
				}
				t := newTable(a.stdout, "NAME", "SAVED", "ADDRESS")
				for _, v := range vs {
					t.row(v.Name, v.Saved, "/?"+v.Query)
				}
				return t.flush()
			})
		},
	}
	addFormatFlag(cmd, &out)
	return cmd
}
