package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

type mergeOptions struct {
	a, b string
	why  string
	by   string
	out  format
}

func newMergeCmd(a *app) *cobra.Command {
	var o mergeOptions
	cmd := &cobra.Command{
		Use:   "merge ACTOR ACTOR --why TEXT",
		Short: "Record that two IDs (from two sources) are one actor; every query then treats them as one",
		Long: `Record a same-as decision: the two actors, usually named by two sources with
two IDs, are one. The decision is stored with who took it (--by, default
$USER), when and why; from then on every query answers them as one actor
under the first ID in sort order, listing the other in same_as. Nothing the
sources said is changed: unmerge undoes the decision exactly. Names that are
aliases of several actors are never merged by themselves: they answer as
ambiguous until someone merges them.`,
		Example: `  actorgraph merge red-lantern rlb-militia --why "same group: the monitor's name for the Brigades"`,
		Args:    exactArgs(2, "two ACTORs"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.a, o.b = args[0], args[1]
			if o.why == "" {
				return &usageError{msg: "--why: say why the two are one actor"}
			}
			return a.runMerge(cmd, o)
		},
	}
	cmd.Flags().StringVar(&o.why, "why", "", "the reason, kept with the decision (required)")
	cmd.Flags().StringVar(&o.by, "by", "", "who decides (default $USER)")
	addFormatFlag(cmd, &o.out)
	return cmd
}

func (a *app) runMerge(cmd *cobra.Command, o mergeOptions) error {
	if o.by == "" {
		o.by = a.getenv("USER")
	}
	return a.withStore(cmd.Context(), false, func(st *graph.Store) error {
		d, err := queries.Merge(cmd.Context(), st, queries.MergeQuery{A: o.a, B: o.b, Why: o.why, By: o.by, At: a.now()})
		if err != nil {
			return err
		}
		if o.out == formatJSON {
			return writeJSON(a.stdout, d)
		}
		fmt.Fprintf(a.stdout, "merged %s and %s (answered as %s) · by %s at %s\n  why: %s\n", d.IDs[0], d.IDs[1], d.IDs[0], nameOr(d.By, "(unknown)"), d.At, d.Why)
		return nil
	})
}
