package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/testgraph"
	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// browser starts headless Chromium (Debian's package, see .ci/chromium.sh).
// Without it the test skips, unless CI is set: then it fails.
func browser(t *testing.T) (context.Context, *jsErrors) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is missing: run .ci/chromium.sh first", chromiumPath)
		}
		t.Skipf("skipping the browser test: %s is not installed (run .ci/chromium.sh; with CI set this fails)", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(bctx, 2*time.Minute)
	t.Cleanup(func() { cancelT(); cancelB(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	errs := &jsErrors{}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				errs.add(fmt.Sprintf("%s:%d %s", m.URL, m.Line+1, m.Text))
			}
		}
	}()
	return ctx, errs
}

// jsErrors collects the page's uncaught exceptions and console errors.
type jsErrors struct {
	mu   sync.Mutex
	list []string
}

func (j *jsErrors) add(s string) { j.mu.Lock(); j.list = append(j.list, s); j.mu.Unlock() }

func (j *jsErrors) take() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	l := j.list
	j.list = nil
	return l
}

// screenshot saves a full-page screenshot into $AG_SCREENSHOT_DIR (or the
// test's temporary directory).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	dir := os.Getenv("AG_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Error(err)
	}
	t.Logf("screenshot: %s", path)
}

// TestBrowser drives real headless Chromium against a server on a
// non-default port: Cayley's UI runs a Gizmo query and visualizes an
// example. Our own page has its tests in page_browser_test.go.
func TestBrowser(t *testing.T) {
	ctx, jsErrs := browser(t)
	st := testgraph.Seeded(t)
	base := serveLoopback(t, st)
	if strings.HasSuffix(base, ":64210") {
		t.Fatal("the test must not use Cayley's default port")
	}

	t.Run("cayley ui runs gizmo", func(t *testing.T) {
		const query = `g.V("<ag:iskp>").out("<prop:name>").all()`
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/ui/"),
			chromedp.WaitVisible(chromedp.CSS(`.monaco-editor`)),
			// The UI restores the last query from localStorage on load.
			chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.setItem("LAST_QUERY", JSON.stringify({text: %q, language: "gizmo"}))`, query)),
			chromedp.Reload(),
			chromedp.WaitVisible(chromedp.CSS(`.monaco-editor`)),
			chromedp.Poll[chromedp.Void](`window.monaco && monaco.editor.getModels().some(m => m.getValue().includes("<ag:iskp>"))`, chromedp.WithPollingTimeout(20*time.Second)),
			chromedp.Click(`//button[contains(., "Run")]`),
			chromedp.Poll[chromedp.Void](`monaco.editor.getModels().some(m => m.getValue().includes("Islamic State Khorasan Province"))`, chromedp.WithPollingTimeout(20*time.Second)),
		)
		if err != nil {
			t.Fatalf("cayley ui: %v (js errors: %v)", err, jsErrs.take())
		}
		models, err := chromedp.Run(ctx, chromedp.Evaluate[string](`monaco.editor.getModels().map(m => m.getValue()).join("\n----\n")`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(models, "Islamic State Khorasan Province") {
			t.Errorf("result not shown; editors hold:\n%s", models)
		}
		screenshot(t, ctx, "cayley-ui.png")
		cayleyErrors(t, jsErrs, base)
	})

	t.Run("cayley ui visualizes an example", func(t *testing.T) {
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/ui/"),
			chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.setItem("LAST_QUERY", JSON.stringify({text: %q, language: "gizmo"}))`, Examples[0].Query)),
			chromedp.Reload(),
			chromedp.Click(`//*[normalize-space(text())="Visualize"]`),
			chromedp.WaitVisible(chromedp.CSS(`.monaco-editor`)),
			chromedp.Poll[chromedp.Void](`window.monaco && monaco.editor.getModels().some(m => m.getValue().includes("<ag:iskp>"))`, chromedp.WithPollingTimeout(20*time.Second)),
			chromedp.Click(`//button[contains(., "Run")]`),
			chromedp.Poll[chromedp.Void](`document.querySelectorAll(".graph svg circle").length > 10`, chromedp.WithPollingTimeout(20*time.Second)),
			chromedp.Sleep(2*time.Second), // let the force layout settle for the screenshot
		)
		if err != nil {
			t.Fatalf("visualize: %v (js errors: %v)", err, jsErrs.take())
		}
		screenshot(t, ctx, "cayley-visualize.png")
		cayleyErrors(t, jsErrs, base)
	})
}

// cayleyErrors fails on what the Cayley UI could not load (everything must
// come from this server: no CDN) and logs its other console errors, which
// are Cayley's own (Monaco sometimes throws while a tab is torn down).
func cayleyErrors(t *testing.T, jsErrs *jsErrors, base string) {
	t.Helper()
	for _, e := range jsErrs.take() {
		if strings.Contains(e, "Failed to load resource") || (strings.Contains(e, "://") && !strings.Contains(e, base)) {
			t.Errorf("cayley ui: %s", e)
		} else {
			t.Logf("cayley ui (not ours): %s", e)
		}
	}
}
