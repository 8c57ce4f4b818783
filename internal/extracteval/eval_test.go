package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A gold file scores what it states: a found actor of the right type, a
// relation found, a relation missed and one proposed that it lacks.
func TestEvalSet(t *testing.T) {
	dir := t.TempDir()
	text := "The Red Front loathes the Blue Army. The Red Front is a rival of the Green League."
	gold := `source g
  text g.txt

actor red-front armed-group "Red Front"
actor blue-army military-force "Blue Army"
actor green-league organisation "Green League"

claim red-front opposes blue-army
  quote "The Red Front loathes the Blue Army."

claim red-front backs green-league
  quote "The Red Front is a rival of the Green League."
`
	if err := os.WriteFile(filepath.Join(dir, "g.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "g.ag"), []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	rs, err := evalSet(context.Background(), dir, nil, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[1].name != "total" {
		t.Fatalf("results %+v, want one text and the total", rs)
	}
	r := rs[0]
	if r.actors.tp != 3 || r.actors.fn != 0 || r.typed != 3 {
		t.Errorf("actors %+v typed %d, want 3 found, all of the right type", r.actors, r.typed)
	}
	if r.relations.tp != 1 || r.relations.fn != 1 || r.relations.fp != 1 {
		t.Errorf("relations %+v (missed %v, false %v), want 1 found, 1 missed (backs), 1 false (rival-of)", r.relations, r.missRels, r.falseRels)
	}
	if got := targets(rs[1]); !strings.Contains(got, "relation recall 50% (target 50%: met)") || !strings.Contains(got, "relation precision 50% (target 75%: missed by 25 points)") {
		t.Errorf("targets: %s", got)
	}
}
