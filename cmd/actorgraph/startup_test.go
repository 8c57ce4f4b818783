package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestStartupSkipsTheRenderer: a process that draws nothing must not start
// Graphviz's WebAssembly module at package init (upstream go-graphviz does,
// tens of milliseconds on every run and half a second with a cold compile
// cache; third_party/go-graphviz starts it on first render). The test binary
// links what actorgraph links; its init trace says what each package's init
// allocated, which is deterministic where clock times are not.
func TestStartupSkipsTheRenderer(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("run the test binary with an init trace: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "init runtime @") {
		t.Fatalf("no init trace in the output:\n%s", out)
	}
	line := regexp.MustCompile(`(?m)^init (github\.com/goccy/go-graphviz\S*) @.*, (\d+) bytes`)
	for _, m := range line.FindAllStringSubmatch(string(out), -1) {
		if n, _ := strconv.Atoi(m[2]); n > 1<<20 {
			t.Errorf("package init of %s allocates %d bytes: the Graphviz module starts at start-up, not on first render", m[1], n)
		}
	}
}
