# Podium: `make run` sets up and runs the service on SQLite; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint openapi messages bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/podium run

# Ruff (lint and import order) and the import contracts of pyproject.toml (who may import whom).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# The tests run on every core (pytest-xdist), but for the planner's, which measure its work against the clock and so
# run alone after the rest: beside another test, a deterministic solve may be cut by the clock.
# The browser tests drive Debian's chromium through Playwright (no browser download); the PDF
# annex embeds Debian's Noto faces for Chinese and Arabic, laid out with Pango and HarfBuzz.
PDF_PACKAGES := fonts-noto-core fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0

test: $(STAMP)
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || (apt-get update && apt-get install -y $(PDF_PACKAGES))
	$(PY) -m pytest -q -n auto -m "not solo"
	$(PY) -m pytest -q -m solo

# The pages' messages: extracted from the templates and the pages' Python into messages.pot, merged into the
# five catalogs (translate what is new; a test fails on a missing translation). The service compiles them when it starts.
messages: $(STAMP)
	$(PY) -m service.web.pages.i18n extract

openapi: $(STAMP)
	$(VENV)/bin/podium openapi > openapi/openapi.json

bench: $(STAMP)
	$(PY) bench/solver.py
	$(PY) bench/feeds.py
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) var
