package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/queries"
)

// syncBuffer is a bytes.Buffer safe to read while serve writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var servingRE = regexp.MustCompile(`at (http://\S+/) `)

// startServe runs `actorgraph serve` in the background until the test ends
// or stop is called; it returns the base URL.
func startServe(t *testing.T, te *testEnv, args ...string) (url string, stderr *syncBuffer, stop func() exitCode) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &syncBuffer{}
	e := *te.env
	e.stdout, e.stderr = io.Discard, stderr
	done := make(chan exitCode, 1)
	go func() { done <- execute(ctx, &e, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)) }()
	var once sync.Once
	var code exitCode
	stop = func() exitCode {
		once.Do(func() { cancel(); code = <-done })
		return code
	}
	t.Cleanup(func() { stop() })
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingRE.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], stderr, stop
		}
		select {
		case c := <-done:
			t.Fatalf("serve exited with %d: %s", c, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not start: %s", stderr.String())
	return "", nil, nil
}

// TestServeSideBySide serves a real embedded store (a bbolt file, and the
// default LevelDB directory) read-only while the CLI's read commands use the
// same store, and checks both give the same JSON.
func TestServeSideBySide(t *testing.T) {
	for _, backend := range []string{"bbolt:", "leveldb:"} {
		t.Run(strings.TrimSuffix(backend, ":"), func(t *testing.T) {
			testServeSideBySide(t, backend+filepath.Join(t.TempDir(), "graph"))
		})
	}
}

func testServeSideBySide(t *testing.T, store string) {
	te := newTestEnv(t)
	if _, errOut, code := te.run(t, "--store", store, "seed"); code != exitOK {
		t.Fatalf("seed: %d %s", code, errOut)
	}
	url, stderr, stop := startServe(t, te, "--store", store)
	if !strings.Contains(stderr.String(), "read-only") {
		t.Errorf("startup line does not say read-only: %s", stderr.String())
	}
	res, err := http.Get(url + "api/ag/neighbors?actor=IS-K")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	out, errOut, code := te.run(t, "--store", store, "neighbors", "IS-K", "--format", "json")
	if code != exitOK {
		t.Fatalf("neighbors while serving: code %d: %s", code, errOut)
	}
	var fromHTTP, fromCLI queries.Network
	if err := json.Unmarshal(body, &fromHTTP); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &fromCLI); err != nil {
		t.Fatal(err)
	}
	if string(body) != out {
		t.Errorf("HTTP and CLI JSON differ:\n%s\n---\n%s", body, out)
	}
	if _, _, code := te.run(t, "--store", store, "show", "ISKP"); code != exitOK {
		t.Errorf("show while serving: code %d", code)
	}
	if code := stop(); code != exitOK {
		t.Errorf("serve exited with %d after interrupt: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("no stop message: %s", stderr.String())
	}
}

func TestServeWarnsOffLoopback(t *testing.T) {
	te := seeded(t)
	_, stderr, _ := startServe(t, te, "--addr", "0.0.0.0:0")
	if !strings.Contains(stderr.String(), "warning: 0.0.0.0:0 is not a loopback address") {
		t.Errorf("no warning: %s", stderr.String())
	}
}

func TestServeBadFlags(t *testing.T) {
	te := seeded(t)
	tests := []struct {
		args []string
		code exitCode
		want string
	}{
		{[]string{"serve", "--addr", "nonsense"}, exitUsage, "--addr"},
		{[]string{"serve", "--timeout", "0s"}, exitUsage, "--timeout"},
		{[]string{"serve", "--limit", "0"}, exitUsage, "--limit"},
		{[]string{"serve", "extra"}, exitUsage, "no arguments"},
		{[]string{"--store", filepath.Join(t.TempDir(), "none.db"), "serve", "--addr", "127.0.0.1:0"}, exitStore, "no store"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			_, errOut, code := te.run(t, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("code %d stderr %q; want %d mentioning %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}
