package main

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newDisputesCmd(a *app) *cobra.Command {
	var out format
	cmd := &cobra.Command{
		Use:   "disputes [ACTOR]",
		Short: "List facts on which sources disagree: figures, dates, and relations one source denies",
		Long: `List every disagreement between sources: an event's date, killed or injured
figure or casualty breakdown given differently by two sources, and a
relation one source asserts and another (or the same) denies. Each dispute
shows every side with its source and quote. With ACTOR, only the disputes
about that actor or event.`,
		Example: `  actorgraph disputes
  actorgraph disputes "Crocus City Hall attack" --format json`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return &usageError{msg: fmt.Sprintf("want at most one ACTOR, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			about := ""
			if len(args) == 1 {
				about = args[0]
			}
			return a.withView(cmd.Context(), func(st *graph.Store) error {
				ds, err := queries.Disputes(cmd.Context(), st, about)
				if err != nil {
					return err
				}
				if out == formatJSON {
					return writeJSON(a.stdout, ds)
				}
				printDisputes(a, ds)
				return nil
			})
		},
	}
	addFormatFlag(cmd, &out)
	return cmd
}

func printDisputes(a *app, ds []queries.Dispute) {
	if len(ds) == 0 {
		fmt.Fprintln(a.stdout, "No disputes: the sources in view do not contradict each other.")
		return
	}
	for i, d := range ds {
		if i > 0 {
			fmt.Fprintln(a.stdout)
		}
		if d.Kind == "relation" {
			rel, _ := graph.LookupRelation(d.Relation)
			fmt.Fprintf(a.stdout, "%s %s %s: asserted and denied\n", d.Subject.Name, rel.Label, d.Object.Name)
		} else {
			fmt.Fprintf(a.stdout, "%s, %s: %d values\n", d.Subject.Name, d.Kind, distinctValues(d.Sides))
		}
		for _, s := range d.Sides {
			meta := []string{"source: " + orUnknown(s.Source)}
			if s.Certainty != "" {
				meta = append(meta, string(s.Certainty))
			}
			if s.By != "" {
				meta = append(meta, "according to "+s.By)
			}
			fmt.Fprintf(a.stdout, "  %s — %s\n", s.Value, strings.Join(meta, " · "))
			for _, q := range s.Quotes {
				fmt.Fprintf(a.stdout, "      “%s”\n", q)
			}
		}
	}
}

func distinctValues(sides []graph.DisputeSide) int {
	seen := map[string]bool{}
	for _, s := range sides {
		seen[s.Value] = true
	}
	return len(seen)
}
