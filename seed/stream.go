package seed

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/cayleygraph/quad"
)

// nquadsByName reports whether a file name says N-Quads (.nq, .nt,
// .nquads, optionally .gz).
func nquadsByName(name string) bool {
	switch path.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")) {
	case ".nq", ".nt", ".nquads":
		return name != "-"
	}
	return false
}

// streamMin is the smallest N-Quads file that takes the streaming bulk
// path (smaller ones load faster in one ordinary transaction).
var streamMin int64 = 1 << 20

// bigNQuads reports whether an input is an N-Quads file of at least
// streamMin bytes.
func bigNQuads(in Input) bool {
	if in.fsys != nil || !nquadsByName(in.Name) || in.Format != "" && in.Format != NQuads {
		return false
	}
	fi, err := os.Stat(in.Name)
	return err == nil && fi.Mode().IsRegular() && fi.Size() >= streamMin
}

// chunkLines is how many lines the parser hands the writer at once.
const chunkLines = 8192

// parsed is one chunk of parsed lines.
type parsed struct {
	quads   []quad.Quad
	lines   []int
	errs    []*LineError
	err     error    // a read error: the load fails
	lenient Leniency // what a lenient read let through in this chunk
}

// relCheck is a relation quad whose ends' types are checked once the whole
// file has been read (an entity's type may come after its claims). One
// whose ends' types are known when it is read is checked at once, so that
// memory does not grow with the relations of a big file.
type relCheck struct {
	subj, obj string
	rel       graph.Relation
	line      int
}

func (rc relCheck) lineError(file string, err error) *LineError {
	return &LineError{Pos: Pos{File: file, Line: rc.line}, Err: fmt.Errorf("%s %s %s: %v", rc.subj, rc.rel.Name, rc.obj, err)}
}

// mergeByLine merges two lists of errors, each in line order.
func mergeByLine(a, b []*LineError) []*LineError {
	out := make([]*LineError, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].Line < a[0].Line {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// typeInfo is the one entityInfo of a type that a streamed file's entities
// share (only their type is read).
func typeInfo(infos map[string]*entityInfo, t graph.Type) *entityInfo {
	e, ok := infos[t.Name]
	if !ok {
		e = &entityInfo{typ: t}
		infos[t.Name] = e
	}
	return e
}

// loadStream loads one N-Quads file into an empty embedded store without
// holding the file or its quads in memory: one goroutine reads and parses
// lines, this one checks them against the vocabulary and streams them into
// the store's bulk loader. The store stays empty unless the whole file is
// valid and written; errors name file:line as Compile's do.
func loadStream(ctx context.Context, st *graph.Store, in Input, opt Options) (Result, error) {
	var rd *countingReader
	if opt.Progress != nil {
		opt.Wrap = func(r io.Reader, size int64, _ string) io.Reader {
			rd = &countingReader{r: r, size: size}
			return rd
		}
	}
	r, closeIn, err := open(in, opt)
	if err != nil {
		return Result{}, err
	}
	defer closeIn()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan parsed, 4)
	var lz *Leniency
	if opt.Lenient {
		lz = &Leniency{}
	}
	go parseStream(ctx, in.Name, r, chunks, opt.Lenient)

	bl, err := st.BeginBulk(ctx)
	if err != nil {
		return Result{}, err
	}
	if opt.Progress != nil {
		bl.SetProgress(opt.Progress)
	}
	if opt.BulkGCPercent > 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(opt.BulkGCPercent))
	}
	ok := false
	defer func() {
		if !ok {
			bl.Abort()
		}
	}()
	c := newCompiler(ctx, st)
	var (
		errs  Errors
		rels  []relCheck   // to check at the end
		early []*LineError // relation errors found as the file was read
		infos = map[string]*entityInfo{}
		count int
	)
	for ch := range chunks {
		if ch.err != nil {
			return Result{}, ch.err
		}
		if lz != nil {
			lz.merge(&ch.lenient)
		}
		for _, e := range ch.errs {
			errs.addErr(e.Pos, e.Err)
		}
		for i, q := range ch.quads {
			line := ch.lines[i]
			count++
			if q.Predicate == graph.PropType && q.Object != graph.TypeSource {
				id := graph.IDOf(q.Subject)
				t, err := graph.LookupType(strings.TrimPrefix(graph.IDOf(q.Object), graph.TypePrefix))
				if err != nil {
					errs.add(Pos{File: in.Name, Line: line}, "%s: %v", id, err)
				} else if _, ok := c.entities[id]; !ok {
					c.entities[id] = typeInfo(infos, t) // shared: one a type
				}
			}
			if p, ok := q.Predicate.(quad.IRI); ok && strings.HasPrefix(string(p), graph.RelationPrefix) {
				rel, err := graph.LookupRelation(string(p)[len(graph.RelationPrefix):])
				if err != nil {
					errs.add(Pos{File: in.Name, Line: line}, "%v", err)
				} else {
					rc := relCheck{subj: graph.IDOf(q.Subject), obj: graph.IDOf(q.Object), rel: rel, line: line}
					s, sok := c.entities[rc.subj]
					o, ook := c.entities[rc.obj]
					if !sok || !ook {
						rels = append(rels, rc)
					} else if err := rel.Accepts(s.typ, o.typ); err != nil && len(early) < maxErrors {
						early = append(early, rc.lineError(in.Name, err))
					}
				}
			}
			if len(errs) == 0 {
				if err := bl.Add(q); err != nil {
					return Result{}, fmt.Errorf("%s: %w", in.Name, err)
				}
			}
		}
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		if opt.Progress != nil && rd != nil {
			opt.Progress("read", int64(count), rd.estimate(int64(count)))
		}
	}
	if count == 0 && len(errs) == 0 {
		return Result{File: in.Name, Lenient: lz}, nil // no statements: valid, nothing to write
	}
	var late []*LineError
	for _, rc := range rels {
		s, err := c.lookup(rc.subj)
		if err != nil {
			return Result{}, err
		}
		o, err := c.lookup(rc.obj)
		if err != nil {
			return Result{}, err
		}
		if s != nil && o != nil {
			if err := rc.rel.Accepts(s.typ, o.typ); err != nil {
				late = append(late, rc.lineError(in.Name, err))
			}
		}
	}
	// The relations' errors come after the others, in the file's order.
	for _, e := range mergeByLine(early, late) {
		errs.addErr(e.Pos, e.Err)
	}
	if err := errs.err(); err != nil {
		return Result{}, err
	}
	added, err := bl.Commit(ctx)
	ok = true
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", in.Name, err)
	}
	return Result{File: in.Name, Quads: count, Added: added, Lenient: lz}, nil
}

// parseStream reads r line by line and sends parsed chunks, closing out at
// the end. Lines are checked as parseNQuads checks them.
func parseStream(ctx context.Context, file string, r io.Reader, out chan<- parsed, lenient bool) {
	defer close(out)
	br := bufio.NewReaderSize(r, 1<<20)
	ch := parsed{quads: make([]quad.Quad, 0, chunkLines), lines: make([]int, 0, chunkLines)}
	send := func() bool {
		select {
		case out <- ch:
		case <-ctx.Done():
			return false
		}
		ch = parsed{quads: make([]quad.Quad, 0, chunkLines), lines: make([]int, 0, chunkLines)}
		return true
	}
	line := 0
	var long []byte
	for {
		l, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long, l...)
			continue
		}
		if long != nil {
			l = append(long, l...)
			long = nil
		}
		if len(l) > 0 {
			line++
			parseLine(file, line, l, &ch, lenient)
			if ch.err != nil {
				break
			}
			if len(ch.quads) == chunkLines || len(ch.errs) >= maxErrors {
				if !send() {
					return
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			ch.err = err
			break
		}
	}
	send()
}

func parseLine(file string, line int, l []byte, ch *parsed, lenient bool) {
	if !utf8.Valid(l) {
		ch.err = fmt.Errorf("%s:%d: %w: not UTF-8 text", file, line, ErrBadInput)
		return
	}
	var lz *Leniency
	if lenient {
		lz = &ch.lenient
	}
	q, ok, err := readNQuad(file, line, l, lz)
	if errors.Is(err, ErrBadInput) {
		ch.err = fmt.Errorf("%s:%d: %w", file, line, err)
		return
	}
	if err != nil {
		ch.errs = append(ch.errs, &LineError{Pos: Pos{File: file, Line: line}, Err: err})
		return
	}
	if !ok {
		return
	}
	ch.quads = append(ch.quads, q)
	ch.lines = append(ch.lines, line)
}

// countingReader counts the bytes read from an input, to estimate how many
// quads the whole of it holds.
type countingReader struct {
	r    io.Reader
	size int64
	n    atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// estimate scales the quads seen so far by the share of the input read;
// 0 when unknown.
func (c *countingReader) estimate(quads int64) int64 {
	n := c.n.Load()
	if c.size <= 0 || n <= 0 {
		return 0
	}
	return max(quads, int64(float64(quads)*float64(c.size)/float64(n)))
}
