package graph

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestVocabularyIsConsistent(t *testing.T) {
	slug := regexp.MustCompile(`^[a-z][a-z-]*[a-z]$`)
	seen := map[string]bool{}
	for _, ty := range Types {
		if !slug.MatchString(ty.Name) || seen[ty.Name] {
			t.Errorf("type %q: bad or duplicate name", ty.Name)
		}
		seen[ty.Name] = true
		if ty.Kind == 0 || ty.Definition == "" || ty.Label == "" {
			t.Errorf("type %s: needs a kind, a label and a definition", ty.Name)
		}
		if ty.Violent && !ty.Is(KindEvent) {
			t.Errorf("type %s: only events can be violent", ty.Name)
		}
	}
	code := regexp.MustCompile(`^[0-9]{2,4}$`)
	for _, r := range Relations {
		if !slug.MatchString(r.Name) || seen[r.Name] {
			t.Errorf("relation %q: bad or duplicate name", r.Name)
		}
		seen[r.Name] = true
		if r.Label == "" || r.Inverse == "" || r.Definition == "" || r.Domain == 0 || r.Range == 0 {
			t.Errorf("relation %s: needs label, inverse, definition, domain and range", r.Name)
		}
		if r.Symmetric && r.Label != r.Inverse {
			t.Errorf("relation %s: symmetric, so it should read the same both ways (%q vs %q)", r.Name, r.Label, r.Inverse)
		}
		if r.CAMEO != "" && !code.MatchString(r.CAMEO) {
			t.Errorf("relation %s: CAMEO code %q is not 2-4 digits", r.Name, r.CAMEO)
		}
		for _, n := range append(append([]string{}, r.DomainTypes...), r.RangeTypes...) {
			if _, err := LookupType(n); err != nil {
				t.Errorf("relation %s: %v", r.Name, err)
			}
		}
	}
}

func TestRelationAccepts(t *testing.T) {
	ty := func(n string) Type {
		t.Helper()
		x, err := LookupType(n)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	tests := []struct {
		rel, subj, obj string
		ok             bool
	}{
		{"opposes", "armed-group", "armed-group", true},
		{"opposes", "armed-group", "state", true},
		{"opposes", "city", "state", false},
		{"perpetrated", "armed-group", "bombing", true},
		{"perpetrated", "armed-group", "withdrawal", false},
		{"occurred-in", "attack", "city", true},
		{"occurred-in", "armed-group", "city", false},
		{"represents", "person", "state", true},
		{"represents", "state", "state", false},
	}
	for _, tc := range tests {
		r, err := LookupRelation(tc.rel)
		if err != nil {
			t.Fatal(err)
		}
		err = r.Accepts(ty(tc.subj), ty(tc.obj))
		if (err == nil) != tc.ok {
			t.Errorf("%s %s %s: got error %v, want ok=%v", tc.subj, tc.rel, tc.obj, err, tc.ok)
		}
	}
}

func TestLookupRelationForgivesUnderscoresAndCase(t *testing.T) {
	r, err := LookupRelation("Claimed_Responsibility_For")
	if err != nil || r.Name != "claimed-responsibility-for" {
		t.Fatalf("got %q, %v", r.Name, err)
	}
	if _, err := LookupRelation("likes"); err == nil {
		t.Fatal("likes: want an error")
	}
}

func TestModelDocListsTheVocabulary(t *testing.T) {
	doc, err := os.ReadFile("../docs/model.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, ty := range Types {
		if !strings.Contains(string(doc), "| `"+ty.Name+"` |") {
			t.Errorf("docs/model.md lacks type %s", ty.Name)
		}
	}
	for _, r := range Relations {
		if !strings.Contains(string(doc), "| `"+r.Name+"` | "+r.Label+" | "+r.Inverse+" |") {
			t.Errorf("docs/model.md lacks relation %s as it reads now (%q / %q)", r.Name, r.Label, r.Inverse)
		}
	}
}
