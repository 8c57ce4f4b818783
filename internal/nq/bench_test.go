package nq_test

import (
	"strconv"
	"testing"

	"github.com/actorgraph/actorgraph/internal/nq"
	"github.com/cayleygraph/quad/nquads"
)

var benchLines = func() []string {
	var out []string
	for i := range 1000 {
		n := strconv.Itoa(i)
		out = append(out,
			`<ag:a`+n+`> <rel:opposes> <ag:b`+n+`> <claim:c`+n+`> .`,
			`<claim:c`+n+`> <prop:quote> "IS-K loathes the Taliban and has challenged its rule, said source `+n+`." <claim:c`+n+`> .`,
			`<ag:e`+n+`> <prop:killed> "145"^^<http://www.w3.org/2001/XMLSchema#integer> <claim:f`+n+`> .`)
	}
	return out
}()

// BenchmarkStrict and BenchmarkCayley compare the strict reader with
// Cayley's on the kinds of line actorgraph writes.
func BenchmarkStrict(b *testing.B) {
	for b.Loop() {
		for _, l := range benchLines {
			if _, _, err := nq.ParseLine(l); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkCayley(b *testing.B) {
	for b.Loop() {
		for _, l := range benchLines {
			if _, err := nquads.Parse(l); err != nil {
				b.Fatal(err)
			}
		}
	}
}
