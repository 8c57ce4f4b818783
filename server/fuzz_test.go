package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/testgraph"
)

// fuzzEndpoints are the endpoints whose query parameters FuzzQueryParams
// feeds (Cayley's own /api/v2 is left to Cayley).
var fuzzEndpoints = []string{"actors", "show", "neighbors", "path", "why", "timeline", "export", "info"}

// FuzzQueryParams: no query string makes an endpoint panic, hang or answer
// 5xx: a bad parameter is a 4xx with a JSON error.
func FuzzQueryParams(f *testing.F) {
	st := testgraph.Seeded(f)
	srv, err := New(st, Options{Timeout: 2 * time.Second, Limit: 50})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []struct {
		ep uint8
		q  string
	}{
		{0, "type=armed-group,state&match=isl"}, {1, "actor=ISKP"}, {2, "actor=iskp&rel=opposes&depth=2&dir=out"},
		{3, "from=ISKP&to=United%20States&depth=4&all=1"}, {4, "subject=ISKP&relation=opposes&object=Taliban"},
		{5, "actor=ISKP&from=2021&to=2024-03&as_of=2022-01-01"}, {6, "format=dot&focus=ISKP&depth=1"},
		{2, "actor=iskp&depth=99999999999999999999"}, {1, "actor=%00"}, {5, "from=2021-13"},
	} {
		f.Add(s.ep, s.q)
	}
	f.Fuzz(func(t *testing.T, ep uint8, q string) {
		u := "/api/ag/" + fuzzEndpoints[int(ep)%len(fuzzEndpoints)] + "?" + q
		pu, err := url.ParseRequestURI(u)
		if err != nil {
			return // not a request a client can send
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL, req.RequestURI = pu, pu.RequestURI()
		rec := httptest.NewRecorder()
		start := time.Now()
		srv.ServeHTTP(rec, req)
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("%s took %s", u, d)
		}
		if rec.Code >= 500 && rec.Code != http.StatusGatewayTimeout {
			t.Fatalf("%s: %d %s", u, rec.Code, rec.Body.String())
		}
	})
}

// FuzzWriteBody: no body makes the write endpoint's reader panic; a body it
// takes holds quads, one it refuses says why (by line for N-Quads).
func FuzzWriteBody(f *testing.F) {
	f.Add("application/n-quads", []byte("<ag:a> <prop:name> \"A\" .\n<ag:a><rel:opposes><ag:b><claim:c>.\n"))
	f.Add("application/n-quads", []byte("<a> <b> <c> .\n@prefix x: <y> .\n"))
	f.Add("application/json", []byte(`[{"subject":"<ag:a>","predicate":"<prop:name>","object":"\"A\""}]`))
	f.Add("", []byte("_:x <prop:alias> \"\\u00e9\"@fr . # c\r\n"))
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		quads, err := readQuads(contentType, body)
		if err == nil && len(quads) == 0 && contentType == "" {
			t.Fatalf("%q: no quads and no error", body)
		}
		if err != nil && err.Error() == "" {
			t.Fatal("an error without a message")
		}
	})
}
