# parkmart: every target sets itself up from scratch on a machine with only Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup build test lint bench docs report clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

build: setup          ## build warehouse.duckdb from corpus/
	$(BIN)/parkmart build

test: setup           ## lint, then every test (pytest runs dbt build inside)
	$(BIN)/ruff check ingest tests
	$(BIN)/pytest

bench: setup
	$(BIN)/parkmart bench

docs: setup
	$(BIN)/parkmart docs --serve

clean:
	rm -rf $(VENV) target logs warehouse.duckdb warehouse.duckdb.*
