# RightsTrack: a few verbs. CI (.ci/run) calls `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?= -n 2

FUZZ_SECONDS ?= 300

.PHONY: fuzz run test test-sqlite test-postgres lint fmt typecheck messages bench install install-dev clean deploy-test

$(BIN)/rightstrack: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	@touch $@

install: $(BIN)/rightstrack

$(VENV)/.dev: $(BIN)/rightstrack
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

install-dev: $(VENV)/.dev

## run: install, migrate, load the bundled real sample, serve the portal at http://$(HOST) with a task worker
run: install
	$(BIN)/rightstrack migrate --noinput
	$(BIN)/rightstrack load-sample --no-classify
	@# The portal opens as soon as the data is in. Beside the web server run the task worker
	@# (uploads are imported on the task queue) and, once, the classify step: labels
	@# suggested for every recommendation, then clusters of the same ask (a few minutes on
	@# the first run; the pages show them when done). Both stop with the server (Ctrl-C).
	@mkdir -p var; echo "Suggesting labels and finding clusters in the background (var/classify.log)..."
	$(BIN)/rightstrack db-worker & worker=$$!; \
	( $(BIN)/rightstrack classify suggest --train && $(BIN)/rightstrack classify cluster ) \
	  > var/classify.log 2>&1 & classify=$$!; \
	trap 'pkill -P $$classify 2>/dev/null; kill $$worker $$classify 2>/dev/null' EXIT INT TERM; \
	$(BIN)/rightstrack runserver $(HOST)

## test: lint, type-check, then the whole suite on SQLite and on PostgreSQL
test: install-dev lint typecheck test-sqlite test-postgres

test-sqlite: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install-dev
	DATABASE_URL=$(PG_URL) RIGHTSTRACK_REQUIRE_POSTGRES=1 $(BIN)/pytest $(PYTEST_ARGS)

## lint: ruff, then the import contracts of pyproject.toml (which app may import which)
lint: install-dev
	$(BIN)/ruff check src tests bench fuzz
	$(BIN)/ruff format --check src tests bench fuzz
	$(BIN)/lint-imports --no-cache pyproject.toml

fmt: install-dev
	$(BIN)/ruff format src tests bench fuzz
	$(BIN)/ruff check --fix src tests bench fuzz

typecheck: install-dev
	$(BIN)/mypy --strict src

messages: install-dev
	cd src/rightstrack && ../../$(BIN)/rightstrack makemessages -l ar -l zh_Hans -l fr -l ru -l es --ignore 'migrations/*'
	cd src/rightstrack && ../../$(BIN)/rightstrack compilemessages

## fuzz: the import fuzzer (fuzz/import_any_file.py) for FUZZ_SECONDS on a copy of its seed corpus
fuzz: install-dev
	rm -rf var/fuzz-corpus && mkdir -p var && cp -r fuzz/corpus var/fuzz-corpus
	$(BIN)/python fuzz/import_any_file.py var/fuzz-corpus -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -artifact_prefix=var/

## deploy-test: the deploy/ stack as processes (PostgreSQL primary + streaming replica, Redis,
## two `rightstrack serve`, a worker, nginx), smoke-tested through the proxy, then stopped
deploy-test: install
	bash deploy/deploy-test.sh

bench: install-dev
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) var
