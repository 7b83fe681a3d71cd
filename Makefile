# The targets the README tells people to run.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: setup start practice test lint typecheck unit bench bench-load bench-analytics screenshots schema scenarios-doc train train-embeddings evaluate crossval clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Sparring needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

start: setup  ## the web application with a demo organization
	$(BIN)/sparring serve

practice: setup  ## practise the reference scenario in the terminal
	$(BIN)/sparring practice q4-capacity

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest

test: lint typecheck unit  ## everything CI runs

schema: setup  ## regenerate docs/scenario.schema.json from the format's models
	$(BIN)/sparring schema > docs/scenario.schema.json

scenarios-doc: setup  ## regenerate docs/scenarios.md (figures per built-in scenario)
	$(BIN)/python scripts/scenarios_doc.py

train: setup  ## retrain the act classifier from data/understanding/train and the external train splits in $$SPARRING_DATA (deterministic)
	$(BIN)/python -m sparring.understanding.training

train-embeddings: setup  ## retrain the optional embedding classifier (needs sparring[embeddings])
	$(BIN)/python -m sparring.understanding.embeddings

evaluate: setup  ## measure understanding on the held-out split and the external test sets
	$(BIN)/sparring eval understanding

crossval: setup  ## cross-validated figures on training data only (corpus out of fold, Negochat train by dialogue and against the guide's reading): judge a change here, not on the test splits
	$(BIN)/python -m sparring.understanding.crossval

bench: setup  ## speed benchmarks; writes docs/benchmarks.md
	$(BIN)/python benchmarks/run.py

bench-load: setup  ## 50 concurrent learners against a running server; writes docs/benchmarks.md
	$(BIN)/python benchmarks/load.py

bench-analytics: setup  ## analytics pages and API over 100,000 sessions, PostgreSQL and SQLite; writes docs/benchmarks.md
	$(BIN)/python benchmarks/analytics.py

screenshots: setup  ## browser tests that save docs/screenshots/
	SPARRING_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/web/test_browser.py tests/web/test_browser_analytics.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
