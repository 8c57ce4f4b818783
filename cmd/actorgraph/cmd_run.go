package main

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newRunCmd(a *app) *cobra.Command {
	var (
		list bool
		out  format
	)
	var names []string
	for _, q := range queries.Saved() {
		names = append(names, "  "+q.Usage())
	}
	cmd := &cobra.Command{
		Use:   "run NAME [ARGS...] | run --list",
		Short: "Run a saved query",
		Long: `Run one of the saved queries: the questions analysts ask again and again.
--list shows them with their parameters:

` + strings.Join(names, "\n"),
		Example: `  actorgraph run --list
  actorgraph run opponents Taliban
  actorgraph run network ISKP 2 --format json
  actorgraph run sources-for ISKP opposes Taliban`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if list {
				if len(args) > 0 {
					return &usageError{msg: "--list takes no arguments"}
				}
				return printSaved(a, out)
			}
			if len(args) == 0 {
				return &usageError{msg: "want a saved query NAME (see `actorgraph run --list`)"}
			}
			return a.withView(cmd.Context(), func(st *graph.Store) error {
				ans, err := queries.RunSaved(cmd.Context(), st, args[0], args[1:])
				if err != nil {
					return err
				}
				if out == formatJSON {
					return writeJSON(a.stdout, ans)
				}
				if len(ans.Rows) == 0 {
					fmt.Fprintln(a.stdout, "No results.")
					return nil
				}
				header := make([]string, len(ans.Columns))
				for i, c := range ans.Columns {
					header[i] = strings.ToUpper(c)
				}
				t := newTable(a.stdout, header...)
				for _, r := range ans.Rows {
					cols := make([]string, len(ans.Columns))
					for i, c := range ans.Columns {
						cols[i] = r[c]
						if c == "quote" && cols[i] != "" {
							cols[i] = "“" + clip(cols[i], 60) + "”"
						}
					}
					t.row(cols...)
				}
				return t.flush()
			})
		},
	}
	cmd.Flags().BoolVar(&list, "list", false, "list the saved queries and their parameters")
	addFormatFlag(cmd, &out)
	return cmd
}

func printSaved(a *app, out format) error {
	saved := queries.Saved()
	if out == formatJSON {
		return writeJSON(a.stdout, saved)
	}
	t := newTable(a.stdout, "QUERY", "DESCRIPTION")
	for _, q := range saved {
		t.row(q.Usage(), q.Description)
		for _, p := range q.Params {
			t.row("", "  "+p.Name+": "+p.Description)
		}
	}
	return t.flush()
}
