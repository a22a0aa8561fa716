# Two commands on a fresh Debian machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test unit browser wheel-test setup system schema docs bench clean

demo: setup
	$(BIN)/orgdocs build orgs/ --out-dir output   # output/all-hands/; --audience all for hr/ and public/ too

# Tests run on every core (pytest-xdist); a test module's tests stay on one worker so the documents it
# renders once per module are rendered once.
# The browser tests run too (Debian's chromium, from `make system`): here a missing browser fails them, and so
# does a missing Java for the HTML validator (tests/test_html_valid.py).
JOBS ?= auto
test: setup
	ORGDOCS_REQUIRE_BROWSER=1 ORGDOCS_REQUIRE_VALIDATOR=1 $(BIN)/python -m pytest -n $(JOBS) --dist loadscope

# The browser tests alone (issue 14): Playwright driving the system's Chromium on a built site, axe-core.
browser: setup
	ORGDOCS_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -m browser

# The fast unit tests alone: no Graphviz, no WeasyPrint, no CLI run (markers in pyproject.toml, tests/conftest.py).
unit: setup
	$(BIN)/python -m pytest -m "not wheel and not graphviz and not weasyprint and not e2e"

# A wheel built from this tree, installed into a fresh venv elsewhere, builds the example orgs (slow: installs deps).
wheel-test: setup
	$(BIN)/python -m pytest -m wheel

setup: system $(STAMP)

system:
	@sh scripts/ensure-system

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "orgdocs needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

schema: setup
	$(BIN)/orgdocs schema > orgdocs/schema/org.schema.json

# The format reference, generated from the model's field descriptions and orgdocs/reference/ (a test checks it).
docs: setup
	$(BIN)/orgdocs schema -f md > docs/format.md

# Issue 13's targets, each against its peer, in one run (~6-8 min; not part of `make test`):
# make bench SIZES=1000,10000 REPS=5, or BENCH_ARGS=--quick
SIZES ?=
REPS ?=
bench: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python bench/targets.py $(if $(SIZES),--sizes $(SIZES)) $(if $(REPS),--reps $(REPS)) $(BENCH_ARGS)

clean:
	rm -rf output .pytest_cache
