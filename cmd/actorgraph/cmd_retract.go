package main

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

type retractOptions struct {
	source string
	dryRun bool
	out    format
}

func newRetractCmd(a *app) *cobra.Command {
	var o retractOptions
	cmd := &cobra.Command{
		Use:   "retract SOURCE",
		Short: "Remove a source: its claims and facts, and the entities no other source mentions",
		Long: `Remove everything a source says: its relation claims and denials, its event
facts (dates, figures) with their quotes, the aliases and notes it gave, the
source itself, and every actor or event that no other source defines or
mentions. It is one all-or-nothing write; loading the source's file again
restores the store exactly. Merge decisions are kept (see unmerge).`,
		Example: `  actorgraph retract coastal-monitor --dry-run
  actorgraph retract coastal-monitor`,
		Args: exactArgs(1, "one SOURCE id (actorgraph sources lists them)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.source = args[0]
			return a.runRetract(cmd, o)
		},
	}
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "say what would be removed, write nothing")
	addFormatFlag(cmd, &o.out)
	return cmd
}

func (a *app) runRetract(cmd *cobra.Command, o retractOptions) error {
	return a.withStore(cmd.Context(), o.dryRun, func(st *graph.Store) error {
		r, err := queries.Retract(cmd.Context(), st, o.source, graph.RetractOptions{DryRun: o.dryRun, Progress: a.progress("retract")})
		if err != nil {
			return err
		}
		if o.out == formatJSON {
			return writeJSON(a.stdout, r)
		}
		verb := "removed"
		if r.DryRun {
			verb = "would remove"
		}
		fmt.Fprintf(a.stdout, "source %s: %s %d claim(s), %d fact claim(s), %d quad(s)\n", r.Source, verb, r.Claims, r.Facts, r.Quads)
		if len(r.Entities) > 0 {
			fmt.Fprintf(a.stdout, "entities no other source mentions (%s): %s\n", verb, strings.Join(r.Entities, ", "))
		}
		return nil
	})
}
