package extract

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// Sentence is one sentence of the text with its place in it.
type Sentence struct {
	Text      string // exactly as in the text
	Para      int    // paragraph number, from 0
	Heading   bool   // a line without final punctuation (a heading)
	InQuote   bool   // the sentence is (part of) a direct quotation
	QuoteOpen bool   // the paragraph opens with a quotation mark
}

var (
	tagRE    = regexp.MustCompile(`(?s)<(script|style)[^>]*>.*?</(script|style)>|<[^>]+>`)
	blockRE  = regexp.MustCompile(`(?i)</?(p|div|br|h[1-6]|li|tr|blockquote)[^>]*>`)
	spacesRE = regexp.MustCompile(`[ \t]+`)
)

// StripHTML turns HTML into plain text, one paragraph per block element. Text
// that does not look like HTML is returned unchanged.
func StripHTML(s string) string {
	if !strings.Contains(s, "</") && !strings.Contains(s, "<br") {
		return s
	}
	s = blockRE.ReplaceAllString(s, "\n")
	s = tagRE.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(spacesRE.ReplaceAllString(l, " ")); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// months are the month names, for dates and for telling a full stop after
// a day from the end of a sentence.
var months = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

func monthNumber(w string) int {
	for i, m := range months {
		if strings.EqualFold(w, m) || (len(w) >= 3 && strings.EqualFold(w, m[:3])) {
			return i + 1
		}
	}
	return 0
}

// abbreviations never end a sentence when followed by a full stop.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "st": true, "no": true, "vs": true, "etc": false,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "e.g": true, "i.e": true,
	"approx": true, "est": true, "govt": true, "inc": true, "ltd": true, "co": true, "jr": true, "sr": true,
}

const openQuotes = "\"“‘"
const closeQuotes = "\"”’"

// Split splits text into paragraphs (lines) and sentences. A full stop does
// not end a sentence after an abbreviation ("Dr."), an initial ("J."), inside
// a dotted acronym ("U.S."), or when the next word starts in lower case or
// with a digit; a closing quotation mark after the stop belongs to the
// sentence.
func Split(text string) []Sentence {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []Sentence
	para := 0
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(line, closeQuotes))
		heading := !strings.ContainsRune(".!?:,;", last) && len(strings.Fields(line)) <= 8 && !strings.ContainsAny(line[:1], openQuotes)
		quoteOpen := strings.ContainsAny(string([]rune(line)[0]), openQuotes)
		for _, s := range splitLine(line) {
			out = append(out, Sentence{Text: s, Para: para, Heading: heading, QuoteOpen: quoteOpen})
		}
		para++
	}
	markQuotes(out)
	return out
}

func splitLine(line string) []string {
	var out []string
	start := 0
	rs := []rune(line)
	// offsets[i] is the byte offset of rs[i], read from the string itself:
	// an invalid byte becomes one U+FFFD rune of three bytes, but is one
	// byte in line (found by FuzzSplit).
	offsets := make([]int, 0, len(rs)+1)
	for pos := range line {
		offsets = append(offsets, pos)
	}
	offsets = append(offsets, len(line))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune(closeQuotes+")", rs[j]) {
			j++
		}
		if j < len(rs) && rs[j] != ' ' {
			continue // "U.S.", "3.5", "e.g."
		}
		if j == len(rs) {
			break
		}
		k := j
		for k < len(rs) && rs[k] == ' ' {
			k++
		}
		if k == len(rs) {
			break
		}
		next := rs[k]
		if strings.ContainsRune(openQuotes, next) && k+1 < len(rs) {
			next = rs[k+1]
		}
		if !unicode.IsUpper(next) {
			continue // "... Mr. smith", "3 p.m. on"
		}
		if r == '.' {
			w := wordBefore(rs, i)
			lw := strings.ToLower(w)
			if abbreviations[lw] || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0])) || strings.Contains(w, ".") {
				continue // "Dr. Orton", "J. Smith", "U.S. Army"
			}
		}
		out = append(out, strings.TrimSpace(line[offsets[start]:offsets[j]]))
		start = k
		i = k - 1
	}
	if rest := strings.TrimSpace(line[offsets[start]:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func wordBefore(rs []rune, i int) string {
	j := i
	for j > 0 && (unicode.IsLetter(rs[j-1]) || rs[j-1] == '.') {
		j--
	}
	return string(rs[j:i])
}

// markQuotes flags the sentences that lie inside quotation marks: a
// paragraph that opens with a quotation mark is quoted up to the mark that
// closes it.
func markQuotes(ss []Sentence) {
	open := false
	para := -1
	for i := range ss {
		if ss[i].Para != para {
			para = ss[i].Para
			open = false
		}
		t := ss[i].Text
		ss[i].InQuote = open || strings.ContainsAny(string([]rune(t)[0]), openQuotes)
		for _, r := range t {
			switch r {
			case '“':
				open = true
			case '”':
				open = false
			case '"':
				open = !open
			}
		}
	}
}

// QuoteText is the part of a sentence to quote as evidence: the sentence,
// or for a direct quotation the words quoted, without the quotation marks
// and the attribution after them (“We will stay,” she said. → We will
// stay). It is always a verbatim part of the sentence.
func QuoteText(s string) string {
	t := strings.TrimSpace(s)
	r, n := utf8.DecodeRuneInString(t)
	if n == 0 || !strings.ContainsRune(openQuotes, r) || r == '‘' {
		return s
	}
	inner := t[n:]
	// The first closing mark followed by the end or by an attribution.
	for i, c := range inner {
		if c != '”' && c != '"' {
			continue
		}
		rest := strings.TrimSpace(inner[i+utf8.RuneLen(c):])
		if rest != "" && !strings.HasPrefix(rest, ",") && !hasCue(rest, certaintyCues[graph.Attributed]) {
			continue
		}
		q := strings.TrimRight(strings.TrimSpace(inner[:i]), ",")
		if q == "" {
			return s
		}
		return q
	}
	if !strings.ContainsAny(inner, "”\"") {
		return strings.TrimSpace(inner)
	}
	return s
}

// lowerASCII lowers the ASCII letters of s only, so that every byte offset
// of s is an offset of the result (strings.ToLower may change the length
// of invalid or non-ASCII text).
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
