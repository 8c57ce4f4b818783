package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of actorgraph and of the Cayley it runs on",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(*cobra.Command, []string) error {
			v, cayley := version, "unknown"
			if info, ok := debug.ReadBuildInfo(); ok {
				if v == "" {
					v = info.Main.Version
				}
				for _, d := range info.Deps {
					if d.Path == "github.com/cayleygraph/cayley" {
						cayley = d.Version
					}
				}
			}
			if v == "" {
				v = "(devel)"
			}
			_, err := fmt.Fprintf(a.stdout, "actorgraph %s\ncayley %s\n", v, cayley)
			return err
		},
	}
}
