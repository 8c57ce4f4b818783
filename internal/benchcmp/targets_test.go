package main

import "testing"

// TestIntegrationQueries reads Cayley's twelve integration queries from
// its source.
func TestIntegrationQueries(t *testing.T) {
	qs, err := integrationQueries()
	if err != nil {
		t.Fatal(err)
	}
	long := 0
	for _, q := range qs {
		if q.long {
			long++
		}
		t.Logf("%s (long %v): %d bytes", q.name, q.long, len(q.query))
	}
	if len(qs) != 12 || long < 4 {
		t.Errorf("%d queries, %d long; want 12, at least 4 long", len(qs), long)
	}
}

func TestGoBench(t *testing.T) {
	m := reBench.FindStringSubmatch("BenchmarkShortestPathMovies-2   	      20	  19309065 ns/op	 3409614 B/op")
	if m == nil || m[1] != "BenchmarkShortestPathMovies" || m[3] != "19309065" {
		t.Errorf("parsed %q", m)
	}
}
