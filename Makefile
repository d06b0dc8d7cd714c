# Bitewise: the same commands locally and in CI.
SHELL := /bin/bash
export PYENV_VERSION ?= 3.12.1
PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export BITEWISE_CHROMIUM ?= /usr/bin/chromium

.PHONY: install demo test test-sqlite test-postgres test-engines test-engines-slow test-deps lint typecheck bench openapi clean

$(BIN)/bitewise: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/bitewise

install: $(BIN)/bitewise

# The demo webinar is real speech: eSpeak NG reads its script and ffmpeg encodes it at load
# time (without them the recording is tones, and the lesson says so).
demo: install
	@command -v ffmpeg >/dev/null && command -v espeak-ng >/dev/null \
		|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg espeak-ng >/dev/null; } \
		|| echo "ffmpeg or espeak-ng could not be installed: the demo recording will be tones"
	$(BIN)/bitewise demo

# Debian's Chromium for the browser tests, ffmpeg for media and espeak-ng for the speech the
# transcription tests hear, axe-core (npm) for accessibility checks and Digital Bazaar's
# verifier (npm) for the interoperability tests, scorm-again (npm) and Ralph (an LRS) for the
# learning-standards tests; xmlsec1 checks and makes SAML signatures (single sign-on, at run time
# too) and node-oidc-provider (npm) is the OpenID Provider of the single sign-on tests.
DEBIAN_TEST_PACKAGES := chromium ffmpeg espeak-ng xmlsec1
# Ralph, the LRS the xAPI tests send statements to, in its own venv: its pins clash with ours.
RALPH := var/ralph
RALPH_PACKAGES := "ralph-malph[cli,lrs]==5.1.0" requests==2.34.2
test-deps: install
	@test -x $(BITEWISE_CHROMIUM) && command -v ffmpeg >/dev/null && command -v espeak-ng >/dev/null \
		&& command -v xmlsec1 >/dev/null \
		|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_TEST_PACKAGES) >/dev/null; }
	@test -f tests/e2e/node_modules/axe-core/axe.min.js || (cd tests/e2e && npm ci --silent --no-audit --no-fund)
	@test -d tests/interop/node_modules/@digitalbazaar/vc || (cd tests/interop && npm ci --silent --no-audit --no-fund)
	@test -f tests/standards/node_modules/scorm-again/dist/scorm12.js || (cd tests/standards && npm ci --silent --no-audit --no-fund)
	@test -d tests/sso/node_modules/oidc-provider || (cd tests/sso && npm ci --silent --no-audit --no-fund)
	@test -x $(RALPH)/bin/ralph || { $(PYTHON) -m venv $(RALPH) && $(RALPH)/bin/pip install --quiet $(RALPH_PACKAGES); }

test: test-deps
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite:
	$(BIN)/pytest -q

test-postgres:
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q

# The engines know no Django: their tests run with plain pytest, the Django plugin off.
# test-engines is the fast part (seconds); the tests marked slow (real speech heard end to
# end, thread stress) run in test-engines-slow, and in test-sqlite and test-postgres with the rest.
ENGINE_PYTEST := $(BIN)/pytest -q -p no:django -W ignore::pytest.PytestConfigWarning src/bitewise/engines
test-engines: install
	$(ENGINE_PYTEST) -m "not slow"

test-engines-slow: install
	$(ENGINE_PYTEST) -m slow

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/bitewise makemigrations --check --dry-run
	$(BIN)/python -m bitewise.openapi --check

typecheck: install
	$(BIN)/mypy

openapi: install
	$(BIN)/python -m bitewise.openapi --write

bench: install
	$(BIN)/python benchmarks/catalog_load.py

clean:
	rm -rf $(VENV) data tests/e2e/node_modules tests/sso/node_modules
