package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/actorgraph/actorgraph/"

// allowed lists, for each library package, the packages of ours it may
// import (non-test code): imports go one way, toward graph/, which imports
// nothing of ours. cmd/ and the internal tools are free, but nothing may
// import cmd/. A package of ours missing here fails the test, so that a new
// package gets its place on purpose.
var allowed = map[string][]string{
	"graph":                 {},
	"seed":                  {"graph", "internal/nq"},
	"queries":               {"graph"},
	"extract":               {"graph"},
	"encode":                {"graph", "queries"},
	"encode/picture":        {},
	"encode/export":         {"graph", "queries", "encode", "encode/picture"},
	"internal/errkind":      {"graph", "queries", "seed"},
	"server":                {"graph", "queries", "seed", "extract", "encode", "encode/export", "encode/picture", "internal/errkind", "internal/nq"},
	"internal/archtest":     {},
	"internal/nq":           {},
	"internal/nq/w3c":       {},
	"internal/pgtest":       {},
	"internal/synth":        {},
	"internal/testgraph":    {"graph", "seed"},
	"internal/backendbench": nil, // a tool: anything but cmd
	"internal/benchcmp":     nil,
	"internal/extracteval":  nil,
	"cmd/actorgraph":        nil,
}

// renderer is the Graphviz WebAssembly module: only encode/picture imports it.
const renderer = "github.com/goccy/go-graphviz"

type pkg struct {
	ImportPath string
	Imports    []string
}

// listPackages runs go list over the module.
func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", module+"...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decode go list: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

func TestImportDirection(t *testing.T) {
	for _, p := range listPackages(t) {
		name := strings.TrimPrefix(p.ImportPath, module)
		may, known := allowed[name]
		if !known {
			t.Errorf("package %s has no place in the import rules of internal/archtest: add it", name)
			continue
		}
		for _, imp := range p.Imports {
			if imp == renderer || strings.HasPrefix(imp, renderer+"/") {
				if name != "encode/picture" {
					t.Errorf("%s imports %s: only encode/picture may link the Graphviz renderer", name, imp)
				}
				continue
			}
			ours, ok := strings.CutPrefix(imp, module)
			if !ok {
				continue
			}
			switch {
			case strings.HasPrefix(ours, "cmd/"):
				t.Errorf("%s imports %s: nothing imports cmd/", name, ours)
			case may != nil && !slices.Contains(may, ours):
				t.Errorf("%s imports %s: it may import only %v of ours", name, ours, may)
			}
		}
	}
}
