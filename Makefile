# Synergi: `make run` serves the app with demo data, `make test` runs the whole suite.
# Both work from a fresh clone; they create .venv with a Python >= 3.12 found by
# scripts/find-python (override with PYTHON=/path/to/python3.12).

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell ./scripts/find-python)

.PHONY: run test test-postgres venv lint messages clean

$(PY):
	@test -n "$(PYTHON)" || { ./scripts/find-python; exit 1; }
	"$(PYTHON)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

venv: $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	@echo ""
	@echo "Synergi kører på http://127.0.0.1:$(PORT)/  (stop med Ctrl+C)"
	@# The task worker (makes the PDF catalogue) runs beside the web server and stops with it.
	@$(PY) manage.py run_worker --no-startup-delay --no-reload & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev-installed
	$(PY) -m pytest

# The same suite on PostgreSQL; DATABASE_URL defaults to this machine's server.
test-postgres: $(VENV)/.dev-installed
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest

# Style (ruff), the layers and import cycles (.importlinter), types (mypy.ini).
lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# Regenerate the English catalogue after changing UI strings (needs GNU gettext).
messages: $(VENV)/.runtime-installed
	$(PY) manage.py makemessages --locale en --no-location --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'media/*'
	$(PY) manage.py compilemessages --locale en --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache
