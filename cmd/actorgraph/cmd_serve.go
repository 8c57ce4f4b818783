package main

import (
	"fmt"
	"net"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/actorgraph/actorgraph/server"
	"github.com/spf13/cobra"
)

// shutdownGrace is how long serve waits for requests in flight after
// SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

func newServeCmd(a *app) *cobra.Command {
	var (
		addr   string
		opt    server.Options
		memory int64
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the store over HTTP: actorgraph's page, its JSON API, Cayley's web UI and API",
		Long: `Serve the store over HTTP until interrupted:

  /           actorgraph's page: search an actor by any alias, see its network,
              click a neighbour to move there, click an edge to read its quotes
  /api/ag/    JSON endpoints (actors, show, neighbors): the same answers as
              the CLI's --format json
  /review     review extraction drafts (with --drafts DIR): accept, edit or
              reject each candidate; saving writes DIR/ID.reviewed.ag
  /ui/        Cayley's web UI (Query and Visualize tabs: Gizmo, GraphQL)
  /api/v2/    Cayley's HTTP API v2

Safe by default: it listens on loopback (it warns when --addr is not), the
store is opened read-only and Cayley's write endpoints refuse writes unless
--allow-writes, every query stops at --timeout and --limit results, Gizmo
and GraphQL queries are stopped (507) when they grow the heap past
--max-query-memory and refused (503) beyond --max-concurrent, request
bodies are capped, there is no /debug/pprof and no CORS (same origin only).
While it runs read-only, other read-only commands keep working on the same
store. Ctrl-C (or SIGTERM) stops it after the requests in flight finish.
See docs/serve.md.`,
		Example: `  actorgraph serve
  actorgraph serve --addr 127.0.0.1:8099 --timeout 10s --limit 500`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if _, _, err := net.SplitHostPort(addr); err != nil {
				return &usageError{msg: fmt.Sprintf("--addr %q: want HOST:PORT: %v", addr, err)}
			}
			if opt.Timeout <= 0 {
				return &usageError{msg: fmt.Sprintf("--timeout %s: want a positive duration", opt.Timeout)}
			}
			if opt.Limit <= 0 {
				return &usageError{msg: fmt.Sprintf("--limit %d: want a positive number", opt.Limit)}
			}
			if memory < 1 || opt.MaxConcurrent < 1 {
				return &usageError{msg: fmt.Sprintf("--max-query-memory %d, --max-concurrent %d: want positive numbers", memory, opt.MaxConcurrent)}
			}
			opt.MaxQueryMemory = memory << 20
			loopback := server.IsLoopbackHost(addr)
			opt.LoopbackHosts = loopback
			return a.withStore(ctx, !opt.AllowWrites, func(st *graph.Store) error {
				srv, err := server.New(st, opt)
				if err != nil {
					return err
				}
				ln, err := net.Listen("tcp", addr)
				if err != nil {
					return fmt.Errorf("listen on %s: %w", addr, err)
				}
				if !loopback {
					fmt.Fprintf(a.stderr, "actorgraph: warning: %s is not a loopback address: anyone who can reach this machine can query the store%s\n",
						addr, map[bool]string{true: " and WRITE to it", false: ""}[opt.AllowWrites])
				}
				mode := "read-only"
				if opt.AllowWrites {
					mode = "writes allowed"
				}
				// The host as given (Go reports 0.0.0.0 as [::]), the port as bound (for :0).
				host, _, _ := net.SplitHostPort(addr)
				_, port, _ := net.SplitHostPort(ln.Addr().String())
				url := "http://" + net.JoinHostPort(host, port) + "/"
				fmt.Fprintf(a.stderr, "actorgraph: serving %s (%s) at %s (Cayley UI at %sui/); Ctrl-C to stop\n", st.Location(), mode, url, url)
				if err := srv.Serve(ctx, ln, shutdownGrace); err != nil {
					return err
				}
				fmt.Fprintln(a.stderr, "actorgraph: stopped")
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:64210", "HOST:PORT to listen on (loopback unless you mean otherwise)")
	cmd.Flags().BoolVar(&opt.AllowWrites, "allow-writes", false, "open the store for writing, enable Cayley's write and delete endpoints and the page's save view")
	cmd.Flags().DurationVar(&opt.Timeout, "timeout", server.DefaultTimeout, "stop any query after this long")
	cmd.Flags().IntVar(&opt.Limit, "limit", server.DefaultLimit, "most results a query returns")
	cmd.Flags().Int64Var(&memory, "max-query-memory", queries.DefaultQueryMemory>>20, "MiB the running Gizmo/GraphQL queries may grow the heap by before they are stopped (507)")
	cmd.Flags().IntVar(&opt.MaxConcurrent, "max-concurrent", server.DefaultMaxConcurrent, "Gizmo/GraphQL queries run at once; more are refused (503)")
	cmd.Flags().StringVar(&opt.Drafts, "drafts", "", "directory of extraction drafts to review at /review (written by extract --draft DIR)")
	return cmd
}
