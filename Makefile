# opsmock: `make run` serves the mock, `make test` is what CI runs.
GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X github.com/opsmock/opsmock/mock.version=$(VERSION)
ARGS     ?=

.PHONY: help build run test race vet fmt-check lint bench bench-load fixtures conformance fuzz-smoke

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

build: ## build bin/opsmock
	$(GO) build -ldflags '$(LDFLAGS)' -o bin/opsmock ./cmd/opsmock

run: build ## serve the mock on 127.0.0.1:8080 (ARGS='--seed 7' to pass flags)
	./bin/opsmock serve $(ARGS)

test: vet fmt-check race ## vet, gofmt check, and every test with the race detector

race: ## go test -race ./...
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

lint: vet fmt-check ## vet, gofmt, go mod tidy check, and spec lint (Redocly, via npx)
	$(GO) mod tidy -diff
	npx --yes @redocly/cli@1.34.5 lint spec/*.yaml

# A count of executions, not a duration: with a duration, Go's fuzzing
# coordinator can race its own deadline on a loaded machine and fail with a
# bare "context deadline exceeded" and no failing input (golang/go#75804).
FUZZTIME ?= 8000x
fuzz-smoke: ## run every fuzz target briefly (FUZZTIME, default 8000 executions each); a crash is saved under testdata/fuzz
	$(GO) test -run '^$$' -fuzz '^FuzzHandler$$' -fuzztime $(FUZZTIME) ./mock/
	$(GO) test -run '^$$' -fuzz '^FuzzReadInput$$' -fuzztime $(FUZZTIME) ./mock/pmp/
	$(GO) test -run '^$$' -fuzz '^FuzzDigestAuthorization$$' -fuzztime $(FUZZTIME) ./mock/opsmanager/
	$(GO) test -run '^$$' -fuzz '^FuzzPaging$$' -fuzztime $(FUZZTIME) ./mock/opsmanager/

bench: ## benchmarks: mock vs a bare net/http handler, and serve start-up
	$(GO) test -run '^$$' -bench . -benchmem ./mock/...
	scripts/bench-startup.sh

bench-load: ## req/s over loopback: opsmock vs a bare net/http server vs Prism (wrk); see BENCHMARKS.md
	scripts/bench-load.sh

fixtures: ## regenerate the committed fixtures/ tree (default seed)
	$(GO) run ./cmd/opsmock fixtures --out fixtures --force

conformance: ## serve the mock and run opsmock check --write against it, per product
	scripts/conformance.sh
