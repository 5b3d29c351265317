# `make test` is the one command that checks everything: formatting, vet, the Go tests (unit,
# golden, testscript) and the end-to-end matrix that installs every generated project from PyPI.
GO ?= go
E2E_PARALLEL ?= 2

.PHONY: test check unit e2e bench release-check build tools

test: check unit e2e

check:
	@unformatted="$$(gofmt -l cmd generator blueprints e2e)"; \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags e2e ./e2e/
	$(GO) vet -tags docs ./cmd/pystart/
	$(GO) mod tidy -diff
	@# Every benchmark runs once (about 2 s), so they keep working; their timings are not read here.
	@out="$$($(GO) test -run '^$$' -bench . -benchtime=1x ./generator/ ./generator/gitrepo/ 2>&1)" || \
	  { echo "$$out"; exit 1; }; echo "benchmarks: each ran once"

unit:
	$(GO) test ./...

# Needs uv and python3.11 (tools installs uv with pip when it is missing). e2e/with-services
# starts a throwaway PostgreSQL and provides redis-server for the rows that need them (and
# installs them when run as root); without them those rows are skipped.
e2e: tools
	e2e/with-services $(GO) test -tags e2e ./e2e/ -count=1 -v -parallel $(E2E_PARALLEL) -timeout 80m

tools:
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@command -v python3.11 >/dev/null 2>&1 || { echo "python3.11 is needed for the e2e matrix"; exit 1; }

# Not part of test: timings are for reading, never asserted. Writes bench/RESULTS.md.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./generator/ ./generator/gitrepo/
	bench/run

# goreleaser check and a snapshot build of every target (CI runs it after make test).
release-check:
	.ci/release-check

build:
	$(GO) build -o bin/pystart ./cmd/pystart
