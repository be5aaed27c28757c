# Onward: `make run` to use it, `make test` to prove it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint format bench lock clean

# Installs come from the lock files in requirements/ (exact versions, with hashes); `make lock`
# writes them from pyproject.toml's ranges.
LOCK := requirements/lock.txt
LOCK_TEST := requirements/lock-test.txt
STALE_LOCK := echo "The installed packages do not match pyproject.toml: run make lock" >&2; exit 1

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Onward needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python $(LOCK) pyproject.toml
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check >/dev/null || { $(STALE_LOCK); }
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed $(LOCK_TEST)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK_TEST)
	$(BIN)/python -m pip check >/dev/null || { $(STALE_LOCK); }
	touch $@

## Set everything up and serve Onward on http://127.0.0.1:$(PORT) (SQLite in the data folder).
run: $(VENV)/.installed
	$(BIN)/onward init
	$(BIN)/onward serve --host 127.0.0.1 --port $(PORT)

## Install the test tools, lint, check migrations, and run every test lane.
test: $(VENV)/.installed-test
	$(BIN)/ruff check onward tests tools bench conftest.py
	$(BIN)/ruff format --check onward tests tools bench conftest.py
	ONWARD_DATA_DIR=$$(mktemp -d) $(BIN)/mypy onward
	$(BIN)/lint-imports
	ONWARD_DATA_DIR=$$(mktemp -d) $(BIN)/onward makemigrations --check --dry-run
	$(BIN)/python tools/test_lanes.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check onward tests tools bench conftest.py
	ONWARD_DATA_DIR=$$(mktemp -d) $(BIN)/mypy onward
	$(BIN)/lint-imports

format: $(VENV)/.installed-test
	$(BIN)/ruff format onward tests tools bench conftest.py
	$(BIN)/ruff check --fix onward tests tools bench conftest.py

## Benchmarks: each fills a scratch database and prints its figures (see bench/README.md).
bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py
	$(BIN)/python bench/insights.py
	$(BIN)/python bench/linkedin_import.py
	$(BIN)/python bench/inbox_classify.py
	$(BIN)/python bench/portability.py
	$(BIN)/python bench/postings.py
	$(BIN)/python bench/posting_skills.py
	$(BIN)/python bench/serve.py
	$(BIN)/python bench/serve_floor.py

## Pin every dependency (with hashes) from pyproject.toml's ranges into requirements/: after
## changing a dependency there, or `make lock UPGRADE=1` to move to the newest versions allowed.
## The lock is resolved for this machine's Python (3.11) on Linux; commit both files.
LOCK_TOOLS := $(VENV)/lock-tools
LOCK_FLAGS := --quiet --allow-unsafe --strip-extras --generate-hashes --no-emit-index-url \
	--no-emit-find-links
lock: $(BIN)/python
	test -x $(LOCK_TOOLS)/bin/pip-compile || { $(BIN)/python -m venv $(LOCK_TOOLS) && \
		$(LOCK_TOOLS)/bin/python -m pip install --quiet "pip-tools>=7.6,<8"; }
	$(LOCK_TOOLS)/bin/pip-compile $(LOCK_FLAGS) $(if $(UPGRADE),--upgrade) --extra test \
		--output-file $(LOCK_TEST) pyproject.toml
	$(LOCK_TOOLS)/bin/pip-compile $(LOCK_FLAGS) --upgrade --constraint $(LOCK_TEST) \
		--output-file $(LOCK) pyproject.toml

clean:
	rm -rf $(VENV) build *.egg-info
