package seed

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
	"golang.org/x/text/unicode/norm"
)

// Formats of other tools' data that load imports.
const (
	STIX  Format = "stix"  // a STIX 2.1 bundle (JSON)
	ACLED Format = "acled" // an ACLED CSV export
	GDELT Format = "gdelt" // a GDELT 2.0 event file (tab-separated)
)

// Formats lists every format load reads.
var Formats = []Format{Curated, NQuads, STIX, ACLED, GDELT}

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q (want one of %s)", s, strings.Join(names, ", "))
}

// importFormat recognises an import by its name (.json, .csv, .tsv and
// GDELT's .export.CSV, optionally gzipped) or, for other names, by its
// first bytes: a JSON object, an ACLED header, a line of 61 tab-separated
// columns.
func importFormat(name string, data []byte) (Format, bool) {
	base := strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(name), ".gz"), ".zip")
	first, _, _ := bytes.Cut(data, []byte("\n"))
	acledHeader := bytes.Contains(first, []byte("event_id_cnty"))
	gdeltRow := bytes.Count(first, []byte("\t")) == gdeltColumns-1
	switch {
	case strings.HasSuffix(base, ".export.csv") || path.Ext(base) == ".tsv":
		return GDELT, true
	case path.Ext(base) == ".json":
		return STIX, true
	case path.Ext(base) == ".csv" && gdeltRow:
		return GDELT, true
	case path.Ext(base) == ".csv":
		return ACLED, true
	}
	switch {
	case len(bytes.TrimSpace(data)) > 0 && bytes.TrimSpace(data)[0] == '{':
		return STIX, true
	case acledHeader:
		return ACLED, true
	case gdeltRow:
		return GDELT, true
	}
	return "", false
}

// importer builds the curated document of an imported file, so that the
// file goes through the same checks and the same all-or-nothing write as a
// curated one. Every ID it makes is derived from the file's own IDs (ACLED
// event IDs, GDELT event IDs, STIX identifiers), so importing a file again
// adds nothing.
type importer struct {
	c       *compiler
	doc     *Document
	defs    map[string]*EntityDef // entities this document defines
	said    map[string]bool       // claims made, by subject.relation.object and source
	errs    Errors
	skipped map[string]int // reason → rows or objects skipped
	first   map[string]Pos // reason → where it first happened
	bundle  string         // a STIX bundle's id
	rows    map[string]Pos // row IDs seen, where
}

func newImporter(c *compiler, file string) *importer {
	return &importer{c: c, doc: &Document{File: file}, defs: map[string]*EntityDef{}, said: map[string]bool{},
		skipped: map[string]int{}, first: map[string]Pos{}, rows: map[string]Pos{}}
}

// source adds a source block.
func (im *importer) source(p Pos, id string) *Source {
	s := &Source{Pos: p, ID: id}
	im.doc.Sources = append(im.doc.Sources, s)
	return s
}

// entity defines an entity unless this document or an earlier one, or the
// store, has it: an imported name never redefines one already there. It
// returns the new definition, or nil when the entity was known.
func (im *importer) entity(p Pos, keyword, id, typ, name string, src *Source) (*EntityDef, error) {
	if d := im.defs[id]; d != nil {
		if name != d.Name && !slices.Contains(d.Aliases, name) {
			d.Aliases = append(d.Aliases, name) // another spelling with the same ID
		}
		return nil, nil
	}
	known, err := im.c.lookup(id)
	if err != nil || known != nil {
		return nil, err
	}
	if keyword == "" {
		keyword = "actor"
		if t, err := graph.LookupType(typ); err == nil && t.Is(graph.KindEvent) {
			keyword = "event"
		}
	}
	d := &EntityDef{Pos: p, Keyword: keyword, ID: id, Type: typ, Name: name, Source: src}
	im.defs[id] = d
	im.doc.Entities = append(im.doc.Entities, d)
	return d, nil
}

// claim adds a reported claim, once per triple and source.
func (im *importer) claim(p Pos, subj, rel, obj, quote string, src *Source) *ClaimDef {
	k := subj + " " + rel + " " + obj + " " + src.ID
	if im.said[k] {
		return nil
	}
	im.said[k] = true
	return im.newClaim(p, subj, rel, obj, quote, src)
}

// newClaim adds a reported claim.
func (im *importer) newClaim(p Pos, subj, rel, obj, quote string, src *Source) *ClaimDef {
	c := &ClaimDef{Pos: p, Subject: subj, Relation: rel, Object: obj, Quote: quote, Certainty: graph.Reported, Source: src}
	im.doc.Claims = append(im.doc.Claims, c)
	return c
}

// once adds a reported claim once per triple, whatever its source: a
// place's place, which every row in that place repeats.
func (im *importer) once(p Pos, subj, rel, obj, quote string, src *Source) {
	k := subj + " " + rel + " " + obj
	if !im.said[k] {
		im.said[k] = true
		im.claim(p, subj, rel, obj, quote, src)
	}
}

// typeOf is the type of an entity of this document or known before.
func (im *importer) typeOf(id string) (graph.Type, bool) {
	if d := im.defs[id]; d != nil {
		t, err := graph.LookupType(d.Type)
		return t, err == nil
	}
	info, err := im.c.lookup(id)
	if err != nil || info == nil {
		return graph.Type{}, false
	}
	return info.typ, true
}

// rowID remembers a row's ID and fails on one seen before in the file.
func (im *importer) rowID(p Pos, col, id string) error {
	if prev, ok := im.rows[id]; ok {
		return fmt.Errorf("%s %s repeats line %d", col, id, prev.Line)
	}
	im.rows[id] = p
	return nil
}

// skip counts a row or object left out, and why.
func (im *importer) skip(p Pos, reason string) {
	if im.skipped[reason] == 0 {
		im.first[reason] = p
	}
	im.skipped[reason]++
}

// report tells opt.Warn what was skipped, one line per reason.
func (im *importer) report(opt Options, what string) {
	if opt.Warn == nil || len(im.skipped) == 0 {
		return
	}
	reasons := make([]string, 0, len(im.skipped))
	total := 0
	for r, n := range im.skipped {
		reasons = append(reasons, r)
		total += n
	}
	sort.Strings(reasons)
	opt.Warn(fmt.Sprintf("%s: skipped %d %s", im.doc.File, total, what))
	for _, r := range reasons {
		opt.Warn(fmt.Sprintf("  %d: %s (first at %s)", im.skipped[r], r, im.first[r]))
	}
}

// importDoc reads an import into a curated document.
func (c *compiler) importDoc(name string, f Format, data []byte, opt Options) (*Document, error) {
	data, err := unzipOne(name, data)
	if err != nil {
		return nil, err
	}
	if err := checkText(name, data); err != nil {
		return nil, err
	}
	im := newImporter(c, name)
	var what string
	switch f {
	case ACLED:
		what, err = "rows", im.acled(data)
	case GDELT:
		what, err = "rows", im.gdelt(data)
	case STIX:
		what, err = "objects", im.stix(data)
	default:
		return nil, fmt.Errorf("%s: %w: not an import format: %s", name, ErrBadInput, f)
	}
	if err != nil {
		return nil, err
	}
	if err := im.errs.err(); err != nil {
		return nil, err
	}
	im.report(opt, what)
	return im.doc, nil
}

// unzipOne returns the one file of a zip archive (GDELT publishes its event
// files zipped), or data itself when it is not a zip archive.
func unzipOne(name string, data []byte) ([]byte, error) {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return data, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: bad zip archive: %v", name, ErrBadInput, err)
	}
	if len(zr.File) != 1 {
		return nil, fmt.Errorf("%s: %w: want a zip archive of one file, got %d", name, ErrBadInput, len(zr.File))
	}
	f, err := zr.File[0].Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", name, ErrBadInput, err)
	}
	defer f.Close()
	out, err := io.ReadAll(io.LimitReader(f, 1<<30))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: corrupt zip data: %v", name, ErrBadInput, err)
	}
	return out, nil
}

// slugID makes an ID from any text: lower-case letters and digits joined by
// hyphens, accents dropped; text with no such letter gets a hash.
func slugID(parts ...string) string {
	var b strings.Builder
	dash := false
	text := strings.Join(parts, " ")
	for _, r := range norm.NFD.String(strings.ToLower(text)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return fmt.Sprintf("h%x", sha1.Sum([]byte(text)))[:11]
	}
	return b.String()
}
