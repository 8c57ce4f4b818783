package main

import (
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newTimelineCmd(a *app) *cobra.Command {
	var (
		q      queries.TimelineQuery
		out    format
		quotes bool
	)
	cmd := &cobra.Command{
		Use:               "timeline ACTOR",
		ValidArgsFunction: a.completeActors(1),
		Short:             "List the dated events an actor took part in, oldest first",
		Long: `List the dated events ACTOR took part in: as perpetrator, facilitator,
director, inspirer, claimant, the one who carried it out, its target, or the
place it occurred in; with --affiliates also those of the actors that are
affiliates or parts of ACTOR (its branches). Dates show what is known: their
precision ("2024 (year)" is known only to the year), bounds ("between 2014
and 2015", "not after 2024-03-27") and the event they came after ("2 days
after Crocus City Hall attack"). Events are ordered by the earliest day they
may fall on, then after the events they are known to follow. Events without a
date are counted, not listed.`,
		Example: `  actorgraph timeline ISKP
  actorgraph timeline "Islamic State" --affiliates --from 2021 --to 2024-03
  actorgraph timeline Afghanistan --format json`,
		Args: exactArgs(1, "one ACTOR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := q.Validate(); err != nil {
				return err
			}
			q.Name = args[0]
			return a.withView(cmd.Context(), func(st *graph.Store) error {
				tl, err := queries.BuildTimeline(cmd.Context(), st, q)
				if err != nil {
					return err
				}
				if out == formatJSON {
					return writeJSON(a.stdout, tl)
				}
				return printTimeline(a, tl, quotes)
			})
		},
	}
	cmd.Flags().StringVar(&q.From, "from", "", "only events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
	cmd.Flags().StringVar(&q.To, "to", "", "only events on or before DATE")
	cmd.Flags().BoolVar(&q.Affiliates, "affiliates", false, "include the events of the actor's affiliates and parts (affiliate-of, part-of)")
	cmd.Flags().BoolVar(&quotes, "quotes", false, "print the quotes under each event")
	addFormatFlag(cmd, &out)
	return cmd
}

func printTimeline(a *app, tl queries.Timeline, quotes bool) error {
	if len(tl.Events) == 0 {
		fmt.Fprintf(a.stdout, "No dated events for %s with these filters.\n", tl.Actor.Name)
	} else if quotes {
		for _, ev := range tl.Events {
			fmt.Fprintf(a.stdout, "%s  %s (%s: %s)\n", ev.When, ev.Event.Name, ev.Role, ev.Actor.Name)
			if ev.Date.Cue != "" {
				fmt.Fprintf(a.stdout, "    date from “%s”: “%s”\n", ev.Date.Cue, ev.Date.Quote)
			}
			for _, f := range ev.Dates {
				fmt.Fprintf(a.stdout, "    dated %s by %s\n", f.Value(), orUnknown(f.Source))
				for _, q := range f.Quotes {
					fmt.Fprintf(a.stdout, "      “%s”\n", q)
				}
			}
			claimLines(a.stdout, "    ", ev.Hop.Claims)
		}
	} else {
		t := newTable(a.stdout, "DATE", "EVENT", "ROLE", "ACTOR")
		for _, ev := range tl.Events {
			t.row(ev.When, ev.Event.Name, ev.Role, ev.Actor.Name)
		}
		if err := t.flush(); err != nil {
			return err
		}
	}
	if tl.Undated > 0 {
		fmt.Fprintf(a.stdout, "(%d undated event(s) left out)\n", tl.Undated)
	}
	return nil
}
