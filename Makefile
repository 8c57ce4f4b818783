.PHONY: eval-extract

# Score `actorgraph extract` against the hand-curated seed graph (writes docs/extraction.md).
eval-extract:
	go run ./internal/extracteval -gold seed/data/tna-2024-islamic-state-comeback.ag -text seed/data/tna-2024-islamic-state-comeback.txt -published 2024-03-27 -doc docs/extraction.md
