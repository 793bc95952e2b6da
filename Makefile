# Two commands do everything on a fresh machine:
#   make site   set up, convert sources/ and build the reading site into build/site/
#   make test   set up (Python packages, Debian chromium, axe-core) and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test setup setup-test setup-eval convert build check lint bench screenshots reference devcorpus eval clean

site: setup convert build

setup: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	touch $@

setup-test: $(VENV)/.installed-test
$(VENV)/.installed-test: pyproject.toml tests/site/package.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test]'
	test -x "$${CLIPPINGS_CHROMIUM:-/usr/bin/chromium}" || (apt-get update -qq && apt-get install -y -qq chromium)
	npm ci --silent --prefix tests/site
	touch $(VENV)/.installed $@

setup-eval: $(VENV)/.installed-eval
$(VENV)/.installed-eval: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test,eval]'
	touch $@

convert: setup
	$(BIN)/clippings convert

build: setup
	$(BIN)/mkdocs build --strict --quiet

check: setup
	$(BIN)/clippings check

lint: setup-test
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

test: setup-test lint
	$(BIN)/pytest

screenshots: setup-test build
	$(BIN)/python -m tests.site.screenshots build/site build/screenshots

# With the dev corpus built (make devcorpus), the bench corpus is real page dumps, not the seeds.
BENCH_TEXTS := $(if $(wildcard build/devcorpus/texts),--from-texts build/devcorpus/texts)
bench: setup-test
	$(BIN)/clippings bench --articles 1000 --articles 2000 --articles 5000 --articles 10000 $(BENCH_TEXTS) --json build/bench.json --plot build/bench.svg

# The development corpus (tests/devcorpus/README.md): built from snapshots of two public
# benchmarks into build/devcorpus/, never committed. Snapshot git dirs can be overridden:
#   make devcorpus READABILITY=/path/to/readability.git HTMLTOTEXT=/path/to/htmltotext.git
MIRROR ?= /work/.mirror
READABILITY ?= $(MIRROR)/mozilla+readability/repo
HTMLTOTEXT ?= $(MIRROR)/leogao2+htmltotext-benchmark/repo
devcorpus: setup
	$(BIN)/python -m tests.devcorpus.build --readability $(READABILITY) --htmltotext $(HTMLTOTEXT) --verify

# The cleaner on the dev corpus (CLIPPINGS_DEVCORPUS or build/devcorpus), cross-validated by
# outlet, with C4's line rules and jusText as peers; rewrites docs/cleaning-accuracy.md.
eval: setup-eval
	$(BIN)/python -m tests.devcorpus.evaluate --folds 5 --docs docs/cleaning-accuracy.md

clean:
	rm -rf build $(VENV)
