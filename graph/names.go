package graph

import (
	"sort"
	"strings"
	"unicode"
)

// NameKey normalises a name for lookup: case, punctuation, a leading "the",
// a possessive "'s" and typographic dashes and quotes do not matter, so
// "IS-K", "is k", "IS–K's" and "Is-K" all find the same actor.
func NameKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("’", "'", "‘", "'", "–", "-", "—", "-").Replace(s)
	s = strings.TrimSuffix(s, "'s")
	s = strings.TrimSuffix(s, "'")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '.' || r == '\'':
			// U.S. → us, Qaeda's → qaedas is avoided above; dots join.
		default:
			space = true
		}
	}
	k := b.String()
	k = strings.TrimPrefix(k, "the ")
	return k
}

// similarity scores how close a typed name is to a known key, in [0,1].
func similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	if a == "" || b == "" {
		return 0
	}
	if strings.HasPrefix(b, a) || strings.Contains(b, " "+a) {
		return 0.9
	}
	return EditSimilarity(a, b)
}

// EditSimilarity is 1 minus the Levenshtein distance between a and b over
// the length of the longer, in runes: 1 for equal strings, 0 for nothing in
// common. Extraction uses it to spot a near-match of a known name.
func EditSimilarity(a, b string) float64 {
	n := max(len([]rune(a)), len([]rune(b)))
	if n == 0 {
		return 1
	}
	return 1 - float64(levenshtein(a, b))/float64(n)
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Closest returns up to n of the candidates closest to want, best first.
func Closest(want string, candidates []string, n int) []string {
	w := NameKey(want)
	type cand struct {
		s     string
		score float64
	}
	var cs []cand
	for _, c := range candidates {
		if sc := similarity(w, NameKey(c)); sc >= 0.5 {
			cs = append(cs, cand{c, sc})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	var out []string
	for _, c := range cs {
		if len(out) == n {
			break
		}
		out = append(out, c.s)
	}
	return out
}
