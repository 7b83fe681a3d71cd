# The targets the README tells people to run.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: setup practice test lint typecheck unit bench schema train train-embeddings evaluate clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Sparring needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

practice: setup  ## practise the reference scenario in the terminal
	$(BIN)/sparring practice q4-capacity

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest

test: lint typecheck unit  ## everything CI runs

schema: setup  ## regenerate docs/scenario.schema.json from the format's models
	$(BIN)/sparring schema > docs/scenario.schema.json

train: setup  ## retrain the act classifier from data/understanding/train (deterministic)
	$(BIN)/python -m sparring.understanding.training

train-embeddings: setup  ## retrain the optional embedding classifier (needs sparring[embeddings])
	$(BIN)/python -m sparring.understanding.embeddings

evaluate: setup  ## measure understanding on the held-out split and the external test sets
	$(BIN)/sparring eval understanding

bench: setup  ## speed benchmarks; writes docs/benchmarks.md
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
