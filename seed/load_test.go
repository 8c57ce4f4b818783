package seed

import (
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestParseErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"unknown statement", "source s\nfoo bar\n", "x.ag:2: unknown statement \"foo\""},
		{"unknown type", "actor a militia \"A\"\n", "x.ag:1: unknown type \"militia\""},
		{"unknown relation", "source s\nactor a state \"A\"\nclaim a likes a\n  quote \"q\"\n", "x.ag:3: unknown relation \"likes\""},
		{"claim without source", "actor a state \"A\"\nclaim a opposes a\n", "x.ag:2: claim before any `source` block"},
		{"missing quote", "source s\nactor a state \"A\"\nactor b state \"B\"\nclaim a opposes b\n", "x.ag:4: claim a opposes b has no quote"},
		{"unterminated quote", "actor a state \"A\n", "x.ag:1: unterminated quote"},
		{"bad date", "event e attack \"E\"\n  date 26-08-2021\n", "x.ag:2: date: bad date \"26-08-2021\""},
		{"bad figure", "event e attack \"E\"\n  killed many\n", "x.ag:2: \"many\" is not a count"},
		{"attributed needs by", "source s\nactor a state \"A\"\nclaim a opposes a\n  quote \"q\"\n  certainty assessed\n", "x.ag:3: a claim that is assessed needs `by ID`"},
		{"actor attribute on event only", "actor a state \"A\"\n  killed 3\n", "x.ag:2: `killed` is an event attribute"},
		{"empty", "\n  \n", "x.ag: unreadable input: the file is empty"},
		{"binary", "source s\n\x00\x01", "x.ag:2: unreadable input: binary data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("x.ag", []byte(tc.text), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v\nwant an error containing %q", err, tc.want)
			}
		})
	}
}

func TestCompileChecksReferencesTypesAndQuotes(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, text, want string
	}{
		{"unknown reference", "source s\nactor alpha state \"A\"\nclaim alpha opposes alpah2\n  quote \"q\"\n", "x.ag:3: unknown object \"alpah2\""},
		{"suggests", "source s\nactor alpha state \"A\"\nclaim alph opposes alpha\n  quote \"q\"\n", "did you mean alpha?"},
		{"wrong types", "source s\nactor c city \"C\"\nactor d state \"D\"\nclaim c opposes d\n  quote \"q\"\n", "x.ag:4: c opposes d: wrong types for relation: city cannot be the subject of opposes"},
		{"conflicting definition", "actor a state \"A\"\nactor a city \"A\"\n", "x.ag:2: a is city here but was defined at "},
		{"figure without a quote", "source s\nevent e attack \"E\"\n  killed 3\n", "x.ag:2: event e gives killed under source s with no `quote`"},
		{"figure before any source", "event e attack \"E\"\n  date 2024\n", "x.ag:1: event e gives date before any `source` block"},
		{"denied takes no value", "source s\nactor a state \"A\"\nactor b state \"B\"\nclaim a opposes b\n  quote \"q\"\n  denied yes\n", "x.ag:6: `denied` takes no value"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "x.ag")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Compile(ctx, nil, []Input{File(path)}, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v\nwant an error containing %q", err, tc.want)
			}
		})
	}
}

func TestQuoteMustBeVerbatim(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile("testdata/good.ag")
	bad := strings.Replace(string(good), "Alpha Front opposes Beta.", "Alpha Front hates Beta.", 1)
	os.WriteFile(filepath.Join(dir, "x.ag"), []byte(bad), 0o644)
	os.WriteFile(filepath.Join(dir, "good.txt"), mustRead(t, "testdata/good.txt"), 0o644)
	_, err := Compile(context.Background(), nil, []Input{File(filepath.Join(dir, "x.ag"))}, Options{})
	if err == nil || !strings.Contains(err.Error(), "x.ag:15: quote not found verbatim in good.txt") {
		t.Fatalf("got %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendBolt, Address: filepath.Join(t.TempDir(), "g.db")}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := Load(ctx, st, []Input{File("testdata/good.ag")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := st.Size(ctx)
	if res[0].Added != before || before == 0 {
		t.Fatalf("first load added %d, store holds %d", res[0].Added, before)
	}

	for _, tc := range []struct {
		file, want string
	}{
		{"testdata/bad-line-3.nq", "testdata/bad-line-3.nq:3: not an N-Quad"},
		{"testdata/wrong-types.nq", "testdata/wrong-types.nq:3: x perpetrated y: wrong types for relation"},
		{"testdata/missing.nq", "testdata/missing.nq: no such file"},
	} {
		// Good file first, bad file second: nothing of either is written.
		_, err := Load(ctx, st, []Input{File("testdata/good.ag"), File(tc.file)}, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("load %s: got %v, want %q", tc.file, err, tc.want)
		}
		if after, _ := st.Size(ctx); after != before {
			t.Errorf("load %s: store went from %d to %d quads", tc.file, before, after)
		}
	}

	res, err = Load(ctx, st, []Input{File("testdata/good.ag")}, Options{})
	if err != nil || res[0].Added != 0 {
		t.Fatalf("loading the same file again added %d quads (%v); want 0", res[0].Added, err)
	}
}

func TestGzipAndStdin(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.nq.gz")
	os.WriteFile(bad, []byte{0x1f, 0x8b, 0x08, 0x00, 0x01}, 0o644)
	_, err := Compile(ctx, nil, []Input{File(bad)}, Options{})
	if !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), "bad.nq.gz") {
		t.Fatalf("corrupt gzip: got %v", err)
	}
	b, err := Compile(ctx, nil, []Input{File("-")}, Options{Stdin: strings.NewReader("<ag:a> <prop:name> \"A\" .\n")})
	if err != nil || len(b[0].Quads) != 1 {
		t.Fatalf("N-Quads on stdin: %v, %v", b, err)
	}
}

func TestBuiltinSeedCompiles(t *testing.T) {
	batches, err := Compile(context.Background(), nil, Builtin(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(batches) == 0 || len(batches[0].Quads) < 500 {
		t.Fatalf("the seed graph compiled to %d batches", len(batches))
	}
}

// TestStreamLoadIntoEmptyLevelDB covers the streaming bulk path: one
// N-Quads file into an empty LevelDB store. Bad files name file:line and
// leave the store empty; a good one (gzipped, with a duplicate line and an
// entity typed after its claim) is loaded whole.
func TestStreamLoadIntoEmptyLevelDB(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	defer func(m int64) { streamMin = m }(streamMin)
	streamMin = 0
	ctx := context.Background()
	dir := t.TempDir()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(dir, "store")}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if !st.CanBulkLoad(ctx) {
		t.Fatal("empty LevelDB store: no bulk load")
	}
	binary := filepath.Join(dir, "binary.nq")
	os.WriteFile(binary, []byte("<ag:a> <prop:name> \"A\" .\n<ag:b> \x00\n"), 0o644)
	empty := filepath.Join(dir, "empty.nq")
	os.WriteFile(empty, []byte("# nothing\n\n"), 0o644)
	for _, tc := range []struct{ file, want string }{
		{"testdata/bad-line-3.nq", "testdata/bad-line-3.nq:3: not an N-Quad"},
		{"testdata/wrong-types.nq", "testdata/wrong-types.nq:3: x perpetrated y: wrong types for relation"},
		{binary, "binary.nq:2: unreadable input: binary data"},
		{"testdata/missing.nq", "testdata/missing.nq: no such file"},
	} {
		_, err := Load(ctx, st, []Input{File(tc.file)}, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("load %s: got %v, want %q", tc.file, err, tc.want)
		}
		if n, _ := st.Size(ctx); n != 0 {
			t.Fatalf("load %s: the store holds %d quads, want 0", tc.file, n)
		}
	}
	// An N-Quads document without statements is valid (W3C): nothing to load.
	if res, err := Load(ctx, st, []Input{File(empty)}, Options{}); err != nil || res[0].Quads != 0 {
		t.Errorf("load %s: %+v, %v; want 0 quads and no error", empty, res, err)
	}
	if n, _ := st.Size(ctx); n != 0 || !st.CanBulkLoad(ctx) {
		t.Fatalf("after an empty file the store holds %d quads (want 0, still bulk-loadable)", n)
	}
	good := "<ag:x> <rel:opposes> <ag:y> <claim:c1> .\n" +
		"<ag:x> <rel:opposes> <ag:y> <claim:c1> .\n" +
		"<ag:x> <prop:type> <type:armed-group> .\n" +
		"<ag:y> <prop:type> <type:state> .\n" +
		"<ag:y> <prop:name> \"Y\" .\n"
	gz := filepath.Join(dir, "good.nq.gz")
	f, _ := os.Create(gz)
	zw := gzip.NewWriter(f)
	zw.Write([]byte(good))
	zw.Close()
	f.Close()
	res, err := Load(ctx, st, []Input{File(gz)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Quads != 5 || res[0].Added != 4 {
		t.Errorf("got %+v, want 5 quads read and 4 added", res[0])
	}
	if e, err := st.Entity(ctx, "y"); err != nil || e.Name != "Y" {
		t.Errorf("entity y: %+v, %v", e, err)
	}
	// The store is no longer empty: a second file goes through AddQuads.
	res, err = Load(ctx, st, []Input{File(gz)}, Options{})
	if err != nil || res[0].Added != 0 {
		t.Errorf("reload: %+v, %v; want nothing added", res, err)
	}
}

// TestStreamRelationErrorsInFileOrder: a streamed file's relations are
// checked as they are read when both ends' types are known, else at the
// end; either way their errors follow the file's other errors, in line
// order, as when every relation waited for the end.
func TestStreamRelationErrorsInFileOrder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the bulk load is Linux-only")
	}
	defer func(m int64) { streamMin = m }(streamMin)
	streamMin = 0
	ctx := context.Background()
	dir := t.TempDir()
	st, err := graph.Open(ctx, graph.Location{Backend: graph.BackendLevelDB, Address: filepath.Join(dir, "store")}, graph.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	file := filepath.Join(dir, "x.nq")
	os.WriteFile(file, []byte("<ag:a> <prop:type> <type:city> .\n"+
		"<ag:b> <prop:type> <type:state> .\n"+
		"<ag:c> <rel:opposes> <ag:b> .\n"+ // c's type comes later: checked at the end
		"<ag:a> <rel:opposes> <ag:b> .\n"+ // both known: checked as read
		"<ag:z> <prop:type> <type:nonsense> .\n"+
		"<ag:c> <prop:type> <type:city> .\n"), 0o644)
	_, err = Load(ctx, st, []Input{File(file)}, Options{})
	if err == nil {
		t.Fatal("a file with wrong relation types loaded")
	}
	msg, last := err.Error(), -1
	for _, want := range []string{"x.nq:5: ", "x.nq:3: c opposes b: wrong types", "x.nq:4: a opposes b: wrong types"} {
		i := strings.Index(msg, want)
		if i < 0 || i < last {
			t.Fatalf("errors %q: want %q after the one before", msg, want)
		}
		last = i
	}
	if n, _ := st.Size(ctx); n != 0 {
		t.Errorf("the store holds %d quads, want 0", n)
	}
}
