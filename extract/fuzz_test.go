package extract

import (
	"strings"
	"testing"
	"time"
)

// FuzzSplit: the sentence splitter never panics or hangs, every sentence
// is text of the input (trimmed, as found), and paragraphs only go forward.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"ISKP claimed the attack. Taliban forces (the group's rivals) said: \"We will respond.\"\n\nA heading\nU.S. officials said 13 were killed on Aug. 26, 2021.",
		"“A quote,” he said. ‘Another.’ Dr. Smith left at 3 p.m.! Really?",
		"<p>Hello.</p><p>World</p>",
		"\r\n\r\n...!!!???",
		"\"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		start := time.Now()
		ss := Split(text)
		_ = Split(StripHTML(text))
		if d := time.Since(start); d > time.Second {
			t.Fatalf("split took %s", d)
		}
		norm := strings.ReplaceAll(text, "\r\n", "\n")
		para := 0
		for _, s := range ss {
			if !strings.Contains(norm, s.Text) {
				t.Fatalf("sentence %q is not in the text", s.Text)
			}
			if s.Para < para {
				t.Fatalf("paragraph went back from %d to %d", para, s.Para)
			}
			para = s.Para
		}
	})
}

// FuzzExtract: the whole extractor never panics or hangs on any text.
func FuzzExtract(f *testing.F) {
	f.Add("The Islamic State Khorasan Province (ISKP) claimed the attack on Crocus City Hall near Moscow on March 22, 2024, which killed at least 145 people. The Taliban opposes ISKP.")
	f.Add("Hamas and Hezbollah, backed by Iran, fought Israel. \"We reject it,\" said Ali Khamenei.")
	f.Fuzz(func(t *testing.T, text string) {
		start := time.Now()
		_ = Extract(text, Options{})
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("extract took %s", d)
		}
	})
}
