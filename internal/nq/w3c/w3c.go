// Package w3c reads the W3C RDF 1.1 N-Quads syntax test suite that ships
// inside the pinned github.com/cayleygraph/quad module
// (nquad_tests.tar.gz with its manifest.ttl), for tests.
package w3c

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Case is one test of the suite.
type Case struct {
	Name     string // e.g. nt-syntax-bad-uri-01
	File     string // the .nq file's name in the suite
	Data     []byte // its content
	Positive bool   // rdft:TestNQuadsPositiveSyntax (else Negative)
}

// entry matches one manifest entry: name, type and action file.
var entry = regexp.MustCompile(`(?s)<#([^>]+)>\s+a\s+rdft:(TestNQuads(?:Positive|Negative)Syntax)\s*;.*?mf:action\s+<([^>]+)>`)

// Suite returns every case of the manifest, positive ones first, by name.
func Suite() ([]Case, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/cayleygraph/quad").Output()
	if err != nil {
		return nil, fmt.Errorf("locate the quad module: %w", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(out)), "nquad_tests.tar.gz"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files[filepath.Base(h.Name)] = b
	}
	manifest, ok := files["manifest.ttl"]
	if !ok {
		return nil, fmt.Errorf("nquad_tests.tar.gz has no manifest.ttl")
	}
	var cases []Case
	for _, m := range entry.FindAllStringSubmatch(string(manifest), -1) {
		data, ok := files[m[3]]
		if !ok {
			return nil, fmt.Errorf("manifest names %s, which the suite lacks", m[3])
		}
		cases = append(cases, Case{Name: m[1], File: m[3], Data: data, Positive: m[2] == "TestNQuadsPositiveSyntax"})
	}
	sort.SliceStable(cases, func(i, j int) bool {
		if cases[i].Positive != cases[j].Positive {
			return cases[i].Positive
		}
		return cases[i].Name < cases[j].Name
	})
	return cases, nil
}
