package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

// app holds what every command shares: the env and the global flags.
type app struct {
	*env
	store string
	// filter restricts query commands to some sources' claims: the global
	// --source and --exclude-source, and --min-sources where a command has it.
	filter graph.Filter
}

func newRootCmd(e *env) *cobra.Command {
	a := &app{env: e}
	root := &cobra.Command{
		Use:   "actorgraph",
		Short: "Map political and militant actors and the relations between them",
		Long: `actorgraph is an embedded graph database of actors (armed groups, states,
government bodies, people, places), the events they take part in and the
relations between them, each traceable to the sentence of the source that
says so. It runs on Cayley.

Every ACTOR argument takes an ID, the canonical name or any alias, in any case:
ISKP, IS-K and "Islamic State Khorasan Province" are the same actor.

The store is an embedded LevelDB directory by default; --store (or ACTORGRAPH_STORE) picks
another: a directory, bbolt:FILE, memory:, postgres://... or cockroach://...

` + exitCodesHelp,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{msg: err.Error()} })
	root.PersistentFlags().StringVar(&a.store, "store", e.defaultStore(),
		"where the graph lives: a LevelDB directory, bbolt:FILE, memory:, postgres://... or cockroach://... (env ACTORGRAPH_STORE)")
	root.PersistentFlags().StringArrayVar(&a.filter.Sources, "source", nil,
		"query commands: only claims and facts of this source (repeatable; actorgraph sources lists them)")
	root.PersistentFlags().StringArrayVar(&a.filter.ExcludeSources, "exclude-source", nil,
		"query commands: leave out claims and facts of this source (repeatable)")
	root.AddCommand(
		newSeedCmd(a),
		newLoadCmd(a),
		newValidateCmd(a),
		newExtractCmd(a),
		newActorsCmd(a),
		newShowCmd(a),
		newNeighborsCmd(a),
		newPathCmd(a), newWhyCmd(a), newTimelineCmd(a), newQueryCmd(a), newRunCmd(a),
		newStatsCmd(a),
		newSourcesCmd(a), newDisputesCmd(a), newRetractCmd(a), newMergeCmd(a), newUnmergeCmd(a),
		newExportCmd(a),
		newVocabCmd(a),
		newViewsCmd(a),
		newServeCmd(a),
		newVersionCmd(a),
	)
	return root
}

// withView opens the store read-only as the view the source flags ask for
// (--source, --exclude-source, --min-sources), runs fn and releases it.
func (a *app) withView(ctx context.Context, fn func(*graph.Store) error) error {
	return a.openAndRun(ctx, true, func(st *graph.Store) error {
		v, err := st.WithFilter(ctx, a.filter)
		if err != nil {
			return err
		}
		return fn(v)
	})
}

// withStore opens the store, runs fn and releases the store. Source filters
// do not apply to it: a command that uses it refuses them.
func (a *app) withStore(ctx context.Context, readOnly bool, fn func(*graph.Store) error) error {
	if !a.filter.IsZero() {
		return &usageError{msg: "--source, --exclude-source and --min-sources apply to query commands (show, neighbors, path, why, timeline, actors, export, disputes, run), not to this one"}
	}
	return a.openAndRun(ctx, readOnly, fn)
}

func (a *app) openAndRun(ctx context.Context, readOnly bool, fn func(*graph.Store) error) error {
	st, err := a.openStore(ctx, a.store, readOnly)
	if err != nil {
		return err
	}
	err = fn(st)
	if err != nil && !readOnly {
		st.DiscardIfNew()
	}
	if cerr := a.releaseStore(st); cerr != nil && err == nil {
		err = fmt.Errorf("close store: %w", cerr)
	}
	return err
}

// args checks the number of positional arguments with a usage error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return &usageError{msg: fmt.Sprintf("want %s, got %d argument(s)", what, len(args))}
		}
		return nil
	}
}

// completeActors completes ACTOR arguments with the IDs of the entities in
// the store (read-only; nothing when the store cannot be opened). maxArgs
// bounds how many arguments are actors.
func (a *app) completeActors(maxArgs int) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= maxArgs {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		_ = a.openAndRun(cmd.Context(), true, func(st *graph.Store) error {
			list, err := queries.Actors(cmd.Context(), st, queries.ActorsQuery{})
			for _, e := range list {
				if strings.HasPrefix(e.ID, strings.ToLower(toComplete)) {
					out = append(out, cobra.CompletionWithDesc(e.ID, e.DisplayName()))
				}
			}
			return err
		})
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// addMinSourcesFlag adds --min-sources: only relations that at least N
// distinct sources assert.
func addMinSourcesFlag(cmd *cobra.Command, a *app) {
	cmd.Flags().IntVar(&a.filter.MinSources, "min-sources", 0, "only relations at least N distinct sources assert (corroboration)")
}
