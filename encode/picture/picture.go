// Package picture draws DOT graphs as pictures: SVG laid out by Graphviz
// compiled to WebAssembly (go-graphviz, in-process), and PNG rasterized from
// that SVG. It is the only package that links the Graphviz renderer, so only
// the commands that draw import it.
package picture

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"
	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// ErrRender: Graphviz could not lay out or draw a graph.
var ErrRender = errors.New("render graph")

// Format is a picture format Render draws.
type Format string

// The picture formats.
const (
	SVG Format = "svg"
	PNG Format = "png"
)

// Options say how Render draws.
type Options struct {
	Format Format  // SVG or PNG
	Scale  float64 // PNG only: pixels per point (1 = 72 dpi)
}

// Render draws a DOT graph as a picture: SVG laid out by Graphviz, or PNG
// rasterized from that SVG. It is the one DOT-to-picture pipeline of the CLI
// and the server.
func Render(ctx context.Context, dot []byte, o Options, w io.Writer) error {
	switch o.Format {
	case SVG:
		return RenderSVG(ctx, dot, w)
	case PNG:
		var svg bytes.Buffer
		if err := RenderSVG(ctx, dot, &svg); err != nil {
			return err
		}
		return RenderPNG(svg.Bytes(), o.Scale, w)
	}
	return fmt.Errorf("%w: unknown picture format %q", ErrRender, o.Format)
}

// graphvizMu serialises the in-process Graphviz: its WebAssembly instance
// keeps global state.
var graphvizMu sync.Mutex

// RenderSVG lays out a DOT graph with the dot engine and draws it as SVG,
// in-process (Graphviz compiled to WebAssembly): no system Graphviz needed.
func RenderSVG(ctx context.Context, dot []byte, w io.Writer) error {
	graphvizMu.Lock()
	defer graphvizMu.Unlock()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return fmt.Errorf("%w: start graphviz: %w", ErrRender, err)
	}
	defer gv.Close()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("%w: parse dot: %w", ErrRender, err)
	}
	defer g.Close()
	if err := gv.Render(ctx, g, graphviz.SVG, w); err != nil {
		return fmt.Errorf("%w: %w", ErrRender, err)
	}
	return nil
}

// RenderPNG rasterizes an SVG drawn by Graphviz into a PNG, scale pixels per
// point: the shapes and lines with oksvg, the text with the Go fonts (which
// cover Latin, Greek and Cyrillic scripts). Graphviz's own PNG output is not
// used because its in-process build draws no lines.
func RenderPNG(svg []byte, scale float64, w io.Writer) error {
	img, err := rasterize(svg, scale)
	if err != nil {
		return err
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("write png: %w", err)
	}
	return nil
}

func rasterize(svg []byte, scale float64) (*image.RGBA, error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(svg))
	if err != nil {
		return nil, fmt.Errorf("%w: read svg: %w", ErrRender, err)
	}
	wd, ht := int(icon.ViewBox.W*scale+0.5), int(icon.ViewBox.H*scale+0.5)
	if wd <= 0 || ht <= 0 || wd*ht > 400_000_000 {
		return nil, fmt.Errorf("%w: picture of %dx%d pixels", ErrRender, wd, ht)
	}
	icon.SetTarget(0, 0, float64(wd), float64(ht))
	img := image.NewRGBA(image.Rect(0, 0, wd, ht))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	icon.Draw(rasterx.NewDasher(wd, ht, &boxScanner{dst: img}), 1)
	texts, err := svgTexts(svg)
	if err != nil {
		return nil, err
	}
	fonts := newFaceCache()
	defer fonts.close()
	sx, sy := float64(wd)/icon.ViewBox.W, float64(ht)/icon.ViewBox.H
	for _, t := range texts {
		face, err := fonts.face(t.bold, t.size*sy)
		if err != nil {
			return nil, err
		}
		d := font.Drawer{Dst: img, Src: image.NewUniform(t.color), Face: face}
		x := (t.x - icon.ViewBox.X) * sx
		y := (t.y - icon.ViewBox.Y) * sy
		width := float64(d.MeasureString(t.text)) / 64
		switch t.anchor {
		case "middle":
			x -= width / 2
		case "end":
			x -= width
		}
		d.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
		d.DrawString(t.text)
	}
	return img, nil
}

// boxScanner is a rasterx.Scanner that rasterizes each path only over its
// own bounding box. rasterx's ScannerGV rasterizes every path over the
// whole picture, which makes a large graph take seconds per path.
type boxScanner struct {
	dst    *image.RGBA
	ops    []scanOp
	color  color.Color
	extent fixed.Rectangle26_6
}

type scanOp struct {
	start bool
	p     fixed.Point26_6
}

var _ rasterx.Scanner = (*boxScanner)(nil)

func (s *boxScanner) Start(a fixed.Point26_6) { s.add(scanOp{start: true, p: a}) }
func (s *boxScanner) Line(b fixed.Point26_6)  { s.add(scanOp{p: b}) }

func (s *boxScanner) add(op scanOp) {
	if len(s.ops) == 0 {
		s.extent = fixed.Rectangle26_6{Min: op.p, Max: op.p}
	}
	s.extent = s.extent.Union(fixed.Rectangle26_6{Min: op.p, Max: op.p.Add(fixed.Point26_6{X: 1, Y: 1})})
	s.ops = append(s.ops, op)
}

func (s *boxScanner) GetPathExtent() fixed.Rectangle26_6 { return s.extent }
func (s *boxScanner) SetBounds(int, int)                 {}
func (s *boxScanner) SetWinding(bool)                    {}
func (s *boxScanner) SetClip(image.Rectangle)            {}

func (s *boxScanner) SetColor(c interface{}) {
	if cc, ok := c.(color.Color); ok {
		s.color = cc
	}
}

func (s *boxScanner) Clear() { s.ops = s.ops[:0] }

func (s *boxScanner) Draw() {
	if len(s.ops) == 0 || s.color == nil {
		return
	}
	box := image.Rect(s.extent.Min.X.Floor()-2, s.extent.Min.Y.Floor()-2, s.extent.Max.X.Ceil()+3, s.extent.Max.Y.Ceil()+3)
	box = box.Intersect(s.dst.Bounds())
	if box.Empty() {
		return
	}
	// A fresh rasterizer per path: one reused through Reset keeps coverage
	// from earlier, larger paths and fills whole boxes.
	r := vector.NewRasterizer(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	for _, op := range s.ops {
		x, y := float32(op.p.X)/64-ox, float32(op.p.Y)/64-oy
		if op.start {
			r.MoveTo(x, y)
		} else {
			r.LineTo(x, y)
		}
	}
	r.Draw(s.dst, box, image.NewUniform(s.color), image.Point{})
}

// svgText is one <text> element, in viewBox coordinates.
type svgText struct {
	x, y, size float64
	anchor     string
	bold       bool
	color      color.Color
	text       string
}

// affine is x' = a*x + c, y' = b*y + d: the only transforms Graphviz emits
// (scale, rotate(0), translate) compose to this.
type affine struct{ a, b, c, d float64 }

func (t affine) apply(x, y float64) (float64, float64) { return t.a*x + t.c, t.b*y + t.d }

// then composes: first t, then u.
func (t affine) then(u affine) affine {
	return affine{a: u.a * t.a, b: u.b * t.b, c: u.a*t.c + u.c, d: u.b*t.d + u.d}
}

var identity = affine{a: 1, b: 1}

// parseTransform reads "scale(sx sy) rotate(0) translate(tx ty)".
func parseTransform(s string) affine {
	var steps []affine
	for _, part := range strings.Split(s, ")") {
		name, args, ok := strings.Cut(strings.TrimSpace(part), "(")
		if !ok {
			continue
		}
		nums := strings.FieldsFunc(args, func(r rune) bool { return r == ' ' || r == ',' })
		v := make([]float64, len(nums))
		for i, n := range nums {
			v[i], _ = strconv.ParseFloat(n, 64)
		}
		switch strings.TrimSpace(name) {
		case "scale":
			if len(v) == 1 {
				v = append(v, v[0])
			}
			if len(v) == 2 {
				steps = append(steps, affine{a: v[0], b: v[1]})
			}
		case "translate":
			if len(v) == 1 {
				v = append(v, 0)
			}
			if len(v) == 2 {
				steps = append(steps, affine{a: 1, b: 1, c: v[0], d: v[1]})
			}
		}
	}
	// SVG applies the rightmost transform to the point first.
	t := identity
	for i := len(steps) - 1; i >= 0; i-- {
		t = t.then(steps[i])
	}
	return t
}

// svgTexts collects the text elements of an SVG with their group transforms.
func svgTexts(svg []byte) ([]svgText, error) {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	stack := []affine{identity}
	var out []svgText
	var cur *svgText
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: read svg text: %w", ErrRender, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			t := stack[len(stack)-1]
			attrs := map[string]string{}
			for _, a := range el.Attr {
				attrs[a.Name.Local] = a.Value
			}
			if tr, ok := attrs["transform"]; ok {
				t = parseTransform(tr).then(t)
			}
			stack = append(stack, t)
			if el.Name.Local != "text" {
				continue
			}
			x, _ := strconv.ParseFloat(attrs["x"], 64)
			y, _ := strconv.ParseFloat(attrs["y"], 64)
			size, err := strconv.ParseFloat(attrs["font-size"], 64)
			if err != nil || size <= 0 {
				size = 14
			}
			x, y = t.apply(x, y)
			var c color.Color = color.Black
			if f := attrs["fill"]; f != "" && f != "none" {
				if pc, err := oksvg.ParseSVGColor(f); err == nil && pc != nil {
					c = pc
				}
			}
			cur = &svgText{x: x, y: y, size: size * t.b, anchor: attrs["text-anchor"], color: c,
				bold: attrs["font-weight"] == "bold" || strings.Contains(attrs["font-family"], "Bold")}
		case xml.CharData:
			if cur != nil {
				cur.text += string(el)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if el.Name.Local == "text" && cur != nil {
				out = append(out, *cur)
				cur = nil
			}
		}
	}
}

// faceCache keeps one font face per weight and pixel size.
type faceCache struct {
	fonts map[bool]*opentype.Font
	faces map[string]font.Face
}

func newFaceCache() *faceCache {
	return &faceCache{fonts: map[bool]*opentype.Font{}, faces: map[string]font.Face{}}
}

func (fc *faceCache) face(bold bool, px float64) (font.Face, error) {
	key := fmt.Sprintf("%t/%.2f", bold, px)
	if f, ok := fc.faces[key]; ok {
		return f, nil
	}
	f, ok := fc.fonts[bold]
	if !ok {
		data := goregular.TTF
		if bold {
			data = gobold.TTF
		}
		var err error
		if f, err = opentype.Parse(data); err != nil {
			return nil, fmt.Errorf("%w: load font: %w", ErrRender, err)
		}
		fc.fonts[bold] = f
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("%w: font face: %w", ErrRender, err)
	}
	fc.faces[key] = face
	return face, nil
}

func (fc *faceCache) close() {
	for _, f := range fc.faces {
		f.Close()
	}
}
