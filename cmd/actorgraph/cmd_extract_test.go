package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtractValidates(t *testing.T) {
	text := "IS-K loathes the Taliban and has challenged its rule.\n" +
		"The Kabul airport suicide bombing on 26 August 2021 killed at least 170 people.\n" +
		"“The group is back,” Jane Doe, an independent analyst, told Reuters.\n"
	for _, tc := range []struct {
		name string
		te   func(*testing.T) *testEnv
	}{{"seeded store", seeded}, {"empty store", newTestEnv}} {
		t.Run(tc.name, func(t *testing.T) {
			te := tc.te(t)
			out, stderr, code := te.runIn(t, text, "extract", "-", "--source-id", "test-src", "--published", "2024-03-27")
			if code != exitOK {
				t.Fatalf("extract: code %d, stderr %s", code, stderr)
			}
			for _, want := range []string{"source test-src", "# review: confidence", "claim ", "  quote "} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			f := filepath.Join(t.TempDir(), "x.ag")
			if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			vout, verr, code := te.run(t, "validate", f)
			if code != exitOK || !strings.Contains(vout, "ok") {
				t.Errorf("validate: code %d\n%s%s\n--- extract output ---\n%s", code, vout, verr, out)
			}
		})
	}
}

func TestExtractBadFlags(t *testing.T) {
	te := newTestEnv(t)
	if _, _, code := te.runIn(t, "x", "extract", "-", "--format", "xml"); code != exitUsage {
		t.Errorf("--format xml: code %d, want %d", code, exitUsage)
	}
	if _, _, code := te.runIn(t, "x", "extract", "-", "--published", "27/03/2024"); code != exitUsage {
		t.Errorf("--published bad: code %d, want %d", code, exitUsage)
	}
}
