# Two commands do everything on a fresh machine:
#   make site   set up, convert sources/ and build the reading site into build/site/
#   make test   set up (Python packages, Debian chromium and faketime, axe-core) and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

# Python packages come only from the hashed locks in requirements/ (written by
# `make lock` from pyproject.toml): pip refuses any file whose hash differs, and
# installs wheels only, so no package's build code runs. The project itself goes
# in last, without deps, and `pip check` catches a lock that no longer covers
# pyproject.toml.
# A pinned package that ships no wheel (pip: "No matching distribution found")
# is named here, e.g. `BUILD_FROM_SOURCE := feedgen`; its sdist is still hash-checked.
BUILD_FROM_SOURCE := feedgen sgmllib3k
PIP_BOOTSTRAP := $(BIN)/pip install --quiet --require-hashes -r requirements/pip.txt
PIP_LOCKED := $(BIN)/pip install --quiet --require-hashes --only-binary :all: $(addprefix --no-binary ,$(BUILD_FROM_SOURCE)) -r
PIP_PROJECT := $(BIN)/pip install --quiet --no-deps --no-build-isolation -e
PIP_CHECK := $(BIN)/pip check || { echo "requirements/*.txt do not match pyproject.toml: run make lock" >&2; exit 1; }

.PHONY: site test setup setup-test convert build check lint lock bench bench-library screenshots reference devcorpus eval clean

site: setup convert build

setup: $(VENV)/.installed
$(VENV)/.installed: requirements/pip.txt requirements/site.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP_BOOTSTRAP)
	$(PIP_LOCKED) requirements/site.txt
	$(PIP_PROJECT) .
	$(PIP_CHECK)
	touch $@

setup-test: $(VENV)/.installed-test
$(VENV)/.installed-test: requirements/pip.txt requirements/test.txt pyproject.toml tests/site/package.json
	$(PYTHON) -m venv $(VENV)
	$(PIP_BOOTSTRAP)
	$(PIP_LOCKED) requirements/test.txt
	$(PIP_PROJECT) .
	$(PIP_CHECK)
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
	$(BIN)/ruff check scripts tests tools
	$(BIN)/ruff format --check scripts tests tools
	$(BIN)/zizmor --offline --persona pedantic --quiet .github

test: setup-test lint
	$(BIN)/pytest

screenshots: setup-test build
	$(BIN)/python -m tests.site.screenshots build/site build/screenshots

# Re-lock after any change to the pins in pyproject.toml (one command, about a
# second; needs PyPI). One lock serves every platform and Python >= 3.11, keeps
# every other pin it can, and site.txt is test.txt without the test tools.
LOCK := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock"
BUILD_REQUIRES := $(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'
lock:
	$(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) requirements/uv.txt
	$(LOCK) --group lock -o requirements/uv.txt
	$(LOCK) --group bootstrap -o requirements/pip.txt
	$(BUILD_REQUIRES) | $(LOCK) - pyproject.toml --extra test -o requirements/test.txt
	$(BUILD_REQUIRES) | $(LOCK) - pyproject.toml -c requirements/test.txt -o requirements/site.txt

# With the dev corpus built (make devcorpus), the bench corpus is real page dumps, not the seeds.
BENCH_TEXTS := $(if $(wildcard build/devcorpus/texts),--from-texts build/devcorpus/texts)
bench: setup-test
	$(BIN)/python -m tools.bench --articles 1000 --articles 2000 --articles 5000 --articles 10000 $(BENCH_TEXTS) --json build/bench.json --plot build/bench.svg

# Page sizes and the Library's filter/sort time at 1,000 and 10,000 articles (docs/performance.md).
bench-library: setup-test
	$(BIN)/python -m tests.site.library_bench 1000 10000

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
# jusText, the peer it is measured against, is a dependency of the cleaner itself.
eval: setup-test
	$(BIN)/python -m tests.devcorpus.evaluate --folds 5 --docs docs/cleaning-accuracy.md

clean:
	rm -rf build $(VENV)
