# Bawaba: `make run` serves the demo commune, `make test` runs the whole suite, `make lint` checks style.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
# Two workers for the two cores; a module's tests stay together so module fixtures are built once.
PYTEST_ARGS ?= -n 2 --dist loadscope
PORT ?= 8000

.PHONY: run test lint migrations-check format messages makemessages install install-demo install-dev browser clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

# The demo's tools (YAML, PDF generation) are not runtime dependencies: a deployment installs requirements.txt only.
$(VENV)/.demo: requirements.txt requirements-demo.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-demo.txt
	touch $@ $(VENV)/.runtime

$(VENV)/.dev: requirements.txt requirements-demo.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime $(VENV)/.demo

install: $(VENV)/.runtime
install-demo: $(VENV)/.demo
install-dev: $(VENV)/.dev

# GNU gettext compiles the catalogues; Debian ships it, and root can install it when it is missing.
messages: install
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	$(PY) manage.py compilemessages --ignore=.venv -v 0

makemessages: install
	$(PY) manage.py makemessages -l ar -l fr -l zgh --ignore=.venv --ignore=node_modules --no-obsolete -v 0

# The demo sites are stored with the address the server listens on, so absolute links work.
run: messages install-demo
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo --host $(HOST) --port $(PORT)
	$(PY) manage.py build_basemap --if-missing
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

# Browser tests drive Debian's Chromium; root installs it when it is missing.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } || true

test: install-dev messages browser
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	$(MAKE) --no-print-directory migrations-check

# Models and migrations agree: fails when a model change has no migration.
migrations-check: install-dev
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run -v 0

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
