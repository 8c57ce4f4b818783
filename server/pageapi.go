package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// routePageAPI mounts the endpoints the page needs besides the CLI's:
// the vocabulary grouped for the filters, and the saved views.
func (s *Server) routePageAPI(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/ag/vocab", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, vocabulary()) })
	mux.Handle("GET /api/ag/views", s.query(func(ctx context.Context, _ *http.Request, _ http.ResponseWriter) (any, error) {
		vs, err := s.st.Views(ctx)
		if vs == nil {
			vs = []graph.View{}
		}
		return vs, err
	}))
	mux.HandleFunc("POST /api/ag/views", s.saveView)
}

// Vocab is the vocabulary as the page's filters show it.
type Vocab struct {
	Types       []VocabType       `json:"types"`
	Relations   []VocabRelation   `json:"relations"`
	Groups      []RelationGroup   `json:"groups"`
	Certainties []graph.Certainty `json:"certainties"`
}

// VocabType is an entity type and the kind the page colours it by.
type VocabType struct {
	Name       string `json:"name"`
	Label      string `json:"label"`
	Kind       string `json:"kind"` // actor, place or event
	Definition string `json:"definition"`
}

// VocabRelation is a relation with the reading of each direction.
type VocabRelation struct {
	Name       string `json:"name"`
	Label      string `json:"label"`
	Inverse    string `json:"inverse"`
	Group      string `json:"group"`
	Symmetric  bool   `json:"symmetric,omitempty"`
	Definition string `json:"definition"`
}

// RelationGroup is a heading of the relation filter.
type RelationGroup struct {
	Name      string   `json:"name"`
	Relations []string `json:"relations"`
}

// relationGroups sorts the relation vocabulary under the page's headings;
// a relation not listed here falls under "other", so none is ever missing.
var relationGroups = []RelationGroup{
	{"organisation", []string{"affiliate-of", "part-of", "splinter-of", "founded-with-members-from", "leads", "member-of", "represents", "accredited-to"}},
	{"cooperation", []string{"allied-with", "cooperates-with", "diplomatic-ties-with", "backs", "empowered-by", "expressed-sympathy-to"}},
	{"hostility", []string{"opposes", "rival-of", "fights", "criticised", "threatens", "demands-withdrawal-of", "assassinated", "bombed"}},
	{"events", []string{"perpetrated", "claimed-responsibility-for", "directed", "facilitated", "inspired", "took-part-in", "carried-out", "targeted", "occurred-in", "occurred-near"}},
	{"statements", []string{"glorified", "spoke-to"}},
	{"presence", []string{"based-in", "operates-in", "present-in", "controls-territory-in", "governs", "deployed-to", "withdrew-from", "recruits-from", "detained-in"}},
	{"places", []string{"located-in", "historically-included", "named-after"}},
}

// vocabulary builds the grouped vocabulary from graph's.
func vocabulary() Vocab {
	v := Vocab{Certainties: graph.Certainties}
	kinds := kinds()
	for _, t := range graph.Types {
		v.Types = append(v.Types, VocabType{t.Name, t.Label, kinds[t.Name], t.Definition})
	}
	groupOf := map[string]string{}
	for _, g := range relationGroups {
		for _, r := range g.Relations {
			groupOf[r] = g.Name
		}
	}
	byGroup := map[string][]string{}
	for _, r := range graph.Relations {
		g := groupOf[r.Name]
		if g == "" {
			g = "other"
		}
		byGroup[g] = append(byGroup[g], r.Name)
		v.Relations = append(v.Relations, VocabRelation{r.Name, r.Label, r.Inverse, g, r.Symmetric, r.Definition})
	}
	for _, g := range append(relationGroups, RelationGroup{Name: "other"}) {
		if len(byGroup[g.Name]) > 0 {
			v.Groups = append(v.Groups, RelationGroup{g.Name, byGroup[g.Name]})
		}
	}
	return v
}

// saveView stores a named view of the page: POST {"name": ..., "query": ...}.
// A read-only server refuses with 403.
func (s *Server) saveView(w http.ResponseWriter, r *http.Request) {
	if !s.opt.AllowWrites || s.st.ReadOnly() {
		writeError(w, http.StatusForbidden, errors.New("read-only: views cannot be saved; start `actorgraph serve --allow-writes` to save them (copy the page's address to share this one)"))
		return
	}
	var v graph.View
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		s.fail(w, badParam("body", fmt.Errorf("want {\"name\": ..., \"query\": ...}: %w", err)))
		return
	}
	v.Name, v.Saved = strings.TrimSpace(v.Name), time.Now().UTC().Format(time.RFC3339)
	v.Query = strings.TrimPrefix(v.Query, "?")
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
	defer cancel()
	if err := s.st.SaveView(ctx, v); err != nil {
		if errors.Is(err, graph.ErrBadViewName) {
			err = badParam("name", err)
		}
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, v)
}
