package server

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"
	"testing"
)

// TestVendoredLibraries: every library in page/vendor/VERSIONS is embedded
// with the sha256 recorded there and its licence beside it, the page loads
// exactly those files, and each is served from the binary.
func TestVendoredLibraries(t *testing.T) {
	versions, err := fs.ReadFile(pageFS, "page/vendor/VERSIONS")
	if err != nil {
		t.Fatal(err)
	}
	index, err := fs.ReadFile(pageFS, "page/index.html")
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := newTestServer(t, Options{})
	n := 0
	for _, line := range strings.Split(string(versions), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) != 4 {
			t.Fatalf("VERSIONS line %q: want name version licence sha256", line)
		}
		n++
		name, version, licence, sum := f[0], f[1], f[2], f[3]
		file := name + "-" + version + ".js"
		b, err := fs.ReadFile(pageFS, "page/vendor/"+file)
		if err != nil {
			t.Errorf("%s@%s: %v", name, version, err)
			continue
		}
		if got := sha256.Sum256(b); hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: sha256 %x, VERSIONS says %s (run server/vendor/vendor-page.sh)", file, got, sum)
		}
		if lic, err := fs.ReadFile(pageFS, "page/vendor/"+name+".LICENSE"); err != nil || licence != "MIT" || !strings.Contains(string(lic), "MIT") && !strings.Contains(string(lic), "Permission is hereby granted") {
			t.Errorf("%s: licence %s, LICENSE file: %v", name, licence, err)
		}
		if !strings.Contains(string(index), `src="/ag/vendor/`+file+`"`) {
			t.Errorf("index.html does not load %s", file)
		}
		if res := get(t, ts.URL+"/ag/vendor/"+file); res.code != 200 || len(res.body) != len(b) {
			t.Errorf("GET /ag/vendor/%s: %d, %d bytes", file, res.code, len(res.body))
		}
	}
	if n != 4 {
		t.Errorf("VERSIONS lists %d libraries, want cytoscape, layout-base, cose-base, cytoscape-fcose", n)
	}
	if strings.Contains(string(index), "://") {
		t.Errorf("index.html names another site: the page loads nothing from a CDN")
	}
}
