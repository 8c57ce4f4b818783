// Extracteval scores `actorgraph extract` against hand-curated graphs and
// writes docs/extraction.md. It reports precision and recall of actors
// (and how many have the right type), relations (subject, relation,
// object), event dates and casualty figures, on three sets apart:
//
//   - the seed article, run twice: with no actors known (vocabulary only)
//     and with the curated actors known (no events, no claims);
//
//   - the development set (-dev): texts the rules were developed on, each
//     X.txt with its gold X.ag, extracted with the seed graph in the store;
//
//   - the test set (-test): held-out texts, extracted the same way; only
//     its figures are printed, never what it missed, so that no rule is
//     tuned while looking at a test text.
//
//     go run ./internal/extracteval -dev extract/testdata/eval/dev -test extract/testdata/eval/test -doc docs/extraction.md
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/extract"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/seed"
)

type config struct {
	gold, text, pub string // the seed article
	dev, test       string // directories of X.txt + X.ag
	doc, dump       string
}

func main() {
	var c config
	flag.StringVar(&c.gold, "gold", "seed/data/tna-2024-islamic-state-comeback.ag", "hand-curated graph of the seed article")
	flag.StringVar(&c.text, "text", "seed/data/tna-2024-islamic-state-comeback.txt", "the seed article's text")
	flag.StringVar(&c.pub, "published", "2024-03-27", "the seed article's publication date")
	flag.StringVar(&c.dev, "dev", "", "directory of the development texts (X.txt with gold X.ag)")
	flag.StringVar(&c.test, "test", "", "directory of the held-out test texts (X.txt with gold X.ag)")
	flag.StringVar(&c.doc, "doc", "docs/extraction.md", "write the report here (empty: don't)")
	flag.StringVar(&c.dump, "dump", "", "also write the extract outputs of the seed article and the dev set (curated format) into this directory")
	flag.Parse()
	if err := run(context.Background(), c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "extracteval:", err)
		os.Exit(1)
	}
}

// report is everything the document shows.
type report struct {
	cfg       config
	seedRuns  []runResult
	dev, test []runResult // one per text, then the total last
}

func run(ctx context.Context, c config, out io.Writer) error {
	var rep report
	rep.cfg = c
	var err error
	if rep.seedRuns, err = seedArticle(ctx, c); err != nil {
		return err
	}
	fmt.Fprintf(out, "Seed article\n%s", renderTable(rep.seedRuns))
	seedKnown, err := seedGraph(ctx)
	if err != nil {
		return err
	}
	for _, set := range []struct {
		name, dir string
		into      *[]runResult
	}{{"dev", c.dev, &rep.dev}, {"test", c.test, &rep.test}} {
		if set.dir == "" {
			continue
		}
		rs, err := evalSet(ctx, set.dir, seedKnown, c.dump, set.name == "dev")
		if err != nil {
			return fmt.Errorf("%s set: %w", set.name, err)
		}
		*set.into = rs
		fmt.Fprintf(out, "\n%s set\n%s", set.name, renderTable(rs))
	}
	if c.doc == "" {
		return nil
	}
	return os.WriteFile(c.doc, []byte(renderDoc(rep)), 0o644)
}

// seedGraph is the entities of the built-in seed graph: what a store holds
// after `actorgraph seed`.
func seedGraph(ctx context.Context) ([]graph.Entity, error) {
	st := graph.NewMemory()
	defer st.Close()
	if _, err := seed.Load(ctx, st, seed.Builtin(), seed.Options{}); err != nil {
		return nil, fmt.Errorf("load the seed graph: %w", err)
	}
	return st.Entities(ctx)
}

func parseFile(file string) (*seed.Document, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return seed.Parse(file, data, func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(filepath.Dir(file), name))
	})
}

// seedArticle runs the seed article with no actors known and with its
// curated actors known.
func seedArticle(ctx context.Context, c config) ([]runResult, error) {
	doc, err := parseFile(c.gold)
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	text, err := os.ReadFile(c.text)
	if err != nil {
		return nil, err
	}
	d, err := graph.ParseDate(c.pub)
	if err != nil {
		return nil, err
	}
	var known []graph.Entity
	for _, e := range doc.Entities {
		if e.Keyword == "actor" {
			known = append(known, graph.Entity{ID: e.ID, Type: e.Type, Name: e.Name, Aliases: e.Aliases})
		}
	}
	g := newGold(doc, nil)
	var out []runResult
	for _, run := range []struct {
		name  string
		known []graph.Entity
	}{{"vocabulary only", nil}, {"actors known", known}} {
		res := extract.Extract(string(text), extract.Options{SourceID: "eval-source", Published: &d, Known: run.known})
		rr := g.score(res)
		rr.name = run.name
		rr.validates = validates(ctx, res, run.known, c.dump, strings.ReplaceAll(run.name, " ", "-"))
		out = append(out, rr)
	}
	return out, nil
}

// evalSet scores every X.ag of dir against the extraction of its text, with
// the seed graph known.
func evalSet(ctx context.Context, dir string, known []graph.Entity, dump string, dumpIt bool) ([]runResult, error) {
	golds, err := filepath.Glob(filepath.Join(dir, "*.ag"))
	if err != nil {
		return nil, err
	}
	if len(golds) == 0 {
		return nil, fmt.Errorf("no gold files (*.ag) in %s", dir)
	}
	sort.Strings(golds)
	total := runResult{name: "total", validates: "yes"}
	var out []runResult
	for _, gf := range golds {
		doc, err := parseFile(gf)
		if err != nil {
			return nil, err
		}
		textFile := strings.TrimSuffix(gf, ".ag") + ".txt"
		opt := extract.Options{SourceID: "eval-source", Known: known}
		if len(doc.Sources) > 0 {
			s := doc.Sources[0]
			opt.Published = s.Published
			if s.TextPath != "" {
				textFile = filepath.Join(filepath.Dir(gf), s.TextPath)
			}
		}
		text, err := os.ReadFile(textFile)
		if err != nil {
			return nil, err
		}
		res := extract.Extract(string(text), opt)
		rr := newGold(doc, known).score(res)
		rr.name = strings.TrimSuffix(filepath.Base(gf), ".ag")
		if !dumpIt {
			dump = ""
		}
		rr.validates = validates(ctx, res, known, dump, rr.name)
		if rr.validates != "yes" {
			total.validates = "no"
		}
		total.addResult(rr)
		out = append(out, rr)
	}
	return append(out, total), nil
}

// validates reports whether an extraction's curated output compiles
// against a store holding the known entities.
func validates(ctx context.Context, res *extract.Result, known []graph.Entity, dump, name string) string {
	var buf bytes.Buffer
	if err := res.WriteCurated(&buf); err != nil {
		return "NO: " + err.Error()
	}
	tmp, err := os.MkdirTemp("", "extracteval")
	if err != nil {
		return "NO: " + err.Error()
	}
	defer os.RemoveAll(tmp)
	if dump != "" {
		_ = os.WriteFile(filepath.Join(dump, name+".ag"), buf.Bytes(), 0o644)
	}
	st := graph.NewMemory()
	defer st.Close()
	if len(known) > 0 {
		var kb bytes.Buffer
		for _, e := range known {
			kw := "actor"
			if e.IsEvent() {
				kw = "event"
			}
			fmt.Fprintf(&kb, "%s %s %s %s\n", kw, e.ID, e.Type, strconv.Quote(e.Name))
			for _, a := range e.Aliases {
				fmt.Fprintf(&kb, "  alias %s\n", strconv.Quote(a))
			}
		}
		kf := filepath.Join(tmp, "known.ag")
		if err := os.WriteFile(kf, kb.Bytes(), 0o644); err != nil {
			return "NO: " + err.Error()
		}
		if _, err := seed.Load(ctx, st, []seed.Input{seed.File(kf)}, seed.Options{}); err != nil {
			return "NO: load known: " + err.Error()
		}
	}
	f := filepath.Join(tmp, "out.ag")
	if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
		return "NO: " + err.Error()
	}
	if _, err := seed.Compile(ctx, st, []seed.Input{seed.File(f)}, seed.Options{}); err != nil {
		return "NO: " + strings.SplitN(err.Error(), "\n", 2)[0]
	}
	return "yes"
}

func renderTable(rs []runResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| run | actors P | actors R | right type | relations P | relations R | dates P | dates R | figures P | figures R | validates |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		gold := r.actors.tp + r.actors.fn
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.name,
			pct(r.actors.p(), r.actors.tp, r.actors.tp+r.actors.fp), pct(r.actors.r(), r.actors.tp, gold),
			pct(ratio(r.typed, gold), r.typed, gold),
			pct(r.relations.p(), r.relations.tp, r.relations.tp+r.relations.fp), pct(r.relations.r(), r.relations.tp, r.relations.tp+r.relations.fn),
			pct(r.dates.p(), r.dates.tp, r.dates.tp+r.dates.fp), pct(r.dates.r(), r.dates.tp, r.dates.tp+r.dates.fn),
			pct(r.figs.p(), r.figs.tp, r.figs.tp+r.figs.fp), pct(r.figs.r(), r.figs.tp, r.figs.tp+r.figs.fn), r.validates)
	}
	return b.String()
}

func pct(f float64, a, b int) string { return fmt.Sprintf("%.0f%% (%d/%d)", f*100, a, b) }
