package extract

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/biter777/countries"

	"github.com/actorgraph/actorgraph/graph"
)

// The gazetteer: what extraction knows of place names from data made for
// it, the ISO 3166 country list of github.com/biter777/countries (names in
// their common and official forms, codes and capitals), rather than from
// lists of its own.

// countryCodes are the codes accepted as country names in running text:
// the others ("IS", "AL", "IT") are far more often words or other names.
var countryCodes = map[string]bool{"US": true, "USA": true, "UK": true, "UAE": true, "DRC": true}

// country returns the country a name names ("Russia", "Russian Federation",
// "US"), if any.
func country(name string) (countries.CountryCode, bool) {
	name = strings.TrimSpace(stripPossessive(name))
	if n := utf8.RuneCountInString(name); n < 4 && !countryCodes[name] || n > 60 {
		return countries.Unknown, false
	}
	if strings.ToLower(name) == name {
		return countries.Unknown, false // "chad", "jordan" in lower case are words
	}
	c, ok := byName(name)
	if !ok {
		return c, false
	}
	// The list also takes some demonyms ("Russian"): a word that a suffix
	// derives from another country name is a demonym, not a name.
	for _, stem := range demonymStems(name) {
		if sc, ok := byName(stem); ok && sc == c && stem != name {
			return countries.Unknown, false
		}
	}
	return c, true
}

func byName(name string) (countries.CountryCode, bool) {
	c := countries.ByName(name)
	return c, c != countries.Unknown && c.IsValid()
}

// capitals maps the NameKey of every capital to its country, made on
// first use (not in every process's start).
var capitals = sync.OnceValue(func() map[string]countries.CountryCode {
	m := map[string]countries.CountryCode{}
	for _, c := range countries.All() {
		cap := c.Capital()
		if cap == countries.CapitalUnknown {
			continue
		}
		if k := graph.NameKey(cap.String()); k != "" && k != "none" && k != "unknown" {
			m[k] = c
		}
	}
	return m
})

// capitalOf returns the country whose capital a name is ("Kyiv").
func capitalOf(name string) (countries.CountryCode, bool) {
	c, ok := capitals()[graph.NameKey(stripPossessive(name))]
	return c, ok
}

// irregularDemonyms are the demonyms no suffix rule derives from the
// country's name.
var irregularDemonyms = map[string]string{
	"French": "France", "Dutch": "Netherlands", "Swiss": "Switzerland", "Greek": "Greece", "Thai": "Thailand",
	"British": "United Kingdom", "Welsh": "United Kingdom", "Scottish": "United Kingdom", "Filipino": "Philippines",
	"Emirati": "United Arab Emirates", "Saudi": "Saudi Arabia", "Turkish": "Turkey", "Polish": "Poland", "Danish": "Denmark",
	"Swedish": "Sweden", "Finnish": "Finland", "Irish": "Ireland", "Spanish": "Spain", "Norwegian": "Norway",
	"Malagasy": "Madagascar", "Burmese": "Myanmar", "Peruvian": "Peru", "Belgian": "Belgium", "Cypriot": "Cyprus",
	"Congolese": "Congo", "Lebanese": "Lebanon", "Kazakh": "Kazakhstan", "American": "United States",
}

// demonym returns the country a demonym names ("Ukrainian", "Afghan",
// "Pakistani", "Chinese") and whether it is plural ("Russians"). The
// candidates are the country names English suffixes derive from the word,
// each checked against the country list.
func demonym(word string) (countries.CountryCode, bool, bool) {
	w := stripPossessive(word)
	if utf8.RuneCountInString(w) < 4 || strings.ToUpper(w) == w || strings.ToLower(w) == w {
		return countries.Unknown, false, false
	}
	try := func(w string) (countries.CountryCode, bool) {
		if n, ok := irregularDemonyms[w]; ok {
			return byName(n)
		}
		for _, cand := range demonymStems(w) {
			if c, ok := byName(cand); ok && cand != w && utf8.RuneCountInString(cand) >= 4 {
				return c, true
			}
		}
		return countries.Unknown, false
	}
	if c, ok := try(w); ok {
		return c, false, true
	}
	if strings.HasSuffix(w, "s") {
		if c, ok := try(strings.TrimSuffix(w, "s")); ok {
			return c, true, true
		}
	}
	return countries.Unknown, false, false
}

// demonymStems are the country names a demonym may come from.
func demonymStems(w string) []string {
	var out []string
	cut := func(suf string, adds ...string) {
		if s, ok := strings.CutSuffix(w, suf); ok && len(s) >= 3 {
			for _, a := range adds {
				out = append(out, s+a)
			}
		}
	}
	cut("ian", "ia", "", "e", "y") // Ukrainian → Ukraine, Iranian → Iran, Jordanian → Jordan
	cut("an", "a", "", "istan", "stan")
	cut("n", "")                  // Russian → Russia, Syrian → Syria
	cut("i", "")                  // Pakistani → Pakistan, Iraqi → Iraq, Israeli → Israel
	cut("ese", "a", "")           // Chinese → China, Sudanese → Sudan
	cut("ish", "", "ey")          // Kurdish, Turkish → Turkey
	cut("", "istan", "stan", "y") // Afghan → Afghanistan, German → Germany
	return out
}

// isoName is a country's ISO 3166 English name without its parenthesis
// ("Iran (Islamic Republic of)" → "Iran").
func isoName(c countries.CountryCode) string {
	n := c.String()
	if i := strings.Index(n, " ("); i > 0 {
		n = n[:i]
	}
	return n
}
