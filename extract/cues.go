package extract

import "github.com/actorgraph/actorgraph/graph"

// The cue words of extraction: the words by which a sentence shows an
// entity's type, a relation or a certainty. They belong to the extractor,
// not to the vocabulary: graph.Types and graph.Relations say what the types
// and relations mean; these lists say how English text tends to signal them.

// typeCueWords are the words that signal a type, used to guess the type of
// a name extraction does not know. A plain cue is a head word: a name that
// ends with it has the type ("Kerman province", "New Lines Institute",
// "Afghan civilians"); for an event type it is the noun that names the
// event ("attack", "drone strike"). A cue ending in ">" is a role word that
// comes before the name ("analyst> Kyle Orton", "told> Reuters"). Cues are
// matched case-sensitively when they start with a capital, else in any case.
var typeCueWords = []struct {
	typ   string
	words []string
}{
	{"armed-group", []string{"militants", "militia", "Front", "Brigade", "Brigades", "Movement", "insurgents", "jihadists", "rebels", "fighters", "Mujahideen", "Battalions"}},
	{"organisation", []string{"Institute", "Council", "Coalition", "coalition", "Organisation", "Organization", "Foundation", "Centre", "Center", "University", "Alliance", "Union", "Committee", "Agency", "elements", "Commission", "Bloc", "bloc", "Party", "party", "Partners", "Group", "Studies", "agency", "committee", "council", "League", "Association", "Society", "Network", "Brotherhood", "Company", "Corporation"}},
	{"media-outlet", []string{"told>", "News", "Times", "Post", "Press", "Television", "TV", "Radio", "Review", "Gazette", "Herald", "Journal", "Tribune"}},
	{"state", []string{"States", "Republic", "Kingdom", "Emirates"}},
	{"government-body", []string{"government", "Government", "administration", "Administration", "Ministry", "ministry", "Parliament", "Department", "authorities", "Directorate", "directorate", "Duma", "Assembly", "Cabinet", "Authority", "Office", "Court", "Prosecutor's"}},
	{"military-force", []string{"forces", "Forces", "troops", "army", "Army", "Navy", "Guard", "police", "Command", "Corps", "Division", "Battalion", "Regiment", "Police"}},
	{"person", []string{"analyst>", "Ambassador>", "ambassador>", "leader>", "President>", "president>", "Minister>", "spokesman>", "spokeswoman>", "spokesperson>", "director>", "commander>", "General>", "researcher>", "expert>", "Dr>", "Mr>", "Ms>", "Mrs>"}},
	{"population", []string{"civilians", "diaspora", "refugees", "detainees", "residents", "villagers", "migrants", "workers", "community", "minority", "tribe", "tribesmen", "clan", "farmers", "shepherds", "students", "pilgrims"}},
	{"region", []string{"province", "Province", "region", "Region", "district", "governorate", "Asia", "Europe", "Africa", "America", "East", "West", "Valley", "Mountains", "Desert", "Plain", "Basin", "Coast", "Strip", "Highlands", "Hills", "Peninsula", "Corridor", "valley", "mountains", "highlands"}},
	{"city", []string{"city", "City", "town", "capital", "village"}},
	{"facility", []string{"camp", "prison", "airport", "Airport", "Hall", "base", "hospital", "mosque", "embassy", "Stadium", "Square", "Centre", "Center", "Hotel", "market", "station", "crossing", "checkpoint", "bridge", "school", "barracks", "compound", "factory", "refinery", "dam", "church", "depot", "mine", "outpost", "consulate", "Base", "Barracks", "Bridge", "Market", "Station", "Crossing"}},
	{"attack", []string{"attack", "attacks", "massacre", "shooting", "raid", "assault"}},
	{"bombing", []string{"bombing", "bombings", "explosion", "blast", "suicide bombing", "car bomb", "bomb attack"}},
	{"bombardment", []string{"bombardment", "shelling", "airstrikes", "air strikes"}},
	{"drone-strike", []string{"drone strike", "drone strikes"}},
	{"prison-break", []string{"prison break", "jailbreak"}},
	{"campaign", []string{"campaign", "wave of", "series of attacks"}},
	{"withdrawal", []string{"withdrawal", "pullout", "pull-out"}},
	{"deployment", []string{"deployment", "troop deployment", "deployed"}},
	{"declaration", []string{"declaration", "proclamation", "declared", "ceasefire", "defence pact", "defense pact", "peace agreement", "peace deal", "treaty", "state of emergency"}},
	{"statement", []string{"statement", "communiqué", "communique", "audio message", "video message", "message of sympathy"}},
}

// relationCues are the words and phrases that signal a relation, in the
// order of the vocabulary: a sentence naming an actor before the cue and
// another after it proposes subject → object. A cue ending in "<" means the
// object comes before the subject in the sentence ("claimed by<", "leader<"
// in "Red Front leader Juan Perez"); where a longer cue of the same
// relation matches at the same place ("leader of"), the shorter one does
// not count. A cue starting with "-" is a suffix glued to the subject's
// name ("US-led coalition": US leads the coalition). A cue starting with
// "'" follows the first name directly ("Syria's Hasaka"). Cues are matched
// in any case, on word boundaries.
var relationCues = []struct {
	rel  string
	cues []string
}{
	{"affiliate-of", []string{"affiliate", "branch of", "province of", "wing of", "offshoot"}},
	{"part-of", []string{"part of", "node in", "province in", "component of"}},
	{"splinter-of", []string{"formed by", "split from", "splinter", "breakaway", "broke away from", "splinter group of", "breakaway faction of", "splintered from"}},
	{"leads", []string{"leader<", "leader of", "-led", "led by<", "heads", "head of", "chief of", "commander of", "commander<", "leads", "led", "headed", "commands", "commanded", "heads the", "chairs"}},
	{"member-of", []string{"member of", "director", "of the", "at the", "works for", "fellow", "fellow at", "joined", "worked for", "adviser to", "advisor to", "official of", "officer in"}},
	{"represents", []string{"ambassador<", "spokesman<", "spokesperson<", "envoy<", "representative<", "ambassador of", "spokesman for", "spokesperson for", "envoy of", "representative of"}},
	{"accredited-to", []string{"ambassador to", "envoy to"}},
	{"allied-with", []string{"ally", "allied", "alliance", "allied with", "ally of", "alliance with", "allies"}},
	{"cooperates-with", []string{"coordination between", "cooperation", "partner", "coordinate", "cooperate with", "cooperate", "cooperates with", "cooperated with", "cooperating with", "worked with", "working with", "coordinated with", "coordinates with", "collaborated with", "joint operations with"}},
	{"diplomatic-ties-with", []string{"diplomatic", "talks with", "talks between", "recognition", "ceasefire with", "truce with"}},
	{"backs", []string{"-backed", "backed by<", "supports", "sponsors", "funds", "arms", "backed", "financed", "funded", "supported", "backs", "finances", "backing", "supporting", "funding", "financing", "sponsored", "sponsoring", "supplied weapons to", "supplies weapons to", "armed and trained", "trained and armed"}},
	{"opposes", []string{"loathes", "hates", "enemy", "enemies", "opposes", "challenged", "undermine", "confront", "against", "hostile", "combat", "contain", "oppose", "opposed", "opposing", "hostility towards", "hostile to"}},
	{"rival-of", []string{"rival", "contest with", "compete", "competes with", "competing with", "competition with", "rivalry with", "rivals", "rivalry between", "competes", "competed with", "vie with", "vying with"}},
	{"fights", []string{"clashes", "fighting", "fought", "battle", "fight", "fights", "clashed with", "clashes with", "clashes between", "battled", "battling", "at war with", "fighting against"}},
	{"criticised", []string{"criticised", "criticized", "denounced", "condemned", "blamed", "condemns", "condemn", "denounces", "criticises", "criticizes", "accused", "accuses", "accusing", "criticising", "criticizing", "condemning", "denouncing"}},
	{"expressed-sympathy-to", []string{"sympathy", "condolences"}},
	{"threatens", []string{"threat to", "threaten", "threatens", "threatened", "danger to", "menace to", "threatening", "vowed to attack", "threatened to"}},
	{"perpetrated", []string{"behind", "responsible for", "carried out", "killed", "attack by", "militants", "staged", "responsible for the"}},
	{"claimed-responsibility-for", []string{"claimed by<", "claimed responsibility", "claimed", "claimed responsibility for", "took responsibility for", "claiming responsibility for"}},
	{"carried-out", []string{"withdrawal", "declared", "deployed", "statement", "withdrew"}},
	{"targeted", []string{"against", "targeting", "killed", "on"}},
	{"occurred-in", []string{"in", "at", "near", "on"}},
	{"located-in", []string{"in", "'s<", "near"}},
	{"historically-included", []string{"once included", "historical region"}},
	{"named-after", []string{"name derives from", "named after"}},
	{"based-in", []string{"based in", "in", "from"}},
	{"operates-in", []string{"active in", "operates in", "attacks in", "operating in", "active across", "operate in"}},
	{"controls-territory-in", []string{"held territory", "captured territory", "under its control", "controls"}},
	{"governs", []string{"government of", "governs", "rules over", "rule over", "in power in"}},
	{"deployed-to", []string{"troops in", "deployed", "presence in", "military presence", "deployed to", "sent troops to", "stationed in", "troops to"}},
	{"withdrew-from", []string{"withdrawal from", "withdrew from", "pulled out of", "withdrawn from", "pulled its troops out of", "pulled back from"}},
	{"demands-withdrawal-of", []string{"expelled", "expel", "pushing to", "demand", "to withdraw", "called for the withdrawal of", "demanded the withdrawal of", "calls for the withdrawal of"}},
	{"recruits-from", []string{"recruit", "recruits", "recruits from", "fighters from", "recruited from"}},
	{"detained-in", []string{"detainees", "detained", "prisons", "camps"}},
	{"assassinated", []string{"assassinated", "assassinate", "assassinating", "killed"}},
	{"bombed", []string{"bombardment", "bombed", "airstrikes", "destroyed"}},
}

// certaintyCues are the words by which a sentence shows how firmly it
// asserts what it says: "claimed by" gives Claimed; a speech verb next to a
// quotation or a name gives Attributed to that speaker; a verb of judgement
// ("X believes", "in X's view") gives Assessed by X. Reported needs no cue.
// Matched in any case on word boundaries.
var certaintyCues = map[graph.Certainty][]string{
	graph.Claimed:    {"claimed by", "claimed responsibility", "claimed the"},
	graph.Attributed: {"said", "says", "told", "added", "stated", "noted", "warned", "explained", "underlined", "stressed", "according to", "insisted", "wrote"},
	graph.Assessed:   {"believes", "believe", "view", "finds", "thinks", "argues", "assesses", "considers", "suspects", "judges"},
}
