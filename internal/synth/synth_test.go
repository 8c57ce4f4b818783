package synth

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

func TestWriteIsDeterministic(t *testing.T) {
	var a, b, c bytes.Buffer
	na, err := Write(&a, 5000, Seed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&b, 5000, Seed); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&c, 5000, Seed+1); err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(a.Bytes()) != sha256.Sum256(b.Bytes()) {
		t.Error("the same seed gave two different files")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("another seed gave the same file")
	}
	if na > 5000 || na < 4900 {
		t.Errorf("wrote %d quads, want about 5000", na)
	}
	qs, err := quad.ReadAll(nquads.NewReader(&a, false))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != na {
		t.Errorf("read back %d quads, wrote %d", len(qs), na)
	}
	// Power law: the most linked actor has far more links than the average.
	deg := map[string]int{}
	links := 0
	for _, q := range qs {
		if strings.HasPrefix(q.Predicate.String(), "<rel:") {
			deg[q.Subject.String()]++
			deg[q.Object.String()]++
			links += 2
		}
	}
	top := 0
	for _, d := range deg {
		top = max(top, d)
	}
	if avg := float64(links) / float64(len(deg)); float64(top) < 10*avg {
		t.Errorf("top degree %d, average %.1f: not skewed", top, avg)
	}
}
