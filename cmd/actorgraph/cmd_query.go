package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

func newQueryCmd(a *app) *cobra.Command {
	var (
		q      queries.RawQuery
		file   string
		out    format
		memory int64
	)
	cmd := &cobra.Command{
		Use:   "query [QUERY]",
		Short: "Run a Gizmo or GraphQL query over the store's quads",
		Long: `Run a query in one of Cayley's own languages over the same store: the QUERY
argument, the file given with -f, or standard input.

Our IRIs: entities <ag:ID>, relations <rel:NAME>, attributes <prop:NAME>,
types <type:NAME>, claims <claim:ID> (the label of each relation quad),
sources <src:ID>.

A query still running after --timeout is stopped (exit code 7); one that
grows the heap by more than --max-memory is stopped too (exit code 8). Text output
is one JSON value per line; --format json prints one JSON array.`,
		Example: `  actorgraph query 'g.V("<ag:iskp>").out("<rel:opposes>").out("<prop:name>").all()'
  actorgraph query --lang graphql '{ nodes(id: <ag:iskp>) { id <rel:opposes> { id } } }'
  actorgraph query -f my-query.js --timeout 5s --limit 1000`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return &usageError{msg: fmt.Sprintf("want at most one QUERY argument (quote it), got %d", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if q.Timeout <= 0 {
				return &usageError{msg: "--timeout must be positive"}
			}
			if memory < 1 {
				return &usageError{msg: "--max-memory must be at least 1 (MiB)"}
			}
			switch {
			case len(args) == 1 && file != "":
				return &usageError{msg: "give the query as an argument or with -f, not both"}
			case len(args) == 1:
				q.Text = args[0]
			case file != "":
				b, err := os.ReadFile(file)
				if err != nil {
					return fmt.Errorf("read query: %w", err)
				}
				q.Text = string(b)
			default:
				b, err := io.ReadAll(a.stdin)
				if err != nil {
					return fmt.Errorf("read query from standard input: %w", err)
				}
				q.Text = string(b)
			}
			if strings.TrimSpace(q.Text) == "" {
				return &usageError{msg: "empty query"}
			}
			return a.withStore(cmd.Context(), true, func(st *graph.Store) error {
				q.Memory = queries.NewMemoryGuard(memory << 20) // the heap at rest includes the open store
				var results []any
				err := queries.RunRaw(cmd.Context(), st, q, func(v any) error {
					if out == formatJSON {
						results = append(results, v)
						return nil
					}
					var b bytes.Buffer
					enc := json.NewEncoder(&b)
					enc.SetEscapeHTML(false)
					if err := enc.Encode(v); err != nil {
						return err
					}
					_, err := a.stdout.Write(b.Bytes())
					return err
				})
				if err != nil {
					return err
				}
				if out == formatJSON {
					if results == nil {
						results = []any{}
					}
					return writeJSON(a.stdout, results)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&q.Lang, "lang", "gizmo", "query language: gizmo or graphql")
	cmd.Flags().StringVarP(&file, "file", "f", "", "read the query from FILE")
	cmd.Flags().DurationVar(&q.Timeout, "timeout", queries.DefaultQueryTimeout, "stop the query after this long")
	cmd.Flags().Int64Var(&memory, "max-memory", queries.DefaultQueryMemory>>20, "stop the query when it grows the heap by more than this many MiB")
	cmd.Flags().IntVar(&q.Limit, "limit", queries.DefaultQueryLimit, "results at most (-1: no limit)")
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions(queries.Languages, cobra.ShellCompDirectiveNoFileComp))
	addFormatFlag(cmd, &out)
	return cmd
}
