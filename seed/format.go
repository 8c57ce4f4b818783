package seed

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// Pos is a place in an input file.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// LineError is an error at a file:line.
type LineError struct {
	Pos
	Err error
}

func (e *LineError) Error() string { return e.Pos.String() + ": " + e.Err.Error() }
func (e *LineError) Unwrap() error { return e.Err }

// Errors is a list of input errors, in file order.
type Errors []*LineError

// maxErrors bounds how many errors one file reports.
const maxErrors = 20

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap lets errors.Is and errors.As see every error of the list.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

func (es *Errors) add(p Pos, format string, args ...any) {
	es.addErr(p, fmt.Errorf(format, args...))
}

func (es *Errors) addErr(p Pos, err error) {
	if len(*es) < maxErrors {
		*es = append(*es, &LineError{Pos: p, Err: err})
	}
}

func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// ErrBadInput marks input that is not a curated file or N-Quads at all
// (empty, binary, not UTF-8, corrupt gzip).
var ErrBadInput = errors.New("unreadable input")

// Source is a `source` block: a document that claims come from.
type Source struct {
	Pos
	ID, Title, Publisher, URL string
	Published                 *graph.Date
	TextPath                  string
	text                      string // normalised text, when TextPath is given
}

// EntityDef is an `actor` or `event` block.
type EntityDef struct {
	Pos
	Keyword    string // actor or event
	ID, Type   string
	Name       string
	Aliases    []string
	Notes      []string
	Date       *graph.Date
	Killed     *graph.Figure
	Injured    *graph.Figure
	Casualties string
	Quotes     []string
	Source     *Source // current source, for quotes
}

// ClaimDef is a `claim` block.
type ClaimDef struct {
	Pos
	Subject, Relation, Object string
	Quote                     string
	Certainty                 graph.Certainty
	By                        string
	ByPos                     Pos
	Hedge                     string // the words of the quote that make it hedged: "could"
	From, Until               *graph.Date
	Notes                     []string
	Source                    *Source
	// Denied: the source reports that the relation does NOT hold (a
	// denial or rejection: "X denied any role in Y").
	Denied bool
}

// Document is a parsed curated file.
type Document struct {
	File     string
	Sources  []*Source
	Entities []*EntityDef
	Claims   []*ClaimDef
}

// Parse reads a curated file. readText reads a source's `text` file, named
// relative to the curated file; it may be nil when no source has one.
func Parse(file string, data []byte, readText func(string) ([]byte, error)) (*Document, error) {
	if err := checkText(file, data); err != nil {
		return nil, err
	}
	doc := &Document{File: file}
	var errs Errors
	var (
		cur       any // the open block
		curSource *Source
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		pos := Pos{File: file, Line: line}
		raw := sc.Text()
		words, err := splitWords(raw)
		if err != nil {
			errs.addErr(pos, err)
			continue
		}
		if len(words) == 0 {
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		if !indented {
			cur = nil
			switch kw := words[0]; kw {
			case "source":
				if len(words) != 2 {
					errs.add(pos, "want `source ID`, got %d words", len(words))
					continue
				}
				if !validID(words[1]) {
					errs.add(pos, "bad source ID %q: use lower-case letters, digits and -", words[1])
					continue
				}
				curSource = &Source{Pos: pos, ID: words[1]}
				doc.Sources = append(doc.Sources, curSource)
				cur = curSource
			case "actor", "event":
				if len(words) != 4 {
					errs.add(pos, "want `%s ID TYPE \"Name\"`, got %d words", kw, len(words))
					continue
				}
				e := &EntityDef{Pos: pos, Keyword: kw, ID: words[1], Type: words[2], Name: words[3], Source: curSource}
				if !validID(e.ID) {
					errs.add(pos, "bad %s ID %q: use lower-case letters, digits and -", kw, e.ID)
					continue
				}
				t, err := graph.LookupType(e.Type)
				if err != nil {
					errs.addErr(pos, err)
					continue
				}
				if kw == "event" && !t.Is(graph.KindEvent) {
					errs.add(pos, "%s is not an event type (event types: %s)", e.Type, strings.Join(eventTypes(), ", "))
					continue
				}
				if kw == "actor" && t.Is(graph.KindEvent) {
					errs.add(pos, "%s is an event type: write `event %s %s ...`", e.Type, e.ID, e.Type)
					continue
				}
				doc.Entities = append(doc.Entities, e)
				cur = e
			case "claim":
				if len(words) != 4 {
					errs.add(pos, "want `claim SUBJECT RELATION OBJECT`, got %d words", len(words))
					continue
				}
				if curSource == nil {
					errs.add(pos, "claim before any `source` block: say where it comes from")
					continue
				}
				rel, err := graph.LookupRelation(words[2])
				if err != nil {
					errs.addErr(pos, err)
					continue
				}
				c := &ClaimDef{Pos: pos, Subject: words[1], Relation: rel.Name, Object: words[3], Certainty: graph.Reported, Source: curSource}
				doc.Claims = append(doc.Claims, c)
				cur = c
			default:
				errs.add(pos, "unknown statement %q (want source, actor, event or claim; attributes are indented)", kw)
			}
			continue
		}
		if cur == nil {
			errs.add(pos, "indented attribute %q outside a block", words[0])
			continue
		}
		if err := setAttr(cur, words); err != nil {
			errs.addErr(pos, err)
		}
	}
	if err := sc.Err(); err != nil {
		errs.add(Pos{File: file, Line: line + 1}, "%v", err)
	}
	if len(doc.Sources)+len(doc.Entities)+len(doc.Claims) == 0 && len(errs) == 0 {
		return nil, fmt.Errorf("%s: %w: no statements (want source, actor, event or claim blocks)", file, ErrBadInput)
	}
	checkBlocks(doc, readText, &errs)
	return doc, errs.err()
}

// checkText rejects empty, binary and non-UTF-8 input.
func checkText(file string, data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%s: %w: the file is empty", file, ErrBadInput)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%s:%d: %w: binary data (a NUL byte)", file, 1+bytes.Count(data[:i], []byte("\n")), ErrBadInput)
	}
	if !utf8.Valid(data) {
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
	return nil
}

func eventTypes() []string {
	var out []string
	for _, t := range graph.Types {
		if t.Is(graph.KindEvent) {
			out = append(out, t.Name)
		}
	}
	return out
}

func validID(id string) bool {
	if id == "" || id[0] == '-' {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func setAttr(block any, words []string) error {
	key, args := words[0], words[1:]
	one := func() (string, error) {
		if len(args) != 1 {
			return "", fmt.Errorf("`%s` takes one value, got %d (quote values with spaces)", key, len(args))
		}
		return args[0], nil
	}
	date := func() (*graph.Date, error) {
		v, err := one()
		if err != nil {
			return nil, err
		}
		d, err := graph.ParseDate(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		return &d, nil
	}
	var err error
	switch b := block.(type) {
	case *Source:
		switch key {
		case "title":
			b.Title, err = one()
		case "publisher":
			b.Publisher, err = one()
		case "url":
			b.URL, err = one()
		case "published":
			b.Published, err = date()
		case "text":
			b.TextPath, err = one()
		default:
			return fmt.Errorf("unknown source attribute %q (want title, publisher, published, url, text)", key)
		}
	case *EntityDef:
		switch key {
		case "alias":
			var v string
			v, err = one()
			b.Aliases = append(b.Aliases, v)
		case "note":
			var v string
			v, err = one()
			b.Notes = append(b.Notes, v)
		case "date", "killed", "injured", "casualties", "quote":
			if b.Keyword != "event" {
				return fmt.Errorf("`%s` is an event attribute; %s is an actor", key, b.ID)
			}
			switch key {
			case "date":
				b.Date, err = eventDate(args)
			case "killed":
				b.Killed, err = figure(args)
			case "injured":
				b.Injured, err = figure(args)
			case "casualties":
				b.Casualties, err = one()
			case "quote":
				var v string
				v, err = one()
				b.Quotes = append(b.Quotes, v)
			}
		default:
			return fmt.Errorf("unknown %s attribute %q (want alias, note%s)", b.Keyword, key, map[bool]string{true: ", date, killed, injured, casualties, quote"}[b.Keyword == "event"])
		}
	case *ClaimDef:
		switch key {
		case "quote":
			b.Quote, err = one()
		case "certainty":
			var v string
			if v, err = one(); err == nil {
				b.Certainty, err = graph.ParseCertainty(v)
			}
		case "by":
			b.By, err = one()
		case "hedged":
			b.Hedge, err = one()
		case "from":
			b.From, err = date()
		case "until":
			b.Until, err = date()
		case "note":
			var v string
			v, err = one()
			b.Notes = append(b.Notes, v)
		case "denied":
			if len(args) != 0 {
				return fmt.Errorf("`denied` takes no value: it marks the claim as a denial of the relation")
			}
			b.Denied = true
		default:
			return fmt.Errorf("unknown claim attribute %q (want quote, certainty, by, hedged, from, until, denied, note)", key)
		}
	}
	return err
}

func figure(args []string) (*graph.Figure, error) {
	if len(args) == 0 || len(args) > 2 {
		return nil, fmt.Errorf("want a number and an optional qualifier: `killed 143 \"at least\"`")
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%q is not a count: want a whole number, then the qualifier: `killed 143 \"at least\"`", args[0])
	}
	f := &graph.Figure{N: n}
	if len(args) == 2 {
		f.Qualifier = args[1]
	}
	return f, nil
}

// checkBlocks checks what a block needs once all its attributes are read.
func checkBlocks(doc *Document, readText func(string) ([]byte, error), errs *Errors) {
	for _, s := range doc.Sources {
		if s.TextPath == "" {
			continue
		}
		if readText == nil {
			errs.add(s.Pos, "source text %q cannot be read here", s.TextPath)
			continue
		}
		data, err := readText(s.TextPath)
		if err != nil {
			errs.add(s.Pos, "read source text: %v", err)
			continue
		}
		s.text = normalizeSpace(string(data))
	}
	checkQuote := func(p Pos, src *Source, q string) {
		if src != nil && src.text != "" && !strings.Contains(src.text, normalizeSpace(q)) {
			errs.add(p, "quote not found verbatim in %s: %q", src.TextPath, abbreviate(q, 80))
		}
	}
	for _, e := range doc.Entities {
		for _, q := range e.Quotes {
			checkQuote(e.Pos, e.Source, q)
		}
		checkFacts(e, errs)
		if e.Date != nil {
			checkDateQuote(e, errs)
			checkQuote(e.Pos, e.Source, e.Date.Quote)
		}
	}
	for _, c := range doc.Claims {
		if c.Quote == "" {
			errs.add(c.Pos, "claim %s %s %s has no quote: every claim needs the sentence that says so", c.Subject, c.Relation, c.Object)
		}
		checkQuote(c.Pos, c.Source, c.Quote)
		if c.Hedge != "" && !strings.Contains(normalizeSpace(c.Quote), normalizeSpace(c.Hedge)) {
			errs.add(c.Pos, "hedged %q: the words are not in the claim's quote", c.Hedge)
		}
		if (c.Certainty == graph.Attributed || c.Certainty == graph.Assessed) && c.By == "" {
			errs.add(c.Pos, "a claim that is %s needs `by ID`: who says so", c.Certainty)
		}
	}
}

// checkFacts requires a source and its quote for an event's date and figures:
// every fact is a statement of a source, with the sentence that gives it.
func checkFacts(e *EntityDef, errs *Errors) {
	var given []string
	if e.Date != nil {
		given = append(given, "date")
	}
	if e.Killed != nil {
		given = append(given, "killed")
	}
	if e.Injured != nil {
		given = append(given, "injured")
	}
	if e.Casualties != "" {
		given = append(given, "casualties")
	}
	switch {
	case e.Source == nil && (len(given) > 0 || len(e.Quotes) > 0):
		errs.add(e.Pos, "event %s gives %s before any `source` block: say which source gives it", e.ID, strings.Join(append(given, "quote")[:max(1, len(given))], ", "))
	case len(given) > 0 && len(e.Quotes) == 0 && (e.Date == nil || e.Date.Quote == ""):
		errs.add(e.Pos, "event %s gives %s under source %s with no `quote`: add the source's sentence that gives it", e.ID, strings.Join(given, ", "), e.Source.ID)
	}
}

func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func abbreviate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// splitWords splits a line into words, honouring double quotes and comments.
func splitWords(line string) ([]string, error) {
	var words []string
	var b strings.Builder
	inWord, inQuote := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case inQuote:
			switch c {
			case '\\':
				if i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\') {
					i++
					b.WriteByte(line[i])
				} else {
					b.WriteByte(c)
				}
			case '"':
				inQuote = false
			default:
				b.WriteByte(c)
			}
		case c == '"':
			inQuote, inWord = true, true
		case c == '#':
			i = len(line)
		case c == ' ' || c == '\t' || c == '\r':
			if inWord {
				words = append(words, b.String())
				b.Reset()
				inWord = false
			}
		default:
			inWord = true
			b.WriteByte(c)
		}
	}
	if inQuote {
		return nil, errors.New("unterminated quote")
	}
	if inWord {
		words = append(words, b.String())
	}
	return words, nil
}
