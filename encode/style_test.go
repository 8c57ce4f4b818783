package encode

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestNodeStylesCoverTheVocabulary ties dot.go's style map to graph.Types:
// every entity type of the vocabulary has its own style, and the map names
// no type the vocabulary lacks (a renamed type would otherwise fall back to
// the foreign-graph style without anyone noticing).
func TestNodeStylesCoverTheVocabulary(t *testing.T) {
	known := map[string]bool{}
	for _, typ := range graph.Types {
		known[typ.Name] = true
		if _, ok := nodeStyles[typ.Name]; !ok {
			t.Errorf("entity type %q has no node style in dot.go", typ.Name)
		}
	}
	for name := range nodeStyles {
		if !known[name] {
			t.Errorf("dot.go styles %q, which is not an entity type of graph.Types", name)
		}
	}
	for _, c := range graph.Certainties {
		if _, ok := edgeStyles[c]; !ok {
			t.Errorf("certainty %q has no edge style in dot.go", c)
		}
	}
}
