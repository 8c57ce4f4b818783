package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// token is a word of a sentence: letters and digits, with inner dots and
// apostrophes ("U.S", "Taliban’s"). Hyphens and punctuation separate tokens.
type token struct {
	text       string
	start, end int  // byte offsets in the sentence
	hyphen     bool // glued to the previous token by a hyphen ("Iran-backed")
	cap        bool // starts with a capital letter
	upper      bool // all letters are capitals ("IS", "HTS")
}

func tokenize(s string) []token {
	var toks []token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				i += n
				continue
			}
			if r == '.' || r == '\'' || r == '’' {
				nr, _ := utf8.DecodeRuneInString(s[i+n:])
				if i+n < len(s) && unicode.IsLetter(nr) {
					i += n
					continue
				}
			}
			break
		}
		t := token{text: s[start:i], start: start, end: i}
		if start > 0 {
			pr, _ := utf8.DecodeLastRuneInString(s[:start])
			t.hyphen = pr == '-' || pr == '–'
			if t.hyphen && start >= 2 {
				ppr, _ := utf8.DecodeLastRuneInString(s[:start-1])
				t.hyphen = isWordRune(ppr)
			}
		}
		fr, _ := utf8.DecodeRuneInString(t.text)
		t.cap = unicode.IsUpper(fr)
		t.upper = t.cap && strings.ToUpper(t.text) == t.text && !strings.ContainsAny(t.text, "0123456789")
		toks = append(toks, t)
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// stripPossessive removes a final "'s" or "’s".
func stripPossessive(s string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) {
			return strings.TrimSuffix(s, suf)
		}
	}
	return s
}

// functionWords are capitalised at the start of a sentence but never names.
var functionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the in on at of to for from by with as and or but nor so yet if
		it its it's this that these those there here he she they we i you his her their our my your
		after before since when while where who what which why how despite although though because
		many some several most more much few all any each every no not one two three such
		four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred dozens
		however furthermore nevertheless consequently moreover meanwhile instead also still even
		today yesterday tomorrow now then thus hence indeed yes perhaps
		monday tuesday wednesday thursday friday saturday sunday`) {
		functionWords[w] = true
	}
	for _, m := range months {
		functionWords[strings.ToLower(m)] = true
	}
}

// connectors may sit inside a name between capitalised words
// ("Islamic State of Iraq", "Ayman al-Zawahiri", "Hayat Tahrir al-Sham").
var connectors = map[string]bool{"of": true, "al": true, "el": true, "bin": true, "ibn": true,
	"de": true, "du": true, "la": true, "le": true, "von": true, "van": true, "der": true, "abu": true}

// typeCue is a cue word of an entity type.
type typeCue struct {
	word   string
	typ    string
	before bool // a role word that comes before the name
}

func typeCues() []typeCue {
	var out []typeCue
	for _, t := range typeCueWords {
		for _, c := range t.words {
			tc := typeCue{word: c, typ: t.typ}
			if strings.HasSuffix(c, ">") {
				tc.word, tc.before = strings.TrimSuffix(c, ">"), true
			}
			out = append(out, tc)
		}
	}
	return out
}

func cueMatches(cue, word string) bool {
	fr, _ := utf8.DecodeRuneInString(cue)
	if unicode.IsUpper(fr) {
		return cue == word
	}
	return strings.EqualFold(cue, word)
}

// headType returns the non-event type whose head cue is word, if any.
func headType(word string, cues []typeCue) string {
	for _, c := range cues {
		if c.before || strings.Contains(c.word, " ") {
			continue
		}
		t, _ := graph.LookupType(c.typ)
		if t.Is(graph.KindEvent) {
			continue
		}
		if cueMatches(c.word, word) {
			return c.typ
		}
	}
	return ""
}

// roleType returns the type a role word before a name gives it.
func roleType(word string, cues []typeCue) string {
	if _, ok := titleRelations[strings.ToLower(word)]; ok {
		return "person"
	}
	for _, c := range cues {
		if c.before && cueMatches(c.word, word) {
			return c.typ
		}
	}
	return ""
}

// slug makes an ID from a name.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '.':
		default:
			if unicode.IsLetter(r) {
				b.WriteRune(fold(r))
				continue
			}
			dash = true
		}
	}
	s := b.String()
	if s == "" {
		s = "x"
	}
	return s
}

// fold maps a few accented letters to ASCII for IDs.
func fold(r rune) rune {
	const from, to = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy"
	fr := []rune(from)
	for i, c := range fr {
		if c == r {
			return []rune(to)[i]
		}
	}
	return '-'
}
