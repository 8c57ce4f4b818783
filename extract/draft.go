package extract

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// A Draft is what extraction proposes from one article, kept apart from
// the curated data until a person reviews it: the article's text and the
// candidates, each with the sentence it was read from. A draft creates,
// renames or merges nothing; only the curated file a review writes from it
// (Draft.Curated) can be validated and loaded as a source.
type Draft struct {
	ID        string    `json:"id"` // the source ID
	Title     string    `json:"title,omitempty"`
	URL       string    `json:"url,omitempty"`
	Published string    `json:"published,omitempty"`
	Text      string    `json:"text"`
	Known     []string  `json:"known"`    // IDs of the known entities the article names
	Entities  []*Entity `json:"entities"` // candidates: new actors, places and events, and new aliases
	Claims    []*Claim  `json:"claims"`
}

// NewDraft makes the draft of an extraction from text.
func NewDraft(text string, r *Result) *Draft {
	o := r.Options
	d := &Draft{ID: o.SourceID, Title: o.Title, URL: o.URL, Text: StripHTML(text), Claims: r.Claims}
	if o.Published != nil {
		d.Published = o.Published.Value
	}
	for _, e := range r.Entities {
		if e.Known && len(e.Aliases) == 0 {
			d.Known = append(d.Known, e.ID)
			continue
		}
		if e.AliasOf != "" {
			// A new alias of a known entity: the candidate is the known
			// entity's block with the alias added.
			ne := *e
			ne.Name, ne.Aliases = r.knownName(e), append([]string{e.Name}, e.Aliases...)
			e = &ne
		}
		d.Entities = append(d.Entities, e)
	}
	if d.Known == nil {
		d.Known = []string{}
	}
	if d.Entities == nil {
		d.Entities = []*Entity{}
	}
	if d.Claims == nil {
		d.Claims = []*Claim{}
	}
	return d
}

// ReadDraft reads a draft written by Draft.Write.
func ReadDraft(r io.Reader) (*Draft, error) {
	var d Draft
	if err := json.NewDecoder(r).Decode(&d); err != nil {
		return nil, fmt.Errorf("read draft: %w", err)
	}
	if d.ID == "" || d.Text == "" {
		return nil, errors.New("read draft: no source ID or no text")
	}
	return &d, nil
}

// Write writes the draft as JSON.
func (d *Draft) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// Decision is a reviewer's verdict on one candidate: accepted (possibly
// edited) or rejected. Kind is "entity" or "claim", Index its place in
// the draft's list. The edit fields, when set, replace the candidate's.
type Decision struct {
	Kind   string `json:"kind"`
	Index  int    `json:"index"`
	Accept bool   `json:"accept"`
	// Entity edits.
	ID   string `json:"id,omitempty"`
	Type string `json:"type,omitempty"`
	Name string `json:"name,omitempty"`
	// Claim edits.
	Subject   string `json:"subject,omitempty"`
	Relation  string `json:"relation,omitempty"`
	Object    string `json:"object,omitempty"`
	Certainty string `json:"certainty,omitempty"`
}

// Reviewed is a person's review of a draft.
type Reviewed struct {
	Reviewer  string     `json:"reviewer"`
	Decisions []Decision `json:"decisions"`
}

// ErrReview marks a review that cannot be turned into a curated file.
var ErrReview = errors.New("review")

// Curated writes the accepted candidates of a review as a curated file
// whose source reads its text from textFile (so that `validate` checks
// every quote against the article), the reviewer and the date recorded in
// a note on the source and on every block. Candidates without a decision
// are left out, as rejected ones are. A claim accepted about a new entity
// that was rejected is an error.
func (d *Draft) Curated(rv Reviewed, textFile string, now time.Time, w io.Writer) error {
	if strings.TrimSpace(rv.Reviewer) == "" {
		return fmt.Errorf("%w: no reviewer named", ErrReview)
	}
	ents, claims, err := d.accepted(rv)
	if err != nil {
		return err
	}
	note := quote(fmt.Sprintf("accepted in review by %s on %s", rv.Reviewer, now.UTC().Format("2006-01-02")))
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# actorgraph review of the draft %s: the candidates %s accepted (format: docs/curated-format.md)\n\n", d.ID, rv.Reviewer)
	fmt.Fprintf(b, "source %s\n", d.ID)
	if d.Title != "" {
		fmt.Fprintf(b, "  title %s\n", quote(d.Title))
	}
	if d.Published != "" {
		fmt.Fprintf(b, "  published %s\n", d.Published)
	}
	if d.URL != "" {
		fmt.Fprintf(b, "  url %s\n", quote(d.URL))
	}
	fmt.Fprintf(b, "  text %s\n", word(textFile))
	for _, e := range ents {
		kw := "actor"
		if e.Event {
			kw = "event"
		}
		fmt.Fprintf(b, "\n%s %s %s %s\n", kw, e.ID, e.Type, quote(e.Name))
		for _, a := range e.Aliases {
			fmt.Fprintf(b, "  alias %s\n", quote(a))
		}
		if e.Date != nil {
			fmt.Fprintf(b, "  date %s\n", e.Date.Value)
		}
		if e.Killed != nil {
			fmt.Fprintf(b, "  killed %s\n", figure(e.Killed.N, e.Killed.Qualifier))
		}
		if e.Injured != nil {
			fmt.Fprintf(b, "  injured %s\n", figure(e.Injured.N, e.Injured.Qualifier))
		}
		if e.Casualties != "" {
			fmt.Fprintf(b, "  casualties %s\n", quote(e.Casualties))
		}
		if e.Event && e.Quote != "" {
			fmt.Fprintf(b, "  quote %s\n", quote(e.Quote))
		}
		fmt.Fprintf(b, "  note %s\n", note)
	}
	for _, c := range claims {
		fmt.Fprintf(b, "\nclaim %s %s %s\n  quote %s\n", c.Subject, c.Relation, c.Object, quote(c.Quote))
		if c.Certainty != "" && c.Certainty != "reported" {
			fmt.Fprintf(b, "  certainty %s\n", c.Certainty)
		}
		if c.By != "" {
			fmt.Fprintf(b, "  by %s\n", c.By)
		}
		if c.Denied {
			fmt.Fprintf(b, "  denied\n")
		}
		fmt.Fprintf(b, "  note %s\n", note)
	}
	return b.Flush()
}

// accepted applies the decisions: the accepted entities (edited, and for a
// new alias of a known entity its block) and claims (edited, their IDs
// following renamed entities).
func (d *Draft) accepted(rv Reviewed) ([]*Entity, []*Claim, error) {
	rename := map[string]string{}
	rejected := map[string]bool{}
	accEnt := map[int]Decision{}
	accClaim := map[int]Decision{}
	for _, dc := range rv.Decisions {
		switch dc.Kind {
		case "entity":
			if dc.Index < 0 || dc.Index >= len(d.Entities) {
				return nil, nil, fmt.Errorf("%w: no entity candidate %d", ErrReview, dc.Index)
			}
			if dc.Accept {
				accEnt[dc.Index] = dc
			}
		case "claim":
			if dc.Index < 0 || dc.Index >= len(d.Claims) {
				return nil, nil, fmt.Errorf("%w: no claim candidate %d", ErrReview, dc.Index)
			}
			if dc.Accept {
				accClaim[dc.Index] = dc
			}
		default:
			return nil, nil, fmt.Errorf("%w: decision kind %q (want entity or claim)", ErrReview, dc.Kind)
		}
	}
	var ents []*Entity
	for i, e := range d.Entities {
		dc, ok := accEnt[i]
		if !ok {
			if !e.Known && e.AliasOf == "" {
				rejected[e.ID] = true
			}
			continue
		}
		ne := *e
		if dc.ID != "" && dc.ID != e.ID {
			rename[e.ID] = dc.ID
			ne.ID = dc.ID
		}
		if dc.Type != "" {
			ne.Type = dc.Type
		}
		if dc.Name != "" {
			ne.Name = dc.Name
		}
		ents = append(ents, &ne)
	}
	id := func(s string) string {
		if r, ok := rename[s]; ok {
			return r
		}
		return s
	}
	var claims []*Claim
	for i, c := range d.Claims {
		dc, ok := accClaim[i]
		if !ok {
			continue
		}
		nc := *c
		nc.Subject, nc.Object = id(c.Subject), id(c.Object)
		if dc.Subject != "" {
			nc.Subject = dc.Subject
		}
		if dc.Relation != "" {
			nc.Relation = dc.Relation
		}
		if dc.Object != "" {
			nc.Object = dc.Object
		}
		if dc.Certainty != "" {
			nc.Certainty = graph.Certainty(dc.Certainty)
		}
		for _, ref := range []string{nc.Subject, nc.Object} {
			if rejected[ref] {
				return nil, nil, fmt.Errorf("%w: claim %d (%s %s %s) names %s, a new entity the review did not accept", ErrReview, i, nc.Subject, nc.Relation, nc.Object, ref)
			}
		}
		claims = append(claims, &nc)
	}
	return ents, claims, nil
}
