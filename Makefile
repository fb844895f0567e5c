# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG := seeds/briefing.toml
export PIP_DISABLE_PIP_VERSION_CHECK := 1

PO_FILES := $(wildcard locales/*/LC_MESSAGES/briefing.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test bench lint catalogs messages update-snapshots update-goldens clean lt-venv browser

run: $(VENV)/.run-deps $(MO_FILES)
	$(BIN)/briefing --config $(CONFIG) run

test: $(VENV)/.test-deps $(MO_FILES) browser
	$(BIN)/python -m pytest

# The review page's browser tests drive Debian's Chromium (nothing is downloaded at test
# time). Installed here only when it can be (root and apt-get); otherwise they skip.
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else echo "note: no /usr/bin/chromium (and no root + apt-get to install it): the browser tests will skip"; fi; }

bench: $(VENV)/.test-deps $(MO_FILES)
	@for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

lint: $(VENV)/.test-deps
	$(BIN)/ruff check briefing tests bench
	$(BIN)/mypy briefing

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Pinned: constraints.txt holds the exact versions the project is tested with.
# argostranslate is installed without its dependencies: they pull in stanza and torch
# (gigabytes), and we only use its package index for `briefing models download`.
$(VENV)/.run-deps: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e .
	$(BIN)/pip install -q --no-deps -c constraints.txt argostranslate
	touch $@

$(VENV)/.test-deps: pyproject.toml constraints.txt $(VENV)/.run-deps
	$(BIN)/pip install -q -c constraints.txt -e '.[test,dev]'
	touch $@

# A real LibreTranslate server for the tests of its client, in a venv of its own (its
# pinned dependencies never touch .venv); tests/ltserver.py starts it offline.  ~3 min once.
LT_VENV := .cache/lt-venv
lt-venv: $(LT_VENV)/.installed

$(LT_VENV)/.installed: tests/libretranslate/requirements.txt
	$(PYTHON) -m venv $(LT_VENV)
	$(LT_VENV)/bin/pip install -q -r tests/libretranslate/requirements.txt
	touch $@

catalogs: $(MO_FILES)

# pybabel comes with the run dependencies: order-only, so `make -j` cannot race ahead of it.
%.mo: %.po | $(VENV)/.run-deps
	$(BIN)/pybabel compile --statistics -D briefing -i $< -o $@

# Re-extract messages from the code and templates into the .pot and update every .po.
messages: $(VENV)/.test-deps
	$(BIN)/pybabel extract -F babel.cfg -k tr:2 -k ntr:2,3 -k N_ --no-location --sort-output \
	  --project=briefing --copyright-holder="briefing authors" -o locales/briefing.pot .
	$(BIN)/pybabel update -D briefing -i locales/briefing.pot -d locales \
	  --no-fuzzy-matching --ignore-obsolete

update-snapshots: $(VENV)/.test-deps $(MO_FILES)
	BRIEFING_UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q -k snapshot

# Rewrite tests/goldens/ (the expected facts of every article of every set of
# tests/corpus/manifest.toml) after a deliberate change of the extractor: read the failing
# test's lines first, then `git diff tests/goldens`, then commit the rewritten files.
update-goldens: $(VENV)/.test-deps $(MO_FILES)
	BRIEFING_UPDATE_GOLDENS=1 $(BIN)/python -m pytest -q tests/test_goldens.py

clean:
	rm -rf out/20* out/outbox out/*.sqlite3 out/*.json
