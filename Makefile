# The two commands a newcomer needs:  `make run`  (demo app on SQLite)  and  `make test`  (the whole suite).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench serve-prod

$(PY):
	@interp=$$(scripts/find-python) || exit 1; echo "Using $$interp"; "$$interp" -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@rm -f $(VENV)/.installed-*; touch $@

run: $(STAMP)
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py load_protocols
	$(PY) manage.py seed_demo
	@echo ""; echo "Open http://$(HOST):$(PORT)/ and sign in with a demo login above."; echo ""
	@# The task worker renders letters and sends email; it starts and stops with the web server.
	@$(PY) manage.py db_worker --interval 0.5 & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Browser tests need Debian's chromium; PDF checks render pages with poppler's pdftoppm.
test: $(STAMP)
	@scripts/ensure-system-packages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# Production-style server (set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL first); see README.
serve-prod: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py collectstatic --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/gunicorn config.wsgi:application -b $(HOST):$(PORT) -w 2
