# Two commands do everything on a fresh machine:
#   make site   set up, convert sources/ and build the reading site into build/site/
#   make test   set up (Python packages, Debian chromium and faketime, axe-core) and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test setup setup-test convert build check lint bench screenshots reference clean

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
	command -v faketime >/dev/null || (apt-get update -qq && apt-get install -y -qq faketime)
	npm ci --silent --prefix tests/site
	touch $(VENV)/.installed $@

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

bench: setup-test
	$(BIN)/clippings bench --articles 1000 --articles 2000 --articles 5000 --articles 10000 --json build/bench.json --plot build/bench.svg

clean:
	rm -rf build $(VENV)
