package seed

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// fuzzInput is an in-memory input named x.ag or x.nq (the name picks the format).
func fuzzInput(name string, data []byte) Input {
	return Input{Name: name, fsys: fstest.MapFS{name: {Data: data}}, path: name}
}

// mustNameFile: an error from a fuzzed input names the file it came from.
func mustNameFile(t *testing.T, err error, name string) {
	t.Helper()
	if err != nil && !strings.Contains(err.Error(), name) {
		t.Fatalf("error does not name %s: %v", name, err)
	}
}

// FuzzCurated: the curated-format parser and compiler never panic or hang
// (each input is done within a second), and every error names the file.
func FuzzCurated(f *testing.F) {
	for _, in := range Builtin()[:1] {
		b, err := read(in, Options{})
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > 4000 {
			b = b[:4000]
		}
		f.Add(b)
	}
	f.Add([]byte("source s\n  url https://e.org/a\nactor a state \"A\"\n  alias A1\nactor b armed-group \"B\"\nclaim b opposes a\n  quote \"B opposes A\"\n  certainty assessed by s\n"))
	f.Add([]byte("event e attack \"E\"\n  date 2021-08\n  killed 13 at-least\n  place kabul\n"))
	f.Add([]byte("source s\nevent m attack \"M\"\n  date 2024 not-after 2024-03-27\n  quote \"M.\"\nevent e attack \"E\"\n  date not-before 2014 after m 2 days cue \"two days\" quote \"E two days after.\"\n  quote \"E.\"\nactor a state \"A\"\nclaim a threatens a\n  quote \"A could.\"\n  hedged could\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := fuzzInput("x.ag", data)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		_, err := Compile(ctx, nil, []Input{in}, Options{})
		if d := time.Since(start); d > time.Second {
			t.Fatalf("compile took %s", d)
		}
		mustNameFile(t, err, "x.ag")
	})
}

// FuzzNQuads: the N-Quads reader, strict and lenient (which falls back on
// Cayley's reader), never panics, and errors name the file.
func FuzzNQuads(f *testing.F) {
	f.Add([]byte("<ag:a> <prop:name> \"A\" .\n<ag:a> <rel:opposes> <ag:b> <claim:c> .\n"))
	f.Add([]byte("<ag:a><prop:type><type:state>.\n# c\n\n_:x <prop:alias> \"\\u00e9\"@fr .\r\n"))
	f.Add([]byte("<ag:a> <prop:alias> <ag:b>, <ag:c> .\n<ag:a> <prop:name> 1 .\n@prefix x: <y> .\n"))
	f.Add([]byte("<ag:a> <prop:name> \"\\uZZZZ\" .\n<ag:a> <prop:name> \"\\U0000\" .\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lenient := range []bool{false, true} {
			_, err := Compile(context.Background(), nil, []Input{fuzzInput("x.nq", data)}, Options{Lenient: lenient})
			mustNameFile(t, err, "x.nq")
		}
	})
}
