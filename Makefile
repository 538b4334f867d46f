# wholebody: `make run` for the demo, `make test` for the whole suite on PostgreSQL.
SHELL := /bin/bash
# wholebody runs on Python 3.11: python3.11 when it is on PATH, else python3 (checked below).
PYTHON ?= $(firstword $(shell command -v python3.11 python3 2>/dev/null))
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
DEMO_ENV := DEBUG=1
# make test uses DATABASE_URL when it is set, else the machine's own PostgreSQL.
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/wholebody)

.PHONY: run serve test lint format migrations-check bench lock vendor clean

# Installs exactly the hashed versions of requirements.lock, then wholebody itself without
# resolving anything again.
$(BIN)/.installed: pyproject.toml requirements.lock
	@test "$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = 3.11 \
		|| { echo "wholebody needs Python 3.11: install python3.11 (with its venv module) or run make PYTHON=/path/to/python3.11." >&2; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

run: $(BIN)/.installed
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py load_library
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production-style serving: DEBUG off, hashed static files via WhiteNoise, gunicorn workers.
# Needs SECRET_KEY, NOTE_SIGNING_KEYS, DATABASE_URL and ALLOWED_HOSTS in the environment (see README).
serve: $(BIN)/.installed
	@test -n "$$SECRET_KEY" -a -n "$$NOTE_SIGNING_KEYS" || (echo "Set SECRET_KEY and NOTE_SIGNING_KEYS (and DATABASE_URL, ALLOWED_HOSTS) first." >&2; exit 1)
	STATIC_MANIFEST=1 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	STATIC_MANIFEST=1 $(BIN)/python manage.py migrate --noinput
	STATIC_MANIFEST=1 $(BIN)/gunicorn config.wsgi --bind $${BIND:-127.0.0.1:$(PORT)} --workers $${WORKERS:-3} --access-logfile -

test: $(BIN)/.installed
	bash .ci/system-packages.sh
	DATABASE_URL=$(TEST_DATABASE_URL) bash .ci/postgres.sh
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest $(ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks print medians and ratios to a floor view and write bench/results.json; they are
# never timed tests. bench/run.py builds a PostgreSQL database of 100, 10 000 and 100 000
# patients in turn (ARGS="--sizes 100,10000" to stop earlier) and runs them all.
bench: $(BIN)/.installed
	bash .ci/system-packages.sh
	DATABASE_URL=$(TEST_DATABASE_URL) bash .ci/postgres.sh
	$(BIN)/python bench/run.py $(ARGS)

migrations-check: $(BIN)/.installed
	$(DEMO_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# Compiles requirements.lock from pyproject.toml (the app and its dev extras, every platform,
# with hashes). After changing a dependency, run it and commit both; ARGS=--upgrade takes the
# newest versions pyproject.toml allows.
lock: $(BIN)/.installed
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command "make lock" --quiet \
		--output-file requirements.lock $(ARGS)

# Refresh the vendored front-end assets from the npm registry (never at run time).
vendor:
	bash .ci/vendor.sh

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis staticfiles
