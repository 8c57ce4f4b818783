package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/extract"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/actorgraph/actorgraph/seed"
	"github.com/chromedp/chromedp"
)

const reviewText = "IS-K loathes the Taliban and has challenged its rule.\nThe Sol Dorado Front opposes Iran."

// reviewSetup writes a draft of reviewText, extracted with the seed graph
// known, into a drafts directory and serves the store with it.
func reviewSetup(t *testing.T) (base, dir string, d *extract.Draft) {
	t.Helper()
	st := testgraph.Seeded(t)
	known, err := st.Entities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res := extract.Extract(reviewText, extract.Options{SourceID: "review-test", Known: known})
	d = extract.NewDraft(reviewText, res)
	dir = t.TempDir()
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "review-test.json"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return serveWith(t, st, Options{Drafts: dir}), dir, d
}

func claimIndex(t *testing.T, d *extract.Draft, triple string) int {
	t.Helper()
	for i, c := range d.Claims {
		if c.Subject+" "+c.Relation+" "+c.Object == triple {
			return i
		}
	}
	t.Fatalf("no claim %q in the draft: %+v", triple, d.Claims)
	return -1
}

func entityIndex(t *testing.T, d *extract.Draft, name string) int {
	t.Helper()
	for i, e := range d.Entities {
		if e.Name == name {
			return i
		}
	}
	t.Fatalf("no entity %q in the draft", name)
	return -1
}

// loadReviewed loads the seed graph and a reviewed file into a new store.
func loadReviewed(t *testing.T, file string) *graph.Store {
	t.Helper()
	st := graph.NewMemory()
	t.Cleanup(func() { st.Close() })
	if _, err := seed.Load(context.Background(), st, append(seed.Builtin(), seed.File(file)), seed.Options{}); err != nil {
		b, _ := os.ReadFile(file)
		t.Fatalf("load %s: %v\n%s", file, err, b)
	}
	return st
}

func TestReviewAPI(t *testing.T) {
	base, dir, d := reviewSetup(t)
	post := func(rv extract.Reviewed) (int, map[string]any) {
		body, _ := json.Marshal(rv)
		r, err := http.Post(base+"/api/review/drafts/review-test", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		var ans map[string]any
		_ = json.NewDecoder(r.Body).Decode(&ans)
		return r.StatusCode, ans
	}
	sol := claimIndex(t, d, "sol-dorado-front opposes iran")
	if code, ans := post(extract.Reviewed{Decisions: []extract.Decision{{Kind: "claim", Index: sol, Accept: true}}}); code != http.StatusUnprocessableEntity {
		t.Errorf("no reviewer: %d %v, want 422", code, ans)
	}
	if code, ans := post(extract.Reviewed{Reviewer: "r", Decisions: []extract.Decision{{Kind: "claim", Index: sol, Accept: true}}}); code != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(ans["error"]), "did not accept") {
		t.Errorf("claim on a rejected entity: %d %v, want 422 naming it", code, ans)
	}
	if _, err := os.Stat(filepath.Join(dir, "review-test.reviewed.ag")); err == nil {
		t.Errorf("a refused review wrote a file")
	}
	r, err := http.Get(base + "/api/review/drafts/nope")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown draft: %d, want 404", r.StatusCode)
	}
	// Drafts change nothing in the store: the candidate actor is not there.
	st := testgraph.Seeded(t)
	if _, err := st.Entity(context.Background(), "sol-dorado-front"); err == nil {
		t.Errorf("a draft's candidate is in the store")
	}
}

// TestReviewBrowser drives the review page in headless Chromium: the
// article shows every candidate's sentence marked, clicking a candidate
// marks its own, and accepting and saving writes a curated file that loads
// as a normal source with its quotes and the reviewer recorded.
func TestReviewBrowser(t *testing.T) {
	// The server first, so that the browser (cleaned up first) closes its
	// connections before the server shuts down.
	base, dir, d := reviewSetup(t)
	ctx, jsErrs := browser(t)
	opp := claimIndex(t, d, "iskp opposes taliban")
	sol := claimIndex(t, d, "sol-dorado-front opposes iran")
	front := entityIndex(t, d, "Sol Dorado Front")
	card := func(kind string, i int) string {
		return fmt.Sprintf(`#candidates .candidate[data-kind=%q][data-index="%d"]`, kind, i)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/review?draft=review-test"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
	)
	if err != nil {
		t.Fatalf("open the review page: %v (js errors: %v)", err, jsErrs.take())
	}
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#article mark.cand").length`))
	if err != nil {
		t.Fatal(err)
	}
	if marks < 2 {
		t.Errorf("%d sentences marked in the article, want both candidates' sentences", marks)
	}
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(card("claim", sol)+" .summary")),
		chromedp.WaitVisible(chromedp.CSS(`#article mark.current`)))
	if err != nil {
		t.Fatalf("select a candidate: %v (js errors: %v)", err, jsErrs.take())
	}
	cur, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#article mark.current`)))
	if err != nil {
		t.Fatal(err)
	}
	if cur != "The Sol Dorado Front opposes Iran." {
		t.Errorf("the selected candidate marks %q, want its sentence", cur)
	}
	screenshot(t, ctx, "review.png")
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("reviewer"), "Test Reviewer"),
		chromedp.Click(chromedp.CSS(card("claim", opp)+" button.accept")),
		chromedp.Click(chromedp.CSS(card("claim", sol)+" button.accept")),
		chromedp.Click(chromedp.CSS(card("entity", front)+" button.accept")),
		chromedp.Click(chromedp.CSS(`#save`)),
		chromedp.Poll[chromedp.Void](`document.querySelector("#result").textContent.includes("reviewed.ag")`, chromedp.WithPollingTimeout(20*time.Second)),
	)
	if err != nil {
		res, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#result`)))
		t.Fatalf("accept and save: %v (result %q, js errors: %v)", err, res, jsErrs.take())
	}
	if errs := jsErrs.take(); len(errs) > 0 {
		t.Errorf("javascript errors: %v", errs)
	}
	file := filepath.Join(dir, "review-test.reviewed.ag")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "accepted in review by Test Reviewer") {
		t.Errorf("reviewer not recorded:\n%s", b)
	}
	st := loadReviewed(t, file)
	edges, err := st.Edges(context.Background(), "sol-dorado-front", graph.Out, "opposes")
	if err != nil {
		t.Fatal(err)
	}
	if len(edges) != 1 || edges[0].Claims[0].Quote != "The Sol Dorado Front opposes Iran." || edges[0].Claims[0].Source != "review-test" {
		t.Errorf("the accepted claim loaded as %+v, want one claim of the source review-test with its quote", edges)
	}
	edges, err = st.Edges(context.Background(), "iskp", graph.Out, "opposes")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range edges {
		for _, c := range e.Claims {
			found = found || c.Source == "review-test" && c.Quote == "IS-K loathes the Taliban and has challenged its rule."
		}
	}
	if !found {
		t.Errorf("the accepted claim about known actors is not a claim of review-test: %+v", edges)
	}
}
