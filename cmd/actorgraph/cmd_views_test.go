package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestViewsLists(t *testing.T) {
	te := seeded(t)
	out, errOut, code := te.run(t, "views")
	if code != exitOK || out != "" || !strings.Contains(errOut, "no saved views") {
		t.Fatalf("views on a store without any: exit %d, %q, %q", code, out, errOut)
	}
	for _, v := range []graph.View{
		{Name: "taliban", Query: "actor=Taliban", Saved: "2024-03-27T12:00:00Z"},
		{Name: "iskp-2021", Query: "actor=ISKP&depth=2&as_of=2021", Saved: "2024-03-27T11:00:00Z"},
	} {
		if err := te.mem.SaveView(context.Background(), v); err != nil {
			t.Fatal(err)
		}
	}
	out, _, code = te.run(t, "views")
	if code != exitOK {
		t.Fatalf("views: exit %d", code)
	}
	golden(t, "views.txt", out)
	out, _, code = te.run(t, "views", "--format", "json")
	var vs []graph.View
	if err := json.Unmarshal([]byte(out), &vs); code != exitOK || err != nil || len(vs) != 2 || vs[0].Name != "iskp-2021" || vs[1].Query != "actor=Taliban" {
		t.Errorf("views --format json: exit %d, %v, %+v", code, err, vs)
	}
}
