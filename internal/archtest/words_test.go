package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// cliWords are a command line's words: a flag, or "actorgraph" followed by
// one of its commands.
var cliWords = regexp.MustCompile(`(^|[\s(])--[a-z]|\bactorgraph (actors|disputes|export|extract|load|merge|neighbors|path|query|retract|run|seed|serve|show|sources|stats|timeline|unmerge|validate|version|views|vocab|why)\b`)

// TestGraphSpeaksNoCLI: graph/'s strings (its errors above all) name no
// flag and no command; the CLI and the server add their own advice.
func TestGraphSpeaksNoCLI(t *testing.T) {
	files, err := filepath.Glob("../../graph/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no graph sources found: %v", err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && cliWords.MatchString(s) {
				t.Errorf("%s: %q names the command line's words", fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
}
