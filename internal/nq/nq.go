// Package nq reads N-Quads strictly: each line is held to the W3C RDF 1.1
// N-Quads grammar (https://www.w3.org/TR/n-quads/#sec-grammar) before it
// becomes a quad, so nothing the grammar refuses reaches a store.
//
// Cayley's own reader (github.com/cayleygraph/quad/nquads) is relaxed on
// purpose: it takes "<s> <p> <o>, <o2> ." as one quad, a literal as the
// graph label, bare numbers, relative and space-holding IRIs and Turtle's
// @prefix lines, and it refuses the valid "<s><p><o>." written without the
// optional spaces. This package is the grammar, written out by hand (it is
// small, and no maintained Go module offers a strict N-Quads reader); it
// gives the same quad values as Cayley's reader for every line both accept,
// except that IRI escapes (\uXXXX) are decoded as the grammar says.
//
// What the grammar leaves to RDF Concepts is checked too: IRIs must be
// absolute (have a scheme), and escapes must not decode to a character an
// IRI may not hold, or to a surrogate.
package nq

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// SyntaxError says where in a line the grammar failed and why.
type SyntaxError struct {
	Col int    // 1-based column (in characters) of the offending text
	Msg string // what is wrong
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("column %d: %s", e.Col, e.Msg) }

// ParseLine parses one line of an N-Quads document: one statement with an
// optional comment, or only a comment or blanks. It returns ok false (and
// no error) for a line that holds no statement. Trailing "\r" and "\n" are
// ignored; a line must be valid UTF-8.
func ParseLine(line string) (q quad.Quad, ok bool, err error) {
	line = strings.TrimRight(line, "\r\n")
	p := &parser{s: line}
	defer func() {
		if r := recover(); r != nil {
			se, isSyntax := r.(*SyntaxError)
			if !isSyntax {
				panic(r)
			}
			q, ok, err = quad.Quad{}, false, se
		}
	}()
	if !utf8.ValidString(line) {
		p.fail(0, "not UTF-8 text")
	}
	p.ws()
	if p.eol() {
		return quad.Quad{}, false, nil
	}
	q.Subject = p.term("subject", false, true)
	p.ws()
	q.Predicate = p.term("predicate", false, false)
	p.ws()
	q.Object = p.term("object", true, true)
	p.ws()
	if !p.at('.') && !p.eol() {
		q.Label = p.term("graph label", false, true)
		p.ws()
	}
	if !p.at('.') {
		p.fail(p.i, "want '.' to end the statement, found %s", p.found())
	}
	p.i++
	p.ws()
	if !p.eol() {
		p.fail(p.i, "want the end of the line or a # comment after '.', found %s", p.found())
	}
	return q, true, nil
}

type parser struct {
	s string
	i int // byte offset
}

func (p *parser) fail(at int, format string, args ...any) {
	col := utf8.RuneCountInString(p.s[:min(at, len(p.s))]) + 1
	panic(&SyntaxError{Col: col, Msg: fmt.Sprintf(format, args...)})
}

// found describes the text at p.i for an error message.
func (p *parser) found() string {
	if p.i >= len(p.s) {
		return "the end of the line"
	}
	rest := p.s[p.i:]
	if n := 12; utf8.RuneCountInString(rest) > n {
		rest = string([]rune(rest)[:n]) + "…"
	}
	return fmt.Sprintf("%q", rest)
}

func (p *parser) at(c byte) bool { return p.i < len(p.s) && p.s[p.i] == c }

// ws skips the optional spaces and tabs between terms.
func (p *parser) ws() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// eol reports whether only a comment (or nothing) is left.
func (p *parser) eol() bool { return p.i >= len(p.s) || p.s[p.i] == '#' }

// term parses one term in a position; literal and bnode say whether the
// position takes them (an IRI is taken everywhere).
func (p *parser) term(pos string, literal, bnode bool) quad.Value {
	if p.i >= len(p.s) {
		p.fail(p.i, "want the %s, found the end of the line", pos)
	}
	switch c := p.s[p.i]; {
	case c == '<':
		return p.iri(pos)
	case c == '_' && bnode:
		return p.bnode()
	case c == '"' && literal:
		return p.literal()
	case c == '_' || c == '"':
		p.fail(p.i, "the %s cannot be a %s", pos, map[byte]string{'_': "blank node", '"': "literal"}[c])
	case c == '@' && pos == "subject":
		p.fail(p.i, "a directive (%s) is Turtle, not N-Quads", p.found())
	case c == '.' || c == ',' || c == ';':
		if pos == "graph label" {
			p.fail(p.i, "want '.' to end the statement, found %s (lists with , and ; are Turtle, not N-Quads)", p.found())
		}
	}
	what := "an IRI <...>"
	switch {
	case literal:
		what = "an IRI <...>, a blank node _:x or a literal \"...\""
	case bnode:
		what = "an IRI <...> or a blank node _:x"
	}
	p.fail(p.i, "want the %s (%s), found %s", pos, what, p.found())
	return nil
}

// iri parses IRIREF and checks that the IRI is absolute.
func (p *parser) iri(pos string) quad.IRI {
	start := p.i
	p.i++ // '<'
	var b strings.Builder
	escaped := false
	for {
		if p.i >= len(p.s) {
			p.fail(start, "IRI of the %s has no closing '>'", pos)
		}
		c := p.s[p.i]
		if c == '>' {
			break
		}
		if c < utf8.RuneSelf && c > 0x20 && c != '\\' && !strings.ContainsRune("<\"{}|^`", rune(c)) {
			if escaped {
				b.WriteByte(c)
			}
			p.i++ // the common case: a plain ASCII character
			continue
		}
		if !escaped && c == '\\' {
			escaped = true
			b.WriteString(p.s[start+1 : p.i])
		}
		if c == '\\' {
			at := p.i
			if p.i+1 < len(p.s) && (p.s[p.i+1] == 'u' || p.s[p.i+1] == 'U') {
				r := p.uchar()
				if !iriChar(r) {
					p.fail(at, "IRI of the %s: the escape decodes to %U, which an IRI may not hold", pos, r)
				}
				b.WriteRune(r)
				continue
			}
			p.fail(at, "IRI of the %s: only \\uXXXX and \\UXXXXXXXX escapes are allowed in an IRI", pos)
		}
		r, size := utf8.DecodeRuneInString(p.s[p.i:])
		if !iriChar(r) {
			what := fmt.Sprintf("%q", r)
			if r == ' ' {
				what = "a space"
			}
			p.fail(p.i, "IRI of the %s holds %s, which an IRI may not hold", pos, what)
		}
		if escaped {
			b.WriteString(p.s[p.i : p.i+size])
		}
		p.i += size
	}
	iri := p.s[start+1 : p.i]
	if escaped {
		iri = b.String()
	}
	p.i++ // '>'
	if !hasScheme(iri) {
		p.fail(start, "IRI <%s> of the %s is relative: N-Quads wants absolute IRIs (scheme:...)", iri, pos)
	}
	return quad.IRI(iri)
}

// iriChar: [^#x00-#x20<>"{}|^`\] (and no surrogates, which Go cannot hold anyway).
func iriChar(r rune) bool {
	if r <= 0x20 || (r >= 0xD800 && r <= 0xDFFF) || r > 0x10FFFF {
		return false
	}
	return !strings.ContainsRune("<>\"{}|^`\\", r)
}

// hasScheme: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3987).
func hasScheme(iri string) bool {
	for i := 0; i < len(iri); i++ {
		c := iri[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// uchar parses \uXXXX or \UXXXXXXXX at p.i and returns the character.
func (p *parser) uchar() rune {
	start := p.i
	n := 4
	if p.s[p.i+1] == 'U' {
		n = 8
	}
	if p.i+2+n > len(p.s) {
		p.fail(start, "escape %s needs %d hex digits", p.s[start:], n)
	}
	var r rune
	for _, c := range []byte(p.s[p.i+2 : p.i+2+n]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			p.fail(start, "escape %s needs %d hex digits", p.s[start:p.i+2+n], n)
		}
		r = r<<4 | rune(d)
	}
	if r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF) {
		p.fail(start, "escape %s is not a Unicode character", p.s[start:p.i+2+n])
	}
	p.i += 2 + n
	return r
}

// bnode parses BLANK_NODE_LABEL:
// '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
func (p *parser) bnode() quad.BNode {
	start := p.i
	if !strings.HasPrefix(p.s[p.i:], "_:") {
		p.fail(start, "want a blank node _:label, found %s", p.found())
	}
	p.i += 2
	first, size := utf8.DecodeRuneInString(p.s[p.i:])
	if size == 0 || !(pnCharsU(first) || first >= '0' && first <= '9') {
		p.fail(p.i, "blank node label must start with a letter, digit or _, found %s", p.found())
	}
	p.i += size
	end := p.i
	for p.i < len(p.s) {
		r, size := utf8.DecodeRuneInString(p.s[p.i:])
		if r == '.' {
			p.i += size
			continue
		}
		if !pnChars(r) {
			break
		}
		p.i += size
		end = p.i
	}
	p.i = end // a label never ends with '.': that dot ends the statement
	return quad.BNode(p.s[start+2 : end])
}

func pnCharsBase(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z',
		r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFF, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

func pnCharsU(r rune) bool { return pnCharsBase(r) || r == '_' || r == ':' }

func pnChars(r rune) bool {
	return pnCharsU(r) || r == '-' || r >= '0' && r <= '9' || r == 0xB7 ||
		r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040
}

// literal parses STRING_LITERAL_QUOTE ('^^' IRIREF | LANGTAG)? and gives
// the value Cayley's reader gives: a string, a language string, or a typed
// string converted to its native value where Cayley converts it.
func (p *parser) literal() quad.Value {
	start := p.i
	p.i++ // '"'
	var b strings.Builder
	escaped := false
	for {
		if p.i >= len(p.s) {
			p.fail(start, "literal has no closing '\"'")
		}
		c := p.s[p.i]
		if c == '"' {
			break
		}
		if c == '\\' && !escaped {
			escaped = true
			b.WriteString(p.s[start+1 : p.i])
		}
		if c == '\\' {
			if p.i+1 >= len(p.s) {
				p.fail(p.i, "literal ends in a lone backslash")
			}
			if e := p.s[p.i+1]; e == 'u' || e == 'U' {
				b.WriteRune(p.uchar())
				continue
			}
			r, ok := echar[p.s[p.i+1]]
			if !ok {
				p.fail(p.i, "bad escape \\%c in a literal (want \\t \\b \\n \\r \\f \\\" \\' \\\\ \\uXXXX or \\UXXXXXXXX)", p.s[p.i+1])
			}
			b.WriteByte(r)
			p.i += 2
			continue
		}
		if c == '\r' || c == '\n' {
			p.fail(p.i, "a line break inside a literal (write it as \\r or \\n)")
		}
		if escaped {
			b.WriteByte(c)
		}
		p.i++
	}
	val := quad.String(p.s[start+1 : p.i])
	if escaped {
		val = quad.String(b.String())
	}
	p.i++ // '"'
	switch {
	case strings.HasPrefix(p.s[p.i:], "^^"):
		p.i += 2
		if !p.at('<') {
			p.fail(p.i, "want the datatype IRI <...> after ^^, found %s", p.found())
		}
		ts := quad.TypedString{Value: val, Type: p.iri("datatype")}
		if nv, err := ts.ParseValue(); err == nil {
			return nv // as Cayley's reader does (nquads.AutoConvertTypedString)
		}
		return ts
	case p.at('@'):
		return quad.LangString{Value: val, Lang: p.langTag()}
	}
	return val
}

var echar = map[byte]byte{'t': '\t', 'b': '\b', 'n': '\n', 'r': '\r', 'f': '\f', '"': '"', '\'': '\'', '\\': '\\'}

// langTag parses LANGTAG: '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*.
func (p *parser) langTag() string {
	start := p.i
	p.i++ // '@'
	alpha := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	digit := func(c byte) bool { return c >= '0' && c <= '9' }
	n := 0
	for p.i < len(p.s) && alpha(p.s[p.i]) {
		p.i++
		n++
	}
	if n == 0 {
		p.fail(start, "language tag must start with a letter, found %s", p.found())
	}
	for p.at('-') {
		p.i++
		n = 0
		for p.i < len(p.s) && (alpha(p.s[p.i]) || digit(p.s[p.i])) {
			p.i++
			n++
		}
		if n == 0 {
			p.fail(p.i, "language tag: want letters or digits after '-', found %s", p.found())
		}
	}
	return p.s[start+1 : p.i]
}
