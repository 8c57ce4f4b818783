package nq_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/actorgraph/actorgraph/internal/nq"
)

// FuzzParseLine: the strict reader never panics; a line it takes is
// written back by Cayley's N-Quads writer as a line it takes again, as the
// same quad (what we load, we can export and load again); and where
// Cayley's reader takes the line too, both read the same quad (but for
// IRI escapes, which only we decode).
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		`<http://e/s> <http://e/p> <http://e/o> .`,
		`<ag:a><rel:opposes><ag:b><claim:c>.`,
		`_:b1 <http://e/p> "x\u00e9\U0001F600\t\"q\""@en-GB .`,
		`<http://e/s> <http://e/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> _:g . # c`,
		`<http://e/s> <http://e/p> "2024-03-22"^^<http://www.w3.org/2001/XMLSchema#date> .`,
		`@prefix e: <http://e/> .`,
		`<s> <p> <o>, <o2> .`,
		`_:a.b. <a:p> "\\" .`,
		`<A:><A:> <A:> <A:>.`, // terms need no space between them; Cayley reads one IRI "A:><A:"
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		q, ok, err := nq.ParseLine(line)
		if err != nil || !ok {
			return
		}
		out := q.NQuad()
		q2, ok2, err := nq.ParseLine(out)
		if err != nil || !ok2 {
			t.Fatalf("%q parsed, but its N-Quad %q does not: %v", line, out, err)
		}
		if q2 != q {
			t.Fatalf("%q: round trip via %q gave %#v, want %#v", line, out, q2, q)
		}
		if cq, err := cayley(line); err == nil && cq.IsValid() && !iriEscapes(cq) && !badIRIs(cq) && cq != q {
			t.Fatalf("%q: we read %#v, Cayley %#v", line, q, cq)
		}
	})
}

// badIRIs reports whether Cayley read an IRI N-Quads does not allow (one
// with < or > in it: it runs adjacent terms together).
func badIRIs(q quad.Quad) bool {
	for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		if iri, ok := v.(quad.IRI); ok && strings.ContainsAny(string(iri), "<>") {
			return true
		}
	}
	return false
}

// cayley is Cayley's reader, whose panics count as refusals.
func cayley(line string) (q quad.Quad, err error) {
	defer func() {
		if recover() != nil {
			err = errors.New("panic")
		}
	}()
	return nquads.Parse(strings.TrimSpace(line))
}
