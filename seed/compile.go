package seed

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/cayleygraph/quad"
)

// Batch is the quads of one input file: the unit that is written all or nothing.
type Batch struct {
	File    string
	Quads   []quad.Quad
	Lenient *Leniency // what a lenient N-Quads read let through (nil when strict)
}

// entityInfo is what claims need to know about an entity they reference.
type entityInfo struct {
	typ     graph.Type
	name    string
	def     *EntityDef // nil for an entity already in the store
	sources []string   // for one in the store: the sources that define or mention it
}

// compiler turns curated documents into quads, checking every reference
// against the documents compiled so far and the store.
type compiler struct {
	ctx      context.Context
	store    *graph.Store // may be nil
	entities map[string]*entityInfo
	claimIDs map[string]int
}

func newCompiler(ctx context.Context, st *graph.Store) *compiler {
	return &compiler{ctx: ctx, store: st, entities: map[string]*entityInfo{}, claimIDs: map[string]int{}}
}

// lookup finds an entity by ID in the documents or the store.
func (c *compiler) lookup(id string) (*entityInfo, error) {
	if e, ok := c.entities[id]; ok {
		return e, nil
	}
	if c.store == nil {
		return nil, nil
	}
	e, err := c.store.Entity(c.ctx, id)
	if errors.Is(err, graph.ErrNotFound) || (err == nil && e.Type == "") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	t, err := graph.LookupType(e.Type)
	if err != nil {
		return nil, fmt.Errorf("%s in the store: %w", id, err)
	}
	info := &entityInfo{typ: t, name: e.Name, sources: e.Sources}
	c.entities[id] = info
	return info, nil
}

func (c *compiler) knownIDs() []string {
	ids := make([]string, 0, len(c.entities))
	for id := range c.entities {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// compile turns one document into quads.
func (c *compiler) compile(doc *Document) (Batch, error) {
	var errs Errors
	var quads []quad.Quad
	seen := map[string]bool{}
	add := func(s, p, o, l quad.Value) {
		// A name and an alias can share a name key: keep each quad once.
		q := quad.Make(s, p, o, l)
		if k := q.NQuad(); !seen[k] {
			seen[k] = true
			quads = append(quads, q)
		}
	}

	for _, s := range doc.Sources {
		iri := graph.SourceIRI(s.ID)
		add(iri, graph.PropType, graph.TypeSource, nil)
		if s.Title != "" {
			add(iri, graph.PropTitle, quad.String(s.Title), nil)
		}
		if s.Publisher != "" {
			add(iri, graph.PropPublisher, quad.String(s.Publisher), nil)
		}
		if s.Published != nil {
			add(iri, graph.PropPublished, quad.String(s.Published.Value), nil)
		}
		if s.URL != "" {
			add(iri, graph.PropURL, quad.String(s.URL), nil)
		}
	}

	for _, e := range doc.Entities {
		if err := c.entity(e, add, &errs); err != nil {
			return Batch{}, err
		}
	}

	if err := c.checkAnchors(doc, &errs); err != nil {
		return Batch{}, err
	}
	for _, cl := range doc.Claims {
		rel, _ := graph.LookupRelation(cl.Relation) // checked by Parse
		subj, err := c.ref(cl.Pos, cl.Subject, "subject", &errs)
		if err != nil {
			return Batch{}, err
		}
		obj, err := c.ref(cl.Pos, cl.Object, "object", &errs)
		if err != nil {
			return Batch{}, err
		}
		if subj != nil && obj != nil {
			if err := rel.Accepts(subj.typ, obj.typ); err != nil {
				errs.add(cl.Pos, "%s %s %s: %v", cl.Subject, cl.Relation, cl.Object, err)
			}
		}
		if cl.By != "" {
			if _, err := c.ref(cl.Pos, cl.By, "`by`", &errs); err != nil {
				return Batch{}, err
			}
		}
		id := c.claimID(cl)
		label := graph.ClaimIRI(id)
		pred := graph.RelationIRI(rel.Name)
		if cl.Denied {
			pred = graph.DenialIRI(rel.Name)
		}
		src := graph.SourceIRI(cl.Source.ID)
		add(graph.EntityIRI(cl.Subject), pred, graph.EntityIRI(cl.Object), label)
		for _, m := range []string{cl.Subject, cl.Object, cl.By} {
			if m != "" {
				add(graph.EntityIRI(m), graph.PropMentionedIn, src, src)
			}
		}
		add(label, graph.PropSource, src, label)
		add(label, graph.PropQuote, quad.String(cl.Quote), label)
		add(label, graph.PropCertainty, quad.String(string(cl.Certainty)), label)
		if cl.By != "" {
			add(label, graph.PropAssertedBy, graph.EntityIRI(cl.By), label)
		}
		if cl.Hedge != "" {
			add(label, graph.PropHedge, quad.String(cl.Hedge), label)
		}
		if cl.From != nil {
			add(label, graph.PropValidFrom, quad.String(cl.From.Value), label)
		}
		if cl.Until != nil {
			add(label, graph.PropValidUntil, quad.String(cl.Until.Value), label)
		}
		for _, n := range cl.Notes {
			add(label, graph.PropNote, quad.String(n), label)
		}
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	return Batch{File: doc.File, Quads: quads}, errs.err()
}

// ref resolves an entity ID used in a claim, recording an error when unknown.
func (c *compiler) ref(p Pos, id, role string, errs *Errors) (*entityInfo, error) {
	e, err := c.lookup(id)
	if err != nil || e != nil {
		return e, err
	}
	msg := fmt.Sprintf("unknown %s %q: define it with an `actor` or `event` block (above this line, or in a file loaded before)", role, id)
	if sugg := graph.Closest(id, c.knownIDs(), 3); len(sugg) > 0 {
		msg += "; did you mean " + strings.Join(sugg, ", ") + "?"
	}
	errs.add(p, "%s", msg)
	return nil, nil
}

// claimID names a claim by its source and triple: stable across edits
// elsewhere in the file, so loading a file again adds nothing.
func (c *compiler) claimID(cl *ClaimDef) string {
	base := fmt.Sprintf("%s/%s.%s.%s", cl.Source.ID, cl.Subject, cl.Relation, cl.Object)
	if cl.Denied {
		base += graph.DenialMark
	}
	return c.nextID(base)
}

// nextID numbers repeats of an ID base within one load: base, base~2, ...
func (c *compiler) nextID(base string) string {
	c.claimIDs[base]++
	if n := c.claimIDs[base]; n > 1 {
		return fmt.Sprintf("%s~%d", base, n)
	}
	return base
}

// entity writes an actor or event block: identity (type and name, once),
// the aliases and notes of the block's source, the source's definition of
// it, and its facts as one fact claim of that source.
func (c *compiler) entity(e *EntityDef, add func(s, p, o, l quad.Value), errs *Errors) error {
	t, _ := graph.LookupType(e.Type) // checked by Parse
	prev, err := c.lookup(e.ID)
	if err != nil {
		return err
	}
	if prev != nil && prev.typ.Name != t.Name {
		errs.add(e.Pos, "%s is %s here but %s %s: a source may add names and facts to an entity, not change its type", e.ID, t.Name, prev.where(), prev.typ.Name)
		return nil
	}
	var src quad.Value
	if e.Source != nil {
		src = graph.SourceIRI(e.Source.ID)
	}
	iri := graph.EntityIRI(e.ID)
	if prev == nil || (prev.def == nil && prev.name == e.Name) {
		// A new entity, or one already in the store under the same name
		// (its identity quads again, so a file always compiles the same).
		if prev == nil {
			c.entities[e.ID] = &entityInfo{typ: t, name: e.Name, def: e}
		}
		add(iri, graph.PropType, graph.TypeIRI(t.Name), nil)
		add(iri, graph.PropName, quad.String(e.Name), nil)
		add(iri, graph.PropKey, quad.String(graph.NameKey(e.Name)), nil)
	} else if e.Name != prev.name {
		// Another source's name for it: an alias of that source.
		add(iri, graph.PropAlias, quad.String(e.Name), src)
		add(iri, graph.PropKey, quad.String(graph.NameKey(e.Name)), src)
	}
	if src != nil {
		add(iri, graph.PropDefinedIn, src, src)
	}
	for _, a := range e.Aliases {
		add(iri, graph.PropAlias, quad.String(a), src)
		add(iri, graph.PropKey, quad.String(graph.NameKey(a)), src)
	}
	for _, n := range e.Notes {
		add(iri, graph.PropNote, quad.String(n), src)
	}
	c.facts(e, iri, add)
	return nil
}

// facts writes an event block's date, figures and quotes, labelled with a
// fact claim of the block's source.
func (c *compiler) facts(e *EntityDef, iri quad.Value, add func(s, p, o, l quad.Value)) {
	if e.Source == nil || (e.Date == nil && e.Killed == nil && e.Injured == nil && e.Casualties == "" && len(e.Quotes) == 0) {
		return
	}
	label := graph.ClaimIRI(c.nextID(e.Source.ID + "/" + e.ID + graph.FactClaimMark))
	add(label, graph.PropSource, graph.SourceIRI(e.Source.ID), label)
	for _, q := range e.Quotes {
		add(iri, graph.PropQuote, quad.String(q), label)
	}
	if e.Date != nil {
		for _, p := range e.Date.Props() {
			add(iri, p.Predicate, p.Value, label)
		}
		if e.Date.After != "" {
			add(graph.EntityIRI(e.Date.After), graph.PropMentionedIn, graph.SourceIRI(e.Source.ID), graph.SourceIRI(e.Source.ID))
		}
	}
	if e.Killed != nil {
		add(iri, graph.PropKilled, quad.Int(e.Killed.N), label)
		if e.Killed.Qualifier != "" {
			add(iri, graph.PropKilledQ, quad.String(e.Killed.Qualifier), label)
		}
	}
	if e.Injured != nil {
		add(iri, graph.PropInjured, quad.Int(e.Injured.N), label)
		if e.Injured.Qualifier != "" {
			add(iri, graph.PropInjuredQ, quad.String(e.Injured.Qualifier), label)
		}
	}
	if e.Casualties != "" {
		add(iri, graph.PropCasualties, quad.String(e.Casualties), label)
	}
}

// where says where an entity was first defined: a file:line of this load,
// or the sources of the store that hold it.
func (e *entityInfo) where() string {
	if e.def != nil {
		return "was defined at " + e.def.Pos.String() + " as"
	}
	if len(e.sources) > 0 {
		return "is in the store (source " + strings.Join(e.sources, ", ") + ") as"
	}
	return "is in the store as"
}
