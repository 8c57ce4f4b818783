// Actorgraph maps political and militant actors and the relations between
// them: an embedded graph database on Cayley, seeded from curated articles,
// queried from the command line with the sentence behind every edge.
//
// Run `actorgraph --help` for the commands and docs/ for the model.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
