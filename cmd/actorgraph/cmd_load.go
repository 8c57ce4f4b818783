package main

import (
	"fmt"
	"io"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/seed"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

// progressMin is the smallest file that gets a progress bar.
const progressMin = 4 << 20

func newLoadCmd(a *app) *cobra.Command {
	var format string
	var lenient bool
	cmd := &cobra.Command{
		Use:   "load FILE...",
		Short: "Load N-Quads (.nq, .nq.gz), curated (.ag) files, or import STIX, ACLED, GDELT; - reads stdin",
		Long: `Load files into the store. Formats: N-Quads (.nq, .nt, optionally gzipped),
the curated format (.ag, see docs/curated-format.md), and imports of other
tools' data (see docs/import.md): STIX 2.1 bundles (.json), ACLED CSV exports
(.csv) and GDELT 2.0 event files (.export.CSV, .tsv). Other names and standard
input (-) are recognised by their content; --format says it outright.
An import says on stderr what it skipped and why.

Every file is checked first (syntax, vocabulary, relation types, references);
if any file has an error, nothing is written and each error names file:line.
Each file is then written in one transaction: all of it or none of it.

N-Quads are held to the W3C grammar (absolute IRIs, escapes, language tags):
a line it refuses fails the load naming file:line and column. --lenient
loads such lines as Cayley's relaxed reader reads them and skips lines it
cannot read either, and says on standard error how many and why.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &usageError{msg: "want at least one FILE (or - for standard input)"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			in := inputs(args)
			if format != "" {
				f, err := seed.ParseFormat(format)
				if err != nil {
					return &usageError{msg: "--format: " + err.Error()}
				}
				for i := range in {
					in[i].Format = f
				}
			}
			return a.withStore(cmd.Context(), false, func(st *graph.Store) error {
				opt := a.readOptions()
				opt.Lenient = lenient
				res, err := seed.Load(cmd.Context(), st, in, opt)
				if err != nil {
					return err
				}
				return a.reportLoad(st, res, cmd)
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "the format of every FILE: curated, nquads, stix, acled or gdelt (default: by name or content)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"curated", "nquads", "stix", "acled", "gdelt"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.Flags().BoolVar(&lenient, "lenient", false, "read N-Quads as Cayley's relaxed reader does; skip lines it cannot read")
	return cmd
}

func inputs(args []string) []seed.Input {
	in := make([]seed.Input, len(args))
	for i, name := range args {
		in[i] = seed.File(name)
	}
	return in
}

// bulkGCPercent is the GC target while a big N-Quads file is bulk loaded
// (see seed.Options.BulkGCPercent): its memory is nearly all long-lived, so
// collecting at 30 % growth keeps the peak near what it holds.
const bulkGCPercent = 30

// readOptions shows a progress bar on a terminal for big files, and nothing
// otherwise.
func (a *app) readOptions() seed.Options {
	opt := seed.Options{Stdin: a.stdin, BulkGCPercent: bulkGCPercent, Warn: func(msg string) { fmt.Fprintln(a.stderr, msg) }}
	if !a.isTerminal(a.stderr) {
		return opt
	}
	opt.Wrap = func(r io.Reader, size int64, name string) io.Reader {
		if size >= 0 && size < progressMin {
			return r
		}
		bar := progressbar.NewOptions64(size,
			progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription("reading "+name),
			progressbar.OptionShowBytes(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100_000_000),
		)
		pr := progressbar.NewReader(r, bar)
		return &pr
	}
	return opt
}
