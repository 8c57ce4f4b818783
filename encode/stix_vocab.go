package encode

import (
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// regionOV maps region names to the STIX 2.1 region-ov values. The Middle
// East has no value of its own: it is Western Asia.
var regionOV = map[string]string{
	"africa": "africa", "eastern africa": "eastern-africa", "middle africa": "middle-africa",
	"northern africa": "northern-africa", "north africa": "northern-africa", "southern africa": "southern-africa",
	"western africa": "western-africa", "west africa": "western-africa",
	"americas": "americas", "caribbean": "caribbean", "central america": "central-america",
	"latin america": "latin-america-caribbean", "northern america": "northern-america",
	"north america": "northern-america", "south america": "south-america",
	"asia": "asia", "central asia": "central-asia", "eastern asia": "eastern-asia", "east asia": "eastern-asia",
	"southern asia": "southern-asia", "south asia": "southern-asia", "south-eastern asia": "south-eastern-asia",
	"southeast asia": "south-eastern-asia", "western asia": "western-asia", "middle east": "western-asia",
	"europe": "europe", "eastern europe": "eastern-europe", "northern europe": "northern-europe",
	"southern europe": "southern-europe", "western europe": "western-europe",
	"oceania": "oceania", "antarctica": "antarctica", "australia and new zealand": "australia-new-zealand",
	"melanesia": "melanesia", "micronesia": "micronesia", "polynesia": "polynesia",
}

// RegionOV lists the STIX 2.1 region-ov values.
func RegionOV() []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range regionOV {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// countryCodes maps English country names (lower case) to ISO 3166-1
// alpha-2 codes, from the CLDR data of golang.org/x/text.
var countryCodes = sync.OnceValue(func() map[string]string {
	names := display.English.Regions()
	out := map[string]string{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() || r.Canonicalize().String() != string([]rune{a, b}) {
				continue // not assigned, or an alias (UK for GB)
			}
			if n := names.Name(r); n != "" {
				out[strings.ToLower(n)] = r.String()
			}
		}
	}
	return out
})

// countryCode is the ISO code of a state, by its name or an alias.
func countryCode(e graph.Entity) string {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if c, ok := countryCodes()[strings.ToLower(n)]; ok {
			return c
		}
	}
	return ""
}

// CountryName is the English name of an assigned ISO 3166-1 alpha-2 code,
// or "".
func CountryName(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() || r.Canonicalize().String() != code {
		return ""
	}
	return display.English.Regions().Name(r)
}
