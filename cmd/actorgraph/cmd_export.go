package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/actorgraph/actorgraph/encode/export"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/queries"
	"github.com/spf13/cobra"
)

// exportFormats lists export's --format values; binary ones refuse a terminal.
var exportFormats = export.Formats

type exportOptions struct {
	q      queries.ExportQuery
	path   bool
	pq     queries.PathQuery
	asOf   string
	format string
	output string
	scale  float64
}

func newExportCmd(a *app) *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export [--path FROM TO]",
		Short: "Export the graph or the network around an actor as a picture or data",
		Long: `Export the whole actor graph (actors, places, events and their relations), or
the network around one actor with --focus, or the shortest path(s) between
two actors with --path FROM TO (and the path command's --directed, --max-depth,
--all, --upto, --exclude-rel), as:

  dot      Graphviz DOT: names, styled by type, edges labelled and styled by
           certainty (solid reported, dashed claimed/attributed, dotted assessed),
           quotes in tooltips, a legend
  svg      the DOT drawn in-process (no system Graphviz needed)
  png      the SVG rasterized in-process (--scale pixels per point)
  graphml  for Gephi, yEd, Maltego
  gexf     GEXF 1.3 for Gephi, with time: events and claims' validity as spans
  stix     a STIX 2.1 bundle for OpenCTI, MISP and other threat-intelligence tools
  jsonld   the subgraph's quads (attributes, relations, claims, sources) as JSON-LD
  nquads   the same quads as N-Quads: 'actorgraph load' into an empty store
           gives them back exactly
  json     the subgraph: nodes with their facts, edges with their claims

Output goes to standard output, or to FILE with -o; png is not written to a terminal.`,
		Example: `  actorgraph export --focus ISKP --depth 1 --format svg -o iskp.svg
  actorgraph export --format dot | dot -Tpdf -o graph.pdf
  actorgraph export --focus Taliban --rel opposes,fights --format graphml -o taliban.graphml
  actorgraph export --type armed-group,state --as-of 2021-09 --format nquads > 2021.nq
  actorgraph export --path ISKP "United States" --all --format svg -o path.svg`,
		Args: func(cmd *cobra.Command, args []string) error {
			if o.path {
				return exactArgs(2, "FROM and TO after --path")(cmd, args)
			}
			return exactArgs(0, "no arguments (use --focus ACTOR, or --path FROM TO)")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.check(cmd); err != nil {
				return err
			}
			if o.path {
				o.pq.From, o.pq.To = args[0], args[1]
			}
			if o.output == "" && o.format == "png" && a.isTerminal(a.stdout) {
				return &usageError{msg: "--format png: refusing to write binary data to a terminal; use -o FILE or a redirect"}
			}
			return a.withView(cmd.Context(), func(st *graph.Store) error {
				return runExport(cmd.Context(), a, st, o)
			})
		},
	}
	f := cmd.Flags()
	addMinSourcesFlag(cmd, a)
	f.StringVar(&o.q.Focus, "focus", "", "export the network around this actor instead of the whole graph")
	f.IntVar(&o.q.Depth, "depth", 1, fmt.Sprintf("hops around --focus, 1..%d", queries.MaxDepth))
	f.StringSliceVar(&o.q.Relations, "rel", nil, "only these relations (repeat or comma-separate; see `actorgraph vocab`)")
	f.StringSliceVar(&o.q.Types, "type", nil, "only nodes of these entity types (the --focus actor is always kept)")
	f.StringVar(&o.asOf, "as-of", "", "only relations known to hold, and events dated, on DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringVar(&o.format, "format", "dot", strings.Join(exportFormats, "|"))
	f.StringVarP(&o.output, "output", "o", "", "write to FILE instead of standard output")
	f.Float64Var(&o.scale, "scale", 2, "png only: pixels per point (1 = 72 dpi)")
	f.BoolVar(&o.path, "path", false, "export the shortest path(s) between the two actors given as arguments: --path FROM TO")
	f.BoolVar(&o.pq.Directed, "directed", false, "--path: follow relations only from subject to object")
	f.IntVar(&o.pq.MaxDepth, "max-depth", queries.DefaultPathDepth, fmt.Sprintf("--path: hops at most, 1..%d", queries.MaxPathDepth))
	f.BoolVar(&o.pq.All, "all", false, "--path: every shortest path, not just one")
	f.IntVar(&o.pq.UpTo, "upto", 0, fmt.Sprintf("--path: every path of at most N hops without repeated nodes (at most %d paths)", queries.MaxPaths))
	f.StringSliceVar(&o.pq.Exclude, "exclude-rel", nil, "--path: never follow these relations")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(exportFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("rel", cobra.FixedCompletions(graph.RelationNames(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions(graph.TypeNames(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (o *exportOptions) check(cmd *cobra.Command) error {
	known := false
	for _, f := range exportFormats {
		known = known || f == o.format
	}
	if !known {
		return &usageError{msg: fmt.Sprintf("--format: want one of %s, got %q", strings.Join(exportFormats, ", "), o.format)}
	}
	if cmd.Flags().Changed("depth") && o.q.Focus == "" {
		return &usageError{msg: "--depth needs --focus ACTOR"}
	}
	for _, name := range []string{"directed", "max-depth", "all", "upto", "exclude-rel"} {
		if cmd.Flags().Changed(name) && !o.path {
			return &usageError{msg: "--" + name + " needs --path FROM TO"}
		}
	}
	if o.scale <= 0 || o.scale > 10 {
		return &usageError{msg: fmt.Sprintf("--scale: want a number in (0, 10], got %g", o.scale)}
	}
	var err error
	if o.q.AsOf, err = queries.ParseAsOf(o.asOf); err != nil {
		return err
	}
	if o.path {
		o.q.Path = &o.pq
	}
	return o.q.Validate()
}

func runExport(ctx context.Context, a *app, st *graph.Store, o exportOptions) error {
	o.q.Progress = a.progressOver("export", bigExport)
	sg, err := queries.Export(ctx, st, o.q)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := encodeExport(ctx, st, sg, o, &buf); err != nil {
		return err
	}
	if o.output == "" {
		_, err := a.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(o.output, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "wrote %s (%s: %d nodes, %d edges)\n", o.output, sg.Scope, len(sg.Nodes), len(sg.Edges))
	return nil
}

func encodeExport(ctx context.Context, st *graph.Store, sg queries.Subgraph, o exportOptions, w io.Writer) error {
	return export.Write(ctx, st, sg, o.format, o.scale, w)
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it, so a failed export never leaves half a file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
