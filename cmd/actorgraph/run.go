package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"golang.org/x/term"
)

// env is what commands may touch of the world: streams, clock, environment
// and the store. Tests build their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	now            func() time.Time
	getenv         func(string) string
	// isTerminal reports whether a writer is a terminal (for progress bars).
	isTerminal func(io.Writer) bool
	// openStore opens the store at location for reading or writing;
	// releaseStore gives it back.
	openStore    func(ctx context.Context, location string, readOnly bool) (*graph.Store, error)
	releaseStore func(*graph.Store) error
}

func defaultEnv(stdin io.Reader, stdout, stderr io.Writer) *env {
	return &env{
		stdin: stdin, stdout: stdout, stderr: stderr,
		now:    time.Now,
		getenv: os.Getenv,
		isTerminal: func(w io.Writer) bool {
			f, ok := w.(*os.File)
			return ok && term.IsTerminal(int(f.Fd()))
		},
		openStore: func(ctx context.Context, location string, readOnly bool) (*graph.Store, error) {
			loc, err := graph.ParseLocation(location)
			if err != nil {
				return nil, &usageError{msg: "--store: " + err.Error()}
			}
			return graph.Open(ctx, loc, graph.OpenOptions{ReadOnly: readOnly})
		},
		releaseStore: (*graph.Store).Close,
	}
}

// defaultStore is where the embedded store lives when neither --store nor
// ACTORGRAPH_STORE says otherwise: the LevelDB directory
// $XDG_DATA_HOME/actorgraph/store, or ~/.local/share/actorgraph/store.
func (e *env) defaultStore() string {
	if s := e.getenv("ACTORGRAPH_STORE"); s != "" {
		return s
	}
	dir := e.getenv("XDG_DATA_HOME")
	if dir == "" {
		home := e.getenv("HOME")
		if home == "" {
			return "actorgraph-store"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "actorgraph", "store")
}

// run executes the command line and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return int(execute(ctx, defaultEnv(stdin, stdout, stderr), args))
}

func execute(ctx context.Context, e *env, args []string) exitCode {
	root := newRootCmd(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	code := codeFor(err)
	fmt.Fprintf(e.stderr, "actorgraph: %s\n", message(err))
	if code == exitUsage {
		fmt.Fprintln(e.stderr, "Run 'actorgraph --help' for usage.")
	}
	return code
}
