# GPAI Assessor: everyday commands. Run `make` for the list.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PYTHON := $(VENV)/bin/python
# Written after a successful install; newer requirement files make it stale.
STAMP := $(VENV)/.installed

.PHONY: help venv install chromium run test screenshots lint bench wrk loadtest clean

help:
	@echo "make run     install if needed, compile the catalogues (locale/), migrate, create the local admin, serve http://127.0.0.1:8000/"
	@echo "make test    install if needed, compile the catalogues, run the test suite (extra arguments: PYTEST_ARGS='-k home')"
	@echo "make lint    ruff check ., lint-imports (architecture contracts) and mypy ."
	@echo "make bench   benchmarks in one table: wrk against gunicorn (production settings, loopback),"
	@echo "             signing, verify_records, assess(); SQLite, or PostgreSQL with DATABASE_URL=postgres://..."
	@echo "make loadtest  32 people for 2 minutes on loopback against gunicorn behind nginx (deploy/),"
	@echo "              on SQLite, then PostgreSQL if LOADTEST_PG_URL is set (LOADTEST_DURATION=30 shortens it)"
	@echo "make screenshots  every wizard step at 1280 and 375 px wide, into tests/browser/artifacts/screenshots/"
	@echo "make install create .venv, install requirements-dev.txt and Chromium for the browser tests (also: make venv)"
	@echo "make clean   remove .venv and caches (keeps data/, where the local database lives)"

$(PYTHON):
	python3 -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PYTHON)
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv install: $(STAMP) chromium

# The browser tests (tests/browser) drive Debian's Chromium. Installed with apt-get when it is
# missing, as root or through a sudo that asks no password; otherwise (or if apt-get fails)
# this says so and the browser tests fail, naming what to install. They never skip.
CHROMIUM := /usr/bin/chromium

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then sudo=""; \
		elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
		else echo "$(CHROMIUM) is missing and installing it needs root: the browser tests will fail (apt-get install chromium)."; exit 0; fi; \
		echo "Installing Chromium (Debian package chromium) for the browser tests."; \
		{ $$sudo apt-get update -q && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } \
			|| echo "Installing chromium failed: the browser tests will fail."; \
	fi

# Local development settings, git-ignored and read by config/settings.py: debug on (it is off
# unless asked for) and a generated secret key. Written once; delete it to have a new one.
.env.local:
	umask 077 && printf '# Local development settings, written by make run (git-ignored).\nDJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\n' \
		"$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@.tmp && mv $@.tmp $@

run: $(STAMP) .env.local
	$(PYTHON) manage.py compile_catalogues
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py ensure_local_user
	$(PYTHON) manage.py signing_key create --if-missing
	$(PYTHON) manage.py runserver 127.0.0.1:8000

test: $(STAMP) chromium
	DJANGO_SETTINGS_MODULE=config.settings_test $(PYTHON) manage.py compile_catalogues
	$(VENV)/bin/pytest -n auto $(PYTEST_ARGS)

# Screenshots for people to look at, not a test: tests/browser/screenshot_tour.py.
screenshots: $(STAMP) chromium
	$(VENV)/bin/pytest -p no:xdist -q tests/browser/screenshot_tour.py
	@echo "Screenshots in tests/browser/artifacts/screenshots/"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy .

# wrk (HTTP load) for the benchmarks: installed with apt-get when missing, as root or through a
# sudo that asks no password, as chromium is; otherwise bench/run.py says what to install.
wrk:
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then sudo=""; \
		elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
		else echo "wrk is missing and installing it needs root (apt-get install wrk)."; exit 0; fi; \
		echo "Installing wrk (Debian package wrk) for the benchmarks."; \
		{ $$sudo apt-get update -q && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; } \
			|| echo "Installing wrk failed."; \
	fi

# SQLite by default; DATABASE_URL=postgres://user:pw@host:5432/postgres benchmarks PostgreSQL
# (a throwaway database is created there and dropped). BENCH_ARGS: see python -m bench.run -h.
bench: $(STAMP) wrk
	$(PYTHON) -m bench.run $(BENCH_ARGS)

# The load test's own tools (locust), installed into .venv by this target only.
LOADTEST_STAMP := $(VENV)/.loadtest-installed

$(LOADTEST_STAMP): requirements-loadtest.txt | $(STAMP)
	$(PYTHON) -m pip install --quiet -r requirements-loadtest.txt
	touch $@

loadtest: $(STAMP) $(LOADTEST_STAMP)
	$(PYTHON) -m loadtest.run

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
