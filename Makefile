# Onward: `make run` to use it, `make test` to prove it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint format bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Onward needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
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

clean:
	rm -rf $(VENV) build *.egg-info
