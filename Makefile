# GPAI Assessor: everyday commands. Run `make` for the list.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PYTHON := $(VENV)/bin/python
# Written after a successful install; newer requirement files make it stale.
STAMP := $(VENV)/.installed

.PHONY: help venv install run test lint bench clean

help:
	@echo "make run     install if needed, migrate, create the local admin, serve http://127.0.0.1:8000/"
	@echo "make test    install if needed, run the test suite (extra arguments: PYTEST_ARGS='-k home')"
	@echo "make lint    ruff check ., lint-imports (architecture contracts) and mypy ."
	@echo "make bench   run every bench/*.py script"
	@echo "make install create .venv and install requirements-dev.txt (also: make venv)"
	@echo "make clean   remove .venv and caches (keeps data/, where the local database lives)"

$(PYTHON):
	python3 -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PYTHON)
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv install: $(STAMP)

# Local development settings, git-ignored and read by config/settings.py: debug on (it is off
# unless asked for) and a generated secret key. Written once; delete it to have a new one.
.env.local:
	umask 077 && printf '# Local development settings, written by make run (git-ignored).\nDJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\n' \
		"$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@.tmp && mv $@.tmp $@

run: $(STAMP) .env.local
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py ensure_local_user
	$(PYTHON) manage.py signing_key create --if-missing
	$(PYTHON) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(VENV)/bin/pytest -n auto $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy .

bench: $(STAMP) .env.local
	@shopt -s nullglob; \
	for script in bench/*.py; do \
		echo "== $$script"; \
		PYTHONPATH=. DJANGO_SETTINGS_MODULE=config.settings $(PYTHON) "$$script" || exit 1; \
	done

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
