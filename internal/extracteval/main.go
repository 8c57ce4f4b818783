// Extracteval scores `actorgraph extract` against a hand-curated graph: it
// runs the extractor on the curated file's source text twice, with a store
// holding no actors (vocabulary only) and with the curated actors known,
// and reports precision and recall for actors (after alias resolution),
// relations (subject, relation, object), event dates and casualty figures.
//
//	go run ./internal/extracteval -gold seed/data/X.ag -text seed/data/X.txt -published 2024-03-27 -doc docs/extraction.md
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

func main() {
	gold := flag.String("gold", "seed/data/tna-2024-islamic-state-comeback.ag", "hand-curated graph")
	text := flag.String("text", "seed/data/tna-2024-islamic-state-comeback.txt", "its source text")
	pub := flag.String("published", "2024-03-27", "publication date")
	doc := flag.String("doc", "docs/extraction.md", "write the report here (empty: don't)")
	flag.StringVar(&dumpDir, "dump", "", "also write the two extract outputs (curated format) into this directory")
	flag.Parse()
	if err := run(context.Background(), *gold, *text, *pub, *doc, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "extracteval:", err)
		os.Exit(1)
	}
}

// dumpDir, when set, receives a copy of each run's output.
var dumpDir string

type score struct{ tp, fp, fn int }

func (s score) p() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) r() float64 { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

type runResult struct {
	name                            string
	actors, relations, dates, figs  score
	validates                       string
	missActors, missRels, falseRels []string
	missDates, missFigs             []string
}

func run(ctx context.Context, goldFile, textFile, pub, docFile string, out io.Writer) error {
	gst := graph.NewMemory()
	defer gst.Close()
	if _, err := seed.Load(ctx, gst, []seed.Input{seed.File(goldFile)}, seed.Options{}); err != nil {
		return fmt.Errorf("load gold: %w", err)
	}
	ents, err := gst.Entities(ctx)
	if err != nil {
		return err
	}
	text, err := os.ReadFile(textFile)
	if err != nil {
		return err
	}
	d, err := graph.ParseDate(pub)
	if err != nil {
		return err
	}
	// A store holding the curated actors only (no events, no claims).
	tmp, err := os.MkdirTemp("", "extracteval")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var actorsOnly bytes.Buffer
	for _, e := range ents {
		if e.IsEvent() {
			continue
		}
		fmt.Fprintf(&actorsOnly, "actor %s %s %s\n", e.ID, e.Type, strconv.Quote(e.Name))
		for _, a := range e.Aliases {
			fmt.Fprintf(&actorsOnly, "  alias %s\n", strconv.Quote(a))
		}
	}
	actorsFile := filepath.Join(tmp, "actors.ag")
	if err := os.WriteFile(actorsFile, actorsOnly.Bytes(), 0o644); err != nil {
		return err
	}
	kst := graph.NewMemory()
	defer kst.Close()
	if _, err := seed.Load(ctx, kst, []seed.Input{seed.File(actorsFile)}, seed.Options{}); err != nil {
		return fmt.Errorf("load actors: %w", err)
	}
	known, err := kst.Entities(ctx)
	if err != nil {
		return err
	}
	g, err := newGold(ctx, gst, ents)
	if err != nil {
		return err
	}
	var results []runResult
	for _, c := range []struct {
		name  string
		known []graph.Entity
		st    *graph.Store
	}{{"vocabulary only", nil, nil}, {"actors known", known, kst}} {
		res := extract.Extract(string(text), extract.Options{SourceID: "eval-source", Published: &d, Known: c.known})
		rr := g.score(res)
		rr.name = c.name
		var buf bytes.Buffer
		if err := res.WriteCurated(&buf); err != nil {
			return err
		}
		f := filepath.Join(tmp, strings.ReplaceAll(c.name, " ", "-")+".ag")
		if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
			return err
		}
		if dumpDir != "" {
			if err := os.WriteFile(filepath.Join(dumpDir, filepath.Base(f)), buf.Bytes(), 0o644); err != nil {
				return err
			}
		}
		rr.validates = "yes"
		if _, err := seed.Compile(ctx, c.st, []seed.Input{seed.File(f)}, seed.Options{}); err != nil {
			rr.validates = "NO: " + strings.SplitN(err.Error(), "\n", 2)[0]
		}
		results = append(results, rr)
	}
	table := renderTable(results)
	fmt.Fprint(out, table)
	if docFile == "" {
		return nil
	}
	return os.WriteFile(docFile, []byte(renderDoc(goldFile, textFile, pub, table, results)), 0o644)
}

type gold struct {
	keys      map[string]string // NameKey → entity ID (actors and events)
	actors    map[string]graph.Entity
	events    map[string]graph.Entity
	evByQuote map[string][]string
	triples   map[string]bool
}

func newGold(ctx context.Context, st *graph.Store, ents []graph.Entity) (*gold, error) {
	g := &gold{keys: map[string]string{}, actors: map[string]graph.Entity{}, events: map[string]graph.Entity{},
		evByQuote: map[string][]string{}, triples: map[string]bool{}}
	for _, e := range ents {
		if e.IsEvent() {
			g.events[e.ID] = e
			for _, ev := range e.Evidence {
				g.evByQuote[ev.Quote] = append(g.evByQuote[ev.Quote], e.ID)
			}
		} else {
			g.actors[e.ID] = e
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			g.keys[graph.NameKey(n)] = e.ID
		}
		edges, err := st.Edges(ctx, e.ID, graph.Out)
		if err != nil {
			return nil, err
		}
		for _, ed := range edges {
			g.triples[triple(ed.Subject, ed.Relation, ed.Object)] = true
		}
	}
	return g, nil
}

func triple(s, r, o string) string {
	if rel, err := graph.LookupRelation(r); err == nil && rel.Symmetric && o < s {
		s, o = o, s
	}
	return s + " " + r + " " + o
}

func (g *gold) score(res *extract.Result) runResult {
	var rr runResult
	mapped := map[string]string{} // extracted ID → gold ID
	foundActors := map[string]bool{}
	fpActors := 0
	for _, e := range res.Entities {
		if e.Event {
			if e.Known {
				mapped[e.ID] = e.ID
				continue
			}
			if id, ok := g.keys[graph.NameKey(e.Name)]; ok {
				if _, isEv := g.events[id]; isEv {
					mapped[e.ID] = id
					continue
				}
			}
			if ids := g.evByQuote[e.Quote]; len(ids) > 0 {
				for _, id := range ids {
					if g.events[id].Type == e.Type || len(ids) == 1 {
						mapped[e.ID] = id
						break
					}
				}
			}
			continue
		}
		if e.Known && e.Mentions > 0 {
			mapped[e.ID] = e.ID
			foundActors[e.ID] = true
			continue
		}
		id := ""
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if gid, ok := g.keys[graph.NameKey(n)]; ok {
				if _, isActor := g.actors[gid]; isActor {
					id = gid
					break
				}
			}
		}
		if id == "" {
			fpActors++
			continue
		}
		mapped[e.ID] = id
		foundActors[id] = true
	}
	rr.actors = score{tp: len(foundActors), fp: fpActors, fn: len(g.actors) - len(foundActors)}
	for id, a := range g.actors {
		if !foundActors[id] {
			rr.missActors = append(rr.missActors, fmt.Sprintf("%s (%s %q)", id, a.Type, a.Name))
		}
	}
	got := map[string]bool{}
	for _, c := range res.Claims {
		s, o := mapped[c.Subject], mapped[c.Object]
		if s == "" {
			s = "?" + c.Subject
		}
		if o == "" {
			o = "?" + c.Object
		}
		got[triple(s, c.Relation, o)] = true
	}
	for t := range got {
		if g.triples[t] {
			rr.relations.tp++
		} else {
			rr.relations.fp++
			rr.falseRels = append(rr.falseRels, t)
		}
	}
	for t := range g.triples {
		if !got[t] {
			rr.relations.fn++
			rr.missRels = append(rr.missRels, t)
		}
	}
	// Dates and figures of the events matched.
	byGold := map[string]*extract.Entity{}
	for _, e := range res.Entities {
		if id := mapped[e.ID]; e.Event && id != "" {
			if prev := byGold[id]; prev == nil || (prev.Date == nil && e.Date != nil) {
				byGold[id] = e
			}
		}
	}
	for _, e := range res.Entities {
		if e.Event && e.Date != nil && (mapped[e.ID] == "" || g.events[mapped[e.ID]].Date == nil) {
			rr.dates.fp++
		}
	}
	for id, ge := range g.events {
		e := byGold[id]
		if ge.Date != nil {
			switch {
			case e != nil && e.Date != nil && e.Date.Value == ge.Date.Value:
				rr.dates.tp++
			case e != nil && e.Date != nil:
				rr.dates.fp++
				rr.dates.fn++
				rr.missDates = append(rr.missDates, fmt.Sprintf("%s: want %s, got %s", id, ge.Date, e.Date))
			default:
				rr.dates.fn++
				rr.missDates = append(rr.missDates, fmt.Sprintf("%s: want %s, not found", id, ge.Date))
			}
		}
		want := figs(ge.Killed, ge.Injured, ge.Casualties)
		var have []string
		if e != nil {
			have = figs(e.Killed, e.Injured, e.Casualties)
		}
		for _, w := range want {
			if contains(have, w) {
				rr.figs.tp++
			} else {
				rr.figs.fn++
				rr.missFigs = append(rr.missFigs, id+": "+w)
			}
		}
		for _, h := range have {
			if !contains(want, h) {
				rr.figs.fp++
			}
		}
	}
	for _, e := range res.Entities {
		if e.Event && mapped[e.ID] == "" {
			rr.figs.fp += len(figs(e.Killed, e.Injured, e.Casualties))
		}
	}
	sort.Strings(rr.missActors)
	sort.Strings(rr.missRels)
	sort.Strings(rr.falseRels)
	sort.Strings(rr.missDates)
	sort.Strings(rr.missFigs)
	return rr
}

func figs(k, i *graph.Figure, cas string) []string {
	var out []string
	if k != nil {
		out = append(out, "killed "+k.String())
	}
	if i != nil {
		out = append(out, "injured "+i.String())
	}
	if cas != "" {
		out = append(out, "casualties "+cas)
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func renderTable(rs []runResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| run | actors P | actors R | relations P | relations R | dates P | dates R | figures P | figures R | validates |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.name,
			pct(r.actors.p(), r.actors.tp, r.actors.tp+r.actors.fp), pct(r.actors.r(), r.actors.tp, r.actors.tp+r.actors.fn),
			pct(r.relations.p(), r.relations.tp, r.relations.tp+r.relations.fp), pct(r.relations.r(), r.relations.tp, r.relations.tp+r.relations.fn),
			pct(r.dates.p(), r.dates.tp, r.dates.tp+r.dates.fp), pct(r.dates.r(), r.dates.tp, r.dates.tp+r.dates.fn),
			pct(r.figs.p(), r.figs.tp, r.figs.tp+r.figs.fp), pct(r.figs.r(), r.figs.tp, r.figs.tp+r.figs.fn), r.validates)
	}
	return b.String()
}

func pct(f float64, a, b int) string { return fmt.Sprintf("%.0f%% (%d/%d)", f*100, a, b) }

func renderDoc(goldFile, textFile, pub, table string, rs []runResult) string {
	var b strings.Builder
	b.WriteString("# Extraction: how well `actorgraph extract` does\n\n")
	b.WriteString("Generated by `make eval-extract` (internal/extracteval); do not edit by hand.\n\n")
	fmt.Fprintf(&b, "`extract` is run on `%s` (published %s) twice: with a store holding no actors\n", textFile, pub)
	fmt.Fprintf(&b, "(vocabulary only) and with the actors of the hand-curated `%s` known (no events, no claims).\n", goldFile)
	b.WriteString("Both outputs are scored against the curated graph: actors after alias resolution (a proposed\n")
	b.WriteString("name counts when it is the name or an alias of a curated actor), relations as (subject, relation,\n")
	b.WriteString("object) with symmetric relations either way round (events are matched by name or by the sentence\n")
	b.WriteString("that gives their date and figures), event dates (exact value and precision) and casualty figures\n")
	b.WriteString("(number and qualifier). `validates` says whether the output, as emitted, passes `validate`.\n\n")
	b.WriteString("Targets (issue 7): actors known: actor recall >= 95%, relation recall >= 60% at precision >= 70%;\n")
	b.WriteString("vocabulary only: actor recall >= 80%.\n\n")
	b.WriteString(table)
	for _, r := range rs {
		fmt.Fprintf(&b, "\n## Misses: %s\n\n", r.name)
		list := func(title string, xs []string) {
			fmt.Fprintf(&b, "%s (%d):\n\n", title, len(xs))
			for _, x := range xs {
				fmt.Fprintf(&b, "- %s\n", x)
			}
			b.WriteString("\n")
		}
		list("Actors not found", r.missActors)
		list("Relations not found", r.missRels)
		list("Relations proposed that the curated graph does not have (? = not a curated entity)", r.falseRels)
		list("Event dates missed or wrong", r.missDates)
		list("Casualty figures missed", r.missFigs)
	}
	return b.String()
}
