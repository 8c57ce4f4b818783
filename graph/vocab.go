package graph

import (
	"fmt"
	"sort"
	"strings"
)

// Kind groups entity types by what a node of that type can take part in.
type Kind uint8

// The kinds an entity type can have. A type may have several (a state is
// both an actor and a place).
const (
	KindActor Kind = 1 << iota
	KindPlace
	KindEvent
)

// Type is an entity type of the closed vocabulary: armed group, state,
// person, city, attack...
type Type struct {
	Name       string // slug used in the curated format and in IRIs (type:NAME)
	Label      string // readable name
	Kind       Kind
	Violent    bool   // an event type that has a perpetrator (attack, bombing...)
	Definition string // one sentence
}

// Is reports whether t has kind k.
func (t Type) Is(k Kind) bool { return t.Kind&k != 0 }

// Types is the closed list of entity types, in display order.
var Types = []Type{
	{Name: "armed-group", Label: "armed group", Kind: KindActor, Definition: "A non-state organisation that uses or threatens armed violence (IS, IS-K, the Taliban, Al-Qaeda)."},
	{Name: "organisation", Label: "organisation", Kind: KindActor, Definition: "A non-armed organisation, alliance or institution (NATO, a think tank, a coalition)."},
	{Name: "media-outlet", Label: "media outlet", Kind: KindActor, Definition: "A news organisation or publisher (The New Arab, Reuters, Amaq)."},
	{Name: "state", Label: "state", Kind: KindActor | KindPlace, Definition: "A sovereign state, both as a political actor and as a territory (Russia, Iran, Afghanistan)."},
	{Name: "government-body", Label: "government body", Kind: KindActor, Definition: "A government, ministry, administration or other organ of a state or de facto authority."},
	{Name: "military-force", Label: "military force", Kind: KindActor, Definition: "Armed forces or troops of a state or coalition (US troops, Syrian forces)."},
	{Name: "person", Label: "person", Kind: KindActor, Definition: "A named individual (a leader, an analyst, an ambassador)."},
	{Name: "population", Label: "population", Kind: KindActor, Definition: "An unorganised group of people named as such (a diaspora, civilians, detainees)."},
	{Name: "region", Label: "region", Kind: KindPlace, Definition: "A region, province or area larger or smaller than a state (Central Asia, Kerman province, northeast Syria)."},
	{Name: "city", Label: "city", Kind: KindPlace, Definition: "A city or town (Moscow, Kabul, Raqqa)."},
	{Name: "facility", Label: "facility", Kind: KindPlace, Definition: "A building, camp, prison, airport or other site (Crocus City Hall, Al-Hol camp)."},
	{Name: "attack", Label: "attack", Kind: KindEvent, Violent: true, Definition: "An armed attack or massacre."},
	{Name: "bombing", Label: "bombing", Kind: KindEvent, Violent: true, Definition: "An attack with explosives, including suicide bombings."},
	{Name: "bombardment", Label: "bombardment", Kind: KindEvent, Violent: true, Definition: "Shelling or aerial bombing by armed forces."},
	{Name: "drone-strike", Label: "drone strike", Kind: KindEvent, Violent: true, Definition: "A strike carried out by an armed drone."},
	{Name: "prison-break", Label: "prison break", Kind: KindEvent, Violent: true, Definition: "An attempt to free detainees by force."},
	{Name: "campaign", Label: "campaign", Kind: KindEvent, Violent: true, Definition: "A series of attacks or operations treated as one (a wave of plots, a year's attacks in a country)."},
	{Name: "withdrawal", Label: "withdrawal", Kind: KindEvent, Definition: "A withdrawal of troops or presence from a place."},
	{Name: "deployment", Label: "deployment", Kind: KindEvent, Definition: "A deployment of troops to a place."},
	{Name: "declaration", Label: "declaration", Kind: KindEvent, Definition: "A formal proclamation (a caliphate, a state of emergency)."},
	{Name: "statement", Label: "statement", Kind: KindEvent, Definition: "A public statement, communiqué or publication by an actor."},
	{Name: "defeat", Label: "defeat", Kind: KindEvent, Definition: "The defeat of an actor or the loss of the territory it held (the destruction of the caliphate)."},
}

// Certainty says how firmly a claim's source asserts it.
type Certainty string

// The certainty levels of a claim.
const (
	// Reported: the source states it as fact in its own voice.
	Reported Certainty = "reported"
	// Claimed: an actor claims it about itself (a claim of responsibility).
	Claimed Certainty = "claimed"
	// Attributed: the source reports someone else saying it (X said, told, according to X).
	Attributed Certainty = "attributed"
	// Assessed: an analyst's judgement or interpretation (X believes, in X's view).
	Assessed Certainty = "assessed"
)

// Certainties lists the certainty levels, firmest first.
var Certainties = []Certainty{Reported, Claimed, Attributed, Assessed}

// ParseCertainty checks that s names a certainty level.
func ParseCertainty(s string) (Certainty, error) {
	for _, c := range Certainties {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("%w %q (want one of %s)", ErrUnknownCertainty, s, joinCertainties())
}

func joinCertainties() string {
	names := make([]string, len(Certainties))
	for i, c := range Certainties {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// Relation is a predicate of the closed relation vocabulary.
type Relation struct {
	Name       string // slug used in the curated format and in IRIs (rel:NAME)
	Label      string // reads subject → object: "opposes"
	Inverse    string // reads object → subject: "is opposed by"
	Definition string
	Domain     Kind // kinds the subject may have
	Range      Kind // kinds the object may have
	// DomainTypes and RangeTypes narrow Domain and Range to named types when set.
	DomainTypes []string
	RangeTypes  []string
	Symmetric   bool
	// SameKind: subject and object must share a kind (actor and actor, or
	// event and event), for a relation whose domain and range allow both.
	SameKind bool
	CAMEO    string // CAMEO event code, when one corresponds
	PLOVER   string // PLOVER event category (and mode), when one corresponds
}

// Relations is the closed relation vocabulary.
var Relations = []Relation{
	{Name: "affiliate-of", Label: "is an affiliate of", Inverse: "has affiliate", Domain: KindActor, Range: KindActor,
		Definition: "The subject is a branch, province or franchise of the object and shares its name or allegiance.",
	},
	{Name: "part-of", Label: "is part of", Inverse: "includes", Domain: KindActor | KindEvent, Range: KindActor | KindEvent, SameKind: true,
		Definition: "The subject is a component of the object: an organisational one (a unit of an army, a node of a network), or an event within a larger one (an attack within a campaign).",
	},
	{Name: "splinter-of", Label: "was formed from", Inverse: "gave rise to", Domain: KindActor, Range: KindActor,
		Definition: "The subject was formed by defectors or members who left the object.",
	},
	{Name: "leads", Label: "leads", Inverse: "is led by", Domain: KindActor, Range: KindActor,
		Definition: "The subject leads or commands the object.",
	},
	{Name: "member-of", Label: "is a member of", Inverse: "has member", Domain: KindActor, Range: KindActor,
		Definition: "The subject (a person or group) belongs to or works for the object.",
	},
	{Name: "represents", Label: "represents", Inverse: "is represented by", Domain: KindActor, DomainTypes: []string{"person"}, Range: KindActor,
		Definition: "The subject speaks for or officially represents the object (an ambassador, a spokesperson).",
	},
	{Name: "accredited-to", Label: "is accredited to", Inverse: "hosts envoy", Domain: KindActor, DomainTypes: []string{"person"}, Range: KindActor | KindPlace,
		Definition: "The subject is a diplomat posted to the object.",
	},
	{Name: "allied-with", Label: "is allied with", Inverse: "is allied with", Domain: KindActor, Range: KindActor, Symmetric: true,
		CAMEO: "062", PLOVER: "COOPERATE", Definition: "The two actors cooperate militarily or politically as allies.",
	},
	{Name: "cooperates-with", Label: "cooperates with", Inverse: "cooperates with", Domain: KindActor, Range: KindActor, Symmetric: true,
		CAMEO: "06", PLOVER: "COOPERATE", Definition: "The two actors coordinate on some matter (counterterrorism, security) without being allies.",
	},
	{Name: "diplomatic-ties-with", Label: "has diplomatic ties with", Inverse: "has diplomatic ties with", Domain: KindActor, Range: KindActor, Symmetric: true,
		CAMEO: "05", PLOVER: "CONSULT", Definition: "The two actors engage diplomatically (talks, recognition, diplomatic advances).",
	},
	{Name: "backs", Label: "backs", Inverse: "is backed by", Domain: KindActor, Range: KindActor,
		CAMEO: "07", PLOVER: "AID", Definition: "The subject gives material or political support to the object.",
	},
	{Name: "opposes", Label: "opposes", Inverse: "is opposed by", Domain: KindActor, Range: KindActor,
		CAMEO: "11", PLOVER: "ACCUSE", Definition: "The subject is hostile to the object: enmity, hatred, challenge or a stated aim to undermine it.",
	},
	{Name: "rival-of", Label: "is a rival of", Inverse: "is a rival of", Domain: KindActor, Range: KindActor, Symmetric: true,
		Definition: "The two actors compete for the same constituency, territory or leadership.",
	},
	{Name: "fights", Label: "fights", Inverse: "fights", Domain: KindActor, Range: KindActor, Symmetric: true,
		CAMEO: "19", PLOVER: "ASSAULT", Definition: "The two actors are engaged in armed clashes.",
	},
	{Name: "criticised", Label: "criticised", Inverse: "was criticised by", Domain: KindActor, Range: KindActor | KindEvent,
		CAMEO: "111", PLOVER: "ACCUSE", Definition: "The subject publicly criticised or denounced the object (an actor, or what it did: a withdrawal, an attack).",
	},
	{Name: "expressed-sympathy-to", Label: "expressed sympathy to", Inverse: "received sympathy from", Domain: KindActor, Range: KindActor,
		CAMEO: "018", Definition: "The subject publicly expressed sympathy or condolences to the object.",
	},
	{Name: "threatens", Label: "threatens", Inverse: "is threatened by", Domain: KindActor, Range: KindActor | KindPlace,
		CAMEO: "13", PLOVER: "THREATEN", Definition: "The subject poses or issues a threat to the object.",
	},
	{Name: "perpetrated", Label: "perpetrated", Inverse: "was perpetrated by", Domain: KindActor, Range: KindEvent, RangeTypes: violentTypes(),
		CAMEO: "18", PLOVER: "ASSAULT", Definition: "The subject carried out the violent event (attack, bombing, strike, prison break).",
	},
	{Name: "claimed-responsibility-for", Label: "claimed responsibility for", Inverse: "was claimed by", Domain: KindActor, Range: KindEvent,
		CAMEO: "015", Definition: "The subject publicly claimed the event as its own.",
	},
	{Name: "carried-out", Label: "carried out", Inverse: "was carried out by", Domain: KindActor, Range: KindEvent,
		Definition: "The subject carried out a non-violent event (a withdrawal, a deployment, a declaration, a statement).",
	},
	{Name: "took-part-in", Label: "took part in", Inverse: "had as participant", Domain: KindActor, Range: KindEvent,
		Definition: "The subject was one of the parties to the event, with no direction said (ACLED's actor1 and actor2)."},
	{Name: "targeted", Label: "targeted", Inverse: "was targeted by", Domain: KindEvent, Range: KindActor | KindPlace,
		CAMEO: "", PLOVER: "ASSAULT", Definition: "The event was directed against the object (its victims, its target).",
	},
	{Name: "occurred-in", Label: "occurred in", Inverse: "was the scene of", Domain: KindEvent, Range: KindPlace,
		Definition: "The event took place in the object place.",
	},
	{Name: "located-in", Label: "is located in", Inverse: "contains", Domain: KindPlace, Range: KindPlace,
		Definition: "The subject place lies within the object place.",
	},
	{Name: "historically-included", Label: "historically included", Inverse: "was historically part of", Domain: KindPlace, Range: KindPlace,
		Definition: "The subject (a historical region) once included all or part of the object.",
	},
	{Name: "named-after", Label: "is named after", Inverse: "gives its name to", Domain: KindActor, Range: KindPlace,
		Definition: "The subject's name derives from the object.",
	},
	{Name: "based-in", Label: "is based in", Inverse: "hosts", Domain: KindActor, Range: KindPlace,
		Definition: "The subject has its seat, headquarters or home in the object.",
	},
	{Name: "operates-in", Label: "operates in", Inverse: "has operations of", Domain: KindActor, Range: KindPlace,
		Definition: "The subject is active (fights, recruits, mounts attacks) in the object.",
	},
	{Name: "controls-territory-in", Label: "controlled territory in", Inverse: "had territory controlled by", Domain: KindActor, Range: KindPlace,
		Definition: "The subject held territory in the object (use valid-from / valid-until).",
	},
	{Name: "governs", Label: "governs", Inverse: "is governed by", Domain: KindActor, Range: KindPlace,
		Definition: "The subject is the (de facto) government of the object.",
	},
	{Name: "deployed-to", Label: "has troops in", Inverse: "hosts troops of", Domain: KindActor, Range: KindPlace,
		CAMEO: "15", PLOVER: "MOBILIZE", Definition: "The subject has troops deployed in the object.",
	},
	{Name: "withdrew-from", Label: "withdrew from", Inverse: "saw withdrawal of", Domain: KindActor, Range: KindPlace,
		CAMEO: "0874", PLOVER: "RETREAT", Definition: "The subject withdrew its troops or presence from the object.",
	},
	{Name: "demands-withdrawal-of", Label: "demands the withdrawal of", Inverse: "is asked to withdraw by", Domain: KindActor, Range: KindActor,
		CAMEO: "10", PLOVER: "REQUEST", Definition: "The subject presses for the object's forces to leave or be expelled.",
	},
	{Name: "recruits-from", Label: "recruits from", Inverse: "is a recruiting pool for", Domain: KindActor, Range: KindActor | KindPlace,
		Definition: "The subject draws members from the object population or place.",
	},
	{Name: "detained-in", Label: "has members detained in", Inverse: "holds members of", Domain: KindActor, Range: KindPlace,
		Definition: "Members of the subject are held in the object camp, prison or place.",
	},
	{Name: "assassinated", Label: "assassinated", Inverse: "was assassinated by", Domain: KindActor, Range: KindActor, RangeTypes: []string{"person"},
		CAMEO: "186", PLOVER: "ASSAULT", Definition: "The subject killed the object person in a targeted killing.",
	},
	{Name: "bombed", Label: "bombed", Inverse: "was bombed by", Domain: KindActor, Range: KindPlace | KindActor,
		CAMEO: "195", PLOVER: "ASSAULT", Definition: "The subject carried out bombardment of the object.",
	},
	// Relations without extraction cues (extraction keeps its own cue lists).
	{Name: "facilitated", Label: "facilitated", Inverse: "was facilitated by", Domain: KindActor, Range: KindEvent, RangeTypes: violentTypes(),
		Definition: "The subject helped others plan or carry out the violent event (guidance, training, money, weapons) and is not said to have carried it out itself."},
	{Name: "directed", Label: "directed", Inverse: "was directed by", Domain: KindActor, Range: KindEvent, RangeTypes: violentTypes(),
		Definition: "The subject ordered or commanded the violent event that others carried out."},
	{Name: "inspired", Label: "inspired", Inverse: "was inspired by", Domain: KindActor, Range: KindEvent, RangeTypes: violentTypes(),
		Definition: "The subject's propaganda, calls or example moved others to carry out the violent event, without its direction or help."},
	{Name: "empowered-by", Label: "was empowered by", Inverse: "empowered", Domain: KindActor, Range: KindActor | KindEvent,
		Definition: "The subject gained strength, members or room to act from the object: an event (a withdrawal) or an actor."},
	{Name: "glorified", Label: "glorified", Inverse: "was glorified by", Domain: KindActor, Range: KindActor | KindEvent,
		CAMEO: "051", PLOVER: "SUPPORT", Definition: "The subject publicly praised or glorified the object: an event (an attack) or an actor."},
	{Name: "spoke-to", Label: "spoke to", Inverse: "quoted", Domain: KindActor, DomainTypes: []string{"person"}, Range: KindActor, RangeTypes: []string{"media-outlet"},
		CAMEO: "010", Definition: "The subject gave the object media outlet the words a source quotes (an interview, comments, a statement)."},
	{Name: "occurred-near", Label: "occurred near", Inverse: "was near the scene of", Domain: KindEvent, Range: KindPlace,
		Definition: "The event took place near the object place, not in it (in the desert near a city)."},
	{Name: "present-in", Label: "has a presence in", Inverse: "hosts a presence of", Domain: KindActor, Range: KindPlace,
		Definition: "The subject has some presence in the object of a kind the source does not say (troops, bases, diplomats, aid); use deployed-to when it says troops."},
	{Name: "founded-with-members-from", Label: "was founded with members from", Inverse: "gave founding members to", Domain: KindActor, Range: KindActor | KindPlace,
		Definition: "The subject was formed by people who came from the object group, state or region: its founders' origins, not later recruitment (use recruits-from for that)."},
}

func violentTypes() []string {
	var names []string
	for _, t := range Types {
		if t.Violent {
			names = append(names, t.Name)
		}
	}
	return names
}

var (
	typeByName     = map[string]*Type{}
	relationByName = map[string]*Relation{}
	relationIndex  = map[string]int{}
)

func init() {
	for i := range Types {
		typeByName[Types[i].Name] = &Types[i]
	}
	for i := range Relations {
		relationByName[Relations[i].Name] = &Relations[i]
		relationIndex[Relations[i].Name] = i
	}
}

// LookupType returns the entity type named name.
func LookupType(name string) (Type, error) {
	if t, ok := typeByName[name]; ok {
		return *t, nil
	}
	return Type{}, fmt.Errorf("%w %q (want one of %s)", ErrUnknownType, name, strings.Join(TypeNames(), ", "))
}

// LookupRelation returns the relation named name. Underscores and case are
// forgiven ("claimed_responsibility_for" finds claimed-responsibility-for).
func LookupRelation(name string) (Relation, error) {
	n := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "_", "-"))
	if r, ok := relationByName[n]; ok {
		return *r, nil
	}
	return Relation{}, fmt.Errorf("%w %q (the vocabulary: %s)", ErrUnknownRelation, name, strings.Join(RelationNames(), ", "))
}

// TypeNames lists the type names in vocabulary order.
func TypeNames() []string {
	names := make([]string, len(Types))
	for i, t := range Types {
		names[i] = t.Name
	}
	return names
}

// RelationNames lists the relation names, sorted.
func RelationNames() []string {
	names := make([]string, len(Relations))
	for i, r := range Relations {
		names[i] = r.Name
	}
	sort.Strings(names)
	return names
}

// Accepts reports whether the relation may link a subject of type subj to an
// object of type obj, and if not, why.
func (r Relation) Accepts(subj, obj Type) error {
	if err := fits(subj, r.Domain, r.DomainTypes); err != nil {
		return fmt.Errorf("%w: %s cannot be the subject of %s (%v)", ErrTypeMismatch, subj.Label, r.Name, err)
	}
	if err := fits(obj, r.Range, r.RangeTypes); err != nil {
		return fmt.Errorf("%w: %s cannot be the object of %s (%v)", ErrTypeMismatch, obj.Label, r.Name, err)
	}
	if r.SameKind && subj.Kind&obj.Kind&(KindActor|KindEvent) == 0 {
		return fmt.Errorf("%w: %s and %s: %s links an actor to an actor or an event to an event", ErrTypeMismatch, subj.Label, obj.Label, r.Name)
	}
	return nil
}

func fits(t Type, k Kind, names []string) error {
	if len(names) > 0 {
		for _, n := range names {
			if n == t.Name {
				return nil
			}
		}
		return fmt.Errorf("want %s", strings.Join(names, " or "))
	}
	if !t.Is(k) {
		return fmt.Errorf("want %s", kindNames(k))
	}
	return nil
}

func kindNames(k Kind) string {
	var parts []string
	if k&KindActor != 0 {
		parts = append(parts, "an actor")
	}
	if k&KindPlace != 0 {
		parts = append(parts, "a place")
	}
	if k&KindEvent != 0 {
		parts = append(parts, "an event")
	}
	return strings.Join(parts, " or ")
}
