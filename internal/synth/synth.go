// Package synth generates a deterministic synthetic actor graph for
// benchmarks: actors of a few types, sources, and claims (a relation quad
// labelled <claim:ID> plus the claim's metadata quads) whose endpoints follow
// a power law, so that a few actors have most of the links, as in real data.
package synth

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand"
	"os"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Seed is the default RNG seed: the same seed and size give the same file.
const Seed = 20261130

var (
	types     = []string{"armed-group", "state", "organisation", "person"}
	relations = []string{"opposes", "rival-of", "cooperates-with", "fights", "backs"}
	certainty = []string{"reported", "claimed", "assessed", "attributed"}
)

// Write writes about n quads (never more) of a synthetic actor graph as
// N-Quads to w, drawn from the RNG seed, and returns how many it wrote.
func Write(w io.Writer, n int, seed int64) (int, error) {
	r := rand.New(rand.NewSource(seed))
	qw := nquads.NewWriter(w)
	written := 0
	emit := func(s, p, o, l quad.Value) error {
		written++
		return qw.WriteQuad(quad.Quad{Subject: s, Predicate: p, Object: o, Label: l})
	}
	actors := max(n/25, 10)
	sources := max(n/1000, 1)
	// 3 quads per actor, 3 per source, 5 per claim.
	claims := (n - 3*actors - 3*sources) / 5
	if claims < 0 {
		return 0, fmt.Errorf("synth: %d quads is too few", n)
	}
	for i := range sources {
		s := quad.IRI(fmt.Sprintf("src:s%d", i))
		for _, q := range [][2]quad.Value{
			{quad.IRI("prop:type"), quad.IRI("type:source")},
			{quad.IRI("prop:publisher"), quad.String(fmt.Sprintf("Publisher %d", r.Intn(50)))},
			{quad.IRI("prop:published"), quad.String(fmt.Sprintf("20%02d-%02d-%02d", 10+r.Intn(15), 1+r.Intn(12), 1+r.Intn(28)))},
		} {
			if err := emit(s, q[0], q[1], nil); err != nil {
				return written, err
			}
		}
	}
	for i := range actors {
		a := quad.IRI(fmt.Sprintf("ag:a%d", i))
		name := fmt.Sprintf("Actor %d %s", i, syllables(r))
		for _, q := range [][2]quad.Value{
			{quad.IRI("prop:type"), quad.IRI("type:" + types[r.Intn(len(types))])},
			{quad.IRI("prop:name"), quad.String(name)},
			{quad.IRI("prop:key"), quad.String(fmt.Sprintf("actor %d", i))},
		} {
			if err := emit(a, q[0], q[1], nil); err != nil {
				return written, err
			}
		}
	}
	zipf := rand.NewZipf(r, 1.3, 4, uint64(actors-1))
	for c := range claims {
		s, o := zipf.Uint64(), uint64(r.Intn(actors))
		if r.Intn(2) == 0 {
			s, o = o, s
		}
		if s == o {
			o = (o + 1) % uint64(actors)
		}
		rel := relations[r.Intn(len(relations))]
		claim := quad.IRI(fmt.Sprintf("claim:c%d", c))
		for _, q := range [][3]quad.Value{
			{quad.IRI(fmt.Sprintf("ag:a%d", s)), quad.IRI("rel:" + rel), quad.IRI(fmt.Sprintf("ag:a%d", o))},
			{claim, quad.IRI("prop:source"), quad.IRI(fmt.Sprintf("src:s%d", r.Intn(sources)))},
			{claim, quad.IRI("prop:certainty"), quad.String(certainty[r.Intn(len(certainty))])},
			{claim, quad.IRI("prop:quote"), quad.String(fmt.Sprintf("Actor %d %s actor %d, %s said.", s, rel, o, syllables(r)))},
			{claim, quad.IRI("prop:asserted-by"), quad.IRI(fmt.Sprintf("ag:a%d", r.Intn(actors)))},
		} {
			if err := emit(q[0], q[1], q[2], claim); err != nil {
				return written, err
			}
		}
	}
	return written, qw.Close()
}

func syllables(r *rand.Rand) string {
	const parts = "al-ba-ka-ri-mo-su-ta-ne-zi-ha-lu-qa"
	b := make([]byte, 0, 12)
	for range 2 + r.Intn(3) {
		i := r.Intn(12) * 3
		b = append(b, parts[i:i+2]...)
	}
	return string(b)
}

// WriteFile writes the graph gzipped to path (N-Quads, .nq.gz).
func WriteFile(path string, n int, seed int64) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	zw, _ := gzip.NewWriterLevel(bw, gzip.BestSpeed)
	cnt, err := Write(zw, n, seed)
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return cnt, err
}
