package server

import (
	"strings"
	"testing"
)

func TestExportEndpoint(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	tests := []struct {
		name, query string
		code        int
		ctype, want string
	}{
		{"svg around ISKP", "?actor=ISKP&depth=1", 200, "image/svg+xml", "Taliban"},
		{"dot around an alias", "?actor=is-k&format=dot", 200, "text/vnd.graphviz", "Islamic State Khorasan Province"},
		{"unknown actor", "?actor=Talibn", 404, "application/json", `"suggestions"`},
		{"bad format", "?actor=ISKP&format=pdf", 400, "application/json", "want svg or dot"},
		{"bad depth", "?actor=ISKP&depth=x", 400, "application/json", "depth"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := do(t, "GET", ts.URL+"/api/ag/export"+tc.query, "", "")
			if res.code != tc.code || !strings.HasPrefix(res.header.Get("Content-Type"), tc.ctype) || !strings.Contains(res.body, tc.want) {
				t.Fatalf("got %d %q, body %.200q; want %d %s containing %q", res.code, res.header.Get("Content-Type"), res.body, tc.code, tc.ctype, tc.want)
			}
		})
	}
}
