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

// idle waits until the page has no request or layout in flight.
func (p *page) wait(what, cond string) {
	p.t.Helper()
	p.do(what, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(30*time.Second)))
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
			t.Errorf("Islamic State at depth 2 shows %d nodes; want its 54", n)
		}
		if bad := eval[[]string](p, overlapsJS); len(bad) > 0 {
			t.Errorf("%d label overlaps: %v", len(bad), bad)
		}
		// Readable: 12 px labels are drawn at 8 px or more on screen.
		if z := eval[float64](p, `cy.zoom()`); z*12 < 8 {
			t.Errorf("zoom %.2f draws 12 px labels at %.1f px", z, z*12)
		}
		screenshot(t, p.ctx, "page-islamic-state-depth2.png")
		p.noErrors()
	})
}

var (
	_ = json.Unmarshal
	_ = xml.Unmarshal
	_ = os.ReadDir
	_ = filepath.Join
	_ = strings.Contains
	_ = cdpbrowser.SetDownloadBehavior
	_ = kb.Enter
)
