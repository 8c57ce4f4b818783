package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/actorgraph/actorgraph/extract"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/spf13/cobra"
)

type extractOptions struct {
	file, sourceID, title, published, url, out, format, draft string
}

func newExtractCmd(a *app) *cobra.Command {
	var o extractOptions
	cmd := &cobra.Command{
		Use:   "extract FILE|-",
		Short: "Propose actors, events and claims from an article for review",
		Long: `Read an article (plain text, or HTML with the markup stripped) and propose, in
the curated format (docs/curated-format.md), the actors and places it names
(those already in the store are found by any alias and referred to by ID),
the events with their dates and casualty figures, and the claims its
sentences make, each with its sentence as the quote, its certainty and a
review comment with a confidence score. Delete the blocks you reject, then
validate and load the file. The store is only read (if there is none, the
vocabulary alone is used); nothing is written to it.`,
		Example: `  actorgraph extract article.txt --published 2024-03-27 -o article.ag
  actorgraph validate article.ag && actorgraph load article.ag
  actorgraph extract article.txt --draft drafts/ && actorgraph serve --drafts drafts/   # review at /review`,
		Args: exactArgs(1, "one FILE (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.file = args[0]
			if o.format != "curated" && o.format != "json" {
				return &usageError{msg: fmt.Sprintf("--format %q: want curated or json", o.format)}
			}
			return a.runExtract(cmd, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.sourceID, "source-id", "", "ID of the source block (default: from the file name)")
	f.StringVar(&o.title, "title", "", "title of the article")
	f.StringVar(&o.published, "published", "", "publication date YYYY, YYYY-MM or YYYY-MM-DD (dates like \"this year\" are read against it)")
	f.StringVar(&o.url, "url", "", "where the article can be read")
	f.StringVarP(&o.out, "output", "o", "", "write to this file instead of standard output")
	f.StringVar(&o.format, "format", "curated", "output format: curated|json")
	f.StringVar(&o.draft, "draft", "", "also write a draft for review into this directory (DIR/SOURCE-ID.json; review it with serve --drafts DIR at /review)")
	return cmd
}

func (a *app) runExtract(cmd *cobra.Command, o extractOptions) error {
	var text []byte
	var err error
	if o.file == "-" {
		text, err = io.ReadAll(a.stdin)
	} else {
		text, err = os.ReadFile(o.file)
	}
	if err != nil {
		return fmt.Errorf("extract: read %s: %w", o.file, err)
	}
	opt := extract.Options{SourceID: o.sourceID, Title: o.title, URL: o.url}
	if opt.SourceID == "" {
		opt.SourceID = sourceIDFrom(o.file)
	}
	if o.published != "" {
		d, err := graph.ParseDate(o.published)
		if err != nil {
			return &usageError{msg: "--published: " + err.Error()}
		}
		opt.Published = &d
	}
	err = a.withStore(cmd.Context(), true, func(st *graph.Store) error {
		known, err := st.Entities(cmd.Context())
		opt.Known = known
		return err
	})
	if errors.Is(err, graph.ErrNoStore) {
		fmt.Fprintln(a.stderr, "actorgraph: no store: extracting with the vocabulary alone")
	} else if err != nil {
		return err
	}
	res := extract.Extract(string(text), opt)
	if o.draft != "" {
		if err := writeDraft(o.draft, string(text), res); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "actorgraph: draft written to %s\n", filepath.Join(o.draft, opt.SourceID+".json"))
	}
	w := a.stdout
	if o.out != "" {
		f, err := os.Create(o.out)
		if err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		defer f.Close()
		w = f
	}
	if o.format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	if err := res.WriteCurated(w); err != nil {
		return fmt.Errorf("extract: write: %w", err)
	}
	if f, ok := w.(*os.File); ok && o.out != "" {
		return f.Close()
	}
	return nil
}

// sourceIDFrom makes a source ID from a file name: "tna-2024.txt" → tna-2024.
func sourceIDFrom(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" || file == "-" {
		return "extracted-source"
	}
	return s
}

// writeDraft writes the draft of an extraction into dir, for review.
func writeDraft(dir, text string, res *extract.Result) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("extract: --draft: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, res.Options.SourceID+".json"))
	if err != nil {
		return fmt.Errorf("extract: --draft: %w", err)
	}
	if err := extract.NewDraft(text, res).Write(f); err != nil {
		f.Close()
		return fmt.Errorf("extract: --draft: %w", err)
	}
	return f.Close()
}
