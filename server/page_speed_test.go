package server

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/cayleygraph/quad"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
)

// synthView writes a synthetic actor graph of exactly n actors and m
// relations (one claim each, endpoints drawn from a power law as in
// internal/synth, so a few hubs have most links) into a memory store.
func synthView(t *testing.T, n, m int) *graph.Store {
	t.Helper()
	r := rand.New(rand.NewSource(20261201))
	types := []string{"armed-group", "state", "organisation", "person"}
	rels := []string{"opposes", "rival-of", "cooperates-with", "fights", "backs"}
	certs := []string{"reported", "claimed", "assessed", "attributed"}
	var qs []quad.Quad
	for i := range 10 {
		qs = append(qs, quad.Make(graph.SourceIRI(fmt.Sprintf("s%d", i)), graph.PropType, graph.TypeSource, nil))
	}
	for i := range n {
		a := graph.EntityIRI(fmt.Sprintf("a%d", i))
		name := fmt.Sprintf("Actor %d", i)
		qs = append(qs, quad.Make(a, graph.PropType, graph.TypeIRI(types[r.Intn(len(types))]), nil),
			quad.Make(a, graph.PropName, quad.String(name), nil),
			quad.Make(a, graph.PropKey, quad.String(graph.NameKey(name)), nil))
	}
	zipf := rand.NewZipf(r, 1.3, 4, uint64(n-1))
	seen := map[[3]uint64]bool{}
	for c := 0; len(seen) < m; c++ {
		s, o, rel := zipf.Uint64(), uint64(r.Intn(n)), uint64(r.Intn(len(rels)))
		if r.Intn(2) == 0 {
			s, o = o, s
		}
		if s == o || seen[[3]uint64{s, rel, o}] {
			continue
		}
		seen[[3]uint64{s, rel, o}] = true
		l := graph.ClaimIRI(fmt.Sprintf("c%d", c))
		qs = append(qs,
			quad.Make(graph.EntityIRI(fmt.Sprintf("a%d", s)), graph.RelationIRI(rels[rel]), graph.EntityIRI(fmt.Sprintf("a%d", o)), l),
			quad.Make(l, graph.PropSource, graph.SourceIRI(fmt.Sprintf("s%d", r.Intn(10))), l),
			quad.Make(l, graph.PropCertainty, quad.String(certs[r.Intn(len(certs))]), l),
			quad.Make(l, graph.PropQuote, quad.String(fmt.Sprintf("Actor %d %s actor %d.", s, rels[rel], o)), l))
	}
	st := graph.NewMemory()
	t.Cleanup(func() { st.Close() })
	if _, err := st.AddQuads(t.Context(), qs); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestPageSpeed measures how long the page takes to fetch, lay out and
// paint a view of 2,000 nodes and 5,000 edges (the whole synthetic graph,
// /?all=1) in headless Chromium, and how long a filter and a selection take
// on it afterwards. It logs the figures; it fails only past a generous
// 60 s, so a busy machine does not make it flaky.
func TestPageSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	p := newPage(t, synthView(t, 2000, 5000), Options{Limit: 10000})
	// Chromium counts the CPU time its main thread spends in tasks: a figure
	// the machine's load does not inflate, unlike the clock's.
	p.open("/")
	cpu := func() map[string]float64 {
		m := map[string]float64{}
		p.do("metrics", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			res, err := chromedp.Call(ctx, performance.GetMetrics, cdp.Empty{})
			for _, x := range res.Metrics {
				m[x.Name] = x.Value
			}
			return err
		}))
		return m
	}
	p.do("cpu metrics", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{TimeDomain: performance.EnableTimeDomainThreadTicks})
		return err
	}))
	before := cpu()
	p.open("/?all=1")
	after := cpu()
	n, m := eval[int](p, `cy.nodes().length`), eval[int](p, `cy.edges().length`)
	if n != 2000 || m != 5000 {
		t.Fatalf("the page drew %d nodes and %d edges, want 2000 and 5000", n, m)
	}
	tm := eval[map[string]float64](p, `window.agTimes`)
	total := tm["painted"] - tm["start"]
	t.Logf("2000 nodes, 5000 edges: fetch and parse %.0f ms, build the picture %.0f ms, fCoSE layout %.0f ms, paint %.0f ms: %.0f ms from the request to the painted picture (%.0f ms since navigation)",
		tm["fetched"]-tm["start"], tm["drawn"]-tm["fetched"], tm["laidOut"]-tm["drawn"], tm["painted"]-tm["laidOut"], total, tm["painted"])
	// Interactive: a certainty filter applied, a node selected, each until painted.
	c0 := cpu()
	filter, err := chromedp.Run(p.ctx, chromedp.Evaluate[float64](`new Promise((done) => {
		const t0 = performance.now();
		document.querySelector('#f-cert input[value="assessed"]').click();
		setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0))), 0);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	c1 := cpu()
	sel, err := chromedp.Run(p.ctx, chromedp.Evaluate[float64](`new Promise((done) => {
		const t0 = performance.now();
		cy.$id("a0").emit("tap");
		const wait = () => document.body.dataset.busy ? setTimeout(wait, 5) : requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
		setTimeout(wait, 0);
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("CPU time of the page's main thread from the request to the painted picture: %.0f ms in tasks (%.0f ms in scripts, %.0f ms styling and layout of the page)",
		1000*(after["TaskDuration"]-before["TaskDuration"]), 1000*(after["ScriptDuration"]-before["ScriptDuration"]),
		1000*(after["RecalcStyleDuration"]-before["RecalcStyleDuration"]+after["LayoutDuration"]-before["LayoutDuration"]))
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		t.Logf("load average while measuring: %s (on %d CPUs)", strings.Fields(string(load))[0], runtime.NumCPU())
	}
	c2 := cpu()
	t.Logf("then: a certainty filter on %d edges in %.0f ms (%.0f ms CPU); a click on the biggest hub (select and expand) in %.0f ms (%.0f ms CPU)",
		m, filter, 1000*(c1["TaskDuration"]-c0["TaskDuration"]), sel, 1000*(c2["TaskDuration"]-c1["TaskDuration"]))
	if total > 60000 {
		t.Errorf("the 2000-node view took %.0f ms to paint", total)
	}
	p.noErrors()
}
