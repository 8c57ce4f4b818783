# actorgraph: a few verbs around the go tool.
SHELL    := bash
GO       ?= go
BIN      := bin/actorgraph
VERSION  := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)

.PHONY: build run test check fmt bench fuzz race

## build: compile the actorgraph binary into bin/
build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/actorgraph

## run: build, seed the default embedded store, answer a first query
run: build
	$(BIN) seed
	$(BIN) show ISKP
	$(BIN) neighbors IS-K --rel opposes

## test: the whole test suite (what CI runs)
test:
	$(GO) test -count=1 ./...

## fuzz: run every fuzz target briefly (FUZZTIME each; a failure leaves its input in testdata/fuzz)
FUZZTIME ?= 3s
FUZZ := ./internal/nq:FuzzParseLine ./seed:FuzzNQuads ./seed:FuzzCurated ./graph:FuzzParseDate \
	./extract:FuzzSplit ./extract:FuzzExtract ./server:FuzzQueryParams ./server:FuzzWriteBody
fuzz:
	@set -e; for t in $(FUZZ); do \
		echo "== $${t%%:*} $${t##*:}"; \
		$(GO) test -count=1 -run '^$$' -fuzz "^$${t##*:}$$" -fuzztime $(FUZZTIME) "$${t%%:*}"; \
	done

## race: the packages that run goroutines, under the race detector
RACE ?= ./seed/... ./graph/... ./server/... ./queries/... ./internal/nq/...
race:
	$(GO) test -count=1 -race -short $(RACE)

## check: fail if gofmt, go vet or go mod tidy would change anything
check:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' ':!third_party'))" || { gofmt -l $$(git ls-files '*.go' ':!third_party'); echo 'gofmt: run make fmt'; exit 1; }
	$(GO) vet ./...
	$(GO) mod tidy -diff

## fmt: format the code
fmt:
	gofmt -w $$(git ls-files '*.go' ':!third_party')

## bench: Go benchmarks of the hot paths, then actorgraph vs stock cayley
## (builds cayley into .bench/; writes docs/benchmarks.md; RUNS=3, BIG=1 adds 10M quads)
RUNS ?= 3
bench:
	@mkdir -p .bench
	set -o pipefail; $(GO) test -run '^$$' -bench . -benchmem ./... | tee .bench/gobench.txt
	$(GO) run ./internal/benchcmp -runs $(RUNS) $(if $(BIG),-big) -gobench .bench/gobench.txt

## eval-extract: score `actorgraph extract` on the seed article, the development texts and the
## held-out test texts (extract/testdata/eval/{dev,test}: X.txt with gold X.ag); writes docs/extraction.md
.PHONY: eval-extract
EVAL := extract/testdata/eval
eval-extract:
	$(GO) run ./internal/extracteval -gold seed/data/tna-2024-islamic-state-comeback.ag -text seed/data/tna-2024-islamic-state-comeback.txt -published 2024-03-27 \
		$(if $(wildcard $(EVAL)/dev/*.ag),-dev $(EVAL)/dev) $(if $(wildcard $(EVAL)/test/*.ag),-test $(EVAL)/test) -doc docs/extraction.md
