package seed

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/cayleygraph/quad"
)

//go:embed data/*.ag data/*.txt
var builtin embed.FS

// Input is one file to load: a path, "-" for standard input, or an embedded file.
type Input struct {
	Name string
	// Format, when set, is the input's format; else it is told by name or content.
	Format Format
	fsys   fs.FS  // nil: the OS file system
	path   string // the name in fsys, when it differs from Name
}

// File is an input read from the OS file system ("-" is standard input).
func File(name string) Input { return Input{Name: name} }

// Builtin lists the curated files embedded in the binary: the seed graph.
func Builtin() []Input {
	names, _ := fs.Glob(builtin, "data/*.ag")
	out := make([]Input, len(names))
	for i, n := range names {
		out[i] = Input{Name: "seed/" + n, fsys: builtin, path: n}
	}
	return out
}

// Options tune reading.
type Options struct {
	// Stdin is read for the input "-".
	Stdin io.Reader
	// Wrap, when set, wraps each input's reader, e.g. with a progress bar;
	// size is the input's size in bytes, or -1 when unknown.
	Wrap func(r io.Reader, size int64, name string) io.Reader
	// Warn, when set, is told what an import skipped (rows whose code has
	// no relation, unknown STIX relationship types), one line at a time.
	Warn func(msg string)
	// BulkGCPercent, when above 0, is the garbage collector's target
	// (debug.SetGCPercent) while a big N-Quads file streams into an empty
	// store, restored after. The bulk loader's memory is nearly all
	// long-lived (its deduplication maps and index arrays), so the default
	// 100 % lets the heap grow to twice that before collecting. It is a
	// process-wide setting, so the caller (the program) chooses it; 0 leaves
	// the collector alone.
	BulkGCPercent int
	// Lenient reads N-Quads as Cayley's relaxed reader does where the W3C
	// grammar refuses a line, and skips lines neither reads; Result.Lenient
	// counts both. Strict (false) refuses the file at the first such line.
	Lenient bool
}

// Format of an input.
type Format string

// Input formats.
const (
	Curated Format = "curated"
	NQuads  Format = "nquads"
)

// Compile reads, parses and checks every input against the vocabulary, the
// other inputs and the store (which may be nil), and returns one batch per
// input. It writes nothing. Inputs may reference entities of inputs before them.
func Compile(ctx context.Context, st *graph.Store, inputs []Input, opt Options) ([]Batch, error) {
	c := newCompiler(ctx, st)
	batches := make([]Batch, 0, len(inputs))
	for _, in := range inputs {
		b, err := c.input(in, opt)
		if err != nil {
			return nil, err
		}
		batches = append(batches, b)
	}
	return batches, nil
}

// Result says what a load did to one file.
type Result struct {
	File  string `json:"file"`
	Quads int    `json:"quads"` // quads in the file
	Added int64  `json:"added"` // quads the store gained (0 when all were there)
	// Lenient says what a lenient N-Quads load let through (nil when strict).
	Lenient *Leniency `json:"lenient,omitempty"`
}

// Load compiles every input first and writes nothing unless all of them are
// valid; then it writes each input's quads in one transaction, so a file is
// loaded whole or not at all.
func Load(ctx context.Context, st *graph.Store, inputs []Input, opt Options) ([]Result, error) {
	if len(inputs) == 1 && bigNQuads(inputs[0]) && st != nil && st.CanBulkLoad(ctx) {
		res, err := loadStream(ctx, st, inputs[0], opt)
		if err != nil {
			return nil, err
		}
		return []Result{res}, nil
	}
	batches, err := Compile(ctx, st, inputs, opt)
	if err != nil {
		return nil, err
	}
	results := make([]Result, 0, len(batches))
	for _, b := range batches {
		added, err := st.AddQuads(ctx, b.Quads)
		if err != nil {
			return results, fmt.Errorf("%s: %w", b.File, err)
		}
		results = append(results, Result{File: b.File, Quads: len(b.Quads), Added: added, Lenient: b.Lenient})
	}
	return results, nil
}

func (c *compiler) input(in Input, opt Options) (Batch, error) {
	data, err := read(in, opt)
	if err != nil {
		return Batch{}, err
	}
	f := in.Format
	if f == "" {
		f = formatOf(in.Name, data)
	}
	switch f {
	case STIX, ACLED, GDELT:
		doc, err := c.importDoc(in.Name, f, data, opt)
		if err != nil {
			return Batch{}, err
		}
		return c.compile(doc)
	case NQuads:
		var lz *Leniency
		if opt.Lenient {
			lz = &Leniency{}
		}
		quads, lines, err := parseNQuads(in.Name, data, lz)
		if err != nil {
			return Batch{}, err
		}
		return Batch{File: in.Name, Quads: quads, Lenient: lz}, c.checkQuads(in.Name, quads, lines)
	default:
		doc, err := Parse(in.Name, data, in.textReader(opt))
		if err != nil {
			return Batch{}, err
		}
		return c.compile(doc)
	}
}

// read reads a whole input, gunzipping it when it starts with gzip's magic.
func read(in Input, opt Options) ([]byte, error) {
	r, closeIn, err := open(in, opt)
	if err != nil {
		return nil, err
	}
	defer closeIn()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// open opens an input for reading, gunzipping it when it starts with gzip's
// magic; read errors of gzip data are wrapped in ErrBadInput.
func open(in Input, opt Options) (io.Reader, func() error, error) {
	var r io.Reader
	size := int64(-1)
	closeIn := func() error { return nil }
	switch {
	case in.fsys != nil:
		f, err := in.fsys.Open(in.path)
		if err != nil {
			return nil, nil, err
		}
		r, closeIn = f, f.Close
	case in.Name == "-":
		if opt.Stdin == nil {
			return nil, nil, fmt.Errorf("-: no standard input")
		}
		r = opt.Stdin
	default:
		f, err := os.Open(in.Name)
		if err != nil {
			return nil, nil, err // *fs.PathError names the file
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		if st.IsDir() {
			f.Close()
			return nil, nil, fmt.Errorf("%s: %w: is a directory", in.Name, ErrBadInput)
		}
		size = st.Size()
		r, closeIn = f, f.Close
	}
	if opt.Wrap != nil {
		r = opt.Wrap(r, size, in.Name)
	}
	br := bufio.NewReaderSize(r, 1<<20)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			closeIn()
			return nil, nil, fmt.Errorf("%s: %w: bad gzip header: %v", in.Name, ErrBadInput, err)
		}
		return errReader{r: zr, wrap: func(err error) error {
			return fmt.Errorf("%s: %w: corrupt gzip data: %v", in.Name, ErrBadInput, err)
		}}, closeIn, nil
	}
	return errReader{r: br, wrap: func(err error) error { return fmt.Errorf("read %s: %w", in.Name, err) }}, closeIn, nil
}

// errReader wraps the read errors of r (but not io.EOF).
type errReader struct {
	r    io.Reader
	wrap func(error) error
}

func (e errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		err = e.wrap(err)
	}
	return n, err
}

// formatOf picks the format from the name (.nq, .nt, .ag, with an optional
// .gz) or, for standard input and other names, from the first statement.
func formatOf(name string, data []byte) Format {
	base := strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch path.Ext(base) {
	case ".nq", ".nt", ".nquads":
		return NQuads
	case ".ag":
		return Curated
	}
	if f, ok := importFormat(name, data); ok {
		return f
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if line[0] == '<' || bytes.HasPrefix(line, []byte("_:")) {
			return NQuads
		}
		break
	}
	return Curated
}

func (in Input) textReader(opt Options) func(string) ([]byte, error) {
	if in.fsys != nil {
		return func(p string) ([]byte, error) { return fs.ReadFile(in.fsys, path.Join(path.Dir(in.path), p)) }
	}
	dir := "."
	if in.Name != "-" {
		dir = filepath.Dir(in.Name)
	}
	return func(p string) ([]byte, error) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		return os.ReadFile(p)
	}
}

// parseNQuads parses N-Quads line by line so that errors name their line.
// It returns the quads and the line of each. An N-Quads document without
// statements is valid (W3C), so an empty file gives no quads, not an error.
// Lines are held to the W3C grammar unless lz (lenient) is given.
func parseNQuads(file string, data []byte, lz *Leniency) ([]quad.Quad, []int, error) {
	if err := checkUTF8(file, data); err != nil {
		return nil, nil, err
	}
	var errs Errors
	n := bytes.Count(data, []byte("\n")) + 1
	quads, lines := make([]quad.Quad, 0, n), make([]int, 0, n)
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		q, ok, err := readNQuad(file, line, l, lz)
		if errors.Is(err, ErrBadInput) {
			return nil, nil, fmt.Errorf("%s:%d: %w", file, line, err)
		}
		if err != nil {
			errs.addErr(Pos{File: file, Line: line}, err)
			continue
		}
		if !ok {
			continue
		}
		quads = append(quads, q)
		lines = append(lines, line)
	}
	if err := errs.err(); err != nil {
		return nil, nil, err
	}
	return quads, lines, nil
}

// checkQuads holds N-Quads to the vocabulary: a predicate in the rel:
// namespace must be a known relation, an entity's prop:type a known type,
// and a relation's ends must have types it accepts when their types are known.
func (c *compiler) checkQuads(file string, quads []quad.Quad, lines []int) error {
	var errs Errors
	for i, q := range quads {
		if q.Predicate != graph.PropType || q.Object == graph.TypeSource {
			continue
		}
		id := graph.IDOf(q.Subject)
		name := strings.TrimPrefix(graph.IDOf(q.Object), graph.TypePrefix)
		t, err := graph.LookupType(name)
		if err != nil {
			errs.add(Pos{File: file, Line: lines[i]}, "%s: %v", id, err)
			continue
		}
		if _, ok := c.entities[id]; !ok {
			c.entities[id] = &entityInfo{typ: t}
		}
	}
	for i, q := range quads {
		p, ok := q.Predicate.(quad.IRI)
		if !ok || !strings.HasPrefix(string(p), graph.RelationPrefix) {
			continue
		}
		rel, err := graph.LookupRelation(string(p)[len(graph.RelationPrefix):])
		if err != nil {
			errs.add(Pos{File: file, Line: lines[i]}, "%v", err)
			continue
		}
		s, err := c.lookup(graph.IDOf(q.Subject))
		if err != nil {
			return err
		}
		o, err := c.lookup(graph.IDOf(q.Object))
		if err != nil {
			return err
		}
		if s != nil && o != nil {
			if err := rel.Accepts(s.typ, o.typ); err != nil {
				errs.add(Pos{File: file, Line: lines[i]}, "%s %s %s: %v", graph.IDOf(q.Subject), rel.Name, graph.IDOf(q.Object), err)
			}
		}
	}
	return errs.err()
}
