package graph

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// ViewPrefix names saved views: <view:NAME>.
const ViewPrefix = "view:"

// Predicates of a saved view.
var (
	PropView  = quad.IRI(PropPrefix + "view")  // the page address's query string
	PropSaved = quad.IRI(PropPrefix + "saved") // when, RFC 3339 UTC
)

// ErrBadViewName: a view name outside the accepted form.
var ErrBadViewName = errors.New("bad view name")

// viewName is the form of a view name: it becomes part of an IRI.
var viewName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// View is a named view of the web page: the query string of the page's
// address that draws it again (actors, depth, filters, expanded nodes,
// selection).
type View struct {
	Name  string `json:"name"`
	Query string `json:"query"`
	Saved string `json:"saved"`
}

// ViewIRI is the node IRI of a saved view.
func ViewIRI(name string) quad.IRI { return quad.IRI(ViewPrefix + name) }

// CheckViewName says why name cannot name a view, or nil.
func CheckViewName(name string) error {
	if !viewName.MatchString(name) {
		return fmt.Errorf("%w %q: use 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit", ErrBadViewName, name)
	}
	return nil
}

// SaveView stores v under its name, replacing a view of the same name, in
// one transaction. v.Saved is set to now when empty.
func (s *Store) SaveView(ctx context.Context, v View) error {
	if err := CheckViewName(v.Name); err != nil {
		return err
	}
	if s.readOnly {
		return ErrReadOnly
	}
	if v.Saved == "" {
		v.Saved = time.Now().UTC().Format(time.RFC3339)
	}
	iri := ViewIRI(v.Name)
	var old []quad.Quad
	err := s.QuadsWith(ctx, quad.Subject, iri, func(q quad.Quad) error {
		old = append(old, q)
		return nil
	})
	if err != nil {
		return err
	}
	add := []quad.Quad{
		quad.Make(iri, PropView, quad.String(v.Query), nil),
		quad.Make(iri, PropSaved, quad.String(v.Saved), nil),
	}
	if err := s.Apply(ctx, add, old); err != nil {
		return fmt.Errorf("save view %s: %w", v.Name, err)
	}
	return nil
}

// Views lists the saved views by name.
func (s *Store) Views(ctx context.Context) ([]View, error) {
	byName := map[string]*View{}
	get := func(name string) *View {
		if byName[name] == nil {
			byName[name] = &View{Name: name}
		}
		return byName[name]
	}
	for _, p := range []quad.IRI{PropView, PropSaved} {
		err := s.QuadsWith(ctx, quad.Predicate, p, func(q quad.Quad) error {
			iri, ok := q.Subject.(quad.IRI)
			name, isView := strings.CutPrefix(string(iri), ViewPrefix)
			if !ok || !isView {
				return nil
			}
			v := get(name)
			if p == PropView {
				v.Query = Text(q.Object)
			} else {
				v.Saved = Text(q.Object)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]View, 0, len(byName))
	for _, v := range byName {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
