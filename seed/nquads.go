package seed

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/internal/nq"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Leniency says what a lenient load let through: lines the W3C grammar
// refuses that Cayley's relaxed reader still read (loaded as it reads
// them), and lines neither could read (skipped).
type Leniency struct {
	Relaxed  int      `json:"relaxed"`            // loaded although not strict N-Quads
	Skipped  int      `json:"skipped"`            // not read at all
	Examples []string `json:"examples,omitempty"` // the first few, as file:line: why
}

// maxExamples bounds Leniency.Examples.
const maxExamples = 5

func (l *Leniency) note(file string, line int, what string, err error) {
	if len(l.Examples) < maxExamples {
		l.Examples = append(l.Examples, fmt.Sprintf("%s:%d: %s: %v", file, line, what, err))
	}
}

// merge adds o's counts and examples to l.
func (l *Leniency) merge(o *Leniency) {
	l.Relaxed += o.Relaxed
	l.Skipped += o.Skipped
	for _, e := range o.Examples {
		if len(l.Examples) < maxExamples {
			l.Examples = append(l.Examples, e)
		}
	}
}

// readNQuad parses one N-Quads line (without its newline). It reports ok
// false for a blank or comment line. Strictly (lz == nil) a line the W3C
// grammar refuses is an error; leniently it is read as Cayley's reader
// reads it, or skipped, and counted in lz.
func readNQuad(file string, line int, l []byte, lz *Leniency) (quad.Quad, bool, error) {
	q, ok, err := nq.ParseLine(string(l))
	if err != nil && bytes.IndexByte(l, 0) >= 0 {
		// A NUL may stand in a literal; anywhere else it means binary data.
		return quad.Quad{}, false, fmt.Errorf("%w: binary data (a NUL byte)", ErrBadInput)
	}
	if err == nil || lz == nil {
		if err != nil {
			return quad.Quad{}, false, fmt.Errorf("not an N-Quad: %w", err)
		}
		return q, ok, nil
	}
	q, cerr := cayleyParse(string(bytes.TrimSpace(l)))
	if cerr != nil || !q.IsValid() {
		lz.Skipped++
		lz.note(file, line, "skipped", err)
		return quad.Quad{}, false, nil
	}
	lz.Relaxed++
	lz.note(file, line, "loaded as Cayley reads it", err)
	return q, true, nil
}

// checkUTF8 rejects N-Quads that are not UTF-8 text. (A NUL byte may stand
// in a literal, so binary data is caught line by line; an empty document is
// valid.)
func checkUTF8(file string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	bad := 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad = i
			break
		}
		i += size
	}
	return fmt.Errorf("%s:%d: %w: not UTF-8 text", file, 1+bytes.Count(data[:bad], []byte("\n")), ErrBadInput)
}

// cayleyParse is Cayley's relaxed reader; it panics on some escapes
// ("internal parser error"), which here is an error like any other.
func cayleyParse(l string) (q quad.Quad, err error) {
	defer func() {
		if r := recover(); r != nil {
			q, err = quad.Quad{}, fmt.Errorf("cayley's reader: %v", r)
		}
	}()
	return nquads.Parse(l)
}
