package picture

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"slices"
	"testing"
)

const twoNodes = `digraph { a [label="Alpha", style=filled, fillcolor="#f4b6b6"]; b [label="Beta"]; a -> b [label="opposes"]; }`

func TestRenderSVGAndPNG(t *testing.T) {
	ctx := context.Background()
	var svg bytes.Buffer
	if err := Render(ctx, []byte(twoNodes), Options{Format: SVG}, &svg); err != nil {
		t.Fatal(err)
	}
	texts, err := svgTexts(svg.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range texts {
		got = append(got, x.text)
	}
	for _, want := range []string{"Alpha", "Beta", "opposes"} {
		if !slices.Contains(got, want) {
			t.Errorf("SVG texts %q lack %q", got, want)
		}
	}
	var out bytes.Buffer
	if err := Render(ctx, []byte(twoNodes), Options{Format: PNG, Scale: 1}, &out); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&out)
	if err != nil {
		t.Fatalf("decode png: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 20 || b.Dy() < 20 {
		t.Errorf("png of %v pixels", b)
	}
}

func TestRenderErrors(t *testing.T) {
	ctx := context.Background()
	if err := Render(ctx, []byte("digraph { a -> }"), Options{Format: SVG}, &bytes.Buffer{}); !errors.Is(err, ErrRender) {
		t.Errorf("bad DOT: got %v, want ErrRender", err)
	}
	if err := Render(ctx, []byte(twoNodes), Options{Format: "pdf"}, &bytes.Buffer{}); !errors.Is(err, ErrRender) {
		t.Errorf("unknown format: got %v, want ErrRender", err)
	}
	if err := RenderPNG([]byte("<svg"), 1, &bytes.Buffer{}); !errors.Is(err, ErrRender) {
		t.Errorf("bad SVG: got %v, want ErrRender", err)
	}
}

func TestParseTransform(t *testing.T) {
	tr := parseTransform("scale(2 3) rotate(0) translate(4 5)")
	if x, y := tr.apply(1, 1); x != 10 || y != 18 {
		t.Errorf("scale(2 3) translate(4 5) of (1,1) = (%g,%g), want (10,18)", x, y)
	}
}
