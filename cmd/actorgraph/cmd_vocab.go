package main

import (
	"github.com/actorgraph/actorgraph/graph"
	"github.com/spf13/cobra"
)

func newVocabCmd(a *app) *cobra.Command {
	var out format
	cmd := &cobra.Command{
		Use:   "vocab",
		Short: "List the entity types and the relation vocabulary",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == formatJSON {
				return writeJSON(a.stdout, struct {
					Types       []graph.Type      `json:"types"`
					Relations   []graph.Relation  `json:"relations"`
					Certainties []graph.Certainty `json:"certainties"`
				}{graph.Types, graph.Relations, graph.Certainties})
			}
			t := newTable(a.stdout, "TYPE", "DEFINITION")
			for _, ty := range graph.Types {
				t.row(ty.Name, ty.Definition)
			}
			t.row("", "")
			t.row("RELATION", "READS", "INVERSE", "CAMEO", "PLOVER", "DEFINITION")
			for _, r := range graph.Relations {
				t.row(r.Name, r.Label, r.Inverse, r.CAMEO, r.PLOVER, r.Definition)
			}
			return t.flush()
		},
	}
	addFormatFlag(cmd, &out)
	return cmd
}
