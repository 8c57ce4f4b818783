package graph

import (
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
)

// IRI prefixes of actorgraph's node and predicate names. Every IRI has one of
// these schemes, so node kinds never collide and stay readable in Gizmo:
// g.V("<ag:iskp>").out("<rel:opposes>").
const (
	EntityPrefix   = "ag:"    // actors, places, events: <ag:iskp>
	RelationPrefix = "rel:"   // relation predicates: <rel:opposes>
	PropPrefix     = "prop:"  // attribute predicates: <prop:name>
	TypePrefix     = "type:"  // entity types: <type:armed-group>
	ClaimPrefix    = "claim:" // claims (quad labels): <claim:SOURCE/S.R.O>
	SourcePrefix   = "src:"   // source documents: <src:SOURCE>
	DenialPrefix   = "deny:"  // a relation a source denies: <deny:perpetrated>
	DecisionPrefix = "same:"  // an analyst's same-as decision (quad label): <same:a=b>
)

// Attribute predicates.
var (
	PropType      = quad.IRI(PropPrefix + "type")
	PropName      = quad.IRI(PropPrefix + "name")
	PropAlias     = quad.IRI(PropPrefix + "alias")
	PropKey       = quad.IRI(PropPrefix + "key") // normalised name or alias: the name index
	PropNote      = quad.IRI(PropPrefix + "note")
	PropDate      = quad.IRI(PropPrefix + "date")
	PropPrecision = quad.IRI(PropPrefix + "date-precision")
	// A date's bounds, anchor and cue (graph.Date.Props writes them).
	PropDateNotBefore = quad.IRI(PropPrefix + "date-not-before")
	PropDateNotAfter  = quad.IRI(PropPrefix + "date-not-after")
	PropDateAfter     = quad.IRI(PropPrefix + "date-after")      // <ag:EVENT> this one came after
	PropDateAfterDays = quad.IRI(PropPrefix + "date-after-days") // how many days after it
	PropDateCue       = quad.IRI(PropPrefix + "date-cue")
	PropDateQuote     = quad.IRI(PropPrefix + "date-quote")
	PropKilled        = quad.IRI(PropPrefix + "killed")
	PropKilledQ       = quad.IRI(PropPrefix + "killed-qualifier")
	PropInjured       = quad.IRI(PropPrefix + "injured")
	PropInjuredQ      = quad.IRI(PropPrefix + "injured-qualifier")
	PropCasualties    = quad.IRI(PropPrefix + "casualties")
	PropQuote         = quad.IRI(PropPrefix + "quote")
	PropSource        = quad.IRI(PropPrefix + "source")
	PropCertainty     = quad.IRI(PropPrefix + "certainty")
	PropAssertedBy    = quad.IRI(PropPrefix + "asserted-by")
	PropValidFrom     = quad.IRI(PropPrefix + "valid-from")
	PropValidUntil    = quad.IRI(PropPrefix + "valid-until")
	PropHedge         = quad.IRI(PropPrefix + "hedge") // the words that make a claim hedged or hypothetical
	PropTitle         = quad.IRI(PropPrefix + "title")
	PropPublisher     = quad.IRI(PropPrefix + "publisher")
	PropPublished     = quad.IRI(PropPrefix + "published")
	PropURL           = quad.IRI(PropPrefix + "url")
	// Provenance of entities: which sources define or mention a node.
	PropDefinedIn   = quad.IRI(PropPrefix + "defined-in")   // an actor/event block under the source
	PropMentionedIn = quad.IRI(PropPrefix + "mentioned-in") // a claim of the source names the node
	// Identity decisions (merge): <ag:a> <prop:same-as> <ag:b> <same:a=b>.
	PropSameAs    = quad.IRI(PropPrefix + "same-as")
	PropWhy       = quad.IRI(PropPrefix + "why")
	PropDecidedBy = quad.IRI(PropPrefix + "decided-by")
	PropDecidedAt = quad.IRI(PropPrefix + "decided-at")
)

// TypeSource is the type of source-document nodes.
var TypeSource = quad.IRI(TypePrefix + "source")

// EntityIRI is the node IRI of an actor or event ID.
func EntityIRI(id string) quad.IRI { return quad.IRI(EntityPrefix + id) }

// RelationIRI is the predicate IRI of a relation.
func RelationIRI(name string) quad.IRI { return quad.IRI(RelationPrefix + name) }

// TypeIRI is the node IRI of an entity type.
func TypeIRI(name string) quad.IRI { return quad.IRI(TypePrefix + name) }

// SourceIRI is the node IRI of a source document.
func SourceIRI(id string) quad.IRI { return quad.IRI(SourcePrefix + id) }

// ClaimIRI is the label IRI of a claim.
func ClaimIRI(id string) quad.IRI { return quad.IRI(ClaimPrefix + id) }

// DenialIRI is the predicate of a claim that denies a relation: a source
// reporting that the relation does not hold. It is not a relation, so no
// traversal follows it.
func DenialIRI(name string) quad.IRI { return quad.IRI(DenialPrefix + name) }

// DecisionIRI is the label of the same-as decision between two entity IDs
// (in either order).
func DecisionIRI(a, b string) quad.IRI {
	if b < a {
		a, b = b, a
	}
	return quad.IRI(DecisionPrefix + a + "=" + b)
}

// DenialOf returns the relation a denial predicate denies, and false if the
// predicate is not a denial.
func DenialOf(p quad.Value) (string, bool) {
	iri, ok := p.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), DenialPrefix) {
		return "", false
	}
	return string(iri)[len(DenialPrefix):], true
}

// IDOf returns the ID of an entity IRI (<ag:iskp> → "iskp"); any other IRI is
// returned whole, so foreign graphs stay addressable.
func IDOf(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		s := string(iri)
		if strings.HasPrefix(s, EntityPrefix) {
			return s[len(EntityPrefix):]
		}
		return s
	}
	if v == nil {
		return ""
	}
	return Text(v)
}

// IRIOf is the inverse of IDOf.
func IRIOf(id string) quad.IRI {
	if strings.Contains(id, ":") || strings.Contains(id, "/") {
		return quad.IRI(strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">"))
	}
	return EntityIRI(id)
}

// NodeOf is the node an ID names: IRIOf, or the blank node of an ID that
// IDOf gave one ("_:b1"), as in graphs of another vocabulary.
func NodeOf(id string) quad.Value {
	if b, ok := strings.CutPrefix(id, "_:"); ok && b != "" {
		return quad.BNode(b)
	}
	return IRIOf(id)
}

// RelationOf returns the relation name of a predicate, and false if the
// predicate is not a relation.
func RelationOf(p quad.Value) (string, bool) {
	iri, ok := p.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), RelationPrefix) {
		return "", false
	}
	return string(iri)[len(RelationPrefix):], true
}

// Text returns a value as plain text: an IRI without brackets, a literal
// without quotes.
func Text(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.BNode:
		return "_:" + string(v)
	}
	return fmt.Sprint(v.Native())
}
