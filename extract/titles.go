package extract

import "strings"

// Titles and roles: the words that, before a name ("President Vladimir
// Putin", "Mayor Sergei Sobyanin") or in apposition after it ("X, the
// deputy chairman of Y's Security Council,"), say that the name is a
// person's and which office the person holds.

// titleRelations maps a title to the relation from its holder to the body
// or place of the office ("" when the title names no office: an analyst).
// Multi-word titles are listed by their words joined with a space.
var titleRelations = map[string]string{
	"president": "leads", "prime minister": "leads", "premier": "leads", "chancellor": "leads", "king": "leads",
	"queen": "leads", "emir": "leads", "prince": "", "sheikh": "", "leader": "leads", "supreme leader": "leads",
	"chairman": "leads", "chairwoman": "leads", "chair": "leads", "head": "leads", "chief": "leads",
	"commander": "leads", "director": "leads", "secretary general": "leads", "secretary-general": "leads",
	"mayor": "governs", "governor": "governs",
	"minister": "member-of", "secretary": "member-of", "official": "member-of", "senator": "member-of",
	"general": "member-of", "colonel": "member-of", "lieutenant": "member-of", "captain": "member-of",
	"judge": "member-of", "prosecutor": "member-of", "lawmaker": "member-of", "deputy": "member-of",
	"spokesman": "represents", "spokeswoman": "represents", "spokesperson": "represents",
	"ambassador": "represents", "envoy": "represents", "representative": "represents",
	"analyst": "", "researcher": "", "expert": "", "professor": "", "journalist": "", "correspondent": "",
	"ayatollah": "", "imam": "", "cleric": "",
}

// titleModifiers come before a title and keep it a title ("deputy
// chairman", "foreign minister"); deputies hold a seat, not the lead.
var titleModifiers = map[string]bool{
	"deputy": true, "vice": true, "acting": true, "former": true, "first": true, "assistant": true, "senior": true,
	"foreign": true, "defence": true, "defense": true, "interior": true, "finance": true, "justice": true,
	"security": true, "intelligence": true, "military": true, "top": true, "chief": true,
}

// title is a title read at some tokens of a sentence.
type title struct {
	from, to int    // token range
	core     string // the title without modifiers ("chairman", "prime minister")
	rel      string // relation from the holder to the office's body or place
	deputy   bool   // deputy, vice, assistant: a seat, not the lead
	former   bool
}

// titleAt reads a title starting at token i: modifiers, then a title word
// (or a two-word title). ok is false when none starts there.
func titleAt(toks []token, i int) (title, bool) {
	t := title{from: i}
	k := i
	for ; k < len(toks); k++ {
		w := strings.ToLower(toks[k].text)
		if k+1 < len(toks) {
			two := w + " " + strings.ToLower(toks[k+1].text)
			if rel, ok := titleRelations[two]; ok {
				t.core, t.rel, t.to = two, rel, k+2
				break
			}
		}
		if rel, ok := titleRelations[w]; ok && !(titleModifiers[w] && k+1 < len(toks) && isTitleWord(toks[k+1].text)) {
			t.core, t.rel, t.to = w, rel, k+1
			break
		}
		if !titleModifiers[w] {
			return title{}, false
		}
		switch w {
		case "deputy", "vice", "assistant":
			t.deputy = true
		case "former":
			t.former = true
		}
	}
	if t.core == "" {
		return title{}, false
	}
	if t.deputy && t.rel == "leads" {
		t.rel = "member-of"
	}
	return t, true
}

// isTitleWord reports whether a word is a title or a modifier of one.
func isTitleWord(w string) bool {
	w = strings.ToLower(w)
	_, ok := titleRelations[w]
	return ok || titleModifiers[w]
}

// isTitleStart reports whether a title (with its modifiers) starts at
// token i: such a word never starts a name ("Foreign Minister Sergei
// Lavrov" names Sergei Lavrov).
func isTitleStart(toks []token, i int) bool {
	_, ok := titleAt(toks, i)
	return ok
}
