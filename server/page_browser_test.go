package server

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// serveWith serves st with opt on a loopback port until the test ends.
func serveWith(t *testing.T, st *graph.Store, opt Options) string {
	t.Helper()
	opt.LoopbackHosts = true
	srv, err := New(st, opt)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln, 5*time.Second) }()
	t.Cleanup(func() {
		stop()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// page is our page in one browser tab, with helpers to read its state.
type page struct {
	t    *testing.T
	ctx  context.Context
	base string
	errs *jsErrors
}

func (p *page) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v (js errors: %v)", what, err, p.errs.take())
	}
}

func eval[T any](p *page, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// open loads the page at path and waits until it has drawn.
func (p *page) open(path string) {
	p.t.Helper()
	p.do("open "+path,
		chromedp.Navigate(p.base+path),
		chromedp.Poll[chromedp.Void](`document.body.dataset.ready`, chromedp.WithPollingTimeout(60*time.Second)),
	)
	if state := eval[string](p, `document.body.dataset.ready + " " + document.getElementById("message").textContent`); !strings.HasPrefix(state, "1") {
		p.t.Fatalf("open %s: %s (js errors: %v)", path, state, p.errs.take())
	}
}

// wait evaluates cond in the page (where cy and ag are) until it holds.
func (p *page) wait(what, cond string) {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s: %s still false after 30s (%v; js errors: %v)", what, cond, err, p.errs.take())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// click clicks the middle of a node or an edge on the canvas, as a mouse would.
func (p *page) click(id string) {
	p.t.Helper()
	xy := eval[[]float64](p, fmt.Sprintf(`(() => {
		const x = cy.getElementById(%q);
		if (x.empty()) return [];
		if (x.isNode()) cy.center(x);
		const r = document.getElementById("cy").getBoundingClientRect();
		const q = x.isNode() ? x.renderedPosition() : x.renderedMidpoint();
		return [r.left + q.x, r.top + q.y];
	})()`, id))
	if len(xy) != 2 {
		p.t.Fatalf("click: no element %s in the picture", id)
	}
	p.do("click "+id, chromedp.MouseClickXY(xy[0], xy[1]))
}

func (p *page) shown() []string {
	p.t.Helper()
	return eval[[]string](p, `cy.nodes().not(".filtered").map(n => n.id()).sort()`)
}

func (p *page) noErrors() {
	p.t.Helper()
	if errs := p.errs.take(); len(errs) > 0 {
		p.t.Errorf("the page raised JavaScript errors: %v", errs)
	}
}

// overlaps counts the pairs of shown nodes whose labels overlap, from the
// layout's label bounding boxes.
const overlapsJS = `(() => {
	const ns = cy.nodes().not(".filtered");
	const bbs = ns.map(n => n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false}));
	let bad = [];
	for (let i = 0; i < bbs.length; i++) for (let j = i + 1; j < bbs.length; j++) {
		const a = bbs[i], b = bbs[j];
		if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) bad.push(ns[i].id() + " / " + ns[j].id());
	}
	return bad;
})()`

// timelineOverlapsJS lists the pairs of timeline buttons that cover each other.
const timelineOverlapsJS = `(() => {
	const bs = [...document.querySelectorAll(".tl-event")].map(b => [b.dataset.id, b.getBoundingClientRect()]);
	const out = [];
	for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) {
		const a = bs[i][1], b = bs[j][1];
		if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(bs[i][0] + " / " + bs[j][0]);
	}
	return out;
})()`

func newPage(t *testing.T, st *graph.Store, opt Options) *page {
	ctx, errs := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 900)); err != nil {
		t.Fatal(err)
	}
	return &page{t: t, ctx: ctx, base: serveWith(t, st, opt), errs: errs}
}

// TestPage drives our page in real headless Chromium on the seed graph.
func TestPage(t *testing.T) {
	p := newPage(t, testgraph.Seeded(t), Options{AllowWrites: true})

	t.Run("Islamic State at depth 2, labels apart", func(t *testing.T) {
		p.t = t
		p.open("/?actor=Islamic%20State&depth=2")
		n := len(p.shown())
		if n < 50 {
			t.Errorf("Islamic State at depth 2 shows %d nodes; want its 61", n)
		}
		if bad := eval[[]string](p, overlapsJS); len(bad) > 0 {
			t.Errorf("%d label overlaps: %v", len(bad), bad)
		}
		// Readable: 12 px labels are drawn at 8 px or more on screen.
		if z := eval[float64](p, `cy.zoom()`); z*12 < 8 {
			t.Errorf("zoom %.2f draws 12 px labels at %.1f px", z, z*12)
		}
		if bad := eval[[]string](p, timelineOverlapsJS); len(bad) > 0 {
			t.Errorf("timeline buttons overlap: %v", bad)
		}
		// Every control has an accessible name: a label, aria-label or text.
		if bare := eval[[]string](p, `[...document.querySelectorAll("input:not([type=hidden]), select, button, [role=combobox], [role=option]")]
			.filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.textContent.trim() && !e.getAttribute("title"))
			.map(e => e.outerHTML.slice(0, 80))`); len(bare) > 0 {
			t.Errorf("controls without a name: %v", bare)
		}
		screenshot(t, p.ctx, "page-islamic-state-depth2.png")
		// The same picture with an edge's claims open (docs/serve.png).
		p.do("select edge", chromedp.Evaluate[chromedp.Void](`select("e:iskp|affiliate-of|islamic-state")`))
		p.wait("claims", `document.querySelector("#details blockquote") !== null`)
		screenshot(t, p.ctx, "page-islamic-state-edge.png")
		p.noErrors()
	})

	t.Run("search by alias with the keyboard", func(t *testing.T) {
		p.t = t
		p.open("/")
		p.do("search",
			chromedp.SetValue(chromedp.ID("depth"), "1"),
			chromedp.Focus(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), "IS-K"),
			chromedp.WaitVisible(chromedp.CSS(`#results li`)),
		)
		ids := eval[[]string](p, `[...document.querySelectorAll("#results li")].map(li => li.dataset.id)`)
		i := indexOf(ids, "iskp")
		if i < 0 {
			t.Fatalf("results for IS-K: %v; want iskp among them", ids)
		}
		for range i {
			p.do("arrow down", chromedp.KeyEvent(kb.ArrowDown))
		}
		if got := eval[string](p, `document.getElementById("q").getAttribute("aria-activedescendant")`); got != fmt.Sprintf("opt-%d", i) {
			t.Errorf("aria-activedescendant %q after %d arrow presses", got, i)
		}
		p.do("enter", chromedp.KeyEvent(kb.Enter))
		p.wait("a new view", `location.search.includes("actor=")`)
		p.wait("iskp drawn", `document.body.dataset.ready === "1" && window.cy && cy.$id("iskp").hasClass("root")`)
		if n := len(p.shown()); n < 10 {
			t.Errorf("ISKP's network shows %d nodes", n)
		}
		if u := eval[string](p, `location.search`); !strings.Contains(u, "actor=iskp") || !strings.Contains(u, "depth=1") {
			t.Errorf("address %q does not say actor=iskp&depth=1", u)
		}
		// An unknown name suggests the closest ones.
		p.do("unknown name",
			chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = ""`),
			chromedp.SendKeys(chromedp.ID("q"), "Talibn"),
			chromedp.Click(chromedp.ID("show")),
		)
		p.wait("suggestion", `document.getElementById("message").classList.contains("error")`)
		if msg := eval[string](p, `document.getElementById("message").textContent`); !strings.Contains(msg, "Talibn") || !strings.Contains(msg, "Taliban") {
			t.Errorf("message %q lacks the name or the suggestion", msg)
		}
		for _, e := range p.errs.take() { // the 404 of the unknown name is logged by the browser
			if !strings.Contains(e, "actor=Talibn") {
				t.Errorf("page: %s", e)
			}
		}
		p.open("/?actor=iskp&depth=1")
		// Arrow keys on the picture step through its nodes.
		p.do("arrows on the graph", chromedp.Focus(chromedp.ID("cy")), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
		if sel := eval[string](p, `cy.$("node:selected").map(n => n.id()).join()`); sel == "" {
			t.Errorf("arrow keys on the graph selected nothing")
		}
		p.noErrors()
	})

	t.Run("expand in place, show more, collapse, pin, hide", func(t *testing.T) {
		p.t = t
		p.open("/?actor=iskp&depth=1")
		before := p.shown()
		pos := eval[map[string][]float64](p, `Object.fromEntries(cy.nodes().map(n => [n.id(), [n.position().x, n.position().y]]))`)
		// The Islamic State is a hub: its expansion adds CAP new nodes and offers the rest.
		fresh := freshNeighbours(t, p, "islamic-state", before)
		p.click("islamic-state")
		p.wait("expanded", `location.search.includes("expand=islamic-state") && !document.body.dataset.busy`)
		after := p.shown()
		if u := eval[string](p, `location.search`); strings.Contains(u, "pin=") {
			t.Errorf("a click pinned a node: %s", u)
		}
		added := min(len(fresh), 15)
		if len(after) != len(before)+added {
			t.Errorf("expansion shows %d nodes, was %d; want %d new (%d fresh neighbours, cap 15)", len(after), len(before), added, len(fresh))
		}
		moved := eval[[]string](p, fmt.Sprintf(`(() => { const was = %s; return Object.keys(was).filter(id => {
			const p = cy.getElementById(id).position(); return Math.hypot(p.x - was[id][0], p.y - was[id][1]) > 0.5; }); })()`, jsonOf(t, pos)))
		if len(moved) > 0 {
			t.Errorf("the expansion moved nodes already placed: %v", moved)
		}
		if bad := eval[[]string](p, overlapsJS); len(bad) > 0 {
			t.Errorf("after the expansion, %d label overlaps: %v", len(bad), bad)
		}
		if len(fresh) > 15 {
			more := eval[string](p, `(document.getElementById("act-more") || {}).textContent || ""`)
			if want := fmt.Sprintf("Show %d more", len(fresh)-15); more != want {
				t.Errorf("more button %q, want %q", more, want)
			}
			p.do("show more", chromedp.Click(chromedp.ID("act-more")))
			p.wait("all shown", `location.search.includes("expand=islamic-state!") && !document.body.dataset.busy`)
			if n := len(p.shown()); n != len(before)+len(fresh) {
				t.Errorf("after show more: %d nodes, want %d", n, len(before)+len(fresh))
			}
		}
		p.do("collapse", chromedp.Click(chromedp.ID("act-collapse")))
		p.wait("collapsed", `!location.search.includes("expand=")`)
		if got := p.shown(); strings.Join(got, ",") != strings.Join(before, ",") {
			t.Errorf("after collapse: %v\nwant %v", got, before)
		}
		p.click("taliban")
		p.wait("taliban expanded", `!document.body.dataset.busy && location.search.includes("sel=n:taliban")`)
		p.do("pin", chromedp.Click(chromedp.ID("act-pin")))
		p.wait("pinned", `location.search.includes("pin=taliban@")`)
		// Dragging a node pins it where it is dropped.
		xy := eval[[]float64](p, `(() => { const r = document.getElementById("cy").getBoundingClientRect(); const q = cy.$id("iran").renderedPosition(); return [r.left + q.x, r.top + q.y]; })()`)
		p.do("drag iran",
			chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, xy[0], xy[1], chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[0]+40, xy[1]+30, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[0]+80, xy[1]+60, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, xy[0]+80, xy[1]+60, chromedp.ButtonLeft),
		)
		p.wait("dragged and pinned", `location.search.includes("iran@")`)
		p.do("hide", chromedp.Click(chromedp.ID("act-hide")))
		p.wait("hidden", `location.search.includes("hide=taliban") && cy.$("#taliban").hasClass("filtered")`)
		p.do("unhide", chromedp.Click(chromedp.ID("unhide")))
		p.wait("back", `!location.search.includes("hide=") && !cy.$("#taliban").hasClass("filtered")`)
		p.noErrors()
	})

	t.Run("filters apply at once", func(t *testing.T) {
		p.t = t
		p.open("/?actor=iskp&depth=2")
		all := eval[int](p, `cy.edges().not(".filtered").length`)
		p.do("no assessed", chromedp.Click(chromedp.CSS(`#f-cert input[value="assessed"]`)))
		p.wait("filtered", `location.search.includes("xcert=assessed")`)
		if bad := eval[int](p, `cy.edges().not(".filtered").filter(x => ag.edge(x).claims.every(c => c.certainty === "assessed")).length`); bad > 0 {
			t.Errorf("%d edges shown with only assessed claims", bad)
		}
		if n := eval[int](p, `cy.edges().not(".filtered").length`); n >= all {
			t.Errorf("without assessed claims %d edges of %d shown", n, all)
		}
		p.do("no cities", chromedp.Click(chromedp.CSS(`#f-type input[value="city"]`)))
		p.wait("no cities", `location.search.includes("xtype=city")`)
		if n := eval[int](p, `cy.nodes().not(".filtered").filter(n => ag.node(n).type === "city").length`); n > 0 {
			t.Errorf("%d cities shown", n)
		}
		p.do("no organisation relations", chromedp.Click(chromedp.CSS(`#f-rel input[aria-label="all organisation relations"]`)))
		p.wait("no organisation", `location.search.includes("xrel=")`)
		if n := eval[int](p, `cy.edges().not(".filtered").filter(x => ["affiliate-of", "part-of", "leads", "member-of"].includes(ag.edge(x).relation)).length`); n > 0 {
			t.Errorf("%d organisation edges shown", n)
		}
		screenshot(t, p.ctx, "page-filtered.png")
		// The as-of slider at its first date keeps only what held then.
		p.do("as of", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("asof"); s.value = "0"; s.dispatchEvent(new Event("input")); })()`))
		p.wait("as of", `location.search.includes("as_of=")`)
		asOf := eval[string](p, `new URLSearchParams(location.search).get("as_of")`)
		if late := eval[[]string](p, fmt.Sprintf(`cy.nodes().not(".filtered").filter(n => ag.node(n).entity && ag.node(n).entity.date && ag.node(n).entity.date.value > %q).map(n => n.id())`, asOf)); len(late) > 0 {
			t.Errorf("as of %s the picture shows later events %v", asOf, late)
		}
		// Two sources at least: the seed has one per claim, so only the actor asked for stays.
		p.do("min sources", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("asof"); s.value = s.max; s.dispatchEvent(new Event("input")); const m = document.getElementById("min-src"); m.value = "2"; m.dispatchEvent(new Event("input")); })()`))
		p.wait("min sources", `location.search.includes("min_src=2")`)
		if got := p.shown(); strings.Join(got, ",") != "iskp" {
			t.Errorf("with 2 sources at least: %v", got)
		}
		p.noErrors()
	})

	t.Run("an edge's quotes", func(t *testing.T) {
		p.t = t
		p.open("/?actor=iskp&depth=1")
		p.click("e:iskp|opposes|taliban")
		p.wait("quotes", `document.querySelector("#details blockquote") !== null`)
		d := eval[string](p, `document.getElementById("details").textContent`)
		// The source is named by its publisher and title (the seed's source has both).
		for _, want := range []string{"IS-K loathes the Taliban and has challenged its rule.", "source: The New Arab: Moscow attack: Has the Islamic State really made a comeback?", "reported"} {
			if !strings.Contains(d, want) {
				t.Errorf("edge details lack %q:\n%s", want, d)
			}
		}
		if src := eval[string](p, `document.querySelector("#details .src").dataset.source`); src != "tna-2024-islamic-state-comeback" {
			t.Errorf("the claim's source is %q", src)
		}
		if u := eval[string](p, `location.search`); !strings.Contains(u, "sel=e:iskp|opposes|taliban") {
			t.Errorf("address %q lacks the selection", u)
		}
		p.noErrors()
	})

	t.Run("timeline click selects the event", func(t *testing.T) {
		p.t = t
		p.open("/?actor=iskp&depth=1")
		id := eval[string](p, `document.querySelector(".tl-event:not(.dot)").dataset.id`)
		p.do("timeline click", chromedp.Click(chromedp.CSS(fmt.Sprintf(`.tl-event[data-id=%q]`, id))))
		p.wait("selected", fmt.Sprintf(`location.search.includes("sel=n:%s")`, id))
		if sel := eval[string](p, `cy.$("node:selected").map(n => n.id()).join()`); sel != id {
			t.Errorf("selected %q, want %q", sel, id)
		}
		name := eval[string](p, fmt.Sprintf(`ag.nodes.get(%q).name`, id))
		if h := eval[string](p, `document.querySelector("#details h2").textContent`); h != name {
			t.Errorf("details show %q, want %q", h, name)
		}
		// Every event in view is on the timeline, and no two of its buttons cover each other.
		if n, m := eval[int](p, `document.querySelectorAll(".tl-event").length`), eval[int](p, `cy.nodes().not(".filtered").filter(n => ag.node(n).entity && ag.node(n).entity.date).length`); n != m {
			t.Errorf("timeline shows %d events, the picture %d dated ones", n, m)
		}
		if bad := eval[[]string](p, timelineOverlapsJS); len(bad) > 0 {
			t.Errorf("timeline buttons overlap: %v", bad)
		}
		screenshot(t, p.ctx, "page-timeline.png")
		p.noErrors()
	})

	t.Run("path with alternatives", func(t *testing.T) {
		p.t = t
		p.open("/?actor=taliban&depth=1")
		p.do("path",
			chromedp.SendKeys(chromedp.ID("path-from"), "ISKP"),
			chromedp.SendKeys(chromedp.ID("path-to"), "Moscow"),
			chromedp.Click(chromedp.ID("path-all")),
			chromedp.Click(chromedp.CSS(`#path-form button[type=submit]`)),
		)
		p.wait("path drawn", `!document.body.dataset.busy && document.querySelector(".paths li") !== null`)
		paths := eval[int](p, `document.querySelectorAll(".paths li").length`)
		onPicture := eval[int](p, `cy.edges(".path").not(".filtered").length`)
		if paths < 1 || onPicture < 1 || eval[int](p, `cy.$("#moscow").length`) != 1 {
			t.Errorf("%d paths listed, %d path edges drawn", paths, onPicture)
		}
		if paths > 1 {
			p.do("second path", chromedp.Click(chromedp.CSS(`.paths li:nth-child(2) button`)))
			if on := eval[string](p, `document.querySelector(".paths li.on button").getAttribute("aria-pressed")`); on != "true" {
				t.Errorf("the second path is not marked chosen")
			}
		}
		if u := eval[string](p, `location.search`); !strings.Contains(u, "from=ISKP") || !strings.Contains(u, "alt=1") {
			t.Errorf("address %q lacks the path", u)
		}
		screenshot(t, p.ctx, "page-path.png")
		p.noErrors()
	})

	t.Run("export what is in view", func(t *testing.T) {
		p.t = t
		dir := t.TempDir()
		p.open("/?actor=iskp&depth=1&xtype=city")
		p.do("download",
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
					Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
				return err
			}),
			chromedp.SetValue(chromedp.ID("export-format"), "graphml"),
			chromedp.Click(chromedp.ID("export-go")),
		)
		shown := p.shown()
		path := filepath.Join(dir, "actorgraph-iskp.graphml")
		var data []byte
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
				data = b
				break
			}
		}
		if data == nil {
			ls, _ := os.ReadDir(dir)
			t.Fatalf("no %s downloaded (dir holds %v)", path, ls)
		}
		var gml struct {
			Graph struct {
				Nodes []struct {
					ID string `xml:"id,attr"`
				} `xml:"node"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal(data, &gml); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, n := range gml.Graph.Nodes {
			ids = append(ids, n.ID)
		}
		if strings.Join(ids, ",") != strings.Join(shown, ",") {
			t.Errorf("exported nodes %v\nin view %v", ids, shown)
		}
		p.noErrors()
	})

	t.Run("a saved view reopens from its address", func(t *testing.T) {
		p.t = t
		p.open("/?actor=iskp&depth=1&xcert=assessed")
		first := p.shown()
		p.click("islamic-state")
		p.wait("expanded", `location.search.includes("expand=islamic-state") && !document.body.dataset.busy`)
		p.click("e:iskp|opposes|taliban")
		p.wait("selected", `location.search.includes("sel=e:")`)
		want := p.shown()
		const positions = `Object.fromEntries(cy.nodes().map(n => [n.id(), [Math.round(n.position().x), Math.round(n.position().y)]]))`
		wantPos := eval[map[string][]float64](p, positions)
		p.do("save",
			chromedp.SendKeys(chromedp.ID("view-name"), "iskp-hub"),
			chromedp.Click(chromedp.ID("save-view")),
		)
		p.wait("saved", `document.getElementById("view-msg").textContent.includes("Saved")`)
		vs := decode[[]graph.View](t, get(t, p.base+"/api/ag/views"))
		if len(vs) != 1 || vs[0].Name != "iskp-hub" {
			t.Fatalf("views %+v", vs)
		}
		p.open("/?" + vs[0].Query)
		if got := p.shown(); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("reopened view shows %v\nwant %v", got, want)
		}
		// The same picture: the layout is seeded by the view, so the network
		// of ISKP is where it was; the expansion's nodes come near where they were.
		got := eval[map[string][]float64](p, positions)
		var moved []string
		for _, id := range first {
			if fmt.Sprint(got[id]) != fmt.Sprint(wantPos[id]) {
				moved = append(moved, fmt.Sprintf("%s %v, was %v", id, got[id], wantPos[id]))
			}
		}
		if len(moved) > 0 {
			t.Errorf("reopened view moved ISKP's network: %v", moved)
		}
		if d := eval[string](p, `document.getElementById("details").textContent`); !strings.Contains(d, "IS-K loathes the Taliban") {
			t.Errorf("reopened view lost the selected edge: %q", d)
		}
		if n := eval[int](p, `document.querySelectorAll('#view-list a[data-view="iskp-hub"]').length`); n != 1 {
			t.Errorf("saved views list shows it %d times", n)
		}
		p.noErrors()
	})
}

// TestPageReadOnly: a read-only server's page says why it cannot save.
func TestPageReadOnly(t *testing.T) {
	p := newPage(t, testgraph.Seeded(t), Options{})
	p.open("/?actor=iskp&depth=1")
	p.do("save", chromedp.SendKeys(chromedp.ID("view-name"), "x"), chromedp.Click(chromedp.ID("save-view")))
	p.wait("refused", `document.getElementById("view-msg").classList.contains("error")`)
	if msg := eval[string](p, `document.getElementById("view-msg").textContent`); !strings.Contains(msg, "--allow-writes") {
		t.Errorf("message %q does not say how to allow writes", msg)
	}
	// The refused POST is logged by the browser; nothing else may be.
	for _, e := range p.errs.take() {
		if !strings.Contains(e, "403") {
			t.Errorf("page: %s", e)
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func jsonOf(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// freshNeighbours lists id's neighbours that are not in view yet, from the API.
func freshNeighbours(t *testing.T, p *page, id string, inView []string) []string {
	net := decode[struct {
		Neighbors []struct {
			Node struct{ ID string } `json:"node"`
		} `json:"neighbors"`
	}](t, get(t, p.base+"/api/ag/neighbors?depth=1&actor="+id))
	var out []string
	for _, n := range net.Neighbors {
		if indexOf(inView, n.Node.ID) < 0 {
			out = append(out, n.Node.ID)
		}
	}
	return out
}

// TestPageDisputes: on two sources that disagree, the page marks the event
// whose date and toll they dispute, lists its facts per source, and shows
// the denial behind a relation one source asserts and another denies.
func TestPageDisputes(t *testing.T) {
	p := newPage(t, testgraph.MultiSource(t), Options{})
	p.open("/?actor=kesh-market-bombing&depth=2")
	if !eval[bool](p, `cy.$id("kesh-market-bombing").hasClass("disputed")`) {
		t.Errorf("the bombing is not marked disputed")
	}
	rows := eval[[]string](p, `[...document.querySelectorAll("table.facts tbody tr")].map(r => r.className + ": " + r.textContent)`)
	var disputed int
	for _, r := range rows {
		if strings.HasPrefix(r, "disputed:") && !strings.Contains(r, "“") {
			disputed++
		}
	}
	if disputed < 4 || !strings.Contains(strings.Join(rows, "\n"), "at least 31") || !strings.Contains(strings.Join(rows, "\n"), "2025-04-27") {
		t.Errorf("facts per source (%d disputed):\n%s", disputed, strings.Join(rows, "\n"))
	}
	screenshot(t, p.ctx, "page-dispute.png")
	p.open("/?actor=ostra-front&depth=1&sel=e:ostra-front|allied-with|red-lantern")
	d := eval[string](p, `document.getElementById("details").textContent`)
	for _, want := range []string{"Disputed relation", "denies", "denied that his movement had ever been allied", "asserts"} {
		if !strings.Contains(d, want) {
			t.Errorf("the disputed edge's panel lacks %q:\n%s", want, d)
		}
	}
	if !eval[bool](p, `cy.$id("e:ostra-front|allied-with|red-lantern").hasClass("disputed")`) {
		t.Errorf("the denied relation is not drawn as disputed")
	}
	screenshot(t, p.ctx, "page-dispute-relation.png")
	p.noErrors()
}
